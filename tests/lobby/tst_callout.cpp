// The display board's spoken call-out, without audio: the words said for a call in English
// and in Spanish (the ticket spelled out), and a board whose speech engine is missing keeps
// showing every call, announces each new call and recall (what would be said), never the calls
// already on the board when it starts, and never blocks; the visitor's language is said first;
// a voice is chosen by name (with Flite when it is installed).

#include "models/lobby/lobbyservice.h"
#include "models/store/eventstore.h"
#include "tests/support/teststore.h"
#include "ui/lobby/callout.h"
#include "ui/lobby/displayboard.h"

#include <QTest>

using namespace civicdesk;

namespace {

// A lobby queue on a store of its own, as a board's PC has.
struct Lobby
{
    test::TempStore store;
    EventStore events{store.db()};
    LobbyService lobby{store.db(), events, QStringLiteral("lena")};

    Lobby()
    {
        events.setRole(AgentRole::Lobby);
        lobby.setCategories({QStringLiteral("Animals"), QStringLiteral("Food")});
    }
};

} // namespace

class TestCallOut : public QObject
{
    Q_OBJECT

private slots:
    void wordsForACall_data()
    {
        QTest::addColumn<QString>("ticket");
        QTest::addColumn<QString>("counter");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("said");
        QTest::newRow("en") << QStringLiteral("A012") << QStringLiteral("3") << QStringLiteral("en")
                            << QStringLiteral("Ticket A 0 1 2, counter 3");
        QTest::newRow("es") << QStringLiteral("A012") << QStringLiteral("3") << QStringLiteral("es")
                            << QStringLiteral("Turno A 0 1 2, ventanilla 3");
        QTest::newRow("two letters")
            << QStringLiteral("AB007") << QStringLiteral(" 12 ") << QStringLiteral("en")
            << QStringLiteral("Ticket A B 0 0 7, counter 12");
    }

    void wordsForACall()
    {
        QFETCH(QString, ticket);
        QFETCH(QString, counter);
        QFETCH(QString, language);
        QFETCH(QString, said);
        QCOMPARE(CallOut::text(ticket, counter, language), said);
    }

    void aBoardWithoutAnEngineShowsAndAnnouncesEveryCall()
    {
        Lobby queue;
        test::TempStore &store = queue.store;
        LobbyService &lobby = queue.lobby;
        const auto call = [&lobby](const QString &counter) {
            bool done = false;
            lobby.callNext({counter, {}}, [&done](Result<LobbyTicket> r) { done = r.ok(); });
            return done;
        };
        for (int i = 0; i < 3; ++i)
            QVERIFY(lobby.issue({QStringLiteral("Food"), {}, QStringLiteral("en"), {}, {}}).ok());
        QVERIFY(call(QStringLiteral("1"))); // on the board before it starts: not said

        CallOut callOut(QStringLiteral("no-such-engine"));
        QVERIFY(!callOut.available());
        QVERIFY(!callOut.status().isEmpty());
        DisplayBoard board(lobby.repository(), store.db().changes());
        board.setCallOut(&callOut);
        board.refresh();
        QCOMPARE(board.shownCalls(), QStringList{QStringLiteral("B001 1")});
        QVERIFY(callOut.lastTexts().isEmpty());

        QVERIFY(call(QStringLiteral("2")));
        QCOMPARE(board.shownCalls(),
                 QStringList({QStringLiteral("B002 2"), QStringLiteral("B001 1")}));
        QCOMPARE(callOut.lastTexts(), QStringList({QStringLiteral("Ticket B 0 0 2, counter 2"),
                                                   QStringLiteral("Turno B 0 0 2, ventanilla 2")}));
        // Counted again with nothing new: nothing said again.
        const QStringList before = callOut.lastTexts();
        board.refresh();
        QCOMPARE(callOut.lastTexts(), before);
        // A recall at counter 1 is said again.
        QTest::qWait(5); // a later call time than the first call's
        QVERIFY(lobby.recall(QStringLiteral("1")).ok());
        board.refresh();
        QCOMPARE(callOut.lastTexts().first(), QStringLiteral("Ticket B 0 0 1, counter 1"));
    }

    void theVisitorsLanguageIsSpokenFirst()
    {
        Lobby queue;
        test::TempStore &store = queue.store;
        LobbyService &lobby = queue.lobby;
        CallOut callOut(QStringLiteral("no-such-engine"));
        DisplayBoard board(lobby.repository(), store.db().changes());
        board.setCallOut(&callOut);
        board.refresh();
        QVERIFY(lobby.issue({QStringLiteral("Animals"), {}, QStringLiteral("es"), {}, {}}).ok());
        bool called = false;
        lobby.callNext({QStringLiteral("3"), {}},
                       [&called](Result<LobbyTicket> r) { called = r.ok(); });
        QVERIFY(called);
        QTRY_COMPARE(callOut.lastTexts(),
                     QStringList({QStringLiteral("Turno A 0 0 1, ventanilla 3"),
                                  QStringLiteral("Ticket A 0 0 1, counter 3")}));
        callOut.announce(QStringLiteral("A002"), QStringLiteral("1"), QStringLiteral("en"));
        QCOMPARE(callOut.lastTexts().first(), QStringLiteral("Ticket A 0 0 2, counter 1"));
    }

    void aVoiceIsChosenByNameOrRefusedWithTheNamesThereAre()
    {
        CallOut silent(QStringLiteral("no-such-engine"));
        QVERIFY(silent.setVoice({}).ok());
        const Status none = silent.setVoice(QStringLiteral("slt"));
        QVERIFY(!none.ok());
        QVERIFY2(none.error().message.contains(u"no-such-engine"),
                 qPrintable(none.error().message));
        if (!CallOut::builtWithSpeech())
            QSKIP("built without Qt TextToSpeech");
        CallOut flite(QStringLiteral("flite"));
        if (!flite.available())
            QSKIP(qPrintable(flite.status()));
        const QStringList voices = flite.voiceNames();
        QVERIFY(!voices.isEmpty());
        QVERIFY(flite.setVoice(voices.last()).ok());
        QCOMPARE(flite.voice(), voices.last());
        const Status unknown = flite.setVoice(QStringLiteral("no-such-voice"));
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.error().message.contains(voices.last()),
                 qPrintable(unknown.error().message));
        QCOMPARE(flite.voice(), voices.last()); // unchanged
    }
};

QTEST_MAIN(TestCallOut)
#include "tst_callout.moc"
