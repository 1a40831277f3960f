#pragma once

#include <QString>

// A second recording Qt TextToSpeech engine, "recorder-en", with English voices only (as Flite
// has): the recorder's engine (recordingspeech.h) made with en_US as its one voice. Its lines go
// to the same test::spokenLines(). Import it once with
// Q_IMPORT_PLUGIN(EnglishRecordingSpeechPlugin) beside RecordingSpeechPlugin.
namespace civicdesk::test {

inline QString englishRecordingSpeechEngine()
{
    return QStringLiteral("recorder-en");
}

} // namespace civicdesk::test
