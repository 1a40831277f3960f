// The supervisor's lobby figures against hand-computed fixtures: visits written by the real
// lobby service (issue, call, recall, no-show, serve) at chosen times, counted over the city's
// local days (America/New_York): the day's first and last second, the fall-back day's repeated
// hour, the 90th percentile's nearest rank at its edges, per category and per counter, one
// agent's visits, and the CSV export parsed back (no visitor's name).

#include "models/lobby/lobbyservice.h"
#include "models/store/eventstore.h"
#include "models/supervision/lobbyfigures.h"
#include "models/supervision/reports/supervisionexport.h"
#include "tests/support/teststore.h"

#include <QBuffer>
#include <QTest>

using namespace civicdesk;

namespace {

const QTimeZone Boston("America/New_York");
const QString Food = QStringLiteral("Food");
const QString Animals = QStringLiteral("Animals");

// A local time in Boston on a day of December 2026 (EST, UTC-5).
QDateTime boston(int day, int h, int m, int s = 0)
{
    return QDateTime(QDate(2026, 12, day), QTime(h, m, s), Boston).toUTC();
}

const LobbyGroup *group(const QList<LobbyGroup> &groups, const QString &key)
{
    for (const LobbyGroup &g : groups) {
        if (g.key == key)
            return &g;
    }
    return nullptr;
}

} // namespace

class TestLobbyFigures : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<EventStore> m_events;
    std::unique_ptr<LobbyService> m_lena;
    std::unique_ptr<LobbyService> m_omar;
    QDateTime m_now;
    const CounterProfile m_one{QStringLiteral("1"), {Food}};
    const CounterProfile m_two{QStringLiteral("2"), {Animals}};

    LobbyTicket issue(const QDateTime &at, const QString &category, const QString &name = {})
    {
        m_now = at;
        auto issued =
            m_lena->issue({category, category + u" help", QStringLiteral("en"), {}, name});
        if (!issued)
            qFatal("issue: %s", qPrintable(issued.error().message));
        return issued.value().ticket;
    }

    QString call(LobbyService &lobby, const CounterProfile &counter, const QDateTime &at)
    {
        m_now = at;
        QString number;
        lobby.callNext(counter, [&number](Result<LobbyTicket> r) {
            if (r)
                number = r.value().number;
            else
                qWarning("call: %s", qPrintable(r.error().message));
        });
        return number;
    }

    void serve(LobbyService &lobby, const CounterProfile &counter, const QDateTime &at)
    {
        m_now = at;
        auto s = lobby.serve(counter.counter, Outcome::InformationGiven, {}, {}, {});
        if (!s)
            qFatal("serve: %s", qPrintable(s.error().message));
    }

    // Dec 7, hand-computed:
    //   T1 Food    09:00:00, called 09:10 at 1 (wait 600), served 09:15 (service 300)
    //   T2 Animals 09:05:00, called 09:06 at 2 (wait 60),  served 09:26 (service 1200), by omar
    //   T3 Food    09:20:00, called 09:20:30 at 1 (wait 30), recalled twice, no-show 09:25
    //   T4 Food    10:30:00, called 10:50 at 1 (wait 1200), served 10:52 (service 120)
    //   T5 Food    23:59:59, still waiting (the day's last second)
    // and outside the day: Dec 6 23:59:59 and Dec 8 00:00:00.
    void writeDay()
    {
        issue(boston(7, 9, 0), Food, QStringLiteral("Zelda Quux"));
        issue(boston(7, 9, 5), Animals);
        QCOMPARE(call(*m_omar, m_two, boston(7, 9, 6)), QStringLiteral("A001"));
        QCOMPARE(call(*m_lena, m_one, boston(7, 9, 10)), QStringLiteral("B001"));
        serve(*m_lena, m_one, boston(7, 9, 15));
        issue(boston(7, 9, 20), Food);
        QCOMPARE(call(*m_lena, m_one, boston(7, 9, 20, 30)), QStringLiteral("B002"));
        m_now = boston(7, 9, 22);
        QVERIFY(m_lena->recall(m_one.counter).ok());
        QVERIFY(m_lena->recall(m_one.counter).ok());
        m_now = boston(7, 9, 25);
        QVERIFY(m_lena->markNoShow(m_one.counter).ok());
        serve(*m_omar, m_two, boston(7, 9, 26));
        issue(boston(7, 10, 30), Food);
        QCOMPARE(call(*m_lena, m_one, boston(7, 10, 50)), QStringLiteral("B003"));
        serve(*m_lena, m_one, boston(7, 10, 52));
        issue(boston(7, 23, 59, 59), Food);
        issue(boston(6, 23, 59, 59), Food);
        issue(boston(8, 0, 0), Food);
    }

