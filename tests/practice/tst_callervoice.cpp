// The practice caller's voice (issue 17, item 2): with the voice on, each line the caller says
// — the opening, each fact asked for, a live trainer's lines — is handed to the Qt TextToSpeech
// engine in the caller's language, and nothing the trainee says is; the transcript shows every
// line whether spoken or not. Without an engine, or without a voice in the caller's language,
// nothing is spoken and the transcript says why, once. The engine here is the "recorder"
// (tests/support/recordingspeech.h), reached through QTextToSpeech like flite.

#include "tests/support/recordingspeech.h"
#include "tests/support/recordingspeechenglish.h"
#include "ui/practice/callerpanel.h"
#include "ui/practice/callervoice.h"

#include <QTest>
#include <QTextToSpeech>
#include <QtPlugin>

Q_IMPORT_PLUGIN(RecordingSpeechPlugin)
Q_IMPORT_PLUGIN(EnglishRecordingSpeechPlugin)

using namespace civicdesk;

namespace {

const QLocale SpanishUs(QLocale::Spanish, QLocale::UnitedStates);
const QLocale EnglishUs(QLocale::English, QLocale::UnitedStates);

Scenario spanishCaller()
{
    Scenario s;
    s.id = QStringLiteral("bache-es");
    s.title = QStringLiteral("Bache en Brighton");
    s.language = QStringLiteral("es");
    s.caller.name = QStringLiteral("Lucía Gómez");
    s.caller.language = QStringLiteral("es");
    s.opening = QStringLiteral("Hola, hay un bache enorme en mi calle.");
    s.location = QStringLiteral("En el 20 de Washington Street, en Brighton.");
    s.details = QStringLiteral("Es muy hondo, los coches lo esquivan.");
    return s;
}

Scenario englishCaller()
{
    Scenario s;
    s.id = QStringLiteral("pothole-en");
    s.title = QStringLiteral("Pothole");
    s.caller.name = QStringLiteral("Denise Walker");
    s.opening = QStringLiteral("Hi, I want to report a pothole.");
    s.location = QStringLiteral("In front of 40 Centre Street.");
    return s;
}

QStringList texts()
{
    QStringList out;
    for (const test::SpokenLine &line : std::as_const(test::spokenLines()))
        out.append(line.text);
    return out;
}

} // namespace

