// The central store's KPI endpoint (GET /api/v1/kpis) through the real civicdesk-server
// (SQLite, and PostgreSQL in the _postgres run) against the supervisor workstation's own
// figures: two call takers record contacts and requests on their workstations across a local
// midnight of the fixture city (New York), the supervisor puts one in a team and closes a
// request; once the supervisor's replica has every event, the endpoint's report equals the
// replica's (SupervisionKpis, kpijson) for the same period per agent, team and channel. The
// city's imported history, which the server holds and the replica does not, is counted by the
// server, and both say how much of it they hold: the figures differ by its part only. A call
// taker's token is refused (403) and bad dates are a 400 naming the parameter.

#include "models/domain/supervision/teammembership.h"
#include "models/supervision/kpi/kpijson.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "tests/support/serverdesks.h"

#include <QTest>
#include <QUrlQuery>

using namespace civicdesk;
using namespace civicdesk::test;

namespace {

const QTimeZone NewYork("America/New_York");

QDateTime utc(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), Qt::UTC);
}

} // namespace

class TestKpiEndpoint : public QObject
{
    Q_OBJECT

    ServerDesks m_desks{QStringLiteral(CIVICDESK_SERVER)};
    SyncWorkstation *m_sam = nullptr;
    SyncWorkstation *m_ana = nullptr;
    SyncWorkstation *m_ben = nullptr;
    QString m_samToken;

    void append(SyncWorkstation &ws, const QString &actor, const QString &type, const QString &id,
                const QString &kind, const QJsonObject &payload, const QDateTime &at)
    {
        auto r = ws.events().append(Event::make(type, id, kind, payload, actor, ws.device(), at));
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    }

    void contact(SyncWorkstation &ws, const QString &agent, const QString &id,
                 const QString &channel, const QDateTime &at, const QString &outcome, int seconds)
    {
        append(ws, agent, QStringLiteral("contact"), id, QStringLiteral("contact.started"),
               {{QStringLiteral("channel"), channel}}, at);
        append(ws, agent, QStringLiteral("contact"), id, QStringLiteral("contact.ended"),
               {{QStringLiteral("outcome"), outcome}}, at.addSecs(seconds));
    }

    void request(SyncWorkstation &ws, const QString &agent, const QString &id,
                 const QString &number, const QDateTime &at, const QDateTime &due)
    {
        append(ws, agent, QStringLiteral("request"), id, QStringLiteral("request.created"),
               {{QStringLiteral("number"), number},
                {QStringLiteral("service_code"), QStringLiteral("RODENTACT")},
                {QStringLiteral("type_name"), QStringLiteral("Rodent Activity")},
                {QStringLiteral("department_code"), QStringLiteral("ISD")},
                {QStringLiteral("address"), QStringLiteral("1 City Hall Plz")},
                {QStringLiteral("channel"), QStringLiteral("phone")},
                {QStringLiteral("due_at"), due.toString(Qt::ISODate)}},
               at);
    }

    // The endpoint's answer for `query` with `token`.
    ServerProcess::Reply ask(const QUrlQuery &query, const QString &token)
    {
        return m_desks.server().get(u"/api/v1/kpis?" + query.toString(QUrl::FullyEncoded), token);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_desks.setUp({{QStringLiteral("sam"), QStringLiteral("supervisor")},
                                {QStringLiteral("ana"), QStringLiteral("call_taker")},
                                {QStringLiteral("ben"), QStringLiteral("call_taker")}},
                               ServerFixture::City::Mini,
                               {QStringLiteral("sam"), QStringLiteral("ana")}),
                 qPrintable(m_desks.error()));
        m_sam =
            m_desks.signIn(QStringLiteral("KSAM2"), QStringLiteral("sam"), AgentRole::Supervisor);
        m_ana =
            m_desks.signIn(QStringLiteral("KANA3"), QStringLiteral("ana"), AgentRole::CallTaker);
        m_ben =
            m_desks.signIn(QStringLiteral("KBEN4"), QStringLiteral("ben"), AgentRole::CallTaker);
        QVERIFY(m_sam && m_ana && m_ben);
        m_samToken = m_desks.fixture().token(QStringLiteral("sam"));
        QVERIFY(!m_samToken.isEmpty());

