#pragma once

#include "models/domain/result.h"

#include <QStringList>

namespace civicdesk {

struct WorkstationOptions
{
    QString databasePath;     // the local store
    QString cityDir;          // the city pack to load when the store has none
    bool cityGiven = false;   // --city was given (a pack of another city is then not ignored)
    bool replaceCity = false; // --replace-city: the pack replaces the store's city
    QString checkCity;        // --check-city: read the pack, list every problem, write nothing
    QString language;         // "", "en" or "es"
    bool reimport = false;
    // The central store to sync with (--server, else the settings page); empty = standalone.
    QString serverUrl;
    bool serverGiven = false;
    // --wallboard: a full-screen wall display of today's figures instead of the desk.
    bool wallboard = false;
    // The telephony link (--cti, remembered in the settings): validated here, parsed again by
    // the adapter; "none" switches it off.
    QString cti;
    bool ctiGiven = false;
    // Lobby screens instead of the agent's window (on the same store and sync).
    bool kiosk = false;        // --kiosk: the self-service check-in
    bool displayBoard = false; // --display-board: now serving and the last called
    bool speakCalls = false;   // --speak-calls: the board says each call (Qt TextToSpeech)
    QString speakVoice;        // --speak-voice: the call-out's voice (empty: the default)
    // --startup-check: one key typed into the focus once the window is up, then quit.
    bool startupCheck = false;
};

// Parses and validates the workstation's command line. `--help` and `--version` print and exit
// inside QCommandLineParser; everything else comes back as options or a clear error.
Result<WorkstationOptions> parseCommandLine(const QStringList &arguments);

// Whether the command line asks only for what opens no window (--check-city, --help,
// --version), so that the program may run without a display. Read before any application object
// exists, from the raw arguments.
bool needsNoWindow(int argc, char *argv[]);

// The demo city shipped with CivicDesk: beside an installed binary, or in the source tree.
QString defaultCityDir();
QString defaultDatabasePath();

} // namespace civicdesk
