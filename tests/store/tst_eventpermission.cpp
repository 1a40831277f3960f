// The one permission table on the workstation: the event store checks every append against the
// role the central store returned at sign-in, on the state this store holds, exactly as the
// central store does (tests/server/tst_syncapiauth runs the same cases over the network). The
// services built on it (request actions, knowledge) refuse the same things.

#include "models/domain/permissions/eventpermission.h"
#include "models/requests/requestactions.h"
#include "models/store/eventstore.h"
#include "tests/support/permissionmatrix.h"
#include "tests/support/teststore.h"

#include <QSqlQuery>
#include <QTest>

using namespace civicdesk;

class TestEventPermission : public QObject
{
    Q_OBJECT

    test::TempStore m_store;

    QString statusOf(const QString &id)
    {
        QSqlQuery q(QSqlDatabase::database(m_store.db().connectionName()));
        q.prepare(QStringLiteral("SELECT status FROM requests WHERE id = ?"));
        q.addBindValue(id);
        return q.exec() && q.next() ? q.value(0).toString() : QString();
    }

private slots:
    void everyEventKindForEveryRole_data() { test::addPermissionRows(QStringLiteral("system")); }

    void everyEventKindForEveryRole()
    {
        QFETCH(QString, role);
        QFETCH(int, index);
        const test::PermissionCase c =
            test::permissionCaseOf(role, index, QStringLiteral("system"));
        EventStore events(m_store.db());
        for (const Event &e : c.setup)
            QVERIFY2(events.append(e).ok(), qPrintable(c.name));
        events.setRole(agentRoleFromName(role));
        const Event &event = c.event;
        const auto appended = events.append(event);
        QCOMPARE(appended.ok(), c.allowed.contains(role));
        if (!appended) {
            QCOMPARE(appended.error().code, QStringLiteral("forbidden"));
            QVERIFY(!appended.error().message.isEmpty());
        }
        // The UI's offers come from the same table.
        if (event.kind == u"request.duplicate_unlinked")
            QCOMPARE(mayUnlinkDuplicates(*agentRoleFromName(role)), c.allowed.contains(role));
    }

    // The kinds the table knows are exactly the kinds the matrix covers.
    void theMatrixCoversEveryKind()
    {
        QSet<QString> covered;
        for (const test::PermissionCase &c :
             test::permissionCases(QStringLiteral("k"), QStringLiteral("system")))
            covered.insert(c.event.kind);
        const QStringList kinds = permittedEventKinds();
        QCOMPARE(covered, QSet<QString>(kinds.cbegin(), kinds.cend()));
        // Unknown kinds are refused for every role, even an admin.
        Event odd = Event::make(QStringLiteral("request"), QStringLiteral("r1"),
                                QStringLiteral("request.deleted"), {}, QStringLiteral("a"),
                                QStringLiteral("D"), QDateTime::currentDateTimeUtc());
        QVERIFY(checkEventPermission(AgentRole::Admin, odd, {}).has_value());
    }

    // Who reads a quality review (what the server's pull sends): supervisors and admins every
    // agent's; every other role only the events about themselves, never a form.
    void reviewsAreReadByTheirAgentAndSupervisorsOnly()
    {
        const auto review = [](const QString &kind, const QJsonObject &payload) {
            return Event::make(QStringLiteral("review"), QStringLiteral("e1"), kind, payload,
                               QStringLiteral("sam"), QStringLiteral("D"),
                               QDateTime::currentDateTimeUtc());
        };
        const Event aboutAna = review(QStringLiteral("review.evaluation_submitted"),
                                      {{QStringLiteral("agent"), QStringLiteral("ana")}});
        const Event form = review(QStringLiteral("review.form_published"), {});
        for (AgentRole role :
             {AgentRole::CallTaker, AgentRole::Lobby, AgentRole::Trainer, AgentRole::Editor}) {
            QVERIFY(mayReadReviewEvent(role, QStringLiteral("ana"), aboutAna));
            QVERIFY(!mayReadReviewEvent(role, QStringLiteral("ben"), aboutAna));
            QVERIFY(!mayReadReviewEvent(role, QStringLiteral("ana"), form));
            QVERIFY(!mayReadReviewEvent(role, QString(), form));
        }
        for (AgentRole role : {AgentRole::Supervisor, AgentRole::Admin}) {
            QVERIFY(mayReadReviewEvent(role, QStringLiteral("sam"), aboutAna));
            QVERIFY(mayReadReviewEvent(role, QStringLiteral("sam"), form));
        }
    }

    // The request actions follow the role they are given: a supervisor closes, a call taker
    // cannot, and the event store refuses the call taker even when the action is bypassed.
    void requestActionsFollowTheRole()
    {
        const test::PermissionCase c =
            test::permissionCases(QStringLiteral("act"), QStringLiteral("system")).at(11);
        QCOMPARE(c.name, QStringLiteral("request.status_changed close"));
        EventStore events(m_store.db());
        QVERIFY(events.append(c.setup.first()).ok());
        const QString id = c.setup.first().entityId;

        events.setRole(AgentRole::CallTaker);
        RequestActions callTaker(m_store.db(), events, QStringLiteral("ana"), AgentRole::CallTaker);
        QVERIFY(!callTaker.mayChangeStatus(RequestStatus::Open, RequestStatus::Closed));
        QVERIFY(!callTaker.changeStatus(id, RequestStatus::Closed, QStringLiteral("resolved")));
        // An action object that wrongly believed in a supervisor is still stopped by the store.
        RequestActions confused(m_store.db(), events, QStringLiteral("ana"), AgentRole::Supervisor);
        const Status refused =
            confused.changeStatus(id, RequestStatus::Closed, QStringLiteral("resolved"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("forbidden"));
        QCOMPARE(statusOf(id), QStringLiteral("open"));

        events.setRole(AgentRole::Supervisor);
        RequestActions supervisor(m_store.db(), events, QStringLiteral("sam"),
                                  AgentRole::Supervisor);
        QVERIFY(supervisor.changeStatus(id, RequestStatus::Closed, QStringLiteral("resolved")));
        QCOMPARE(statusOf(id), QStringLiteral("closed"));
        // A call taker reopens what the caller says is not fixed.
        events.setRole(AgentRole::CallTaker);
        QVERIFY(callTaker.changeStatus(id, RequestStatus::Open));
        QCOMPARE(statusOf(id), QStringLiteral("open"));
    }
};

QTEST_GUILESS_MAIN(TestEventPermission)
#include "tst_eventpermission.moc"
