// The SLA backlog kept in memory (BacklogFigures) equals the one SupervisionKpis counts by SQL
// after every request event: created, moved to another department, put in progress, closed and
// reopened, written here or by another workstation, at moments on both sides of a due time and of
// an age bucket's edge, for every agent, team and channel filter. And an update re-reads only
// the requests the new events touched.

#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/supervision/agentteams.h"
#include "models/supervision/kpi/backlogfigures.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "tests/support/teststore.h"

#include <QTest>

using namespace civicdesk;

namespace {

const QTimeZone NewYork("America/New_York");

QDateTime utc(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), Qt::UTC);
}

KpiFilter filter(const QString &agent = {}, const QString &team = {}, const QString &channel = {},
                 int dueSoonHours = 4)
{
    KpiFilter f;
    f.period = KpiPeriod::days(QDate(2026, 11, 1), QDate(2026, 11, 30), NewYork);
    f.agent = agent;
    f.team = team;
    f.channel = channel;
    f.dueSoonHours = dueSoonHours;
    return f;
}

// One queue: a department ("-" = none) and a type.
KpiFilter queue(const QString &department, const QString &serviceCode)
{
    KpiFilter f = filter();
    f.department = department;
    f.serviceCode = serviceCode;
    return f;
}

} // namespace

class TestBacklogFigures : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<EventStore> m_events;

    void append(const QString &id, const QString &kind, const QJsonObject &payload,
                const QString &actor, const QDateTime &at,
                const QString &device = QStringLiteral("D1"))
    {
        auto r = m_events->append(
            Event::make(QStringLiteral("request"), id, kind, payload, actor, device, at));
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    }
    void request(const QString &id, const QString &agent, const QString &code,
                 const QString &department, const QString &channel, const QDateTime &at,
                 int dueHours, const QString &device = QStringLiteral("D1"))
    {
        QJsonObject payload = {{QStringLiteral("number"), QString(u"N-" + id)},
                               {QStringLiteral("service_code"), code},
                               {QStringLiteral("type_name"), QString(u"Type " + code)},
                               {QStringLiteral("department_code"), department},
                               {QStringLiteral("channel"), channel}};
        if (dueHours > 0)
            payload.insert(QStringLiteral("due_at"),
                           at.addSecs(dueHours * 3600).toString(Qt::ISODate));
        append(id, QStringLiteral("request.created"), payload, agent, at, device);
    }
    void status(const QString &id, const QString &to, const QDateTime &at)
    {
        QJsonObject payload = {{QStringLiteral("status"), to}};
        if (to == u"closed")
            payload.insert(QStringLiteral("closure_reason"), QStringLiteral("resolved"));
        append(id, QStringLiteral("request.status_changed"), payload, QStringLiteral("sup"), at);
    }

    // The backlog from memory equals the SQL's for every filter at `now`.
    void same(BacklogFigures &backlog, const QDateTime &now)
    {
        QVERIFY(backlog.update().ok());
        SupervisionKpis kpis(m_store->db());
        for (const KpiFilter &f :
             {filter(), filter(QStringLiteral("ana")), filter(QStringLiteral("bob")),
              filter({}, QStringLiteral("North")), filter({}, QStringLiteral("Nobody")),
              filter({}, {}, QStringLiteral("web")), filter({}, {}, {}, 48),
              queue(QStringLiteral("PWD"), {}), queue(QStringLiteral("-"), {}),
              queue({}, QStringLiteral("GRAF")),
              queue(QStringLiteral("PRK"), QStringLiteral("GRAF")),
              queue(QStringLiteral("PRK"), QStringLiteral("POT"))}) {
            auto sql = kpis.report(f, now);
            auto fast = kpis.report(f, now, nullptr, &backlog);
            QVERIFY(sql.ok() && fast.ok());
            const KpiReport &a = fast.value();
            const KpiReport &b = sql.value();
            QCOMPARE(a.open, b.open);
            QCOMPARE(a.overdue, b.overdue);
            QCOMPARE(a.dueSoon, b.dueSoon);
            QCOMPARE(a.backlog.size(), b.backlog.size());
            for (qsizetype i = 0; i < b.backlog.size(); ++i) {
                QCOMPARE(a.backlog.at(i).serviceCode, b.backlog.at(i).serviceCode);
                QCOMPARE(a.backlog.at(i).typeName, b.backlog.at(i).typeName);
                QCOMPARE(a.backlog.at(i).department, b.backlog.at(i).department);
                QCOMPARE(a.backlog.at(i).open, b.backlog.at(i).open);
                QCOMPARE(a.backlog.at(i).overdue, b.backlog.at(i).overdue);
                QCOMPARE(a.backlog.at(i).dueSoon, b.backlog.at(i).dueSoon);
                QCOMPARE(a.backlog.at(i).ages, b.backlog.at(i).ages);
            }
            // The rest of the report is the SQL's either way.
            QCOMPARE(a.requestsOpened, b.requestsOpened);
            QCOMPARE(a.slaClosed, b.slaClosed);
        }
    }