        // Ana joins team North on 1 November; her contacts of 10 November (one at 22:30 in New
        // York, 03:30 UTC the next day), two requests, one closed by the supervisor in time.
        append(*m_sam, QStringLiteral("sam"), teammembership::entityType(), QStringLiteral("ana"),
               teammembership::kind(), teammembership::payload(QStringLiteral("North")),
               utc(1, 12));
        contact(*m_ana, QStringLiteral("ana"), QStringLiteral("k1"), QStringLiteral("phone"),
                utc(10, 15), QStringLiteral("information_given"), 120);
        contact(*m_ana, QStringLiteral("ana"), QStringLiteral("k2"), QStringLiteral("phone"),
                utc(10, 16), QStringLiteral("request_created"), 300);
        contact(*m_ana, QStringLiteral("ana"), QStringLiteral("k3"), QStringLiteral("email"),
                utc(11, 3, 30), QStringLiteral("information_given"), 60);
        contact(*m_ben, QStringLiteral("ben"), QStringLiteral("k4"), QStringLiteral("phone"),
                utc(10, 17), QStringLiteral("information_given"), 200);
        request(*m_ana, QStringLiteral("ana"), QStringLiteral("kr1"), QStringLiteral("KR1"),
                utc(10, 15, 5), QDateTime(QDate(2030, 1, 1), QTime(12, 0), Qt::UTC));
        request(*m_ana, QStringLiteral("ana"), QStringLiteral("kr2"), QStringLiteral("KR2"),
                utc(10, 16, 5), utc(12, 16));
        // The supervisor closes KR2 once it reached the replica.
        QTRY_VERIFY_WITH_TIMEOUT(SupervisionKpis(m_sam->db())
                                         .report(
                                             [] {
                                                 KpiFilter f;
                                                 f.period =
                                                     KpiPeriod::days(QDate(2026, 11, 10),
                                                                     QDate(2026, 11, 10), NewYork);
                                                 f.agent = QStringLiteral("ana");
                                                 return f;
                                             }(),
                                             QDateTime::currentDateTimeUtc())
                                         .value()
                                         .requestsOpened == 2,
                                 20000);
        append(*m_sam, QStringLiteral("sam"), QStringLiteral("request"), QStringLiteral("kr2"),
               QStringLiteral("request.status_changed"),
               {{QStringLiteral("status"), QStringLiteral("closed")},
                {QStringLiteral("closure_reason"), QStringLiteral("resolved")}},
               utc(11, 14));
        // Every event in the supervisor's replica.
        QTRY_VERIFY_WITH_TIMEOUT(m_sam->sync().pendingCount() == 0 &&
                                     m_sam->sync().cursor() >= m_desks.server().lastSeq(m_samToken),
                                 20000);
    }

    void cleanupTestCase() { m_desks.stop(); }

    void theEndpointCountsAsTheReplica_data()
    {
        QTest::addColumn<QString>("agent");
        QTest::addColumn<QString>("team");
        QTest::addColumn<QString>("channel");
        QTest::addColumn<QDate>("last");
        QTest::addColumn<int>("contacts");
        QTest::newRow("ana, her day") << "ana"
                                      << ""
                                      << "" << QDate(2026, 11, 10) << 3;
        QTest::newRow("ana by phone") << "ana"
                                      << ""
                                      << "phone" << QDate(2026, 11, 10) << 2;
        QTest::newRow("team North, a week") << ""
                                            << "North"
                                            << "" << QDate(2026, 11, 16) << 3;
        QTest::newRow("ben") << "ben"
                             << ""
                             << "" << QDate(2026, 11, 10) << 1;
    }

    void theEndpointCountsAsTheReplica()
    {
        QFETCH(QString, agent);
        QFETCH(QString, team);
        QFETCH(QString, channel);
        QFETCH(QDate, last);
        QFETCH(int, contacts);
        KpiFilter filter;
        filter.period = KpiPeriod::days(QDate(2026, 11, 10), last, NewYork);
        filter.agent = agent;
        filter.team = team;
        filter.channel = channel;
        auto local = SupervisionKpis(m_sam->db()).report(filter, QDateTime::currentDateTimeUtc());
        QVERIFY2(local.ok(), local.ok() ? "" : qPrintable(local.error().message));
        QCOMPARE(local.value().contacts, qint64(contacts)); // the fixture as computed by hand

        QUrlQuery query;
        query.addQueryItem(QStringLiteral("from"), QStringLiteral("2026-11-10"));
        query.addQueryItem(QStringLiteral("to"), last.toString(Qt::ISODate));
        query.addQueryItem(QStringLiteral("agent"), agent);
        query.addQueryItem(QStringLiteral("team"), team);
        query.addQueryItem(QStringLiteral("channel"), channel);
        const auto reply = ask(query, m_samToken);
        QCOMPARE(reply.status, 200);
        const QJsonObject answer = reply.json().object();
        QCOMPARE(answer.value(u"zone").toString(), QStringLiteral("America/New_York"));
        const QJsonObject remote = answer.value(u"report").toObject();
        const QJsonObject expected = kpijson::toJson(local.value());
        for (auto it = expected.constBegin(); it != expected.constEnd(); ++it)
            QVERIFY2(remote.value(it.key()) == it.value(),
                     qPrintable(it.key() + u": server " +
                                QString::fromUtf8(
                                    QJsonDocument(QJsonObject{{it.key(), remote.value(it.key())}})
                                        .toJson(QJsonDocument::Compact)) +
                                u" replica " +
                                QString::fromUtf8(QJsonDocument(QJsonObject{{it.key(), it.value()}})
                                                      .toJson(QJsonDocument::Compact))));
        QCOMPARE(remote, expected);
    }

    void theHandComputedDaysOfAna()
    {
        // 10 and 11 November in New York: k1, k2, and k3 (22:30 on the 10th); KR2 closed on the
        // 11th before its due time; KR1 open now.
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("from"), QStringLiteral("2026-11-10"));
        query.addQueryItem(QStringLiteral("to"), QStringLiteral("2026-11-11"));
        query.addQueryItem(QStringLiteral("agent"), QStringLiteral("ana"));
        const QJsonObject r = ask(query, m_samToken).json().object().value(u"report").toObject();
        QCOMPARE(r.value(u"contacts").toInt(), 3);
        QCOMPARE(r.value(u"handle_seconds").toInt(), 480); // 120 + 300 + 60
        QCOMPARE(r.value(u"information").toInt(), 2);
        QCOMPARE(r.value(u"requests_opened").toInt(), 2);
        QCOMPARE(r.value(u"sla_closed").toInt(), 1);
        QCOMPARE(r.value(u"sla_met").toInt(), 1);
        QCOMPARE(r.value(u"open").toInt(), 1);
        const QJsonArray hours = r.value(u"by_hour").toArray();
        QCOMPARE(hours.at(10).toInt(), 1); // 15:00 UTC = 10:00 in New York
        QCOMPARE(hours.at(11).toInt(), 1);
        QCOMPARE(hours.at(22).toInt(), 1); // 03:30 UTC the next day = 22:30 on the 10th
    }

    void theImportedHistoryIsTheDifferenceAndSaid()
    {
        // The server imported the fixture city's history (January 2015); the supervisor's
        // replica started empty and holds none of it. The server is the whole truth and counts
        // it; both say how much of it they hold, and their figures differ by it only.
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("from"), QStringLiteral("2015-01-01"));
        query.addQueryItem(QStringLiteral("to"), QStringLiteral("2015-01-31"));
        const auto reply = ask(query, m_samToken);
        QCOMPARE(reply.status, 200);
        const QJsonObject remote = reply.json().object().value(u"report").toObject();
        const QJsonObject held = reply.json().object().value(u"history").toObject();
        QVERIFY(held.value(u"requests").toInt() > 0);
        QVERIFY(held.value(u"first").toString().startsWith(u"2015-01"));
        QVERIFY(held.value(u"last").toString() >= held.value(u"first").toString());
        QVERIFY(remote.value(u"requests_opened").toInt() > 0);
        QCOMPARE(remote.value(u"imported_opened"), remote.value(u"requests_opened"));
        QVERIFY(remote.value(u"imported_sla_closed").toInt() > 0);

        KpiFilter filter;
        filter.period = KpiPeriod::days(QDate(2015, 1, 1), QDate(2015, 1, 31), NewYork);
        const SupervisionKpis kpis(m_sam->db());
        auto local = kpis.report(filter, QDateTime::currentDateTimeUtc());
        QVERIFY2(local.ok(), local.ok() ? "" : qPrintable(local.error().message));
        auto history = kpis.history(NewYork);
        QVERIFY2(history.ok(), history.ok() ? "" : qPrintable(history.error().message));
        QCOMPARE(history.value().requests, 0);
        QVERIFY(!history.value().first.isValid());
        QVERIFY(SupervisionKpis::historyNote(history.value()).contains(u"none"));
        QCOMPARE(kpijson::toJson(history.value()).value(u"first"), QJsonValue());

        const QJsonObject mine = kpijson::toJson(local.value());
        const auto differ = [&](const char16_t *total, const char16_t *imported) {
            return remote.value(QStringView(total)).toInt() -
                   remote.value(QStringView(imported)).toInt();
        };
        QCOMPARE(mine.value(u"requests_opened").toInt(),
                 differ(u"requests_opened", u"imported_opened"));
        QCOMPARE(mine.value(u"sla_closed").toInt(), differ(u"sla_closed", u"imported_sla_closed"));
        QCOMPARE(mine.value(u"sla_met").toInt(), differ(u"sla_met", u"imported_sla_met"));
        QCOMPARE(mine.value(u"open").toInt() - int(history.value().open),
                 remote.value(u"open").toInt() - held.value(u"open").toInt());
        // The contacts are the same on both.
        for (const char16_t *key : {u"contacts", u"ended", u"handle_seconds", u"by_channel",
                                    u"by_outcome", u"by_hour", u"fcr_eligible"})
            QCOMPARE(remote.value(QStringView(key)), mine.value(QStringView(key)));
        // A workstation holding the history says so: its note names how many and when.
        const KpiHistory some{25, 3, QDate(2015, 1, 2), QDate(2015, 1, 30)};
        QVERIFY(SupervisionKpis::historyNote(some).contains(u"25"));
    }

    void onlySupervisorsAndAdminsMayAsk()
    {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("from"), QStringLiteral("2026-11-10"));
        query.addQueryItem(QStringLiteral("to"), QStringLiteral("2026-11-10"));
        const QString anaToken = m_desks.fixture().token(QStringLiteral("ana"));
        QVERIFY(!anaToken.isEmpty());
        QCOMPARE(ask(query, anaToken).status, 403);
        QCOMPARE(ask(query, QString()).status, 401);
    }

    void badPeriodsAreRefusedWithTheirParameter()
    {
        QUrlQuery noFrom;
        noFrom.addQueryItem(QStringLiteral("to"), QStringLiteral("2026-11-10"));
        auto reply = ask(noFrom, m_samToken);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().object().value(u"error").toObject().value(u"field").toString(),
                 QStringLiteral("from"));
        QUrlQuery backwards;
        backwards.addQueryItem(QStringLiteral("from"), QStringLiteral("2026-11-10"));
        backwards.addQueryItem(QStringLiteral("to"), QStringLiteral("2026-11-01"));
        reply = ask(backwards, m_samToken);
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.json()
                    .object()
                    .value(u"error")
                    .toObject()
                    .value(u"message")
                    .toString()
                    .contains(QStringLiteral("first day")));
    }
};

QTEST_GUILESS_MAIN(TestKpiEndpoint)
#include "tst_kpiendpoint.moc"
