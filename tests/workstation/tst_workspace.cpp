// The composition root: one role everywhere, the one the central store returns at sign-in.
// A real civicdesk-server; workstations built as the program builds them (Workspace, then the
// main window on it). A workstation signed in as a supervisor whose settings say call taker
// closes a request (and the central store accepts it); one signed in as a call taker whose
// settings say supervisor is offered no close, and a raw close is refused by its own store.
// A workspace without a client (practice, standalone) has no sync engine.

#include "app/workstation/workspace.h"
#include "models/domain/eventjson.h"
#include "models/sync/syncclient.h"
#include "models/sync/syncengine.h"
#include "models/sync/syncstore.h"
#include "tests/support/serverfixture.h"
#include "tests/support/teststore.h"
#include "ui/common/mainwindow.h"
#include "ui/history/historypanel.h"
#include "ui/history/requestdetaildialog.h"
#include "ui/knowledge/knowledgepanel.h"
#include "ui/map/mapoverviewpanel.h"
#include "ui/map/mapview.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QJsonArray>
#include <QLineEdit>
#include <QListView>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSqlQuery>
#include <QTest>

using namespace civicdesk;
using test::ServerProcess;

namespace {
const QString Password = test::testPassword();
}

class TestWorkspace : public QObject
{
    Q_OBJECT

    test::ServerFixture m_fixture{QStringLiteral(CIVICDESK_SERVER)};
    QTemporaryDir m_settingsDir;
    QNetworkAccessManager m_network;

    std::optional<AgentRole> signIn(SyncClient &client, const QString &user, Database &db)
    {
        std::optional<AgentRole> role;
        bool done = false;
        client.login(user, Password, db.deviceCode().value(), [&](Result<LoginResult> r) {
            if (r)
                role = agentRoleFromName(r.value().role);
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 10000))
            return std::nullopt;
        return role;
    }

    QString newRequest(Workspace &workspace, const QString &number)
    {
        const Event created = Event::make(
            QStringLiteral("request"), Event::newId(), QStringLiteral("request.created"),
            {{QStringLiteral("number"), number},
             {QStringLiteral("type_name"), QStringLiteral("Rodent Activity")},
             {QStringLiteral("service_code"), QStringLiteral("RODENTACT")},
             {QStringLiteral("address"), QStringLiteral("1 City Hall Plz")},
             {QStringLiteral("channel"), QStringLiteral("phone")}},
            workspace.store().agent, workspace.store().database.deviceCode().value(),
            QDateTime::currentDateTimeUtc());
        if (!workspace.store().events.append(created))
            return {};
        return created.entityId;
    }

    QString localStatus(Database &db, const QString &id)
    {
        QSqlQuery q(QSqlDatabase::database(db.connectionName()));
        q.prepare(QStringLiteral("SELECT status FROM requests WHERE id = ?"));
        q.addBindValue(id);
        return q.exec() && q.next() ? q.value(0).toString() : QString();
    }

