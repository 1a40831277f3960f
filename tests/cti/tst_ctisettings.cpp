// File ▸ Phone settings in the real main window (1366x768), wired by the composition root
// (Workspace::offerTelephonySettings), driven by the keyboard: the agent chooses a call-event
// bridge, tests a closed port (told plainly), then the bridge's, gives a wrong area code
// (refused, nothing saved, the field focused), fixes it and saves: the desk connects at once
// and a 7-digit caller number pops with the new area code; then "No phone" takes the phone
// off the screen, and Escape changes nothing. And the phone with the central store
// unreachable: the link's backoff is in the status bar until the phone comes, then the pop
// finds the caller in the local replica.

#include "app/workstation/workspace.h"
#include "models/cti/telephonyadapter.h"
#include "models/sync/syncclient.h"
#include "models/sync/syncengine.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "ui/common/settings.h"
#include "ui/history/historypanel.h"
#include "ui/intake/intakepanel.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace civicdesk;

namespace {

template <typename T> T *find(QObject *root, const char *name)
{
    return root->findChild<T *>(QString::fromLatin1(name));
}

bool messageSays(QDialog &dialog, const QString &words)
{
    auto *label = find<QLabel>(&dialog, "telephonySettingsMessageLabel");
    const bool said = QTest::qWaitFor([&] { return label->text().contains(words); }, 8000);
    if (!said)
        qWarning("the dialog says \"%s\", not \"%s\"", qPrintable(label->text()),
                 qPrintable(words));
    return said;
}

quint16 closedPort()
{
    QTcpServer server;
    return server.listen(QHostAddress::LocalHost) ? server.serverPort() : 0;
}

} // namespace

class TestCtiSettings : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    QTemporaryDir m_settingsDir;

