// The phone system's interval report: every row is checked before anything is written, each
// problem named with its line; the figures (service level, abandon rate, answer rate, ASA)
// against a hand-computed day in New York, per queue, over two days, after a corrected
// report; only supervisors and admins import; a synced report whose numbers are not whole or
// out of range (1e56 was undefined behaviour) is refused naming the field.

#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/supervision/phone/phonefigures.h"
#include "models/supervision/phone/phoneintervalimport.h"
#include "tests/support/teststore.h"

#include <QBuffer>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace civicdesk;

namespace {

const QTimeZone NewYork("America/New_York");
const QByteArray Header = "interval_start,interval_minutes,queue,offered,answered,abandoned,"
                          "answered_within,threshold_seconds,asa_seconds\n";

// 4 December 2026 (EST). Day totals: offered 40 + 20 + 10 = 70, answered 36 + 18 + 9 = 63,
// abandoned 4 + 2 + 1 = 7, within 30 s 30 + 12 + 8 = 50. Service level 50/70 = 71.43 %,
// abandon rate 7/70 = 10 %, answer rate 63/70 = 90 %, ASA (36x12 + 18x25 + 9x8.5)/63 =
// 958.5/63 = 15.214 s. The evening before: 5 offered, all answered within 30 s.
const QByteArray Day = Header + "2026-12-04 09:00,30,general,40,36,4,30,30,12\n"
                                "2026-12-04T09:30,30,general,20,18,2,12,30,0:25\n"
                                "2026-12-04 09:00,30,spanish,10,9,1,8,30,8.5\n"
                                "2026-12-03 23:30,30,general,5,5,0,5,30,3\n";

KpiPeriod days(int first, int last)
{
    return KpiPeriod::days(QDate(2026, 12, first), QDate(2026, 12, last), NewYork);
}

int reportEvents(Database &db)
{
    QSqlQuery q(QSqlDatabase::database(db.connectionName()));
    return q.exec(QStringLiteral("SELECT count(*) FROM events WHERE kind = "
                                 "'phone.intervals_reported'")) &&
                   q.next()
               ? q.value(0).toInt()
               : -1;
}

} // namespace

class TestPhoneIntervals : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<EventStore> m_events;

    Result<PhoneImportSummary> import(QByteArray csv)
    {
        QBuffer in(&csv);
        in.open(QIODevice::ReadOnly);
        return PhoneIntervalImport(m_store->db(), *m_events, QStringLiteral("sup"))
            .import(in, NewYork);
    }
    PhoneFigures figures(const KpiPeriod &period)
    {
        auto f = PhoneFigures::of(m_store->db().connectionName(), period);
        if (!f)
            qFatal("%s", qPrintable(f.error().message));
        return f.value();
    }

