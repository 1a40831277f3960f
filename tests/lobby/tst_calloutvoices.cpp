// The board's call-out in each language's own voice, without a sound card: which installed
// engine says English and which says Spanish (Flite has English voices only; speech-dispatcher
// with espeak-ng has Spanish ones), and the calls said through the recording engine
// (tests/support/recordingspeech.h), each line in its language's locale, one after the other.

#include "tests/support/recordingspeech.h"
#include "ui/lobby/callout.h"

#include <QTest>
#include <QTextToSpeech>
#include <QtPlugin>

Q_IMPORT_PLUGIN(RecordingSpeechPlugin)

using namespace civicdesk;

namespace {

const QLocale EnglishUs(QLocale::English, QLocale::UnitedStates);
const QLocale EnglishGb(QLocale::English, QLocale::UnitedKingdom);
const QLocale SpanishUs(QLocale::Spanish, QLocale::UnitedStates);
const QLocale SpanishSpain(QLocale::Spanish, QLocale::Spain);
const QLocale SpanishMexico(QLocale::Spanish, QLocale::Mexico);
const QStringList Languages = {QStringLiteral("en"), QStringLiteral("es")};

} // namespace

class TestCallOutVoices : public QObject
{
    Q_OBJECT

private slots:
    void eachLanguageGoesToAnEngineThatSpeaksIt()
    {
        const CallOut::EngineLocales flite{QStringLiteral("flite"), {EnglishUs}};
        const CallOut::EngineLocales speechd{QStringLiteral("speechd"),
                                             {EnglishGb, SpanishSpain, SpanishMexico}};
        // Flite chosen: English stays with it, Spanish goes to speech-dispatcher.
        auto chosen = CallOut::enginesByLanguage({flite, speechd}, Languages);
        QCOMPARE(chosen.value(QStringLiteral("en")), QStringLiteral("flite"));
        QCOMPARE(chosen.value(QStringLiteral("es")), QStringLiteral("speechd"));
        // speech-dispatcher chosen: it says both.
        chosen = CallOut::enginesByLanguage({speechd, flite}, Languages);
        QCOMPARE(chosen.value(QStringLiteral("en")), QStringLiteral("speechd"));
        QCOMPARE(chosen.value(QStringLiteral("es")), QStringLiteral("speechd"));
        // Flite alone: the Spanish call is still said, by Flite (better than silence).
        chosen = CallOut::enginesByLanguage({flite}, Languages);
        QCOMPARE(chosen.value(QStringLiteral("es")), QStringLiteral("flite"));
        QVERIFY(CallOut::enginesByLanguage({}, Languages).isEmpty());
    }

    void theLocaleOfTheLanguagePrefersTheUnitedStates()
    {
        QCOMPARE(CallOut::localeFor({SpanishSpain, SpanishUs, EnglishUs}, QStringLiteral("es")),
                 SpanishUs);
        QCOMPARE(CallOut::localeFor({EnglishGb, SpanishMexico}, QStringLiteral("es")),
                 SpanishMexico);
        QCOMPARE(CallOut::localeFor({EnglishGb}, QStringLiteral("en")), EnglishGb);
        // No voice in the language: the language's own locale (the engine keeps its voice).
        QCOMPARE(CallOut::localeFor({EnglishUs}, QStringLiteral("es")), SpanishUs);
    }

    void aSpanishCallIsSaidInASpanishVoiceThenInEnglish()
    {
        test::recorderLocales() = {EnglishUs, SpanishUs};
        test::spokenLines().clear();
        CallOut callOut(test::recordingSpeechEngine());
        QVERIFY2(callOut.available(), qPrintable(callOut.status()));
        QCOMPARE(callOut.engineFor(QStringLiteral("es")), test::recordingSpeechEngine());
        QCOMPARE(callOut.engineFor(QStringLiteral("en")), test::recordingSpeechEngine());
        callOut.announce(QStringLiteral("A012"), QStringLiteral("3"), QStringLiteral("es"));
        QTRY_COMPARE(test::spokenLines().size(), 2);
        QCOMPARE(test::spokenLines().at(0).text, QStringLiteral("Turno A 0 1 2, ventanilla 3"));
        QCOMPARE(test::spokenLines().at(0).locale, SpanishUs);
        QCOMPARE(test::spokenLines().at(1).text, QStringLiteral("Ticket A 0 1 2, counter 3"));
        QCOMPARE(test::spokenLines().at(1).locale, EnglishUs);
        // Two calls in a row: four lines, in order, none cut off.
        test::spokenLines().clear();
        callOut.announce(QStringLiteral("B001"), QStringLiteral("1"), QStringLiteral("en"));
        callOut.announce(QStringLiteral("B002"), QStringLiteral("2"), QStringLiteral("es"));
        QTRY_COMPARE(test::spokenLines().size(), 4);
        QStringList said;
        for (const test::SpokenLine &line : std::as_const(test::spokenLines()))
            said.append(line.locale.name() + u' ' + line.text);
        QCOMPARE(said, QStringList({QStringLiteral("en_US Ticket B 0 0 1, counter 1"),
                                    QStringLiteral("es_US Turno B 0 0 1, ventanilla 1"),
                                    QStringLiteral("es_US Turno B 0 0 2, ventanilla 2"),
                                    QStringLiteral("en_US Ticket B 0 0 2, counter 2")}));
    }
};

QTEST_MAIN(TestCallOutVoices)
#include "tst_calloutvoices.moc"
