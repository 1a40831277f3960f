#include "app/workstation/commandline.h"

#ifdef CIVICDESK_WITH_CTI
#include "models/cti/ctiendpoint.h"
#endif

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUrl>

namespace civicdesk {

QString defaultCityDir()
{
    const QString besideBinary = QDir(QCoreApplication::applicationDirPath())
                                     .filePath(QStringLiteral("../share/civicdesk/cities/boston"));
    for (const QString &dir : {besideBinary, QStringLiteral(CIVICDESK_INSTALLED_CITY_DIR),
                               QStringLiteral(CIVICDESK_SOURCE_CITY_DIR)}) {
        if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("city.json"))))
            return QDir::cleanPath(dir);
    }
    return QStringLiteral(CIVICDESK_SOURCE_CITY_DIR);
}

QString defaultDatabasePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("civicdesk.sqlite"));
}

bool needsNoWindow(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--check-city" || argument.startsWith("--check-city=") ||
            argument == "--help" || argument == "--help-all" || argument == "-h" ||
            argument == "-?" || argument == "--version" || argument == "-v")
            return true;
    }
    return false;
}

Result<WorkstationOptions> parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "CommandLine", "CivicDesk, the 311 contact-center workstation."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption database(
        QStringLiteral("database"),
        QCoreApplication::translate("CommandLine",
                                    "The workstation's local store (SQLite file). Default: %1")
            .arg(defaultDatabasePath()),
        QStringLiteral("PATH"));
    const QCommandLineOption city(
        QStringLiteral("city"),
        QCoreApplication::translate("CommandLine",
                                    "City pack to load when the store holds no city yet (or "
                                    "with --reimport). Default: the Boston demo city, %1")
            .arg(defaultCityDir()),
        QStringLiteral("DIR"));
    const QCommandLineOption lang(
        QStringLiteral("lang"),
        QCoreApplication::translate("CommandLine",
                                    "User interface language: en or es. Default: the system "
                                    "language if supported, else English."),
        QStringLiteral("en|es"));
    const QCommandLineOption reimport(
        QStringLiteral("reimport"),
        QCoreApplication::translate("CommandLine",
                                    "Load the city pack again even if the store already has "
                                    "it (idempotent)."));
    const QCommandLineOption checkCity(
        QStringLiteral("check-city"),
        QCoreApplication::translate("CommandLine",
                                    "Read a city pack as loading it would, list every problem "
                                    "(file, line or key, what was expected) and exit: 0 when "
                                    "there is none, 1 otherwise. Writes nothing."),
        QStringLiteral("DIR"));
    const QCommandLineOption replaceCity(
        QStringLiteral("replace-city"),
        QCoreApplication::translate("CommandLine",
                                    "Replace the city the store holds by the --city pack (a "
                                    "store holds one city; refused when requests were "
                                    "recorded in it)."));
    const QCommandLineOption server(
        QStringLiteral("server"),
        QCoreApplication::translate("CommandLine",
                                    "The central store to sync with, e.g. "
                                    "https://311.example.org (remembered in the settings). "
                                    "Without one the workstation runs standalone on its local "
                                    "store."),
        QStringLiteral("URL"));
    const QCommandLineOption wallboard(
        QStringLiteral("wallboard"),
        QCoreApplication::translate("CommandLine",
                                    "Show the wallboard full screen (today's figures for a wall "
                                    "screen, no personal data) instead of the desk. Supervisors "
                                    "and admins only."));
    const QCommandLineOption cti(
        QStringLiteral("cti"),
        QCoreApplication::translate("CommandLine",
                                    "The phone whose calls pop up on screen (remembered in the "
                                    "settings): baresip:HOST:PORT for the agent's baresip "
                                    "softphone (its ctrl_tcp module), socket:HOST:PORT or "
                                    "socket:/PATH for a call-event bridge, none to switch it "
                                    "off."),
        QStringLiteral("SPEC"));
    const QCommandLineOption kiosk(
        QStringLiteral("kiosk"),
        QCoreApplication::translate("CommandLine",
                                    "Run as the lobby's self-service check-in kiosk (full "
                                    "screen, large touch buttons, English and Spanish)."));
    const QCommandLineOption board(
        QStringLiteral("display-board"),
        QCoreApplication::translate("CommandLine",
                                    "Run as the lobby's display board: now serving and the "
                                    "last tickets called (numbers only)."));
    const QCommandLineOption speakCalls(
        QStringLiteral("speak-calls"),
        QCoreApplication::translate("CommandLine",
                                    "With --display-board: say each call aloud in the visitor's "
                                    "language, then the other (\"Ticket A 0 1 2, counter 3\"); "
                                    "silent when no speech engine is installed."));
    const QCommandLineOption speakVoice(
        QStringLiteral("speak-voice"),
        QCoreApplication::translate("CommandLine",
                                    "With --speak-calls: the speech engine's voice to use (an "
                                    "unknown name lists the voices there are)."),
        QStringLiteral("NAME"));
    const QCommandLineOption startupCheck(
        QStringLiteral("startup-check"),
        QCoreApplication::translate("CommandLine",
                                    "Start as usual, type one key into the field that has the "
                                    "keyboard focus once the window is up, erase it, print how "
                                    "long that took and quit: 0 when the key landed, 1 "
                                    "otherwise (for benchmarks and install checks)."));
    parser.addOptions({database, city, lang, reimport, checkCity, replaceCity, server, wallboard,
                       cti, kiosk, board, speakCalls, speakVoice, startupCheck});
    if (!parser.parse(arguments))
        return makeError(QStringLiteral("cli.parse"), parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        return makeError(
            QStringLiteral("cli.parse"),
            QCoreApplication::translate("CommandLine", "Unexpected argument \"%1\". See --help.")
                .arg(parser.positionalArguments().first()));
    WorkstationOptions options;
    options.databasePath = parser.isSet(database) ? parser.value(database) : defaultDatabasePath();
    options.cityDir = parser.isSet(city) ? parser.value(city) : defaultCityDir();
    options.language = parser.value(lang).trimmed().toLower();
    options.reimport = parser.isSet(reimport);
    options.wallboard = parser.isSet(wallboard);
    options.cityGiven = parser.isSet(city);
    options.startupCheck = parser.isSet(startupCheck);
    options.replaceCity = parser.isSet(replaceCity);
    options.kiosk = parser.isSet(kiosk);
    options.displayBoard = parser.isSet(board);
    options.speakCalls = parser.isSet(speakCalls);
    options.speakVoice = parser.value(speakVoice).trimmed();
    if (parser.isSet(speakVoice) && !options.speakCalls)
        return makeError(QStringLiteral("usage"),
                         QCoreApplication::translate("CommandLine",
                                                     "--speak-voice chooses the voice of "
                                                     "--speak-calls: add --display-board "
                                                     "--speak-calls."));
    if (options.speakCalls && !options.displayBoard)
        return makeError(QStringLiteral("usage"),
                         QCoreApplication::translate("CommandLine",
                                                     "--speak-calls is for the display board: "
                                                     "add --display-board."));
    if (options.kiosk && options.displayBoard)
        return makeError(QStringLiteral("usage"),
                         QCoreApplication::translate("CommandLine",
                                                     "--kiosk and --display-board are two "
                                                     "screens: start one program for each."));
    options.checkCity = parser.value(checkCity);
    if (parser.isSet(checkCity) && !QFileInfo(options.checkCity).isDir())
        return makeError(
            QStringLiteral("cli.city"),
            QCoreApplication::translate("CommandLine", "--check-city: \"%1\" is not a folder.")
                .arg(options.checkCity));
    if (options.replaceCity && !options.cityGiven)
        return makeError(
            QStringLiteral("cli.city"),
            QCoreApplication::translate("CommandLine", "--replace-city goes with --city DIR."));
    options.serverGiven = parser.isSet(server);
    options.serverUrl = parser.value(server).trimmed();
    if (options.serverGiven && !options.serverUrl.isEmpty()) {
        const QUrl url(options.serverUrl, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != u"http" && url.scheme() != u"https"))
            return makeError(QStringLiteral("cli.server"),
                             QCoreApplication::translate("CommandLine",
                                                         "--server: \"%1\" is not an http or "
                                                         "https address.")
                                 .arg(options.serverUrl));
    }
    options.ctiGiven = parser.isSet(cti);
    options.cti = parser.value(cti).trimmed();
    if (options.ctiGiven) {
#ifdef CIVICDESK_WITH_CTI
        if (auto endpoint = CtiEndpoint::parse(options.cti); !endpoint)
            return makeError(QStringLiteral("cli.cti"), u"--cti: " + endpoint.error().message);
#else
        if (options.cti != u"none")
            return makeError(QStringLiteral("cli.cti"),
                             QCoreApplication::translate("CommandLine",
                                                         "--cti: this build has no telephony "
                                                         "(CIVICDESK_WITH_CTI=OFF)."));
#endif
    }
    if (!options.language.isEmpty() && options.language != u"en" && options.language != u"es")
        return makeError(
            QStringLiteral("cli.lang"),
            QCoreApplication::translate("CommandLine", "--lang must be en or es, not \"%1\".")
                .arg(parser.value(lang)));
    if (options.databasePath.trimmed().isEmpty())
        return makeError(
            QStringLiteral("cli.database"),
            QCoreApplication::translate("CommandLine", "--database needs a file path."));
    if (parser.isSet(city) && !QFileInfo(options.cityDir).isDir())
        return makeError(
            QStringLiteral("cli.city"),
            QCoreApplication::translate("CommandLine", "--city: \"%1\" is not a folder.")
                .arg(options.cityDir));
    return options;
}

} // namespace civicdesk