private slots:
    void init()
    {
        m_store = test::miniCityStore();
        QVERIFY(m_store);
    }

    void chooseTestAndSaveByKeyboard()
    {
        Workspace workspace(m_store->db(), QStringLiteral("agent1"), AgentRole::CallTaker);
        Settings settings(m_settingsDir.filePath(QStringLiteral("phone.ini")));
        auto window = test::openMainWindow(workspace.store(), settings);
        QVERIFY(window);
        QVERIFY(workspace.offerTelephonySettings(settings, *window).ok());
        // No phone yet: nothing on screen says otherwise.
        QVERIFY(!workspace.telephony());
        QVERIFY(!find<QLabel>(window.get(), "phoneStatusLabel"));
        QVERIFY(!window->intakePanel()->telephonyShown());
        // File ▸ Phone settings, just before Quit, with its shortcut and its own Alt+letter.
        auto *action = find<QAction>(window.get(), "telephonySettingsAction");
        auto *quit = find<QAction>(window.get(), "quitAction");
        QVERIFY(action && quit);
        QMenu *file = nullptr;
        for (QObject *o : quit->associatedObjects())
            file = qobject_cast<QMenu *>(o) ? qobject_cast<QMenu *>(o) : file;
        QVERIFY(file);
        const QList<QAction *> items = file->actions();
        QCOMPARE(items.indexOf(action) + 1, items.indexOf(quit));
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O));
        QStringList letters;
        for (const QAction *item : items)
            letters.append(test::mnemonicOf(item->text()));
        QCOMPARE(letters.count(QStringLiteral("P")), 1);
        QVERIFY(test::mnemonicClashes(window.get()).isEmpty());

        QTcpServer bridge;
        QVERIFY(bridge.listen(QHostAddress::LocalHost));
        const quint16 closed = closedPort();
        QVERIFY(closed);
        window->intakePanel()->setFocus();
        test::Journey j;
        QVERIFY(j.inDialog(
            Qt::Key_O, Qt::ControlModifier | Qt::AltModifier,
            [&](QDialog &dialog) {
                auto *kind = find<QComboBox>(&dialog, "telephonyKindComboBox");
                // The focus starts on the kind of phone: None → baresip → a bridge on a port of
                // this computer.
                if (j.focusName() != u"telephonyKindComboBox" || !j.press(Qt::Key_Down) ||
                    !j.press(Qt::Key_Down) || kind->currentIndex() != 2 || !j.press(Qt::Key_Tab) ||
                    j.focusName() != u"telephonyHostLineEdit" ||
                    find<QLineEdit>(&dialog, "telephonyHostLineEdit")->text() != u"127.0.0.1" ||
                    !j.press(Qt::Key_Tab) || !j.press(Qt::Key_A, Qt::ControlModifier) ||
                    !j.type("telephonyPortLineEdit", QString::number(closed)))
                    return false;
                // Test connection: refused, said with the place and the fix.
                if (!j.press(Qt::Key_T, Qt::AltModifier) ||
                    !messageSays(dialog, QStringLiteral("Could not connect to the call-event "
                                                        "socket 127.0.0.1:%1")
                                             .arg(closed)) ||
                    !messageSays(dialog, QStringLiteral("Check that the bridge is running")))
                    return false;
                // The bridge's port (Alt+O: the port field), tested again: reached.
                if (!j.press(Qt::Key_O, Qt::AltModifier) ||
                    !j.press(Qt::Key_A, Qt::ControlModifier) ||
                    !j.type("telephonyPortLineEdit", QString::number(bridge.serverPort())) ||
                    !j.press(Qt::Key_T, Qt::AltModifier) ||
                    !messageSays(dialog, QStringLiteral("accepted the connection")))
                    return false;
                // A wrong area code: refused, the dialog stays, the field is focused.
                if (!j.press(Qt::Key_A, Qt::AltModifier) ||
                    !j.press(Qt::Key_A, Qt::ControlModifier) ||
                    !j.type("telephonyAreaCodeLineEdit", QStringLiteral("61")) ||
                    !j.press(Qt::Key_Return) || !dialog.isVisible() ||
                    !messageSays(dialog, QStringLiteral("\"61\" is not an area code")) ||
                    j.focusName() != u"telephonyAreaCodeLineEdit" ||
                    !settings.telephony().isEmpty() || settings.telephonyAreaCode() != u"617")
                    return false;
                // Fixed (the wrong text is selected: typing replaces it), and saved.
                return j.type("telephonyAreaCodeLineEdit", QStringLiteral("857")) &&
                       j.press(Qt::Key_Return) && !dialog.isVisible();
            },
            this));
        QCOMPARE(settings.telephony(),
                 QStringLiteral("socket:127.0.0.1:%1").arg(bridge.serverPort()));
        QCOMPARE(settings.telephonyAreaCode(), QStringLiteral("857"));
        // Connected at once, without a restart.
        QVERIFY(QTest::qWaitFor([&bridge] { return bridge.hasPendingConnections(); }, 5000));
        QTcpSocket *phone = nullptr;
        while (bridge.hasPendingConnections())
            phone = bridge.nextPendingConnection(); // the last one is the desk's (tests closed)
        auto *status = find<QLabel>(window.get(), "phoneStatusLabel");
        QVERIFY(status);
        QTRY_COMPARE(status->text(), QStringLiteral("Phone: connected"));
        QVERIFY(window->intakePanel()->telephonyShown());
        QVERIFY(workspace.telephony());
        QCOMPARE(workspace.telephony()->endpoint().port, bridge.serverPort());
        // A 7-digit number is in the new area code.
        phone->write(R"({"event":"offered","call_id":"pbx-71","from":"5550142"})"
                     "\n");
        QTRY_COMPARE(find<QLineEdit>(window.get(), "callerPhoneLineEdit")->text(),
                     QStringLiteral("(857) 555-0142"));
        phone->write(R"({"event":"ended","call_id":"pbx-71"})"
                     "\n");
        QTRY_VERIFY(find<QLabel>(window.get(), "callStatusLabel")
                        ->text()
                        .contains(QStringLiteral("Missed call")));

        // Escape changes nothing.
        window->intakePanel()->setFocus();
        QVERIFY(j.inDialog(
            Qt::Key_O, Qt::ControlModifier | Qt::AltModifier,
            [&](QDialog &dialog) {
                auto *kind = find<QComboBox>(&dialog, "telephonyKindComboBox");
                return j.focusName() == u"telephonyKindComboBox" && kind->currentIndex() == 2 &&
                       j.press(Qt::Key_Up) && kind->currentIndex() == 1 &&
                       j.press(Qt::Key_Escape) && !dialog.isVisible();
            },
            this));
        QCOMPARE(settings.telephony(),
                 QStringLiteral("socket:127.0.0.1:%1").arg(bridge.serverPort()));
        QCOMPARE(workspace.telephony()->state(), LinkState::Connected);

        // No phone: the phone leaves the screen, and the setting says none.
        window->intakePanel()->setFocus();
        QVERIFY(j.inDialog(
            Qt::Key_O, Qt::ControlModifier | Qt::AltModifier,
            [&](QDialog &dialog) {
                return j.focusName() == u"telephonyKindComboBox" && j.press(Qt::Key_Home) &&
                       find<QComboBox>(&dialog, "telephonyKindComboBox")->currentIndex() == 0 &&
                       !find<QWidget>(&dialog, "telephonyPortLineEdit")->isVisible() &&
                       !find<QWidget>(&dialog, "telephonyTestButton")->isEnabled() &&
                       j.press(Qt::Key_Return) && !dialog.isVisible();
            },
            this));
        QVERIFY(settings.telephony().isEmpty());
        QVERIFY(!workspace.telephony());
        QTRY_VERIFY(!find<QLabel>(window.get(), "phoneStatusLabel"));
        QVERIFY(!window->intakePanel()->telephonyShown());
        QTRY_VERIFY(phone->state() != QAbstractSocket::ConnectedState);
    }

    void popWithTheCentralStoreUnreachable()
    {
        const quint16 centralPort = closedPort();
        const quint16 phonePort = closedPort();
        QVERIFY(centralPort && phonePort);
        QNetworkAccessManager network;
        SyncClient client(network, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(centralPort)));
        Workspace workspace(m_store->db(), QStringLiteral("agent1"), AgentRole::CallTaker, &client);
        Caller rosa;
        rosa.name = QStringLiteral("Rosa Diaz");
        rosa.phone = QStringLiteral("617-555-0100");
        const QString rosaId = workspace.store().service.saveCaller(rosa).value();
        QVERIFY(workspace.syncEngine());
        workspace.syncEngine()->start();
        QTRY_COMPARE_WITH_TIMEOUT(workspace.syncEngine()->status().connection,
                                  SyncStatus::Connection::Offline, 10000);
        Settings settings(m_settingsDir.filePath(QStringLiteral("offline.ini")));
        auto window = test::openMainWindow(workspace.store(), settings);
        QVERIFY(window);
        // Nobody answers on the phone's port yet: the status bar says so, with the backoff.
        QVERIFY(workspace
                    .startTelephony(QStringLiteral("socket:127.0.0.1:%1").arg(phonePort),
                                    QStringLiteral("617"), *window)
                    .ok());
        auto *status = find<QLabel>(window.get(), "phoneStatusLabel");
        QTRY_VERIFY(status->text().contains(QStringLiteral("not connected")));
        static const QRegularExpression retrying(
            QStringLiteral("trying again in [0-9]+ s; type the caller's number by hand"));
        QVERIFY2(retrying.match(status->text()).hasMatch(), qPrintable(status->text()));
        QVERIFY(!find<QWidget>(window.get(), "answerCallButton")->isEnabled());
        QVERIFY(find<QWidget>(window.get(), "callerPhoneLineEdit")->isEnabled());
        // The phone system comes: the adapter's next attempt connects.
        QTcpServer bridge;
        QVERIFY(bridge.listen(QHostAddress::LocalHost, phonePort));
        QVERIFY(QTest::qWaitFor([&bridge] { return bridge.hasPendingConnections(); }, 35000));
        QTcpSocket *phone = bridge.nextPendingConnection();
        QTRY_COMPARE(status->text(), QStringLiteral("Phone: connected"));
        phone->write(R"({"event":"offered","call_id":"pbx-off-1","from":"+16175550100"})"
                     "\n");
        QTRY_COMPARE(find<QLineEdit>(window.get(), "callerNameLineEdit")->text(),
                     QStringLiteral("Rosa Diaz"));
        QCOMPARE(window->historyPanel()->callerId(), rosaId);
        QCOMPARE(workspace.syncEngine()->status().connection, SyncStatus::Connection::Offline);
        workspace.shutDown();
    }

    // A setting file with an area code that is not one: refused at start, said plainly.
    void badAreaCodeIsRefused()
    {
        Workspace workspace(m_store->db(), QStringLiteral("agent1"), AgentRole::CallTaker);
        Settings settings(m_settingsDir.filePath(QStringLiteral("area.ini")));
        auto window = test::openMainWindow(workspace.store(), settings);
        QVERIFY(window);
        const Status s = workspace.startTelephony(QStringLiteral("socket:127.0.0.1:5070"),
                                                  QStringLiteral("6x7"), *window);
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QStringLiteral("\"6x7\" is not an area code")));
        QVERIFY(!workspace.telephony());
    }
};

QTEST_MAIN(TestCtiSettings)
#include "tst_ctisettings.moc"
