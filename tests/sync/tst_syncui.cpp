// The workstation's sync widgets against the fake server: the status-bar line (standalone,
// online, offline, changes waiting, last sync, refused changes), the sign-in dialog (the
// password never kept), asking again when the token expires without losing work, the delivery
// state of a request, and correcting and resending a refused change.

#include "models/store/delivery.h"
#include "models/sync/centrallookup.h"
#include "tests/support/fakeserver.h"
#include "tests/support/syncworkstation.h"
#include "ui/common/settings.h"
#include "ui/sync/centrallookupdialog.h"
#include "ui/sync/deliverystatelabel.h"
#include "ui/sync/logindialog.h"
#include "ui/sync/refusedchangesdialog.h"
#include "ui/sync/synccontroller.h"

#include <QDeadlineTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace civicdesk;
using namespace civicdesk::test;

namespace {

const QUrl serverUrl(QStringLiteral("http://central.test"));

} // namespace

class TestSyncUi : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeServer> m_server;
    std::unique_ptr<SyncWorkstation> m_ws;
    std::unique_ptr<QMainWindow> m_window;
    QLabel *m_label = nullptr;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<Settings> m_settings;

    bool signIn(const QString &password)
    {
        bool done = false;
        bool ok = false;
        m_ws->client().login(QStringLiteral("ana"), password, m_ws->device(),
                             [&](Result<LoginResult> r) {
                                 ok = r.ok();
                                 done = true;
                             });
        QDeadlineTimer deadline(2000);
        while (!done && !deadline.hasExpired())
            QTest::qWait(10);
        return ok;
    }