class TestCallerVoice : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        test::spokenLines().clear();
        test::recorderLocales() = {EnglishUs, SpanishUs};
        test::recorderFails() = false;
    }

    void theRecorderIsAnEngine()
    {
        QVERIFY(CallerVoice::builtWithSpeech());
        QVERIFY(QTextToSpeech::availableEngines().contains(test::recordingSpeechEngine()));
    }

    void theCallersLinesAreSpokenInTheirLanguage()
    {
        CallerVoice voice(test::recordingSpeechEngine());
        QVERIFY(!voice.isOn());
        QVERIFY(voice.setOn(true));
        QVERIFY2(voice.status().contains(u"recorder"), qPrintable(voice.status()));
        const Scenario s = spanishCaller();
        CallerPanel panel(s, {}, {});
        panel.setVoice(&voice); // the run starts with the voice on: the opening is said
        QTRY_COMPARE(texts(), QStringList{s.opening});
        QCOMPARE(test::spokenLines().first().locale, SpanishUs);
        panel.ask(FactKind::Location);
        panel.ask(FactKind::Details); // asked while the location is being said: queued
        QTRY_COMPARE(texts(), QStringList({s.opening, s.location, s.details}));
        for (const test::SpokenLine &line : std::as_const(test::spokenLines()))
            QCOMPARE(line.locale, SpanishUs);
        // The transcript has the trainee's questions too; those are not said by the caller.
        QVERIFY(panel.transcript().contains(s.location));
        QVERIFY(panel.transcript().size() > texts().size());
    }

    void offSaysNothingAndShowsEverything()
    {
        CallerVoice voice(test::recordingSpeechEngine());
        const Scenario s = spanishCaller();
        CallerPanel panel(s, {}, {});
        panel.setVoice(&voice);
        panel.ask(FactKind::Location);
        QTest::qWait(20);
        QVERIFY(texts().isEmpty());
        QVERIFY(panel.transcript().contains(s.location));

        // Turned on mid-call: the caller's last line is said again, then each new one.
        QVERIFY(voice.setOn(true));
        panel.voiceSwitched();
        QTRY_COMPARE(texts(), QStringList{s.location});
        // Off again: the transcript says so; what follows is shown only.
        QVERIFY(voice.setOn(false));
        panel.voiceSwitched();
        QVERIFY(panel.transcript().last().contains(u"not spoken"));
        panel.ask(FactKind::Details);
        QTest::qWait(20);
        QCOMPARE(texts(), QStringList{s.location});
        QCOMPARE(panel.transcript().last(), s.details);
    }

    void aLiveTrainersLinesAreSpoken()
    {
        CallerVoice voice(test::recordingSpeechEngine());
        QVERIFY(voice.setOn(true));
        Scenario s = spanishCaller();
        CallerPanel panel(s, {}, {});
        panel.setLiveCaller([](const QString &) {});
        panel.setVoice(&voice);
        QTest::qWait(20);
        QVERIFY(texts().isEmpty()); // the live call's own notice is not the caller's
        panel.hearLine(QStringLiteral("Está delante del número 20."));
        QTRY_COMPARE(texts(), QStringList{QStringLiteral("Está delante del número 20.")});
        QCOMPARE(test::spokenLines().first().locale, SpanishUs);
    }

    // Flite has English voices only; Spanish comes from speech-dispatcher with espeak-ng. Each
    // caller is spoken by the first engine with a voice in their language, and lines of both
    // engines are said one after the other.
    void eachLanguageIsSpokenByAnEngineThatHasIt()
    {
        CallerVoice voice(
            QStringList{test::englishRecordingSpeechEngine(), test::recordingSpeechEngine()});
        QVERIFY(voice.setOn(true));
        QVERIFY2(voice.status().contains(u"recorder-en"), qPrintable(voice.status()));
        const Scenario es = spanishCaller();
        CallerPanel spanish(es, {}, {});
        spanish.setVoice(&voice);
        QTRY_COMPARE(texts(), QStringList{es.opening});
        QCOMPARE(test::spokenLines().last().locale, SpanishUs);
        QCOMPARE(voice.engineFor(QStringLiteral("es")), test::recordingSpeechEngine());

        const Scenario en = englishCaller();
        CallerPanel english(en, {}, {});
        english.setVoice(&voice);
        english.ask(FactKind::Location);
        spanish.ask(FactKind::Location); // queued behind the English lines, on the other engine
        QTRY_COMPARE(texts(), QStringList({es.opening, en.opening, en.location, es.location}));
        const QList<test::SpokenLine> &lines = test::spokenLines();
        QCOMPARE(lines.at(1).locale, EnglishUs);
        QCOMPARE(lines.at(2).locale, EnglishUs);
        QCOMPARE(lines.at(3).locale, SpanishUs);
        QCOMPARE(voice.engineFor(QStringLiteral("en")), test::englishRecordingSpeechEngine());
        // Nothing said in Spanish by the English-only engine, nor the other way round.
        QVERIFY(!spanish.transcript().join(u'\n').contains(u"language (es)"));
    }

    void noVoiceInTheCallersLanguageIsSaidOnce()
    {
        test::recorderLocales() = {EnglishUs}; // like flite: English voices only
        CallerVoice voice(test::recordingSpeechEngine());
        QVERIFY(voice.setOn(true));
        const Scenario s = spanishCaller();
        CallerPanel panel(s, {}, {});
        panel.setVoice(&voice);
        panel.ask(FactKind::Location);
        panel.ask(FactKind::Details);
        QTest::qWait(20);
        QVERIFY(texts().isEmpty()); // never Spanish read by an English voice
        const QStringList lines = panel.transcript();
        QVERIFY2(lines.filter(u"language (es)").size() == 1, qPrintable(lines.join(u"\n")));
        QVERIFY(lines.contains(s.opening) && lines.contains(s.location) &&
                lines.contains(s.details));
    }

    // Flite with no audio device fails each line: the panel says why, once, and keeps showing.
    void anEngineThatStopsIsSaidOnce()
    {
        test::recorderFails() = true;
        CallerVoice voice(test::recordingSpeechEngine());
        QVERIFY(voice.setOn(true));
        const Scenario s = spanishCaller();
        CallerPanel panel(s, {}, {});
        panel.setVoice(&voice);
        QTRY_VERIFY(panel.transcript().last().contains(u"No audio device available"));
        panel.ask(FactKind::Location);
        QTest::qWait(20);
        QCOMPARE(panel.transcript().filter(u"No audio device available").size(), 1);
        QCOMPARE(panel.transcript().last(), s.location);
        // Turned off and on again, it does not claim to speak.
        QVERIFY(voice.setOn(false));
        QVERIFY(!voice.setOn(true));
        QVERIFY(voice.status().contains(u"No audio device available"));
    }

    void noEngineIsSaidAndNothingIsSpoken()
    {
        CallerVoice voice(QStringLiteral("no-such-engine"));
        QVERIFY(!voice.setOn(true));
        QVERIFY(!voice.isOn());
        QVERIFY2(voice.status().contains(u"no-such-engine"), qPrintable(voice.status()));
        const Scenario s = spanishCaller();
        CallerPanel panel(s, {}, {});
        panel.setVoice(&voice);
        panel.voiceSwitched();
        QCOMPARE(panel.transcript().last(), voice.status());
        panel.ask(FactKind::Location);
        QCOMPARE(panel.transcript().last(), s.location);
        QVERIFY(texts().isEmpty());
    }
};

QTEST_MAIN(TestCallerVoice)
#include "tst_callervoice.moc"
