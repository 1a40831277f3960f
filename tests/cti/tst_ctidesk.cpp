// The screen pop in the real main window (1366x768), wired by the composition root
// (Workspace::startTelephony), driven by the keyboard:
//  - a call-event bridge on loopback rings with a number two callers share: the agent chooses
//    one with the keyboard, answers, the caller hangs up, the wrap-up comes, the contact records
//    the call; a withheld number gives an anonymous contact, said plainly; the IVR's language
//    preselects the contact's and the knowledge filter's;
//  - end to end with real components: two baresip processes on loopback (the resident calling,
//    the agent's softphone with ctrl_tcp, no audio device), CivicDesk's baresip adapter.

#include "app/workstation/workspace.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/cti/baresipadapter.h"
#include "models/cti/telephonyadapter.h"
#include "models/intake/intakerepository.h"
#include "models/requests/historyrepository.h"
#include "tests/gui/keyboardjourney.h"
#include "tests/support/baresipprocess.h"
#include "tests/support/teststore.h"
#include "ui/common/settings.h"
#include "ui/history/historypanel.h"
#include "ui/intake/intakepanel.h"

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

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

private slots:
    void init()
    {
        m_store = std::make_unique<test::TempStore>();
        auto pack = CityPack::load(test::testDataDir() + QStringLiteral("/minipack"));
        QVERIFY(pack.ok());
        QVERIFY(CityImporter(m_store->db()).import(pack.value()).ok());
    }

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
        QVERIFY(bridge.listen(QHostAddress::LocalHost));
        Workspace workspace(m_store->db(), QStringLiteral("agent1"), AgentRole::CallTaker);
        saveCaller(workspace, QStringLiteral("Ana Ruiz"), QStringLiteral("617.555.0142"));
        const QString luis =
            saveCaller(workspace, QStringLiteral("Luis Ruiz"), QStringLiteral("(617) 555-0142"));
        Settings settings(m_settingsDir.filePath(QStringLiteral("shared.ini")));
        auto window = test::openMainWindow(workspace.store(), settings);
        QVERIFY(window);
        QVERIFY(workspace
                    .startTelephony(QStringLiteral("socket:127.0.0.1:%1").arg(bridge.serverPort()),
                                    QStringLiteral("617"), *window)
                    .ok());
        QVERIFY(QTest::qWaitFor([&bridge] { return bridge.hasPendingConnections(); }, 5000));
        QTcpSocket *phone = bridge.nextPendingConnection();
        auto *status = find<QLabel>(window.get(), "phoneStatusLabel");
        QVERIFY(status);
        QTRY_COMPARE(status->text(), QStringLiteral("Phone: connected"));
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
        phone->write(R"({"event":"ended","call_id":"pbx-2000","cause":"abandoned"})"
                     "\n");
        QTRY_VERIFY(callLabel->text().contains(QStringLiteral("Missed call from (617) 555-0199")));
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
        CtiEndpoint residentLink;
        residentLink.kind = CtiEndpoint::Kind::Baresip;
        residentLink.host = QStringLiteral("127.0.0.1");
        residentLink.port = resident.ctrlPort();
        BaresipAdapter residentPhone(residentLink, {});
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
