// Team history: a team's figures count its members' work while they were in it, not its
// members now. A hand-computed week in New York in which ana moves from North to South in the
// middle of a day (between two of her calls and two of her requests) and bob leaves every team:
// the report over several days (UTC days read from the rollups, the day of the move counted
// directly), one agent of a team, the drill-downs, today's figures and the SLA backlog kept in
// memory all place each contact and request in the team of its time.

#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/supervision/agentteams.h"
#include "models/supervision/kpi/backlogfigures.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "models/supervision/kpi/todayfigures.h"
#include "tests/support/appendevent.h"
#include "tests/support/teststore.h"

#include <QJsonObject>
#include <QTest>

using namespace civicdesk;

namespace {

const QTimeZone NewYork("America/New_York");
const QString Ana = QStringLiteral("ana");
const QString Bob = QStringLiteral("bob");
const QString North = QStringLiteral("North");
const QString South = QStringLiteral("South");

QDateTime local(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 12, day), QTime(hour, minute), NewYork).toUTC();
}

KpiFilter days(const QString &team, int first = 1, int last = 4)
{
    KpiFilter f;
    f.period = KpiPeriod::days(QDate(2026, 12, first), QDate(2026, 12, last), NewYork);
    f.team = team;
    return f;
}

// When the teams were first set: Monday 30 November, 12:00.
const QDateTime TeamsSet = QDateTime(QDate(2026, 11, 30), QTime(12, 0), NewYork).toUTC();
// Friday 4 December, 12:00.
const QDateTime Now = local(4, 12);

} // namespace

class TestTeamHistory : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<EventStore> m_events;

    void append(const QString &type, const QString &id, const QString &kind,
                const QJsonObject &payload, const QString &actor, const QDateTime &at)
    {
        test::appendEvent(*m_events, type, id, kind, payload, actor, u"D-" + actor, at);
    }
    void contact(const QString &id, const QString &agent, const QDateTime &start,
                 const QString &outcome, int minutes)
    {
        test::appendContact(*m_events, id, agent, u"D-" + agent, QStringLiteral("phone"), start,
                            outcome, minutes);
    }
    void request(const QString &id, const QString &agent, const QDateTime &at)
    {
        append(QStringLiteral("request"), id, QStringLiteral("request.created"),
               {{QStringLiteral("number"), QString(u"N-" + id)},
                {QStringLiteral("service_code"), QStringLiteral("POTHOLE")},
                {QStringLiteral("type_name"), QStringLiteral("Pothole")},
                {QStringLiteral("channel"), QStringLiteral("phone")},
                {QStringLiteral("opened_at"), at.toString(Qt::ISODate)},
                {QStringLiteral("due_at"), at.addDays(2).toString(Qt::ISODate)}},
               agent, at);
    }
    void setTeam(const QString &agent, const QString &team, const QDateTime &at)
    {
        QVERIFY(AgentTeams(m_store->db(), *m_events, QStringLiteral("sup"), Clock::fixed(at))
                    .assign(agent, team)
                    .ok());
    }

