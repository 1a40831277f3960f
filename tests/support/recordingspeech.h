#pragma once

#include <QList>
#include <QLocale>
#include <QString>

// A Qt TextToSpeech engine for tests, "recorder": it is asked to say lines like any engine
// (flite, speechd) through QTextToSpeech, and keeps each line with the locale it was to be said
// in, instead of playing audio. Linked in statically; import it once in the test with
// Q_IMPORT_PLUGIN(RecordingSpeechPlugin).
namespace civicdesk::test {

struct SpokenLine
{
    QString text;
    QLocale locale;
};

// The engine's name for QTextToSpeech.
inline QString recordingSpeechEngine()
{
    return QStringLiteral("recorder");
}
// Every line any recorder engine of this process was asked to say, oldest first.
QList<SpokenLine> &spokenLines();
// The voices the recorder offers (en_US and es_US unless a test sets others before the engine
// is made).
QList<QLocale> &recorderLocales();
// When set, the recorder keeps each line and then fails as Flite does without an audio device.
bool &recorderFails();

} // namespace civicdesk::test