private slots:
    void init()
    {
        m_server = std::make_unique<FakeServer>();
        m_server->addUser(QStringLiteral("ana"), QStringLiteral("secret"),
                          QStringLiteral("call_taker"));
        m_ws = std::make_unique<SyncWorkstation>(m_server->network(), serverUrl);
        m_ws->engine().setLongPollSeconds(1);
        m_ws->client().setTimeout(300);
        m_window = std::make_unique<QMainWindow>();
        m_label = new QLabel(m_window.get());
        m_label->setObjectName(QStringLiteral("syncStatusLabel"));
        m_window->statusBar()->addWidget(m_label);
        m_settings = std::make_unique<Settings>(m_settingsDir.filePath(QStringLiteral("s.ini")));
    }

    void cleanup()
    {
        m_window.reset();
        m_ws.reset();
        m_server.reset();
    }

    void standaloneSaysSo()
    {
        CentralLookup lookup(m_ws->db(), nullptr);
        SyncController controller(*m_window, *m_settings, m_ws->sync(), lookup, m_ws->events(),
                                  nullptr, nullptr, QStringLiteral("ana"));
        QVERIFY(m_label->text().startsWith(u"Standalone"));
        const QString id = m_ws->createRequest(QStringLiteral("standalone request"));
        const DeliveryReader reader(m_ws->db());
        DeliveryStateLabel delivery(reader, QStringLiteral("request"), id);
        QVERIFY2(delivery.text().startsWith(u"Saved on this workstation"),
                 qPrintable(delivery.text()));
        QVERIFY(!m_window->findChild<QAction *>(QStringLiteral("syncSignInAction"))->isEnabled());
    }

    void statusLineFollowsTheEngine()
    {
        CentralLookup lookup(m_ws->db(), &m_ws->client());
        SyncController controller(*m_window, *m_settings, m_ws->sync(), lookup, m_ws->events(),
                                  &m_ws->engine(), &m_ws->client(), QStringLiteral("ana"));
        QVERIFY2(m_label->text().startsWith(u"Signed out"), qPrintable(m_label->text()));
        const QString id = m_ws->createRequest(QStringLiteral("before sign-in"));
        const DeliveryReader reader(m_ws->db());
        DeliveryStateLabel delivery(reader, QStringLiteral("request"), id);
        QVERIFY2(delivery.text().startsWith(u"Saved on this workstation (1 change"),
                 qPrintable(delivery.text()));
        int prompts = 0;
        controller.setLoginPrompt([&](const QString &) {
            ++prompts;
            return signIn(QStringLiteral("secret"));
        });
        QAction *signInAction = m_window->findChild<QAction *>(QStringLiteral("syncSignInAction"));
        QVERIFY(signInAction);
        signInAction->trigger();
        QCOMPARE(prompts, 1);
        QTRY_VERIFY2(m_label->text().startsWith(u"Online · 0 changes waiting · last sync "),
                     qPrintable(m_label->text()));
        delivery.refresh();
        QCOMPARE(delivery.text(), QStringLiteral("In the central store"));
        // Offline: the work goes on and the line says what waits.
        m_server->setOnline(false);
        m_ws->createRequest(QStringLiteral("during the outage"));
        QTRY_VERIFY2(m_label->text().startsWith(u"Offline: working on this workstation · 1 "
                                                u"change waiting · last sync "),
                     qPrintable(m_label->text()));
        QVERIFY2(m_label->toolTip().startsWith(u"Last problem: The server cannot be reached"),
                 qPrintable(m_label->toolTip()));
        m_server->setOnline(true);
        m_ws->engine().notifyReconnected();
        QTRY_VERIFY2(m_label->text().startsWith(u"Online · 0 changes waiting"),
                     qPrintable(m_label->text()));
        // Sign-out drops the token; changes made afterwards are kept and counted.
        m_window->findChild<QAction *>(QStringLiteral("syncSignOutAction"))->trigger();
        QVERIFY(m_ws->client().token().isEmpty());
        m_ws->createRequest(QStringLiteral("after sign-out"));
        QTRY_VERIFY2(m_label->text().startsWith(u"Signed out") &&
                         m_label->text().contains(u"1 change"),
                     qPrintable(m_label->text()));
    }

    void expiredTokenAsksForThePasswordAgain()
    {
        CentralLookup lookup(m_ws->db(), &m_ws->client());
        SyncController controller(*m_window, *m_settings, m_ws->sync(), lookup, m_ws->events(),
                                  &m_ws->engine(), &m_ws->client(), QStringLiteral("ana"));
        QStringList reasons;
        controller.setLoginPrompt([&](const QString &reason) {
            reasons.append(reason);
            return signIn(QStringLiteral("secret"));
        });
        QVERIFY(signIn(QStringLiteral("secret")));
        m_ws->engine().start();
        QTRY_VERIFY(m_label->text().startsWith(u"Online"));
        m_server->expireTokens();
        const QString id = m_ws->createRequest(QStringLiteral("typed as the session ended"));
        QTRY_COMPARE(reasons.size(), 1);
        QVERIFY(reasons.first().contains(u"kept on this workstation"));
        QTRY_COMPARE(m_ws->sync().pendingCount(), 0);
        QCOMPARE(m_ws->sync().deliveryOf(QStringLiteral("request"), id).state,
                 DeliveryState::Central);
        QTRY_VERIFY(m_label->text().startsWith(u"Online · 0 changes waiting"));
    }

    void loginDialogNeverKeepsThePassword()
    {
        QString gotUser;
        QString gotPassword;
        std::function<void(const QString &)> finish;
        LoginDialog dialog(serverUrl.toString(), QStringLiteral("ana"), QString(),
                           [&](const QString &user, const QString &password,
                               std::function<void(const QString &)> done) {
                               gotUser = user;
                               gotPassword = password;
                               finish = std::move(done);
                           });
        dialog.show();
        auto *password = dialog.findChild<QLineEdit *>(QStringLiteral("loginPasswordLineEdit"));
        auto *message = dialog.findChild<QLabel *>(QStringLiteral("loginMessageLabel"));
        QVERIFY(password && message);
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QTest::keyClicks(password, QStringLiteral("wrong"));
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("loginSignInButton")),
                          Qt::LeftButton);
        QCOMPARE(gotUser, QStringLiteral("ana"));
        QCOMPARE(gotPassword, QStringLiteral("wrong"));
        QVERIFY(password->text().isEmpty());
        finish(QStringLiteral("wrong password"));
        QCOMPARE(message->text(), QStringLiteral("wrong password"));
        QVERIFY(dialog.isVisible());
        QTest::keyClicks(password, QStringLiteral("secret"));
        QTest::keyClick(password, Qt::Key_Return);
        QCOMPARE(gotPassword, QStringLiteral("secret"));
        finish(QString());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(password->text().isEmpty());
    }

    void refusedChangeIsShownCorrectedAndResent()
    {
        m_server->setRejectRule([](const QJsonObject &event) -> std::optional<QJsonObject> {
            if (event.value(u"payload").toObject().value(u"after").toString().isEmpty() &&
                event.value(u"kind").toString() == u"request.field_changed")
                return QJsonObject{
                    {QStringLiteral("code"), QStringLiteral("validation")},
                    {QStringLiteral("message"), QStringLiteral("a description cannot be emptied")},
                    {QStringLiteral("field"), QStringLiteral("payload.after")}};
            return std::nullopt;
        });
        CentralLookup lookup(m_ws->db(), &m_ws->client());
        SyncController controller(*m_window, *m_settings, m_ws->sync(), lookup, m_ws->events(),
                                  &m_ws->engine(), &m_ws->client(), QStringLiteral("ana"));
        QVERIFY(signIn(QStringLiteral("secret")));
        const QString id = m_ws->createRequest(QStringLiteral("full"));
        m_ws->changeDescription(id, QStringLiteral("full"), QString());
        m_ws->engine().start();
        QTRY_VERIFY2(m_label->text().contains(u"1 change refused"), qPrintable(m_label->text()));
        const DeliveryReader reader(m_ws->db());
        DeliveryStateLabel delivery(reader, QStringLiteral("request"), id);
        QVERIFY2(delivery.text().contains(u"a description cannot be emptied"),
                 qPrintable(delivery.text()));
        RefusedChangesDialog dialog(m_ws->sync(), m_ws->events());
        auto *list = dialog.findChild<QListWidget *>(QStringLiteral("refusedChangesListWidget"));
        QCOMPARE(list->count(), 1);
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("refusedReasonLabel"))
                    ->text()
                    .contains(u"payload.after"));
        auto *after = dialog.findChild<QLineEdit *>(QStringLiteral("refusedField_after"));
        QVERIFY(after);
        after->setText(QStringLiteral("corrected"));
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("refusedResendButton")),
                          Qt::LeftButton);
        QCOMPARE(list->count(), 0);
        QTRY_COMPARE(m_ws->sync().deliveryOf(QStringLiteral("request"), id).state,
                     DeliveryState::Central);
        QCOMPARE(m_ws->description(id), QStringLiteral("corrected"));
        QTRY_VERIFY2(!m_label->text().contains(u"refused"), qPrintable(m_label->text()));
    }

    void historyViewsAskTheCentralStoreThroughTheController()
    {
        const Event remote = Event::make(
            QStringLiteral("request"), Event::newId(), QStringLiteral("request.created"),
            {{QStringLiteral("number"), QStringLiteral("C0C0C-0007")},
             {QStringLiteral("type_name"), QStringLiteral("Pothole")},
             {QStringLiteral("address"), QStringLiteral("1 City Hall Sq")}},
            QStringLiteral("bob"), QStringLiteral("C0C0C"), QDateTime::currentDateTimeUtc());
        m_server->inject(eventToJson(remote));
        CentralLookup lookup(m_ws->db(), &m_ws->client());
        SyncController controller(*m_window, *m_settings, m_ws->sync(), lookup, m_ws->events(),
                                  &m_ws->engine(), &m_ws->client(), QStringLiteral("ana"));
        QVERIFY(signIn(QStringLiteral("secret")));
        const CentralQuery query = controller.centralQuery();
        std::optional<CentralAnswer> answer;
        query(CentralKey::Address, QStringLiteral("1 City Hall Sq"),
              [&](const CentralAnswer &a) { answer = a; });
        QTRY_VERIFY(answer.has_value());
        QVERIFY(answer->central);
        QCOMPARE(answer->requests.size(), 1);
        QCOMPARE(answer->requests.first().number, QStringLiteral("C0C0C-0007"));
        QCOMPARE(answer->requests.first().typeName, QStringLiteral("Pothole"));
        // Offline: the local answer, with the reason.
        m_server->setOnline(false);
        answer.reset();
        query(CentralKey::Address, QStringLiteral("1 City Hall Sq"),
              [&](const CentralAnswer &a) { answer = a; });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 20000);
        QVERIFY(!answer->central);
        QVERIFY2(answer->note.contains(u"this workstation"), qPrintable(answer->note));
    }

    void lookupAsksTheCentralStoreAndFallsBackOffline()
    {
        // A request made elsewhere, only in the central store.
        const Event remote = Event::make(
            QStringLiteral("request"), Event::newId(), QStringLiteral("request.created"),
            {{QStringLiteral("number"), QStringLiteral("B0B0B-0042")},
             {QStringLiteral("type_name"), QStringLiteral("Graffiti")},
             {QStringLiteral("address"), QStringLiteral("1 City Hall Sq")}},
            QStringLiteral("bob"), QStringLiteral("B0B0B"), QDateTime::currentDateTimeUtc());
        m_server->inject(eventToJson(remote));
        m_ws->createRequest(QStringLiteral("made here"));
        const QString localNumber = QStringLiteral("K7M2A");
        QVERIFY(signIn(QStringLiteral("secret")));
        CentralLookup lookup(m_ws->db(), &m_ws->client());
        CentralLookupDialog dialog(lookup);
        auto *value = dialog.findChild<QLineEdit *>(QStringLiteral("centralLookupValueLineEdit"));
        auto *note = dialog.findChild<QLabel *>(QStringLiteral("centralLookupNoteLabel"));
        auto *results =
            dialog.findChild<QTreeWidget *>(QStringLiteral("centralLookupResultsTreeWidget"));
        QVERIFY(value && note && results);
        value->setText(QStringLiteral("B0B0B-0042"));
        dialog.search();
        QTRY_COMPARE(note->text(), QStringLiteral("1 request from the central store."));
        QCOMPARE(results->topLevelItem(0)->text(1), QStringLiteral("Graffiti"));
        // Offline: this workstation's records answer, and the note says so.
        m_server->setOnline(false);
        value->setText(localNumber);
        dialog.search();
        QTRY_VERIFY2(note->text().contains(u"showing this workstation's records only"),
                     qPrintable(note->text()));
        QCOMPARE(results->topLevelItemCount(), 1);
        QVERIFY(results->topLevelItem(0)->text(0).startsWith(localNumber));
    }
};

QTEST_MAIN(TestSyncUi)
#include "tst_syncui.moc"