private slots:
    void init()
    {
        m_store = std::make_unique<test::TempStore>();
        m_events = std::make_unique<EventStore>(m_store->db());
    }

    void theFiguresOfAHandComputedDay()
    {
        auto summary = import(Day);
        QVERIFY2(summary.ok(), summary.ok() ? "" : qPrintable(summary.error().message));
        QCOMPARE(summary.value().intervals, 4);
        QCOMPARE(summary.value().reports, 3); // (3rd, general), (4th, general), (4th, spanish)
        const PhoneFigures f = figures(days(4, 4));
        QCOMPARE(f.total.intervals, 3);
        QCOMPARE(f.total.offered, 70);
        QCOMPARE(f.total.answered, 63);
        QCOMPARE(f.total.abandoned, 7);
        QCOMPARE(f.total.answeredWithin, 50);
        QCOMPARE(f.thresholdSeconds, 30);
        QVERIFY(qAbs(*f.total.serviceLevel() - 50.0 / 70.0) < 1e-9);
        QVERIFY(qAbs(*f.total.abandonRate() - 0.1) < 1e-9);
        QVERIFY(qAbs(*f.total.answerRate() - 0.9) < 1e-9);
        QVERIFY(qAbs(*f.total.asaSeconds() - 958.5 / 63.0) < 1e-9);
        QCOMPARE(f.byQueue.keys(),
                 (QStringList{QStringLiteral("general"), QStringLiteral("spanish")}));
        QCOMPARE(f.byQueue.value(QStringLiteral("spanish")).offered, 10);
        QVERIFY(qAbs(*f.byQueue.value(QStringLiteral("spanish")).asaSeconds() - 8.5) < 1e-9);
        // The evening before counts on its own local day (04:30 UTC on the 4th).
        QCOMPARE(figures(days(3, 3)).total.offered, 5);
        QCOMPARE(figures(days(3, 4)).total.offered, 75);
        QVERIFY(figures(days(5, 5)).isEmpty());
        QVERIFY(!figures(days(5, 5)).total.serviceLevel().has_value());
    }

    void aCorrectedReportReplacesItsIntervalsOnly()
    {
        QVERIFY(import(Day).ok());
        // The 09:30 interval again, as UTC, with two more calls offered and abandoned.
        auto again = import(Header + "2026-12-04T14:30:00Z,30,general,22,18,4,12,30,25\n");
        QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().message));
        const PhoneFigures f = figures(days(4, 4));
        QCOMPARE(f.total.intervals, 3);
        QCOMPARE(f.total.offered, 72);
        QCOMPARE(f.total.abandoned, 9);
        QCOMPARE(PhoneFigures::day(m_store->db().connectionName(), QDate(2026, 12, 4),
                                   QStringLiteral("general"))
                     .size(),
                 2);
        // Another threshold on another day: the period's threshold is mixed.
        QVERIFY(import(Header + "2026-12-05 10:00,60,general,10,10,0,9,20,5\n").ok());
        QCOMPARE(figures(days(4, 5)).thresholdSeconds, PhoneFigures::MixedThreshold);
    }

    void everyProblemIsNamedWithItsLineAndNothingIsWritten()
    {
        const QByteArray bad = Header + "2026-12-04 09:00,30,general,40,36,4,30,30,12\n"
                                        "2026-12-04 09:30,30,general,20,18,5,12,30,25\n"
                                        "04/12/2026 10:00,30,general,1,1,0,1,30,2\n"
                                        "2026-12-04 10:30,30,general,1,1,0,1,30,fast\n"
                                        "2026-12-04T14:00:00Z,30,general,3,3,0,3,30,2\n"
                                        "2026-12-04 11:00,20,general,1,1,0,1,30,2\n"
                                        "2026-12-04 11:30,30,general,4,2,0,3,30,2\n"
                                        "2026-12-04 12:00,30,general,-1,0,0,0,30,2\n";
        auto r = import(bad);
        QVERIFY(!r);
        const QString m = r.error().message;
        QVERIFY2(m.startsWith(u"Nothing was imported"), qPrintable(m));
        QVERIFY2(!m.contains(u"Line 2:"), qPrintable(m));
        QVERIFY2(m.contains(u"Line 3: answered (18) plus abandoned (5) is more than offered (20)"),
                 qPrintable(m));
        QVERIFY2(m.contains(u"Line 4: interval_start \"04/12/2026 10:00\""), qPrintable(m));
        QVERIFY2(m.contains(u"Line 5: asa_seconds \"fast\""), qPrintable(m));
        QVERIFY2(m.contains(u"Line 6: queue general at 2026-12-04T14:00:00Z is on line 2 already"),
                 qPrintable(m));
        QVERIFY2(m.contains(u"Line 7: interval_minutes must be 5, 10, 15, 30 or 60"),
                 qPrintable(m));
        QVERIFY2(m.contains(u"Line 8: answered_within (3) is more than answered (2)"),
                 qPrintable(m));
        QVERIFY2(m.contains(u"Line 9: offered must be a whole number from 0 to"), qPrintable(m));
        QCOMPARE(reportEvents(m_store->db()), 0);

        // A missing column, and a file with nothing below its header.
        auto noQueue = import("interval_start,interval_minutes,offered\n2026-12-04 09:00,30,1\n");
        QVERIFY(!noQueue);
        QVERIFY2(noQueue.error().message.contains(u"queue"), qPrintable(noQueue.error().message));
        auto empty = import(Header);
        QVERIFY(!empty);
        QVERIFY(empty.error().message.contains(u"no intervals"));
        QCOMPARE(reportEvents(m_store->db()), 0);
    }

    void onlySupervisorsAndAdminsImport()
    {
        m_events->setRole(AgentRole::CallTaker);
        auto refused = import(Day);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("forbidden"));
        QCOMPARE(reportEvents(m_store->db()), 0);
        m_events->setRole(AgentRole::Admin);
        QVERIFY(import(Day).ok());
        QCOMPARE(reportEvents(m_store->db()), 3);
    }

    // The payload arrives from other workstations through the central store (which runs the same
    // check): 1.5 calls were read as 1 and a start of 1e56 was undefined behaviour.
    void aReportWithNumbersThatAreNotWholeIsRefusedNamingTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("offered 10.5") << "offered" << QJsonValue(10.5);
        QTest::newRow("answered 1e56") << "answered" << QJsonValue(1e56);
        QTest::newRow("start 1e56") << "start" << QJsonValue(1e56);
        QTest::newRow("start fractional") << "start" << QJsonValue(1796650200.5);
        QTest::newRow("threshold 1e300") << "threshold_seconds" << QJsonValue(1e300);
    }

    void aReportWithNumbersThatAreNotWholeIsRefusedNamingTheField()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        PhoneInterval interval;
        interval.queue = QStringLiteral("general");
        interval.start = 1796650200; // 2026-12-07 14:30 UTC
        interval.minutes = 30;
        interval.offered = 10;
        interval.answered = 8;
        interval.abandoned = 2;
        interval.answeredWithin = 6;
        interval.thresholdSeconds = 20;
        interval.asaSeconds = 12.5;
        const QDate date(2026, 12, 7);
        const QString id = phoneday::dayId(date, interval.queue);
        QJsonObject payload = phoneday::payload(date, interval.queue, {interval});
        QVERIFY(phoneday::check(id, payload).ok());
        QJsonArray rows = payload.value(u"intervals").toArray();
        QJsonObject row = rows.first().toObject();
        row.insert(field, value);
        rows.replace(0, row);
        payload.insert(QStringLiteral("intervals"), rows);
        const Status checked = phoneday::check(id, payload);
        QVERIFY(!checked);
        QVERIFY2(checked.error().message.contains(field), qPrintable(checked.error().message));
    }
};

QTEST_GUILESS_MAIN(TestPhoneIntervals)
#include "tst_phoneintervals.moc"