private slots:
    void init()
    {
        m_store = std::make_unique<test::TempStore>();
        m_events = std::make_unique<EventStore>(m_store->db());
        m_events->setRole(AgentRole::Supervisor);
        QVERIFY(AgentTeams(m_store->db(), *m_events, QStringLiteral("sup"), Clock::fixed(utc(1, 0)))
                    .assign(QStringLiteral("ana"), QStringLiteral("North"))
                    .ok());
    }

    void followsEveryRequestEvent()
    {
        // Before the figures are first read: a month-old request, one 3 days old (an age edge).
        request(QStringLiteral("r1"), QStringLiteral("ana"), QStringLiteral("POT"),
                QStringLiteral("PWD"), QStringLiteral("phone"), utc(1, 14), 48);
        request(QStringLiteral("r2"), QStringLiteral("bob"), QStringLiteral("POT"),
                QStringLiteral("PWD"), QStringLiteral("web"), utc(17, 9), 72);
        BacklogFigures backlog(m_store->db());
        QVERIFY(backlog.reset().ok());
        QCOMPARE(backlog.openRequests(), 2);
        same(backlog, utc(20, 9));     // r2 exactly 3 days old, and due exactly now
        same(backlog, utc(20, 8, 59)); // a minute before both edges
        // New requests: no due time, another department, one by another workstation.
        request(QStringLiteral("r3"), QStringLiteral("ana"), QStringLiteral("GRAF"), QString(),
                QStringLiteral("web"), utc(20, 10), 0);
        request(QStringLiteral("r4"), QStringLiteral("cy"), QStringLiteral("GRAF"),
                QStringLiteral("PRK"), QStringLiteral("phone"), utc(20, 11), 3,
                QStringLiteral("D2"));
        same(backlog, utc(20, 12));
        // Opened after `now`: not yet open then.
        same(backlog, utc(20, 10, 30));
        // Moved to another department, put in progress, closed, reopened.
        append(QStringLiteral("r4"), QStringLiteral("request.field_changed"),
               {{QStringLiteral("field"), QStringLiteral("department_code")},
                {QStringLiteral("after"), QStringLiteral("PWD")}},
               QStringLiteral("sup"), utc(20, 12, 5));
        same(backlog, utc(20, 12, 6));
        status(QStringLiteral("r2"), QStringLiteral("in_progress"), utc(20, 13));
        same(backlog, utc(20, 13, 1));
        status(QStringLiteral("r1"), QStringLiteral("closed"), utc(20, 14));
        same(backlog, utc(20, 14, 1));
        QCOMPARE(backlog.openRequests(), 3);
        status(QStringLiteral("r1"), QStringLiteral("open"), utc(20, 15));
        same(backlog, utc(21, 15));
        QCOMPARE(backlog.openRequests(), 4);
        // Due within 4 hours and within 48 hours, a day later.
        same(backlog, utc(22, 9));
    }

    void anUpdateReadsOnlyWhatWasTouched()
    {
        for (int i = 0; i < 20; ++i)
            request(QString(u"b" + QString::number(i)), QStringLiteral("ana"),
                    QStringLiteral("POT"), QStringLiteral("PWD"), QStringLiteral("phone"),
                    utc(2, 9).addSecs(i * 60), 24);
        BacklogFigures backlog(m_store->db());
        QCOMPARE(backlog.update().value(), 0); // the first update reads everything once
        QCOMPARE(backlog.openRequests(), 20);
        QCOMPARE(backlog.update().value(), 0); // nothing new
        status(QStringLiteral("b3"), QStringLiteral("closed"), utc(3, 9));
        status(QStringLiteral("b3"), QStringLiteral("open"), utc(3, 10));
        status(QStringLiteral("b7"), QStringLiteral("closed"), utc(3, 11));
        QCOMPARE(backlog.update().value(), 2);
        QCOMPARE(backlog.openRequests(), 19);
        same(backlog, utc(3, 12));
    }
};

QTEST_GUILESS_MAIN(TestBacklogFigures)
#include "tst_backlogfigures.moc"
