// Teams: supervisors put agents into teams (team.member_set events, the latest wins), only
// supervisors and admins may, a bad name is refused before anything is written, and the KPIs,
// the drill-downs and the exports of a team count its members' contacts and requests, against
// a hand-computed day in New York. The same day's contact figures kept incrementally
// (TodayFigures) equal the ones counted by SQL after every event.

#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/supervision/agentteams.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "models/supervision/kpi/todayfigures.h"
#include "models/supervision/reports/supervisionexport.h"
#include "tests/support/appendevent.h"
#include "tests/support/teststore.h"

#include <QBuffer>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace civicdesk;

namespace {

const QTimeZone NewYork("America/New_York");
const QString D1 = QStringLiteral("D1");

QDateTime local(int h, int min)
{
    return QDateTime(QDate(2026, 12, 4), QTime(h, min), NewYork).toUTC();
}

KpiFilter day(const QString &team = {}, const QString &channel = {})
{
    KpiFilter f;
    f.period = KpiPeriod::days(QDate(2026, 12, 4), QDate(2026, 12, 4), NewYork);
    f.team = team;
    f.channel = channel;
    return f;
}

int eventCount(Database &db, const QString &kind)
{
    QSqlQuery q(QSqlDatabase::database(db.connectionName()));
    q.prepare(QStringLiteral("SELECT count(*) FROM events WHERE kind = ?"));
    q.addBindValue(kind);
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

} // namespace

class TestAgentTeams : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<EventStore> m_events;

    void append(const QString &type, const QString &id, const QString &kind,
                const QJsonObject &payload, const QString &actor, const QDateTime &at)
    {
        test::appendEvent(*m_events, type, id, kind, payload, actor, D1, at);
    }
    void contact(const QString &id, const QString &agent, const QString &channel,
                 const QDateTime &start, const QString &outcome, int minutes)
    {
        test::appendContact(*m_events, id, agent, D1, channel, start, outcome, minutes);
    }
    void request(const QString &id, const QString &agent, const QDateTime &at)
    {
        append(QStringLiteral("request"), id, QStringLiteral("request.created"),
               {{QStringLiteral("number"), QString(u"N-" + id)},
                {QStringLiteral("service_code"), QStringLiteral("POTHOLE")},
                {QStringLiteral("type_name"), QStringLiteral("Pothole")},
                {QStringLiteral("channel"), QStringLiteral("phone")}},
               agent, at);
    }

private slots:
    void init()
    {
        m_store = std::make_unique<test::TempStore>();
        m_events = std::make_unique<EventStore>(m_store->db());
    }

    void theLatestEventSaysTheTeam()
    {
        AgentTeams teams(m_store->db(), *m_events, QStringLiteral("sup"));
        QVERIFY(teams.assign(QStringLiteral("ana"), QStringLiteral("Days")).ok());
        QVERIFY(teams.assign(QStringLiteral("bob"), QStringLiteral("Days")).ok());
        QVERIFY(teams.assign(QStringLiteral("cy"), QStringLiteral("Nights")).ok());
        QVERIFY(teams.assign(QStringLiteral("bob"), QStringLiteral("Nights")).ok());
        QVERIFY(teams.assign(QStringLiteral("cy"), QString()).ok()); // out of every team
        const QMap<QString, QString> expected = {{QStringLiteral("ana"), QStringLiteral("Days")},
                                                 {QStringLiteral("bob"), QStringLiteral("Nights")}};
        QCOMPARE(teams.memberships(), expected);
        QCOMPARE(teams.teams(), (QStringList{QStringLiteral("Days"), QStringLiteral("Nights")}));
        QCOMPARE(AgentTeams::members(m_store->db().connectionName(), QStringLiteral("Nights")),
                 QStringList{QStringLiteral("bob")});
        // Setting what is already so records nothing.
        QVERIFY(teams.assign(QStringLiteral("ana"), QStringLiteral("Days")).ok());
        QCOMPARE(eventCount(m_store->db(), QStringLiteral("team.member_set")), 5);
    }

