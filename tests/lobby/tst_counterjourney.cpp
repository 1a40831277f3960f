// The lobby counter driven by the keyboard in the real main window at 1366x768: every key goes
// to QApplication::focusWidget() and the focused widget stays on screen. Call next takes the
// accessibility ticket first, recall counts, F11 starts the walk-in contact in the visitor's
// language, F12 finishes the visit with its notes and contact; park and transfer take their
// note and destination from the fields. Results are read through the lobby and history APIs.
// The kiosk is driven the same way in Spanish, and the display board shows numbers, never names.

#include "models/requests/historyrepository.h"
#include "models/workstation/storecontext.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/intake/contactflow.h"
#include "ui/intake/intakepanel.h"
#include "ui/lobby/counterpanel.h"
#include "ui/lobby/displayboard.h"
#include "ui/lobby/kioskwindow.h"

#include <QApplication>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QPrinterInfo>
#include <QPushButton>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

class TestCounterJourney : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    QTemporaryDir m_dir;

    LobbyTicket issue(StoreContext &store, const QString &category, const QString &language,
                      const QString &need = {}, const QString &name = {})
    {
        auto issued = store.lobby.issue({category, {}, language, need, name});
        if (!issued)
            qFatal("issue: %s", qPrintable(issued.error().message));
        return issued.value().ticket;
    }

    // The kiosk on its own screen of 1366x768, its tickets printed to the test's folder.
    bool showKiosk(KioskWindow &kiosk)
    {
        kiosk.setTicketFolder(m_dir.filePath(QStringLiteral("tickets")));
        kiosk.resize(1366, 768);
        kiosk.show();
        return QTest::qWaitForWindowActive(&kiosk);
    }