    QStringList offeredStatuses(MainWindow &window, const QString &id)
    {
        window.historyPanel()->openRequest(id);
        RequestDetailDialog *dialog = window.historyPanel()->detailDialog();
        if (!dialog)
            return {};
        auto *status = dialog->findChild<QComboBox *>(QStringLiteral("detailStatusComboBox"));
        QStringList offered;
        for (int i = 0; i < status->count(); ++i)
            offered.append(status->itemData(i).toString());
        return offered;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_fixture.setUp({{QStringLiteral("sam"), QStringLiteral("supervisor")},
                                  {QStringLiteral("ana"), QStringLiteral("call_taker")}},
                                 test::ServerFixture::City::Mini),
                 qPrintable(m_fixture.error()));
    }

    void cleanupTestCase() { m_fixture.stop(); }

    void signedInSupervisorClosesWhateverTheSettingsSay()
    {
        auto store = test::miniCityStore();
        Settings settings(m_settingsDir.filePath(QStringLiteral("sam.ini")));
        settings.setAgentRole(AgentRole::CallTaker);
        SyncClient client(m_network, QUrl(m_fixture.server().baseUrl()));
        const auto signedIn = signIn(client, QStringLiteral("sam"), store->db());
        QCOMPARE(signedIn, std::optional(AgentRole::Supervisor));
        Workspace workspace(store->db(), QStringLiteral("sam"),
                            workingRole(settings, true, signedIn), &client);
        QCOMPARE(workspace.role(), AgentRole::Supervisor);
        QVERIFY(workspace.syncEngine());
        MainWindow window(workspace.store(), settings);
        const QString id = newRequest(workspace, QStringLiteral("WS-SUP-1"));
        QVERIFY(!id.isEmpty());
        QVERIFY(offeredStatuses(window, id).contains(QStringLiteral("closed")));
        RequestDetailDialog *dialog = window.historyPanel()->detailDialog();
        auto *status = dialog->findChild<QComboBox *>(QStringLiteral("detailStatusComboBox"));
        status->setCurrentIndex(status->findData(QStringLiteral("closed")));
        auto *reason =
            dialog->findChild<QComboBox *>(QStringLiteral("detailClosureReasonComboBox"));
        reason->setCurrentIndex(reason->findData(QStringLiteral("resolved")));
        dialog->findChild<QPushButton *>(QStringLiteral("detailChangeStatusButton"))->click();
        QCOMPARE(localStatus(store->db(), id), QStringLiteral("closed"));
        // The central store accepts the close: the outbox empties with nothing refused.
        workspace.syncEngine()->start();
        QTRY_COMPARE_WITH_TIMEOUT(workspace.syncEngine()->store().pendingCount(), 0, 10000);
        const QString token = m_fixture.server().login(QStringLiteral("sam"), Password);
        const auto central =
            m_fixture.server().get(QStringLiteral("/api/v1/requests?number=WS-SUP-1"), token);
        QCOMPARE(central.status, 200);
        QVERIFY2(central.body.contains("\"closed\""), central.body.constData());
        // Offline later, the workstation keeps the role of its last sign-in.
        QCOMPARE(workingRole(settings, true, std::nullopt), AgentRole::Supervisor);
    }

    void signedInCallTakerCannotCloseWhateverTheSettingsSay()
    {
        auto store = test::miniCityStore();
        Settings settings(m_settingsDir.filePath(QStringLiteral("ana.ini")));
        settings.setAgentRole(AgentRole::Supervisor);
        SyncClient client(m_network, QUrl(m_fixture.server().baseUrl()));
        const auto signedIn = signIn(client, QStringLiteral("ana"), store->db());
        QCOMPARE(signedIn, std::optional(AgentRole::CallTaker));
        Workspace workspace(store->db(), QStringLiteral("ana"),
                            workingRole(settings, true, signedIn), &client);
        QCOMPARE(workspace.role(), AgentRole::CallTaker);
        MainWindow window(workspace.store(), settings);
        const QString id = newRequest(workspace, QStringLiteral("WS-CT-1"));
        QVERIFY(!id.isEmpty());
        QVERIFY(!offeredStatuses(window, id).contains(QStringLiteral("closed")));
        // Past the UI, the workstation's own store refuses the close too.
        const Event close =
            Event::make(QStringLiteral("request"), id, QStringLiteral("request.status_changed"),
                        {{QStringLiteral("status"), QStringLiteral("closed")},
                         {QStringLiteral("closure_reason"), QStringLiteral("resolved")}},
                        QStringLiteral("ana"), store->db().deviceCode().value(),
                        QDateTime::currentDateTimeUtc());
        const auto refused = workspace.store().events.append(close);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("forbidden"));
        QCOMPARE(localStatus(store->db(), id), QStringLiteral("open"));
        // Knowledge follows the same role: a call taker writes no articles.
        QVERIFY(!workspace.store().knowledge.canCreate());
    }

    // What others write reaches the open window without a restart: a request another agent
    // makes appears among the map's markers, and an article a supervisor publishes is found by
    // the knowledge search, typo correction included (its vocabulary was cached before).
    void pulledChangesReachTheMapAndTheKnowledgeSearch()
    {
        auto store = test::miniCityStore();
        Settings settings(m_settingsDir.filePath(QStringLiteral("views.ini")));
        SyncClient client(m_network, QUrl(m_fixture.server().baseUrl()));
        const auto signedIn = signIn(client, QStringLiteral("ana"), store->db());
        QVERIFY(signedIn);
        Workspace workspace(store->db(), QStringLiteral("ana"),
                            workingRole(settings, true, signedIn), &client);
        workspace.syncEngine()->setLongPollSeconds(5);
        MainWindow window(workspace.store(), settings);
        window.resize(1366, 768);
        window.show();
        window.showArea(window.findChild<QDockWidget *>(QStringLiteral("mapDock")));
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        MapView *map = window.mapPanel()->mapView();
        QTRY_VERIFY_WITH_TIMEOUT(map->isReady(), 120000);
        workspace.syncEngine()->start();
        QTRY_COMPARE_WITH_TIMEOUT(workspace.syncEngine()->store().pendingCount(), 0, 10000);
        QTest::qWait(500); // the first pull's own refresh
        const int before = map->requestCount();
        // The knowledge search has read its vocabulary already.
        auto *search = window.knowledgePanel()->findChild<QLineEdit *>(
            QStringLiteral("articleSearchLineEdit"));
        auto *results =
            window.knowledgePanel()->findChild<QListView *>(QStringLiteral("articleListView"));
        search->setText(QStringLiteral("pothole"));
        QTRY_VERIFY_WITH_TIMEOUT(results->model()->rowCount() > 0, 10000);

        const QString samToken = m_fixture.server().login(QStringLiteral("sam"), Password);
        const QString article = Event::newId();
        const auto event = [](const QString &type, const QString &id, const QString &kind,
                              const QJsonObject &payload) {
            return eventToJson(Event::make(type, id, kind, payload, QStringLiteral("sam"),
                                           QStringLiteral("SAMW2"),
                                           QDateTime::currentDateTimeUtc()));
        };
        const auto pushed = m_fixture.server().postJson(
            QStringLiteral("/api/v1/events"),
            QJsonDocument(QJsonObject{
                {QStringLiteral("events"),
                 QJsonArray{
                     event(QStringLiteral("request"), Event::newId(),
                           QStringLiteral("request.created"),
                           {{QStringLiteral("number"), QStringLiteral("WS-PULL-1")},
                            {QStringLiteral("type_name"), QStringLiteral("Rodent Activity")},
                            {QStringLiteral("service_code"), QStringLiteral("RODENTACT")},
                            {QStringLiteral("address"), QStringLiteral("1 City Hall Plz")},
                            {QStringLiteral("latitude"), 42.3603},
                            {QStringLiteral("longitude"), -71.0578},
                            {QStringLiteral("channel"), QStringLiteral("phone")}}),
                     event(QStringLiteral("article"), article, QStringLiteral("article.created"),
                           {{QStringLiteral("fields"),
                             QJsonObject{
                                 {QStringLiteral("title"),
                                  QStringLiteral("Zamboni parking during rink season")},
                                 {QStringLiteral("body"),
                                  QStringLiteral("Residents may park a zamboni trailer on the "
                                                 "street with a permit.")}}}}),
                     event(QStringLiteral("article"), article,
                           QStringLiteral("article.state_changed"),
                           {{QStringLiteral("to"), QStringLiteral("in_review")}}),
                     event(QStringLiteral("article"), article,
                           QStringLiteral("article.state_changed"),
                           {{QStringLiteral("to"), QStringLiteral("published")}})}}}),
            samToken);
        QCOMPARE(pushed.json()[u"accepted"].toArray().size(), 4);

        QTRY_COMPARE_WITH_TIMEOUT(map->requestCount(), before + 1, 20000);
        search->setText(QStringLiteral("zambonni"));
        const auto found = [&] {
            for (int row = 0; row < results->model()->rowCount(); ++row) {
                if (results->model()->index(row, 0).data().toString().contains(
                        QStringLiteral("Zamboni")))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(found(), 10000);
    }

    void withoutAServerTheSettingDecidesAndNothingSyncs()
    {
        auto store = test::miniCityStore();
        Settings settings(m_settingsDir.filePath(QStringLiteral("standalone.ini")));
        settings.setAgentRole(AgentRole::Editor);
        Workspace workspace(store->db(), QStringLiteral("ed"),
                            workingRole(settings, false, std::nullopt));
        QCOMPARE(workspace.role(), AgentRole::Editor);
        QVERIFY(!workspace.syncEngine());
        QVERIFY(workspace.store().knowledge.canCreate());
        // A workstation that was never signed in works as a call taker until it is.
        Settings fresh(m_settingsDir.filePath(QStringLiteral("fresh.ini")));
        fresh.setAgentRole(AgentRole::Admin);
        QCOMPARE(workingRole(fresh, true, std::nullopt), AgentRole::CallTaker);
    }
};

// As the workstation's main(): the map's web engine, loaded when the map starts, shares the
// widgets' OpenGL contexts.
int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestWorkspace test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_workspace.moc"