private slots:
    // ana: North from 30 Nov 12:00, South from 2 Dec 14:30. bob: South from 30 Nov 12:00 until
    // 3 Dec 09:00, then no team.
    //   a1 ana 1 Dec 10:00 information 5 min (North)   a2 ana 2 Dec 14:00 warm transfer 2 min
    //   (North) a3 ana 2 Dec 15:00 information 3 min (South)   a4 ana 4 Dec 11:00 running (South)
    //   b1 bob 1 Dec 09:00 information 4 min (South)   b2 bob 3 Dec 10:00 information 6 min (none)
    //   R1 ana 2 Dec 14:05 (North)   R2 ana 2 Dec 16:00 (South)   R3 bob 3 Dec 11:00 (none)
    // North, 1-4 Dec: 2 contacts, 2 ended, 420 s, 1 transfer, hours 10 and 14; R1.
    // South, 1-4 Dec: 3 contacts (b1 a3 a4), 2 ended, 180 + 240 = 420 s, hours 9, 11, 15; R2.
    void init()
    {
        m_store = std::make_unique<test::TempStore>();
        m_events = std::make_unique<EventStore>(m_store->db());
        setTeam(Ana, North, TeamsSet);
        setTeam(Bob, South, TeamsSet);
        contact(QStringLiteral("a1"), Ana, local(1, 10), QStringLiteral("information_given"), 5);
        contact(QStringLiteral("b1"), Bob, local(1, 9), QStringLiteral("information_given"), 4);
        contact(QStringLiteral("a2"), Ana, local(2, 14), QStringLiteral("warm_transfer"), 2);
        request(QStringLiteral("R1"), Ana, local(2, 14, 5));
        setTeam(Ana, South, local(2, 14, 30));
        contact(QStringLiteral("a3"), Ana, local(2, 15), QStringLiteral("information_given"), 3);
        request(QStringLiteral("R2"), Ana, local(2, 16));
        setTeam(Bob, QString(), local(3, 9));
        contact(QStringLiteral("b2"), Bob, local(3, 10), QStringLiteral("information_given"), 6);
        request(QStringLiteral("R3"), Bob, local(3, 11));
        contact(QStringLiteral("a4"), Ana, local(4, 11), QString(), 0);
    }

    void historyListsWhoWasInTheTeamWhen()
    {
        const QString connection = m_store->db().connectionName();
        const qint64 max = std::numeric_limits<qint64>::max();
        QCOMPARE(
            AgentTeams::history(connection, South),
            (QList<TeamSpan>{{Ana, local(2, 14, 30).toSecsSinceEpoch(), max},
                             {Bob, TeamsSet.toSecsSinceEpoch(), local(3, 9).toSecsSinceEpoch()}}));
        QCOMPARE(AgentTeams::history(connection, North).size(), 1);
        QCOMPARE(AgentTeams::history(connection, North).first().until,
                 local(2, 14, 30).toSecsSinceEpoch());
        // Now: ana is in South and bob in no team.
        QCOMPARE(AgentTeams::members(connection, South), QStringList{Ana});
        QVERIFY(AgentTeams::members(connection, North).isEmpty());
    }

    void aTeamCountsItsMembersWorkWhileInIt()
    {
        SupervisionKpis kpis(m_store->db());
        const KpiReport north = kpis.report(days(North), Now).value();
        QCOMPARE(north.contacts, 2);
        QCOMPARE(north.ended, 2);
        QCOMPARE(north.handleSeconds, 420);
        QCOMPARE(north.transfers, 1);
        QCOMPARE(north.byHour.at(10), 1);
        QCOMPARE(north.byHour.at(14), 1);
        QCOMPARE(north.requestsOpened, 1);

        const KpiReport south = kpis.report(days(South), Now).value();
        QCOMPARE(south.contacts, 3);
        QCOMPARE(south.ended, 2);
        QCOMPARE(south.handleSeconds, 420);
        QCOMPARE(south.transfers, 0);
        QCOMPARE(south.byHour.at(9), 1);
        QCOMPARE(south.byHour.at(11), 1);
        QCOMPARE(south.byHour.at(15), 1);
        QCOMPARE(south.requestsOpened, 1);

        // One member of a team: ana's two contacts in each.
        KpiFilter anaSouth = days(South);
        anaSouth.agent = Ana;
        QCOMPARE(kpis.report(anaSouth, Now).value().contacts, 2);
        KpiFilter anaNorth = days(North);
        anaNorth.agent = Ana;
        QCOMPARE(kpis.report(anaNorth, Now).value().contacts, 2);
        // Only the day of the move: North has a2, South a3.
        QCOMPARE(kpis.report(days(North, 2, 2), Now).value().contacts, 1);
        QCOMPARE(kpis.report(days(South, 2, 2), Now).value().contacts, 1);

        // The drill-downs list the same contacts and requests.
        auto lines = kpis.contactsBehind(days(South), KpiCell{});
        QVERIFY(lines.ok());
        QStringList ids;
        for (const KpiContactLine &l : lines.value())
            ids.append(l.id);
        QCOMPARE(ids,
                 (QStringList{QStringLiteral("b1"), QStringLiteral("a3"), QStringLiteral("a4")}));
        auto opened =
            kpis.requestsBehind(days(North), KpiCell{KpiCell::Metric::RequestsOpened}, Now);
        QVERIFY(opened.ok());
        QCOMPARE(opened.value().size(), 1);
        QCOMPARE(opened.value().first().id, QStringLiteral("R1"));
    }

    void todayAndTheBacklogKeptInMemoryAgree()
    {
        SupervisionKpis kpis(m_store->db());
        TodayFigures today(m_store->db(), NewYork);
        QVERIFY(today.reset(Now).ok());
        BacklogFigures backlog(m_store->db());
        QVERIFY(backlog.reset().ok());
        for (const QString &team : {North, South}) {
            const KpiFilter f = days(team, 4, 4);
            const KpiReport sql = kpis.report(f, Now).value();
            const KpiReport kept = kpis.report(f, Now, &today, &backlog).value();
            QCOMPARE(kept.contacts, sql.contacts);
            QCOMPARE(kept.open, sql.open);
            QCOMPARE(kept.overdue, sql.overdue);
        }
        // Today: a4 (South). Open now: R1 (North), R2 (South), R3 (no team).
        QCOMPARE(kpis.report(days(South, 4, 4), Now, &today, &backlog).value().contacts, 1);
        QCOMPARE(kpis.report(days(North, 4, 4), Now, &today, &backlog).value().contacts, 0);
        QCOMPARE(kpis.report(days(South, 4, 4), Now, &today, &backlog).value().open, 1);
        QCOMPARE(kpis.report(days(North, 4, 4), Now, &today, &backlog).value().open, 1);
        QCOMPARE(kpis.report(days(QString(), 4, 4), Now, &today, &backlog).value().open, 3);
    }
};

QTEST_GUILESS_MAIN(TestTeamHistory)
#include "tst_teamhistory.moc"