private slots:
    void init() { m_store = test::miniCityStore(); }

    // A phone call ringing on the counter's PC never becomes the visitor's contact: F11 says
    // so and starts nothing; once the call is gone F11 starts the contact, channel walk-in,
    // with no call, and the intake shows that channel.
    void aWalkInNeverTakesTheRingingCall()
    {
        Settings settings(m_dir.filePath(QStringLiteral("ringing.ini")));
        StoreContext store(m_store->db(), QStringLiteral("lena"), AgentRole::Lobby);
        issue(store, QStringLiteral("Food"), QStringLiteral("en"));
        auto window = test::openMainWindow(store, settings);
        QVERIFY(window);
        IntakePanel *intake = window->intakePanel();
        intake->setTelephonyShown(true);
        CallPresentation ringing;
        ringing.kind = CallPresentation::Kind::NewCaller;
        ringing.call.callId = QStringLiteral("pbx-7");
        ringing.call.number = QStringLiteral("+16175550100");
        ringing.call.offeredAt = QDateTime::currentDateTimeUtc();
        ringing.phoneText = QStringLiteral("(617) 555-0100");
        ringing.numberText = ringing.phoneText;
        intake->presentCall(ringing);
        test::Journey j;
        QVERIFY(j.press(Qt::Key_L, Qt::ControlModifier | Qt::AltModifier));
        QVERIFY(j.press(Qt::Key_F5));
        QTRY_VERIFY(store.lobby.current(QStringLiteral("1")).has_value());

        QVERIFY(j.press(Qt::Key_F11));
        QVERIFY(intake->contactId().isEmpty());
        const QString refusal = ContactFlow::tr("A phone call is on screen: answer it or let it "
                                                "go before you start the walk-in contact.");
        bool said = false;
        for (const QLabel *label : window->findChildren<QLabel *>())
            said |= label->isVisible() && label->text().contains(refusal);
        QVERIFY(said);

        // The caller gives up: the pop clears, and F11 starts the visitor's contact.
        intake->callEnded(QStringLiteral("pbx-7"), QDateTime::currentDateTimeUtc(),
                          CallEndCause::Missed, {});
        QVERIFY(j.press(Qt::Key_L, Qt::ControlModifier | Qt::AltModifier));
        QVERIFY(j.press(Qt::Key_F11));
        QVERIFY(!intake->contactId().isEmpty());
        QCOMPARE(intake->session().channel(), Channel::WalkIn);
        auto *channel = window->findChild<QComboBox *>(QStringLiteral("channelComboBox"));
        QCOMPARE(channel->currentData().toString(), QStringLiteral("walk_in"));
        const QList<HistoryEntry> contacts =
            HistoryRepository(m_store->db()).forAgent(QStringLiteral("lena"));
        QVERIFY(!contacts.isEmpty());
        QCOMPARE(contacts.first().contact.channel, Channel::WalkIn);
        QVERIFY(contacts.first().contact.call.callId.isEmpty());
    }

    void aVisitByKeyboard()
    {
        Settings settings(m_dir.filePath(QStringLiteral("counter.ini")));
        StoreContext store(m_store->db(), QStringLiteral("lena"), AgentRole::Lobby);
        QVERIFY(store.lobby.categories().contains(QStringLiteral("Animals")));
        const LobbyTicket first = issue(store, QStringLiteral("Food"), QStringLiteral("en"));
        const LobbyTicket spanish = issue(store, QStringLiteral("Animals"), QStringLiteral("es"),
                                          QStringLiteral("wheelchair"), QStringLiteral("Ana"));
        const LobbyTicket third = issue(store, QStringLiteral("Food"), QStringLiteral("en"));
        auto window = test::openMainWindow(store, settings);
        QVERIFY(window);
        window->intakePanel()->setFocus();
        test::Journey j;

        QVERIFY(j.press(Qt::Key_L, Qt::ControlModifier | Qt::AltModifier));
        QCOMPARE(j.focusName(), QStringLiteral("counterQueueTreeWidget"));
        // Enter on a ticket further down calls it out of order, and wants the reason first.
        QVERIFY(j.press(Qt::Key_Down));
        QVERIFY(j.press(Qt::Key_Return));
        QCOMPARE(j.focusName(), QStringLiteral("counterReasonLineEdit"));
        QVERIFY(!store.lobby.current(QStringLiteral("1")));
        QVERIFY(j.press(Qt::Key_F5));
        QTRY_VERIFY(store.lobby.current(QStringLiteral("1")).has_value());
        QCOMPARE(store.lobby.current(QStringLiteral("1"))->id, spanish.id); // accessibility first
        // The card says the need in the agent's words, never the stored code.
        auto *card = window->findChild<QLabel *>(QStringLiteral("visitCardLabel"));
        QVERIFY2(card->text().contains(u"needs: wheelchair or mobility"), qPrintable(card->text()));
        QVERIFY(j.press(Qt::Key_F6));
        QCOMPARE(store.lobby.current(QStringLiteral("1"))->recalls, 1);

        // One key: the walk-in contact, in Spanish, in intake.
        QVERIFY(j.press(Qt::Key_F11));
        const QString contactId = window->intakePanel()->contactId();
        QVERIFY(!contactId.isEmpty());
        const QList<HistoryEntry> contacts =
            HistoryRepository(m_store->db()).forAgent(QStringLiteral("lena"));
        QVERIFY(!contacts.isEmpty());
        QCOMPARE(contacts.first().contact.channel, Channel::WalkIn);
        auto *language = window->findChild<QComboBox *>(QStringLiteral("callerLanguageComboBox"));
        QCOMPARE(language->currentData().toString(), QStringLiteral("es"));
        // The intake shows the channel it was started with: the contact bar and its timer.
        auto *channel = window->findChild<QComboBox *>(QStringLiteral("channelComboBox"));
        QCOMPARE(channel->currentData().toString(), QStringLiteral("walk_in"));
        auto *timer = window->findChild<QLabel *>(QStringLiteral("contactTimerLabel"));
        QVERIFY2(timer->text().startsWith(channel->currentText()), qPrintable(timer->text()));
        QCOMPARE(window->intakePanel()->session().channel(), Channel::WalkIn);

        // Back at the counter: the notes, then F12.
        QVERIFY(j.press(Qt::Key_L, Qt::ControlModifier | Qt::AltModifier));
        QVERIFY(j.press(Qt::Key_I, Qt::AltModifier)); // "V&isit notes" (Alt+N is the intake's Name)
        QCOMPARE(j.focusName(), QStringLiteral("visitNotesPlainTextEdit"));
        QVERIFY(j.type("visitNotesPlainTextEdit", QStringLiteral("asked about a permit")));
        QVERIFY(j.press(Qt::Key_F12));
        const auto served = store.lobby.repository().ticket(spanish.id);
        QCOMPARE(served->state, TicketState::Served);
        QCOMPARE(served->contactId, contactId);
        QCOMPARE(served->notes, QStringLiteral("asked about a permit"));
        QCOMPARE(served->outcome, QStringLiteral("information_given"));

        // The next one is parked with a note typed in the reason field.
        QVERIFY(j.press(Qt::Key_F5));
        QCOMPARE(store.lobby.current(QStringLiteral("1"))->id, first.id);
        QVERIFY(j.press(Qt::Key_S, Qt::AltModifier)); // "Rea&son or note" (Alt+R is Practice)
        QCOMPARE(j.focusName(), QStringLiteral("counterReasonLineEdit"));
        QVERIFY(j.type("counterReasonLineEdit", QStringLiteral("fills in the form")));
        QVERIFY(j.press(Qt::Key_F8));
        QCOMPARE(store.lobby.repository().ticket(first.id)->state, TicketState::Parked);
        QCOMPARE(store.lobby.repository().ticket(first.id)->notes,
                 QStringLiteral("fills in the form"));

        // And the last one goes to counter 4.
        QVERIFY(j.press(Qt::Key_F5));
        QCOMPARE(store.lobby.current(QStringLiteral("1"))->id, third.id);
        QVERIFY(j.press(Qt::Key_S, Qt::AltModifier)); // the reason, then the counter after it
        QVERIFY(j.press(Qt::Key_Tab));
        QCOMPARE(j.focusName(), QStringLiteral("transferCounterLineEdit"));
        QVERIFY(j.type("transferCounterLineEdit", QStringLiteral("4")));
        QVERIFY(j.press(Qt::Key_F9));
        QCOMPARE(store.lobby.repository().ticket(third.id)->targetCounter, QStringLiteral("4"));
        QVERIFY(!store.lobby.current(QStringLiteral("1")));
        // Nobody left for counter 1: a clear message, nothing called.
        QVERIFY(j.press(Qt::Key_F5));
        auto *message = window->findChild<QLabel *>(QStringLiteral("counterMessageLabel"));
        QTRY_VERIFY(message->text().contains(u"Nobody is waiting"));
        qInfo("counter journey: %d keys", j.keys);
    }

    void theKioskInSpanishByKeyboard()
    {
        StoreContext store(m_store->db(), QStringLiteral("kiosk"), AgentRole::Lobby);
        KioskWindow kiosk(store.lobby, QStringLiteral("Mini Boston"));
        QVERIFY(showKiosk(kiosk));
        test::Journey j;
        QCOMPARE(j.focusName(), QStringLiteral("kioskEnglishButton"));
        QVERIFY(j.press(Qt::Key_Tab));
        QCOMPARE(j.focusName(), QStringLiteral("kioskSpanishButton"));
        QVERIFY(j.press(Qt::Key_Space));
        QCOMPARE(j.focusName(), QStringLiteral("kioskReason0Button"));
        auto *reason = kiosk.findChild<QLabel *>(QStringLiteral("kioskReasonLabel"));
        QCOMPARE(reason->text(), QStringLiteral("¿Cuál es el motivo de su visita?"));
        // The reasons are the city's categories under the names its pack gives in Spanish.
        const QStringList categories = store.lobby.categories();
        const auto reasonButton = [&kiosk, &categories](const char *category) {
            return kiosk
                .findChild<QPushButton *>(QStringLiteral("kioskReason%1Button")
                                              .arg(categories.indexOf(QLatin1String(category))))
                ->text();
        };
        QCOMPARE(reasonButton("Animals"), QStringLiteral("Animales"));
        QCOMPARE(reasonButton("Traffic-Vehicles"), QStringLiteral("Tráfico y vehículos"));
        QCOMPARE(reasonButton("Streets-Sidewalks"), QStringLiteral("Streets · Sidewalks"));
        QVERIFY(j.press(Qt::Key_Space));
        QCOMPARE(j.focusName(), QStringLiteral("kioskNeedNoneButton"));
        QVERIFY(j.press(Qt::Key_Tab));
        QCOMPARE(j.focusName(), QStringLiteral("kioskNeedWheelchairButton"));
        QVERIFY(j.press(Qt::Key_Space));
        QVERIFY(j.type("kioskNameLineEdit", QStringLiteral("Ana")));
        QVERIFY(j.press(Qt::Key_Return));
        QCOMPARE(j.focusName(), QStringLiteral("kioskDoneButton"));
        QVERIFY(!kiosk.lastTicketNumber().isEmpty());
        const QList<LobbyTicket> waiting = store.lobby.repository().waiting();
        QCOMPARE(waiting.size(), 1);
        QCOMPARE(waiting.first().number, kiosk.lastTicketNumber());
        QCOMPARE(waiting.first().number, QStringLiteral("A001"));
        QCOMPARE(waiting.first().language, QStringLiteral("es"));
        QCOMPARE(waiting.first().accessibility, QStringLiteral("wheelchair"));
        QCOMPARE(waiting.first().visitorName, QStringLiteral("Ana"));
        QCOMPARE(waiting.first().category, store.lobby.categories().first());
        // Recorded under the city's English name, whatever the visitor read.
        QCOMPARE(waiting.first().categoryName,
                 store.lobby.categoryName(waiting.first().category, QStringLiteral("en")));
        auto *wait = kiosk.findChild<QLabel *>(QStringLiteral("kioskTicketWaitLabel"));
        QVERIFY2(wait->text().contains(u"Personas delante de usted: 0"), qPrintable(wait->text()));
        // Nobody ahead: "shortly", never "about 0 minutes".
        QVERIFY2(wait->text().contains(u"Le llamarán en breve."), qPrintable(wait->text()));
        // The ticket is printed: on the default printer, or as a PDF when none is set.
        if (QPrinterInfo::defaultPrinter().isNull())
            QCOMPARE(kiosk.lastPrinted(),
                     m_dir.filePath(QStringLiteral("tickets/%1-A001.pdf")
                                        .arg(waiting.first().issuedAt.toLocalTime().date().toString(
                                            Qt::ISODate))));
        QVERIFY(!kiosk.lastPrinted().isEmpty());
        QVERIFY(kiosk.lastPrinted() == QPrinterInfo::defaultPrinter().description() ||
                QFileInfo(kiosk.lastPrinted()).size() > 0);
        // Every control the visitor can reach has a name.
        for (QWidget *w : kiosk.findChildren<QWidget *>()) {
            if (w->focusPolicy() != Qt::NoFocus && w->isVisible())
                QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
        }
        QVERIFY(j.press(Qt::Key_Space)); // Done: back to the first step for the next visitor
        QCOMPARE(j.focusName(), QStringLiteral("kioskEnglishButton"));
    }

    // When no ticket can be issued the kiosk says so in the visitor's language, whatever the
    // PC's (this test's window is in English): the store's own words go to the log.
    void theKioskSaysWhyNotInTheVisitorsLanguage()
    {
        {
            QSqlQuery q(QSqlDatabase::database(m_store->db().connectionName()));
            QVERIFY(q.exec(QStringLiteral(
                "CREATE TRIGGER refuse_tickets BEFORE INSERT ON events WHEN "
                "NEW.entity_type = 'ticket' BEGIN SELECT RAISE(ABORT, 'disk is full'); END")));
        }
        StoreContext store(m_store->db(), QStringLiteral("kiosk"), AgentRole::Lobby);
        KioskWindow kiosk(store.lobby, QStringLiteral("Mini Boston"));
        QVERIFY(showKiosk(kiosk));
        auto *error = kiosk.findChild<QLabel *>(QStringLiteral("kioskErrorLabel"));
        const auto takeTicket = [&kiosk](test::Journey &j, Qt::Key language) {
            QCOMPARE(j.focusName(), QStringLiteral("kioskEnglishButton"));
            if (language == Qt::Key_Tab)
                QVERIFY(j.press(Qt::Key_Tab)); // Español
            QVERIFY(j.press(Qt::Key_Space));
            QCOMPARE(j.focusName(), QStringLiteral("kioskReason0Button"));
            QVERIFY(j.press(Qt::Key_Space));
            QCOMPARE(j.focusName(), QStringLiteral("kioskNeedNoneButton"));
            QVERIFY(j.press(Qt::Key_Space));
            QCOMPARE(j.focusName(), QStringLiteral("kioskNameLineEdit"));
            QVERIFY(j.press(Qt::Key_Return));
            // Still on the name step, the button there to try again.
            QCOMPARE(j.focusName(), QStringLiteral("kioskGetTicketButton"));
            QVERIFY(kiosk.lastTicketNumber().isEmpty());
        };
        test::Journey j;
        takeTicket(j, Qt::Key_Tab);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(error->text(), QStringLiteral("No se pudo emitir su turno: inténtelo de nuevo o "
                                               "pida ayuda en el mostrador."));
        QVERIFY(error->isVisible());
        kiosk.restart();
        takeTicket(j, Qt::Key_Space);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(error->text(), QStringLiteral("Your ticket could not be issued: please try "
                                               "again, or ask at the desk for help."));
        QVERIFY(store.lobby.repository().waiting().isEmpty());
    }

    void theBoardShowsNumbersNeverNames()
    {
        StoreContext store(m_store->db(), QStringLiteral("lena"), AgentRole::Lobby);
        DisplayBoard board(store.lobby.repository(), m_store->db().changes());
        board.resize(1366, 768);
        board.show();
        QVERIFY(board.shownCalls().isEmpty());
        const LobbyTicket a = issue(store, QStringLiteral("Food"), QStringLiteral("en"), {},
                                    QStringLiteral("Zoe Visitor"));
        const LobbyTicket b = issue(store, QStringLiteral("Food"), QStringLiteral("es"));
        bool done = false;
        store.lobby.callNext({QStringLiteral("2"), {}},
                             [&done](Result<LobbyTicket>) { done = true; });
        QVERIFY(done);
        QCOMPARE(board.shownCalls(), QStringList({a.number + QStringLiteral(" 2")}));
        QVERIFY(store.lobby.serve(QStringLiteral("2"), Outcome::InformationGiven, {}, {}, {}).ok());
        done = false;
        store.lobby.callNext({QStringLiteral("5"), {}},
                             [&done](Result<LobbyTicket>) { done = true; });
        QVERIFY(done);
        QCOMPARE(board.shownCalls(),
                 QStringList({b.number + QStringLiteral(" 5"), a.number + QStringLiteral(" 2")}));
        for (const QLabel *label : board.findChildren<QLabel *>())
            QVERIFY2(!label->text().contains(u"Zoe"), qPrintable(label->objectName()));
    }

    // A visit that opened a public article and made no request: finishing it prints the
    // article's script as a handout (its Spanish version for a Spanish-speaking visitor).
    void anInformationVisitTakesAHandout()
    {
        {
            QSqlQuery q(QSqlDatabase::database(m_store->db().connectionName()));
            QVERIFY(q.prepare(
                QStringLiteral("INSERT INTO articles(id, title, body, script, audience, language, "
                               "translation_group) VALUES(?, ?, '', ?, 'public', ?, 'hours')")));
            for (const QStringList &row :
                 {QStringList{QStringLiteral("hours-en"), QStringLiteral("Opening hours"),
                              QStringLiteral("Open 9 to 5."), QStringLiteral("en")},
                  QStringList{QStringLiteral("hours-es"), QStringLiteral("Horario"),
                              QStringLiteral("Abierto de 9 a 5."), QStringLiteral("es")}}) {
                for (const QString &v : row)
                    q.addBindValue(v);
                QVERIFY(q.exec());
            }
        }
        Settings settings(m_dir.filePath(QStringLiteral("handout.ini")));
        StoreContext store(m_store->db(), QStringLiteral("lena"), AgentRole::Lobby);
        const LobbyTicket ticket = issue(store, QStringLiteral("Food"), QStringLiteral("es"));
        auto window = test::openMainWindow(store, settings);
        QVERIFY(window);
        CounterPanel *counter = window->counterPanel();
        counter->setReceiptFolder(m_dir.filePath(QStringLiteral("handouts")));
        counter->callNext();
        QTRY_VERIFY(store.lobby.current(counter->counterName()).has_value());
        counter->startWalkIn();
        const QString contact = window->intakePanel()->contactId();
        QVERIFY(!contact.isEmpty());
        QVERIFY(
            store.events
                .append(Event::make(
                    QStringLiteral("contact"), contact, QStringLiteral("contact.article_opened"),
                    {{QStringLiteral("article_id"), QStringLiteral("hours-en")}},
                    QStringLiteral("lena"), QStringLiteral("W1"), QDateTime::currentDateTimeUtc()))
                .ok());
        counter->finishVisit();
        QVERIFY(!store.lobby.current(counter->counterName()));
        QCOMPARE(store.lobby.repository().ticket(ticket.id)->state, TicketState::Served);
        if (!QPrinterInfo::defaultPrinter().isNull())
            QSKIP("a default printer is set: the handout went to it");
        QCOMPARE(counter->lastReceipt(),
                 m_dir.filePath(
                     QStringLiteral("handouts/%1-%2-handout.pdf").arg(ticket.day, ticket.number)));
        QVERIFY(QFileInfo(counter->lastReceipt()).size() > 0);
    }
};

QTEST_MAIN(TestCounterJourney)
#include "tst_counterjourney.moc"
