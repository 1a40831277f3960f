// The screen pop in the real main window (1366x768), wired by the composition root
// (Workspace::startTelephony), driven by the keyboard:
//  - a call-event bridge on loopback rings with a number two callers share: the agent chooses
//    one with the keyboard, answers, the caller hangs up, the wrap-up comes, the contact records
//    the call; a withheld number gives an anonymous contact, said plainly; the IVR's language
//    preselects the contact's and the knowledge filter's;
//  - end to end with real components: two baresip processes on loopback (the resident calling,
//    the agent's softphone with ctrl_tcp, no audio device), CivicDesk's baresip adapter.

#include "app/workstation/workspace.h"
#include "models/cti/baresipadapter.h"
#include "models/cti/telephonyadapter.h"
#include "models/intake/intakerepository.h"
#include "models/requests/historyrepository.h"
#include "models/store/eventstore.h"
#include "tests/support/baresipprocess.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "ui/common/settings.h"
#include "ui/history/historypanel.h"
#include "ui/intake/intakepanel.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <time.h>

using namespace civicdesk;

namespace {

template <typename T> T *find(QWidget *root, const char *name)
{
    return root->findChild<T *>(QString::fromLatin1(name));
}

} // namespace

class TestCtiDesk : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    QTemporaryDir m_settingsDir;

    QString saveCaller(Workspace &workspace, const QString &name, const QString &phone,
                       const QString &language = QStringLiteral("en"))
    {
        Caller c;
        c.name = name;
        c.phone = phone;
        c.language = language;
        return workspace.store().service.saveCaller(c).value();
    }

    // The wrap-up by keyboard (Ctrl+E, "Information given", Finish), then the contact as the
    // store recorded it; nothing when a step fails.
    std::optional<Contact> wrapUpInformationCall(test::Journey &j, IntakePanel &intake,
                                                 const QString &contactId)
    {
        if (!j.press(Qt::Key_E, Qt::ControlModifier) || j.focusName() != u"outcomeComboBox" ||
            !j.press(Qt::Key_Down) || !j.tabTo("finishContactButton") || !j.press(Qt::Key_Return) ||
            !QTest::qWaitFor([&intake] { return intake.contactId().isEmpty(); }))
            return std::nullopt;
        const auto entry = HistoryRepository(m_store->db()).contactEntry(contactId);
        if (!entry || entry->contact.outcome != Outcome::InformationGiven)
            return std::nullopt;
        return entry->contact;
    }

    // Telephony for `window` through a call-event bridge on loopback: the bridge's end of the
    // link once the desk is connected and its status bar says so (nullptr when it is not).
    static QTcpSocket *connectBridge(QTcpServer &bridge, Workspace &workspace, MainWindow &window)
    {
        if (!bridge.listen(QHostAddress::LocalHost) ||
            !workspace
                 .startTelephony(QStringLiteral("socket:127.0.0.1:%1").arg(bridge.serverPort()),
                                 QStringLiteral("617"), window)
                 .ok() ||
            !QTest::qWaitFor([&bridge] { return bridge.hasPendingConnections(); }, 5000))
            return nullptr;
        QTcpSocket *phone = bridge.nextPendingConnection();
        auto *status = find<QLabel>(&window, "phoneStatusLabel");
        if (!status ||
            !QTest::qWaitFor([status] { return status->text() == u"Phone: connected"; }, 5000))
            return nullptr;
        return phone;
    }

    // Answers the number dialog that `key` brings up: the focus is in its field (named
    // `field`), Ctrl+A and `text` replace what is there, Enter sends it. False when the dialog
    // never took the focus or the text did not land in the field.
    static bool pressAndEnterNumber(test::Journey &j, int key, Qt::KeyboardModifiers modifiers,
                                    const char *field, const QString &text, QObject *context)
    {
        return j.inDialog(
            key, modifiers,
            [&j, field, &text](QDialog &dialog) {
                if (!QTest::qWaitFor([&] { return j.focusName() == QLatin1String(field); }, 5000)) {
                    qWarning("the dialog's focus is on %s", qPrintable(j.focusName()));
                    return false;
                }
                const bool typed = j.press(Qt::Key_A, Qt::ControlModifier) && j.type(field, text);
                return j.press(Qt::Key_Return) && typed && !dialog.isVisible();
            },
            context);
    }

    // The next command line the bridge received.
    static QByteArray nextLine(QTcpSocket *phone, QByteArray &buffer)
    {
        if (!QTest::qWaitFor(
                [&] {
                    buffer += phone->readAll();
                    return buffer.contains('\n');
                },
                5000))
            return QByteArray();
        const qsizetype end = buffer.indexOf('\n');
        const QByteArray line = buffer.left(end);
        buffer.remove(0, end + 1);
        return line;
    }