private slots:
    void init()
    {
        m_lena.reset();
        m_omar.reset();
        m_events.reset();
        m_store = std::make_unique<test::TempStore>();
        m_events = std::make_unique<EventStore>(m_store->db());
        m_events->setRole(AgentRole::Lobby);
        m_lena = std::make_unique<LobbyService>(m_store->db(), *m_events, QStringLiteral("lena"));
        m_omar = std::make_unique<LobbyService>(m_store->db(), *m_events, QStringLiteral("omar"));
        for (LobbyService *lobby : {m_lena.get(), m_omar.get()}) {
            lobby->setClock([this] { return m_now; });
            lobby->setCategories({Animals, Food});
        }
    }

    void percentileByNearestRank_data()
    {
        QTest::addColumn<QList<qint64>>("seconds");
        QTest::addColumn<qint64>("p90");
        QTest::addColumn<double>("average");
        QTest::newRow("one") << QList<qint64>{42} << qint64(42) << 42.0;
        QTest::newRow("two") << QList<qint64>{10, 20} << qint64(20) << 15.0;
        // n = 10: rank 9 exactly (not 10 by a rounding of 0.9 * 10).
        QTest::newRow("ten") << QList<qint64>{10, 9, 8, 7, 6, 5, 4, 3, 2, 1} << qint64(9) << 5.5;
        // n = 11: rank ceil(9.9) = 10.
        QTest::newRow("eleven") << QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11} << qint64(10)
                                << 6.0;
        QTest::newRow("ties") << QList<qint64>{5, 5, 5, 100} << qint64(100) << 28.75;
        QList<qint64> twenty;
        for (qint64 i = 20; i >= 1; --i)
            twenty.append(i * 60);
        QTest::newRow("twenty") << twenty << qint64(18 * 60) << 630.0;
    }

    void percentileByNearestRank()
    {
        QFETCH(QList<qint64>, seconds);
        QFETCH(qint64, p90);
        QFETCH(double, average);
        const LobbyTimes t = LobbyTimes::of(seconds);
        QCOMPARE(t.count, qint64(seconds.size()));
        QCOMPARE(t.p90.value_or(-1), p90);
        QCOMPARE(t.average.value_or(-1), average);
    }

    void noDurationsNoFigures()
    {
        const LobbyTimes t = LobbyTimes::of({});
        QCOMPARE(t.count, qint64(0));
        QVERIFY(!t.average);
        QVERIFY(!t.p90);
        const LobbyFiguresReport empty = LobbyFigures::summarize(
            {}, KpiPeriod::days(QDate(2026, 12, 7), QDate(2026, 12, 7), Boston));
        QCOMPARE(empty.visitors, qint64(0));
        QVERIFY(!empty.visitorsPerHour());
    }

    void aDayByCategoryAndCounter()
    {
        writeDay();
        const KpiPeriod day = KpiPeriod::days(QDate(2026, 12, 7), QDate(2026, 12, 7), Boston);
        auto report = LobbyFigures(m_store->db()).report(day);
        QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
        const LobbyFiguresReport &r = report.value();
        QCOMPARE(r.visitors, qint64(5));
        QCOMPARE(r.called, qint64(4));
        QCOMPARE(r.served, qint64(3));
        QCOMPARE(r.noShows, qint64(1));
        QCOMPARE(r.unserved, qint64(1));
        // Waits 30, 60, 600, 1200: average 472.5, 90th percentile rank ceil(3.6) = 4.
        QCOMPARE(r.wait.count, qint64(4));
        QCOMPARE(*r.wait.average, 472.5);
        QCOMPARE(*r.wait.p90, qint64(1200));
        // Service 120, 300, 1200 (the no-show has none): average 540, rank ceil(2.7) = 3.
        QCOMPARE(r.service.count, qint64(3));
        QCOMPARE(*r.service.average, 540.0);
        QCOMPARE(*r.service.p90, qint64(1200));
        // Arrivals at 9 (three), 10 and 23 local: three hours with arrivals.
        QCOMPARE(r.byHour[9], qint64(3));
        QCOMPARE(r.byHour[10], qint64(1));
        QCOMPARE(r.byHour[23], qint64(1));
        QCOMPARE(r.byHour[0], qint64(0));
        QCOMPARE(r.openHours, qint64(3));
        QCOMPARE(*r.visitorsPerHour(), 5.0 / 3.0);

        QCOMPARE(r.byCategory.size(), 2);
        QCOMPARE(r.byCategory.first().key, Animals); // by name
        const LobbyGroup *food = group(r.byCategory, Food);
        QVERIFY(food);
        QCOMPARE(food->name, QStringLiteral("Food help"));
        QCOMPARE(food->visitors, qint64(4));
        QCOMPARE(food->served, qint64(2));
        QCOMPARE(food->noShows, qint64(1));
        // Waits 30, 600, 1200: average 610, rank ceil(2.7) = 3. Service 120, 300: rank 2.
        QCOMPARE(*food->wait.average, 610.0);
        QCOMPARE(*food->wait.p90, qint64(1200));
        QCOMPARE(*food->service.average, 210.0);
        QCOMPARE(*food->service.p90, qint64(300));
        const LobbyGroup *animals = group(r.byCategory, Animals);
        QCOMPARE(animals->visitors, qint64(1));
        QCOMPARE(*animals->wait.p90, qint64(60));
        QCOMPARE(*animals->service.average, 1200.0);

        QCOMPARE(r.byCounter.size(), 2);
        const LobbyGroup *one = group(r.byCounter, QStringLiteral("1"));
        QCOMPARE(one->visitors, qint64(3));
        QCOMPARE(one->served, qint64(2));
        QCOMPARE(one->noShows, qint64(1));
        QCOMPARE(*one->wait.average, 610.0);
        const LobbyGroup *two = group(r.byCounter, QStringLiteral("2"));
        QCOMPARE(two->visitors, qint64(1));
        QCOMPARE(*two->service.p90, qint64(1200));

        // The visits behind figures.
        auto visits = LobbyFigures(m_store->db()).visits(day);
        QVERIFY(visits.ok());
        using M = LobbyCell::Metric;
        const auto numbers = [&](const LobbyCell &cell) {
            QStringList list;
            for (const LobbyVisit &v : LobbyFigures::behind(visits.value(), cell, day))
                list.append(v.number);
            return list;
        };
        QCOMPARE(
            numbers({M::Visitors}),
            QStringList({QStringLiteral("B001"), QStringLiteral("A001"), QStringLiteral("B002"),
                         QStringLiteral("B003"), QStringLiteral("B004")}));
        QCOMPARE(numbers({M::NoShows}), QStringList{QStringLiteral("B002")});
        QCOMPARE(numbers({M::Hour, {}, 23}), QStringList{QStringLiteral("B004")});
        QCOMPARE(numbers({M::Counter, QStringLiteral("2")}), QStringList{QStringLiteral("A001")});
        QCOMPARE(numbers({M::Category, Food}).size(), 4);
        QCOMPARE(numbers({M::Served}).size(), 3);
        QCOMPARE(numbers({M::Called}).size(), 4);
        QCOMPARE(numbers({M::Unfinished}), QStringList{QStringLiteral("B004")});
    }

    void dayEdgesInTheCityZone()
    {
        writeDay();
        LobbyFigures figures(m_store->db());
        // Dec 6 holds only its last second; Dec 8 only its first; the three days all seven.
        const auto visitors = [&](int first, int last) {
            return figures
                .report(KpiPeriod::days(QDate(2026, 12, first), QDate(2026, 12, last), Boston))
                .value()
                .visitors;
        };
        QCOMPARE(visitors(6, 6), qint64(1));
        QCOMPARE(visitors(8, 8), qint64(1));
        QCOMPARE(visitors(6, 8), qint64(7));
        const auto dec8 =
            figures.report(KpiPeriod::days(QDate(2026, 12, 8), QDate(2026, 12, 8), Boston));
        QCOMPARE(dec8.value().byHour[0], qint64(1));
        // The same instants counted in UTC days fall elsewhere: Dec 8 UTC holds the Dec 7
        // 23:59:59 local ticket and the Dec 8 midnight one.
        QCOMPARE(
            figures
                .report(KpiPeriod::days(QDate(2026, 12, 8), QDate(2026, 12, 8), QTimeZone::utc()))
                .value()
                .visitors,
            qint64(2));
        // A bad period is refused.
        QCOMPARE(figures.report(KpiPeriod::days(QDate(2026, 12, 8), QDate(2026, 12, 7), Boston))
                     .error()
                     .code,
                 QStringLiteral("lobby.period"));
    }

    void fallBackDayCountsTheRepeatedHourTwice()
    {
        // Nov 1 2026: 01:00-02:00 local happens twice (EDT then EST).
        const QDateTime edt = QDateTime(QDate(2026, 11, 1), QTime(5, 30), Qt::UTC); // 01:30 EDT
        const QDateTime est = QDateTime(QDate(2026, 11, 1), QTime(6, 30), Qt::UTC); // 01:30 EST
        issue(edt, Food);
        issue(est, Food);
        issue(QDateTime(QDate(2026, 11, 2), QTime(4, 59, 59), Qt::UTC), Food); // 23:59:59 EST
        const KpiPeriod day = KpiPeriod::days(QDate(2026, 11, 1), QDate(2026, 11, 1), Boston);
        QCOMPARE(LobbyFigures::localHour(edt.toMSecsSinceEpoch(), day), 1);
        QCOMPARE(LobbyFigures::localHour(est.toMSecsSinceEpoch(), day), 1);
        const LobbyFiguresReport r = LobbyFigures(m_store->db()).report(day).value();
        QCOMPARE(r.visitors, qint64(3));
        QCOMPARE(r.byHour[1], qint64(2));
        QCOMPARE(r.byHour[23], qint64(1));
        // Two different hours of the clock that both read 01:00, and 23:00.
        QCOMPARE(r.openHours, qint64(3));
    }

    void oneAgentsVisits()
    {
        writeDay();
        const KpiPeriod day = KpiPeriod::days(QDate(2026, 12, 7), QDate(2026, 12, 7), Boston);
        const LobbyFiguresReport omar =
            LobbyFigures(m_store->db()).report(day, QStringLiteral("omar")).value();
        QCOMPARE(omar.visitors, qint64(1));
        QCOMPARE(omar.byCounter.first().key, QStringLiteral("2"));
    }

    void csvOneLinePerVisitWithoutNames()
    {
        writeDay();
        KpiFilter filter;
        filter.period = KpiPeriod::days(QDate(2026, 12, 7), QDate(2026, 12, 7), Boston);
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        SupervisionExport exports(m_store->db());
        auto rows =
            exports.writeLobbyVisits(buffer, filter, AgentRole::Supervisor, QStringLiteral("sam"));
        QVERIFY(rows.ok());
        QCOMPARE(rows.value(), 5);
        const QString text = QString::fromUtf8(buffer.data());
        QVERIFY(!text.contains(QStringLiteral("Zelda")));
        const QStringList lines = text.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6);
        const QStringList header = lines.first().split(u',');
        QCOMPARE(header, LobbyFigures::csvColumns());
        const QStringList first = lines.at(1).split(u',');
        QCOMPARE(first.size(), header.size());
        const auto col = [&](const QStringList &row, const char *name) {
            return row.at(header.indexOf(QLatin1String(name)));
        };
        QCOMPARE(col(first, "ticket"), QStringLiteral("B001"));
        QCOMPARE(col(first, "arrived_at"), QStringLiteral("2026-12-07T09:00:00-05:00"));
        QCOMPARE(col(first, "first_called_at"), QStringLiteral("2026-12-07T09:10:00-05:00"));
        QCOMPARE(col(first, "counter"), QStringLiteral("1"));
        QCOMPARE(col(first, "agent"), QStringLiteral("lena"));
        QCOMPARE(col(first, "wait_seconds"), QStringLiteral("600"));
        QCOMPARE(col(first, "service_seconds"), QStringLiteral("300"));
        QCOMPARE(col(first, "state"), QStringLiteral("served"));
        QCOMPARE(col(first, "outcome"), QStringLiteral("information_given"));
        const QStringList noShow = lines.at(3).split(u',');
        QCOMPARE(col(noShow, "state"), QStringLiteral("no_show"));
        QCOMPARE(col(noShow, "recalls"), QStringLiteral("2"));
        QCOMPARE(col(noShow, "service_seconds"), QString());
        const QStringList waiting = lines.at(5).split(u',');
        QCOMPARE(col(waiting, "wait_seconds"), QString());
        QCOMPARE(col(waiting, "counter"), QString());

        // A lobby agent exports only the visits they called.
        QBuffer own;
        QVERIFY(own.open(QIODevice::WriteOnly));
        QCOMPARE(
            exports.writeLobbyVisits(own, filter, AgentRole::Lobby, QStringLiteral("omar")).value(),
            1);
    }
};

QTEST_GUILESS_MAIN(TestLobbyFigures)
#include "tst_lobbyfigures.moc"