    void aBadNameIsRefusedBeforeAnythingIsWritten()
    {
        AgentTeams teams(m_store->db(), *m_events, QStringLiteral("sup"));
        const Status tooLong = teams.assign(QStringLiteral("ana"), QString(41, u'x'));
        QVERIFY(!tooLong);
        QVERIFY(tooLong.error().message.contains(u"40"));
        QVERIFY(!teams.assign(QStringLiteral("ana"), QStringLiteral("Day\tshift")));
        QVERIFY(!teams.assign(QString(), QStringLiteral("Days")));
        QCOMPARE(eventCount(m_store->db(), QStringLiteral("team.member_set")), 0);
    }

    void onlySupervisorsAndAdminsSetTeams()
    {
        AgentTeams teams(m_store->db(), *m_events, QStringLiteral("ct"));
        m_events->setRole(AgentRole::CallTaker);
        const Status refused = teams.assign(QStringLiteral("ana"), QStringLiteral("Days"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("forbidden"));
        QVERIFY(!AgentTeams::mayManage(AgentRole::Editor));
        m_events->setRole(AgentRole::Supervisor);
        QVERIFY(teams.assign(QStringLiteral("ana"), QStringLiteral("Days")).ok());
        QVERIFY(AgentTeams::mayManage(AgentRole::Admin));
    }

    // Days: ana and bob; Nights: cy.
    //   c1 ana phone 09:00 information 4 min     c2 bob phone 10:15 request (R1) 6 min
    //   c3 bob web 10:40 warm transfer 2 min     c4 cy phone 11:00 information 10 min
    //   c5 ana phone 14:05 running               R2 created by cy at 11:03
    // Days: 4 contacts, 3 ended, handle 4+6+2 = 12 min = 720 s, 1 transfer, 1 information,
    // 1 request contact; by hour 9:1, 10:2, 14:1; requests opened 1 (R1). Nights: 1 contact,
    // 600 s, requests opened 1 (R2). Days on the phone: c1, c2, c5.
    void kpisPerTeamAgainstAHandComputedDay()
    {
        // The teams were set the day before (a team counts its members' work while in it).
        AgentTeams teams(m_store->db(), *m_events, QStringLiteral("sup"),
                         Clock::fixed(local(0, 0).addDays(-1)));
        QVERIFY(teams.assign(QStringLiteral("ana"), QStringLiteral("Days")).ok());
        QVERIFY(teams.assign(QStringLiteral("bob"), QStringLiteral("Days")).ok());
        QVERIFY(teams.assign(QStringLiteral("cy"), QStringLiteral("Nights")).ok());
        contact(QStringLiteral("c1"), QStringLiteral("ana"), QStringLiteral("phone"), local(9, 0),
                QStringLiteral("information_given"), 4);
        append(QStringLiteral("contact"), QStringLiteral("c2"), QStringLiteral("contact.started"),
               {{QStringLiteral("channel"), QStringLiteral("phone")}}, QStringLiteral("bob"),
               local(10, 15));
        request(QStringLiteral("R1"), QStringLiteral("bob"), local(10, 18));
        append(QStringLiteral("contact"), QStringLiteral("c2"), QStringLiteral("contact.ended"),
               {{QStringLiteral("outcome"), QStringLiteral("request_created")}},
               QStringLiteral("bob"), local(10, 21));
        contact(QStringLiteral("c3"), QStringLiteral("bob"), QStringLiteral("web"), local(10, 40),
                QStringLiteral("warm_transfer"), 2);
        contact(QStringLiteral("c4"), QStringLiteral("cy"), QStringLiteral("phone"), local(11, 0),
                QStringLiteral("information_given"), 10);
        request(QStringLiteral("R2"), QStringLiteral("cy"), local(11, 3));
        contact(QStringLiteral("c5"), QStringLiteral("ana"), QStringLiteral("phone"), local(14, 5),
                QString(), 0);

        SupervisionKpis kpis(m_store->db());
        const QDateTime now = local(15, 0);
        auto days = kpis.report(day(QStringLiteral("Days")), now);
        QVERIFY(days.ok());
        QCOMPARE(days.value().contacts, 4);
        QCOMPARE(days.value().ended, 3);
        QCOMPARE(days.value().handleSeconds, 720);
        QCOMPARE(days.value().transfers, 1);
        QCOMPARE(days.value().information, 1);
        QCOMPARE(days.value().requestContacts, 1);
        QCOMPARE(days.value().byHour.at(9), 1);
        QCOMPARE(days.value().byHour.at(10), 2);
        QCOMPARE(days.value().byHour.at(14), 1);
        QCOMPARE(days.value().requestsOpened, 1);
        QCOMPARE(days.value().requestsByType.first().count, 1);

        auto nights = kpis.report(day(QStringLiteral("Nights")), now);
        QVERIFY(nights.ok());
        QCOMPARE(nights.value().contacts, 1);
        QCOMPARE(nights.value().handleSeconds, 600);
        QCOMPARE(nights.value().requestsOpened, 1);

        auto phone = kpis.report(day(QStringLiteral("Days"), QStringLiteral("phone")), now);
        QVERIFY(phone.ok());
        QCOMPARE(phone.value().contacts, 3);
        // A team nobody is in counts nothing (not everything).
        auto empty = kpis.report(day(QStringLiteral("Evenings")), now);
        QVERIFY(empty.ok());
        QCOMPARE(empty.value().contacts, 0);
        QCOMPARE(empty.value().requestsOpened, 0);

        // The drill-downs list the same contacts and requests.
        auto lines = kpis.contactsBehind(day(QStringLiteral("Days")), KpiCell{});
        QVERIFY(lines.ok());
        QStringList ids;
        for (const KpiContactLine &l : lines.value())
            ids.append(l.id);
        QCOMPARE(ids, (QStringList{QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3"),
                                   QStringLiteral("c5")}));
        auto opened = kpis.requestsBehind(day(QStringLiteral("Nights")),
                                          KpiCell{KpiCell::Metric::RequestsOpened}, now);
        QVERIFY(opened.ok());
        QCOMPARE(opened.value().size(), 1);
        QCOMPARE(opened.value().first().id, QStringLiteral("R2"));

        // The exports carry the team in their last column.
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        auto rows = SupervisionExport(m_store->db())
                        .writeContacts(out, day(QStringLiteral("Nights")), AgentRole::Supervisor,
                                       QStringLiteral("sup"), false);
        QVERIFY(rows.ok());
        QCOMPARE(rows.value(), 1);
        const QList<QByteArray> csv = out.data().split('\n');
        QVERIFY(csv.at(0).trimmed().endsWith(",team"));
        QVERIFY(csv.at(1).startsWith("c4,"));
        QVERIFY(csv.at(1).trimmed().endsWith(",Nights"));
        QBuffer requests;
        requests.open(QIODevice::WriteOnly);
        QVERIFY(SupervisionExport(m_store->db())
                    .writeRequests(requests, day(), AgentRole::Supervisor, QStringLiteral("sup"),
                                   false, now)
                    .ok());
        QVERIFY(requests.data().split('\n').at(0).trimmed().endsWith(",team"));
        QVERIFY(requests.data().contains(",Days\r\n"));
        QVERIFY(requests.data().contains(",Nights\r\n"));
    }

    // Today's figures kept as aggregates equal the ones SQL counts, after every event, for
    // every filter; a contact of yesterday that ends today stays out.
    void todaysFiguresFollowEachEventIncrementally()
    {
        AgentTeams teams(m_store->db(), *m_events, QStringLiteral("sup"),
                         Clock::fixed(local(0, 0).addDays(-1)));
        QVERIFY(teams.assign(QStringLiteral("ana"), QStringLiteral("Days")).ok());
        contact(QStringLiteral("y1"), QStringLiteral("ana"), QStringLiteral("phone"),
                local(0, 0).addSecs(-120), QString(), 0);
        SupervisionKpis kpis(m_store->db());
        TodayFigures today(m_store->db(), NewYork);
        QVERIFY(today.reset(local(8, 0)).ok());
        QCOMPARE(today.day(), QDate(2026, 12, 4));
        const auto same = [&](const QDateTime &now) {
            QVERIFY(today.update(now).ok());
            for (const KpiFilter &f :
                 {day(), day(QStringLiteral("Days")), day(QString(), QStringLiteral("web"))}) {
                auto sql = kpis.report(f, now);
                auto fast = kpis.report(f, now, &today);
                QVERIFY(sql.ok() && fast.ok());
                QCOMPARE(fast.value().contacts, sql.value().contacts);
                QCOMPARE(fast.value().ended, sql.value().ended);
                QCOMPARE(fast.value().handleSeconds, sql.value().handleSeconds);
                QCOMPARE(fast.value().transfers, sql.value().transfers);
                QCOMPARE(fast.value().information, sql.value().information);
                QCOMPARE(fast.value().requestContacts, sql.value().requestContacts);
                QCOMPARE(fast.value().byHour, sql.value().byHour);
                QCOMPARE(fast.value().byChannel.size(), sql.value().byChannel.size());
                for (qsizetype i = 0; i < sql.value().byChannel.size(); ++i) {
                    QCOMPARE(fast.value().byChannel.at(i).key, sql.value().byChannel.at(i).key);
                    QCOMPARE(fast.value().byChannel.at(i).count, sql.value().byChannel.at(i).count);
                }
                QCOMPARE(fast.value().byOutcome.size(), sql.value().byOutcome.size());
                for (qsizetype i = 0; i < sql.value().byOutcome.size(); ++i) {
                    QCOMPARE(fast.value().byOutcome.at(i).key, sql.value().byOutcome.at(i).key);
                    QCOMPARE(fast.value().byOutcome.at(i).count, sql.value().byOutcome.at(i).count);
                }
            }
        };
        same(local(8, 0));
        append(QStringLiteral("contact"), QStringLiteral("y1"), QStringLiteral("contact.ended"),
               {{QStringLiteral("outcome"), QStringLiteral("referred")}}, QStringLiteral("ana"),
               local(8, 1));
        same(local(8, 2));
        append(QStringLiteral("contact"), QStringLiteral("t1"), QStringLiteral("contact.started"),
               {{QStringLiteral("channel"), QStringLiteral("phone")}}, QStringLiteral("ana"),
               local(9, 0));
        same(local(9, 1));
        QCOMPARE(today.contacts(day()).contacts, 1);
        append(QStringLiteral("contact"), QStringLiteral("t1"), QStringLiteral("contact.ended"),
               {{QStringLiteral("outcome"), QStringLiteral("warm_transfer")}},
               QStringLiteral("ana"), local(9, 7));
        same(local(9, 8));
        QCOMPARE(today.contacts(day()).handleSeconds, 420);
        contact(QStringLiteral("t2"), QStringLiteral("bob"), QStringLiteral("web"), local(9, 30),
                QStringLiteral("information_given"), 3);
        contact(QStringLiteral("t3"), QStringLiteral("ana"), QStringLiteral("web"), local(23, 59),
                QString(), 0);
        same(local(23, 59));
        QCOMPARE(today.contacts(day()).contacts, 3);
        // A team's today is counted from the store (who was in it when), equal with or without
        // today's aggregates.
        QCOMPARE(kpis.report(day(QStringLiteral("Days")), local(23, 59), &today).value().contacts,
                 2);
        // The local day turns: the figures start again from the new day.
        QVERIFY(today.update(local(23, 59).addSecs(120)).ok());
        QCOMPARE(today.day(), QDate(2026, 12, 5));
        QCOMPARE(today.contacts(day()).contacts, 0);
    }
};

QTEST_GUILESS_MAIN(TestAgentTeams)
#include "tst_agentteams.moc"