private slots:
    void init() { m_store = test::miniCityStore(); }

    void badEndpointIsRefused()
    {
        Workspace workspace(m_store->db(), QStringLiteral("agent1"), AgentRole::CallTaker);
        Settings settings(m_settingsDir.filePath(QStringLiteral("bad.ini")));
        MainWindow window(workspace.store(), settings);
        const Status s = workspace.startTelephony(QStringLiteral("baresip:localhost"),
                                                  QStringLiteral("617"), window);
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QStringLiteral("baresip:localhost")));
        QVERIFY(!workspace.telephony());
        QVERIFY(!find<QLabel>(&window, "phoneStatusLabel"));
    }

    // A shared number: the agent chooses by keyboard; the IVR said Spanish.
    void popOnASharedNumberByKeyboard()
    {
        QTcpServer bridge;
        Workspace workspace(m_store->db(), QStringLiteral("agent1"), AgentRole::CallTaker);
        saveCaller(workspace, QStringLiteral("Ana Ruiz"), QStringLiteral("617.555.0142"));
        const QString luis =
            saveCaller(workspace, QStringLiteral("Luis Ruiz"), QStringLiteral("(617) 555-0142"));
        // Luis reported a pothole last month: History shows it, and where.
        QVERIFY(EventStore(m_store->db())
                    .append(Event::make(
                        QStringLiteral("request"), QStringLiteral("luis-pothole"),
                        QStringLiteral("request.created"),
                        {{QStringLiteral("number"), QStringLiteral("101009990001")},
                         {QStringLiteral("service_code"), QStringLiteral("PWDx_POTHOLE")},
                         {QStringLiteral("type_name"), QStringLiteral("Pothole")},
                         {QStringLiteral("department_code"), QStringLiteral("PWD")},
                         {QStringLiteral("address"), QStringLiteral("18 Tremont St, 02108")},
                         {QStringLiteral("caller_id"), luis}},
                        QStringLiteral("agent2"), QStringLiteral("W2"),
                        QDateTime::currentDateTimeUtc().addDays(-30)))
                    .ok());
        Settings settings(m_settingsDir.filePath(QStringLiteral("shared.ini")));
        auto window = test::openMainWindow(workspace.store(), settings);
        QVERIFY(window);
        QTcpSocket *phone = connectBridge(bridge, workspace, *window);
        QVERIFY(phone);
        auto *status = find<QLabel>(window.get(), "phoneStatusLabel");
        QVERIFY(status->toolTip().contains(QString::number(bridge.serverPort())));

        phone->write(R"({"event":"offered","call_id":"pbx-1001","from":"+16175550142",)"
                     R"("to":"311","queue":"general","language":"es"})"
                     "\n");
        auto *matches = find<QListWidget>(window.get(), "callerMatchList");
        QTRY_VERIFY(matches->isVisible());
        QCOMPARE(matches->count(), 2);
        test::Journey j;
        // The focus is in the phone field with the choice open; the number is filled in.
        QCOMPARE(j.focusName(), QStringLiteral("callerPhoneLineEdit"));
        QCOMPARE(find<QLineEdit>(window.get(), "callerPhoneLineEdit")->text(),
                 QStringLiteral("(617) 555-0142"));
        QVERIFY(find<QLabel>(window.get(), "callerStatusLabel")
                    ->text()
                    .contains(QStringLiteral("share this number")));
        // Spanish from the IVR: the contact's language and the knowledge filter.
        QCOMPARE(find<QComboBox>(window.get(), "callerLanguageComboBox")->currentData().toString(),
                 QStringLiteral("es"));
        QTRY_COMPARE(
            find<QComboBox>(window.get(), "articleLanguageComboBox")->currentData().toString(),
            QStringLiteral("es"));
        // Choose the second caller: Down until Luis, Enter.
        int row = -1;
        for (int i = 0; i < matches->count(); ++i) {
            if (matches->item(i)->data(Qt::UserRole).toString() == luis)
                row = i;
        }
        QVERIFY(row >= 0);
        for (int i = 0; i < row; ++i)
            QVERIFY(j.press(Qt::Key_Down));
        QVERIFY(j.press(Qt::Key_Return));
        QCOMPARE(find<QLineEdit>(window.get(), "callerNameLineEdit")->text(),
                 QStringLiteral("Luis Ruiz"));
        QCOMPARE(window->historyPanel()->callerId(), luis); // History shows their requests
        auto *requests = find<QTableView>(window.get(), "callerHistoryTableView");
        QVERIFY(requests);
        QTRY_COMPARE(requests->model()->rowCount(), 1);
        QString past;
        for (int c = 0; c < requests->model()->columnCount(); ++c)
            past += requests->model()->index(0, c).data().toString() + u'|';
        QVERIFY2(past.contains(QStringLiteral("18 Tremont St")), qPrintable(past));
        QVERIFY2(past.contains(QStringLiteral("101009990001")), qPrintable(past));
        // The IVR's language stays after the choice.
        QCOMPARE(find<QComboBox>(window.get(), "callerLanguageComboBox")->currentData().toString(),
                 QStringLiteral("es"));

        // The agent answers from the desk: the command goes to the phone system.
        QVERIFY(j.press(Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier));
        QByteArray sent;
        QTRY_VERIFY((sent += phone->readAll(), sent.contains('\n')));
        QCOMPARE(sent, QByteArray(R"({"call_id":"pbx-1001","command":"answer"})"
                                  "\n"));
        IntakePanel *intake = window->intakePanel();
        QVERIFY(intake->contactId().isEmpty()); // the contact starts when the phone says so
        phone->write(R"({"event":"answered","call_id":"pbx-1001"})"
                     "\n");
        QTRY_VERIFY(!intake->contactId().isEmpty());
        const QString contactId = intake->contactId();
        // A second call rings meanwhile: it waits, the contact on screen is untouched; it ends
        // unanswered and is said to be missed.
        auto *callLabel = find<QLabel>(window.get(), "callStatusLabel");
        phone->write(R"({"event":"offered","call_id":"pbx-2000","from":"6175550199"})"
                     "\n");
        QTRY_VERIFY(callLabel->text().contains(
            QStringLiteral("Another call is ringing from (617) 555-0199")));
        QCOMPARE(find<QLineEdit>(window.get(), "callerNameLineEdit")->text(),
                 QStringLiteral("Luis Ruiz"));
        QCOMPARE(intake->contactId(), contactId);
        // Said in the city's time, whatever the workstation's zone: 22:30 UTC is 5:30 PM in
        // Boston (it said 10:30 PM on a PC set to UTC).
        const QByteArray zoneBefore = qgetenv("TZ");
        qputenv("TZ", "UTC");
        tzset();
        phone->write(R"({"event":"ended","call_id":"pbx-2000","cause":"abandoned",)"
                     R"("at":"2026-12-07T22:30:00Z"})"
                     "\n");
        QTRY_VERIFY(callLabel->text().contains(QStringLiteral("Missed call from (617) 555-0199")));
        const QString missedAt = callLabel->text();
        qputenv("TZ", zoneBefore);
        tzset();
        QVERIFY2(missedAt.contains(QLocale().toString(QTime(17, 30), QLocale::ShortFormat)),
                 qPrintable(missedAt));
        // The caller hangs up: the wrap-up comes up.
        phone->write(R"({"event":"ended","call_id":"pbx-1001","cause":"normal"})"
                     "\n");
        auto *wrapUp = find<QWidget>(window.get(), "wrapUpFrame");
        QTRY_VERIFY(wrapUp->isVisible());
        QVERIFY(find<QLabel>(window.get(), "callStatusLabel")
                    ->text()
                    .contains(QStringLiteral("ended")));
        const auto contact = wrapUpInformationCall(j, *intake, contactId);
        QVERIFY(contact);
        QCOMPARE(contact->callerId, luis);
        QCOMPARE(contact->call.callId, QStringLiteral("pbx-1001"));
        QCOMPARE(contact->call.number, QStringLiteral("+16175550142"));
        QCOMPARE(contact->call.rawNumber, QStringLiteral("+16175550142"));
        QCOMPARE(contact->call.dialledNumber, QStringLiteral("311"));
        QCOMPARE(contact->call.queue, QStringLiteral("general"));
        QCOMPARE(contact->call.endCause, CallEndCause::Normal);
        QVERIFY(contact->call.offeredAt.isValid());
        QVERIFY(contact->call.offeredAt <= contact->call.answeredAt);
        QVERIFY(contact->call.answeredAt <= contact->call.endedAt);
        QVERIFY(contact->call.endedAt <= contact->endedAt);

        // Withheld: an anonymous contact, said plainly, nothing searched.
        phone->write(R"({"event":"offered","call_id":"pbx-1002","from":"anonymous"})"
                     "\n");
        QTRY_VERIFY(find<QLabel>(window.get(), "callerStatusLabel")
                        ->text()
                        .contains(QStringLiteral("Number withheld")));
        QVERIFY(find<QLineEdit>(window.get(), "callerPhoneLineEdit")->text().isEmpty());
        QVERIFY(!matches->isVisible());
        QCOMPARE(j.focusName(), QStringLiteral("answerCallButton"));
        // Never answered: the pop goes and the missed call is said.
        phone->write(R"({"event":"ended","call_id":"pbx-1002"})"
                     "\n");
        QTRY_VERIFY(find<QLabel>(window.get(), "callStatusLabel")
                        ->text()
                        .contains(QStringLiteral("Missed call")));
        QVERIFY(find<QLabel>(window.get(), "callerStatusLabel")->text().isEmpty());

        // The phone system goes away: the status bar says so, the agent types by hand.
        phone->close();
        bridge.close();
        QTRY_VERIFY(status->text().contains(QStringLiteral("not connected")));
        QVERIFY(status->text().contains(QStringLiteral("by hand")));
    }

    // Transfer and Dial from the contact bar by keyboard, through the call-event socket: the
    // bridge receives the commands; the contact is finished while the caller is still on the
    // line and the call's end, reported afterwards, is recorded on it; bad input sends
    // nothing; with the link down the buttons say why they are disabled.
    void transferAndDialByKeyboard()
    {
        QTcpServer bridge;
        Workspace workspace(m_store->db(), QStringLiteral("agent1"), AgentRole::CallTaker);
        Settings settings(m_settingsDir.filePath(QStringLiteral("transfer.ini")));
        auto window = test::openMainWindow(workspace.store(), settings);
        QVERIFY(window);
        QTcpSocket *phone = connectBridge(bridge, workspace, *window);
        QVERIFY(phone);
        auto *status = find<QLabel>(window.get(), "phoneStatusLabel");
        auto *transfer = find<QPushButton>(window.get(), "transferCallButton");
        auto *dial = find<QPushButton>(window.get(), "dialButton");
        auto *callLabel = find<QLabel>(window.get(), "callStatusLabel");
        QVERIFY(transfer && dial && callLabel);
        QCOMPARE(transfer->accessibleName(), QStringLiteral("Transfer the call"));
        QCOMPARE(dial->accessibleName(), QStringLiteral("Dial a number"));
        // No call: nothing to transfer (and it says why); dialling is possible.
        QVERIFY(!transfer->isEnabled());
        QVERIFY(transfer->toolTip().contains(QStringLiteral("answered call")));
        QVERIFY(dial->isEnabled());

        phone->write(R"({"event":"offered","call_id":"pbx-3001","from":"+16175550177"})"
                     "\n");
        test::Journey j;
        QTRY_COMPARE(j.focusName(), QStringLiteral("answerCallButton"));
        QVERIFY(!dial->isEnabled()); // a call is ringing
        QVERIFY(j.press(Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier));
        QByteArray buffer;
        QCOMPARE(nextLine(phone, buffer),
                 QByteArray(R"({"call_id":"pbx-3001","command":"answer"})"));
        phone->write(R"({"event":"answered","call_id":"pbx-3001"})"
                     "\n");
        IntakePanel *intake = window->intakePanel();
        QTRY_VERIFY(!intake->contactId().isEmpty());
        const QString contactId = intake->contactId();
        QVERIFY(transfer->isEnabled());

        // Transfer (Ctrl+Shift+T from the phone field): the target typed in the dialog goes to
        // the phone system and into the wrap-up.
        QCOMPARE(j.focusName(), QStringLiteral("callerPhoneLineEdit"));
        QVERIFY(pressAndEnterNumber(j, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier,
                                    "transferDialogLineEdit", QStringLiteral("6175550123"), this));
        QCOMPARE(
            nextLine(phone, buffer),
            QByteArray(R"({"call_id":"pbx-3001","command":"transfer","target":"6175550123"})"));
        QVERIFY(callLabel->text().contains(QStringLiteral("Transferring the call to 6175550123")));
        QCOMPARE(find<QLineEdit>(window.get(), "transferLineEdit")->text(),
                 QStringLiteral("6175550123"));

        // The agent finishes the contact before the phone system reports the call's end.
        QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
        QCOMPARE(j.focusName(), QStringLiteral("outcomeComboBox"));
        QCOMPARE(find<QComboBox>(window.get(), "outcomeComboBox")->currentData().toString(),
                 QStringLiteral("cold_transfer"));
        QVERIFY(j.tabTo("finishContactButton"));
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_VERIFY(intake->contactId().isEmpty());
        QVERIFY(callLabel->text().contains(QStringLiteral("still on the line")));
        QVERIFY(!dial->isEnabled()); // the caller is still on the line
        HistoryRepository history(m_store->db());
        auto entry = history.contactEntry(contactId);
        QVERIFY(entry);
        QCOMPARE(entry->contact.outcome, Outcome::ColdTransfer);
        QCOMPARE(entry->contact.transferDestination, QStringLiteral("6175550123"));
        QVERIFY(!entry->contact.call.endedAt.isValid());
        phone->write(R"({"event":"ended","call_id":"pbx-3001","cause":"transferred"})"
                     "\n");
        QTRY_VERIFY(history.contactEntry(contactId)->contact.call.endedAt.isValid());
        entry = history.contactEntry(contactId);
        QCOMPARE(entry->contact.call.endCause, CallEndCause::Transferred);
        QVERIFY(entry->contact.endedAt <= entry->contact.call.endedAt);
        QCOMPARE(entry->contact.call.callId, QStringLiteral("pbx-3001"));
        QTRY_VERIFY(dial->isEnabled());

        // Dial: a bad number is refused with a message and nothing is sent; a good one goes.
        QVERIFY(pressAndEnterNumber(j, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier,
                                    "dialDialogLineEdit", QStringLiteral("call Ana"), this));
        QVERIFY(callLabel->text().contains(QStringLiteral("is not a phone number")));
        QVERIFY(pressAndEnterNumber(j, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier,
                                    "dialDialogLineEdit", QStringLiteral("(617) 555-0188"), this));
        // The next line is the good number's: the bad one sent nothing.
        QCOMPARE(nextLine(phone, buffer),
                 QByteArray(R"({"command":"dial","number":"(617) 555-0188"})"));
        QVERIFY(callLabel->text().contains(QStringLiteral("Dialling (617) 555-0188")));

        // The phone system goes away: the commands are disabled and say why.
        phone->close();
        bridge.close();
        QTRY_VERIFY(status->text().contains(QStringLiteral("not connected")));
        QVERIFY(!dial->isEnabled());
        QVERIFY(dial->toolTip().contains(QStringLiteral("not connected")));
        QVERIFY(!dial->accessibleDescription().isEmpty());
        QVERIFY(j.press(Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier));
        QVERIFY(callLabel->text().contains(QStringLiteral("The phone is not connected")));
        QVERIFY(!QApplication::activeModalWidget()); // no dialog: nothing could be sent
    }

    void baresipEndToEnd()
    {
        if (const QString why = test::baresipMissing(); !why.isEmpty())
            QSKIP(qPrintable(why));
        test::Baresip agentPhone;
        if (const QString why = agentPhone.start(QStringLiteral("agent")); !why.isEmpty())
            QSKIP(qPrintable(QStringLiteral("baresip cannot run in this sandbox: ") + why));
        test::Baresip resident;
        if (const QString why = resident.start(QStringLiteral("6175550100")); !why.isEmpty())
            QSKIP(qPrintable(QStringLiteral("baresip cannot run in this sandbox: ") + why));

        Workspace workspace(m_store->db(), QStringLiteral("agent1"), AgentRole::CallTaker);
        const QString rosa =
            saveCaller(workspace, QStringLiteral("Rosa Diaz"), QStringLiteral("+1 617 555 0100"));
        Settings settings(m_settingsDir.filePath(QStringLiteral("baresip.ini")));
        auto window = test::openMainWindow(workspace.store(), settings);
        QVERIFY(window);
        QVERIFY(
            workspace
                .startTelephony(QStringLiteral("baresip:127.0.0.1:%1").arg(agentPhone.ctrlPort()),
                                QStringLiteral("617"), *window)
                .ok());
        QTRY_COMPARE_WITH_TIMEOUT(workspace.telephony()->state(), LinkState::Connected, 10000);

        // The resident's phone, driven through its own ctrl_tcp.
        BaresipAdapter residentPhone(CtiEndpoint::tcp(CtiEndpoint::Kind::Baresip,
                                                      QStringLiteral("127.0.0.1"),
                                                      resident.ctrlPort()),
                                     {});
        residentPhone.start();
        QTRY_COMPARE_WITH_TIMEOUT(residentPhone.state(), LinkState::Connected, 10000);

        QSignalSpy offered(workspace.telephony(), &TelephonyAdapter::offered);
        residentPhone.dial(agentPhone.uri());
        QTRY_COMPARE_WITH_TIMEOUT(offered.size(), 1, 15000);
        const QString callId = offered.at(0).at(0).value<CallOffer>().callId;
        QVERIFY(!callId.isEmpty());
        // The pop shows the right caller.
        QTRY_COMPARE(find<QLineEdit>(window.get(), "callerNameLineEdit")->text(),
                     QStringLiteral("Rosa Diaz"));
        QCOMPARE(window->historyPanel()->callerId(), rosa);
        test::Journey j;
        QCOMPARE(j.focusName(), QStringLiteral("answerCallButton"));
        // The agent answers from CivicDesk (Enter on Answer): baresip accepts, the call is
        // established, the contact starts.
        QVERIFY(j.press(Qt::Key_Return));
        IntakePanel *intake = window->intakePanel();
        QTRY_VERIFY_WITH_TIMEOUT(!intake->contactId().isEmpty(), 15000);
        const QString contactId = intake->contactId();
        QVERIFY(find<QLabel>(window.get(), "callStatusLabel")
                    ->text()
                    .contains(QStringLiteral("On the call")));
        // The resident hangs up.
        residentPhone.hangUp(callId);
        QTRY_VERIFY_WITH_TIMEOUT(find<QWidget>(window.get(), "wrapUpFrame")->isVisible(), 15000);
        const auto contact = wrapUpInformationCall(j, *intake, contactId);
        QVERIFY(contact);
        QCOMPARE(contact->call.callId, callId);
        QCOMPARE(contact->callerId, rosa);
        QCOMPARE(contact->call.number, QStringLiteral("+16175550100"));
        QCOMPARE(contact->call.rawNumber,
                 QStringLiteral("sip:6175550100@127.0.0.1:%1").arg(resident.sipPort()));
        QCOMPARE(contact->call.dialledNumber, QStringLiteral("agent"));
        QVERIFY(contact->call.offeredAt.isValid());
        QVERIFY(contact->call.offeredAt <= contact->call.answeredAt);
        QVERIFY(contact->call.endedAt.isValid());
        QVERIFY(contact->call.answeredAt <= contact->call.endedAt);
        QCOMPARE(contact->call.endCause, CallEndCause::Normal);
        residentPhone.stop();
    }
};

QTEST_MAIN(TestCtiDesk)
#include "tst_ctidesk.moc"
