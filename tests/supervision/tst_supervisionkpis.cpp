// The supervisor's KPIs against a hand-computed day in New York: 8 March 2026, the day the
// clocks go forward (23 hours: 02:00 EST is 03:00 EDT). Contacts just before and after the
// local day, an hour of the day on each side of the change, first-contact resolution through
// a caller attached to an existing request, SLA due times over a weekend in business days,
// backlog ages, and every number's drill-down listing exactly what it counts. The same
// fixture runs on SQLite and on a throwaway PostgreSQL.

#include "models/domain/sla.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "tests/support/bothstores.h"
#include "tests/support/teststore.h"

#include <QJsonObject>
#include <QTest>
#include <memory>

using namespace civicdesk;

namespace {

const QTimeZone NewYork("America/New_York");

QDateTime utc(const char *iso)
{
    QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    t.setTimeSpec(Qt::UTC);
    return t;
}

QDateTime local(int y, int m, int d, int h, int min)
{
    return QDateTime(QDate(y, m, d), QTime(h, min), NewYork).toUTC();
}

// Writes the fixture through the event store, as workstations would.
class Writer
{
public:
    explicit Writer(Database &db) : m_events(db) {}

    void append(const QString &type, const QString &id, const QString &kind,
                const QJsonObject &payload, const QString &actor, const QString &device,
                const QDateTime &at)
    {
        auto r = m_events.append(Event::make(type, id, kind, payload, actor, device, at));
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    }
    void start(const QString &id, const QString &agent, const QString &channel,
               const QString &device, const QDateTime &at)
    {
        append(QStringLiteral("contact"), id, QStringLiteral("contact.started"),
               {{QStringLiteral("channel"), channel}}, agent, device, at);
    }
    void end(const QString &id, const QString &agent, const QString &outcome, const QString &device,
             const QDateTime &at)
    {
        QJsonObject payload{{QStringLiteral("outcome"), outcome}};
        if (outcome.endsWith(u"transfer"))
            payload.insert(QStringLiteral("transfer_destination"), QStringLiteral("Water"));
        append(QStringLiteral("contact"), id, QStringLiteral("contact.ended"), payload, agent,
               device, at);
    }
    void request(const QString &id, const QString &code, const QString &department,
                 const QString &caller, const QString &agent, const QString &device,
                 const QDateTime &opened, const QDateTime &due = {})
    {
        QJsonObject payload{{QStringLiteral("number"), QString(u"N-" + id)},
                            {QStringLiteral("service_code"), code},
                            {QStringLiteral("type_name"), code.toLower()},
                            {QStringLiteral("channel"), QStringLiteral("phone")},
                            {QStringLiteral("opened_at"), opened.toString(Qt::ISODate)}};
        if (!department.isEmpty())
            payload.insert(QStringLiteral("department_code"), department);
        if (!caller.isEmpty())
            payload.insert(QStringLiteral("caller_id"), caller);
        if (due.isValid())
            payload.insert(QStringLiteral("due_at"), due.toUTC().toString(Qt::ISODate));
        append(QStringLiteral("request"), id, QStringLiteral("request.created"), payload, agent,
               device, opened);
    }
    void close(const QString &id, const QDateTime &at)
    {
        append(QStringLiteral("request"), id, QStringLiteral("request.status_changed"),
               {{QStringLiteral("status"), QStringLiteral("closed")},
                {QStringLiteral("closure_reason"), QStringLiteral("resolved")}},
               QStringLiteral("sup"), QStringLiteral("D9"), at);
    }

private:
    EventStore m_events;
};

const QString D1 = QStringLiteral("D1");
const QString D2 = QStringLiteral("D2");
const QString Ana = QStringLiteral("ana");
const QString Bob = QStringLiteral("bob");

void writeFixture(Database &db)
{
    Writer w(db);
    // c1: the evening before (23:30 EST on the 7th).
    w.start(QStringLiteral("c1"), Ana, QStringLiteral("phone"), D1, utc("2026-03-08T04:30:00"));
    w.end(QStringLiteral("c1"), Ana, QStringLiteral("information_given"), D1,
          utc("2026-03-08T04:35:00"));
    // c2: local midnight exactly; caller A reports a pothole (R1, 48 hours).
    w.start(QStringLiteral("c2"), Ana, QStringLiteral("phone"), D1, utc("2026-03-08T05:00:00"));
    w.append(QStringLiteral("caller"), QStringLiteral("A"), QStringLiteral("caller.upserted"),
             {{QStringLiteral("name"), QStringLiteral("Caller A")}}, Ana, D1,
             utc("2026-03-08T05:01:00"));
    w.request(QStringLiteral("R1"), QStringLiteral("POTHOLE"), QStringLiteral("PWD"),
              QStringLiteral("A"), Ana, D1, utc("2026-03-08T05:02:00"),
              Sla{Sla::Unit::Hours, 48, {}}.dueFrom(utc("2026-03-08T05:02:00")));
    w.end(QStringLiteral("c2"), Ana, QStringLiteral("request_created"), D1,
          utc("2026-03-08T05:05:00"));
    // c3: 01:59:59 EST, the last second before the change.
    w.start(QStringLiteral("c3"), Ana, QStringLiteral("phone"), D1, utc("2026-03-08T06:59:59"));
    w.end(QStringLiteral("c3"), Ana, QStringLiteral("information_given"), D1,
          utc("2026-03-08T07:02:59"));
    // c4: one second later it is 03:00 EDT.
    w.start(QStringLiteral("c4"), Bob, QStringLiteral("walk_in"), D1, utc("2026-03-08T07:00:00"));
    w.end(QStringLiteral("c4"), Bob, QStringLiteral("warm_transfer"), D1,
          utc("2026-03-08T07:10:00"));
    // c7: still running on another workstation.
    w.start(QStringLiteral("c7"), Ana, QStringLiteral("phone"), D2, utc("2026-03-08T15:00:00"));
    // c8: caller B, graffiti (no SLA, no department).
    w.start(QStringLiteral("c8"), Ana, QStringLiteral("email"), D1, utc("2026-03-08T16:00:00"));
    w.request(QStringLiteral("R2"), QStringLiteral("GRAFFITI"), QString(), QStringLiteral("B"), Ana,
              D1, utc("2026-03-08T16:02:00"));
    w.end(QStringLiteral("c8"), Ana, QStringLiteral("request_created"), D1,
          utc("2026-03-08T16:04:00"));
    // c5: 23:59:59 EDT; caller A calls again about the pothole and is attached to R1.
    w.start(QStringLiteral("c5"), Bob, QStringLiteral("phone"), D1, utc("2026-03-09T03:59:59"));
    w.append(QStringLiteral("request"), QStringLiteral("R1"),
             QStringLiteral("request.caller_attached"),
             {{QStringLiteral("caller_id"), QStringLiteral("A")},
              {QStringLiteral("role"), QStringLiteral("requester")}},
             Bob, D1, utc("2026-03-09T04:01:00"));
    w.end(QStringLiteral("c5"), Bob, QStringLiteral("attached_to_existing"), D1,
          utc("2026-03-09T04:04:59"));
    // c6: the next local day.
    w.start(QStringLiteral("c6"), Bob, QStringLiteral("phone"), D1, utc("2026-03-09T04:00:00"));
    w.end(QStringLiteral("c6"), Bob, QStringLiteral("cold_transfer"), D1,
          utc("2026-03-09T04:06:00"));
    // c9: caller B about graffiti again 7 days and 1 second after c8: too late to count.
    w.start(QStringLiteral("c9"), Ana, QStringLiteral("phone"), D1, utc("2026-03-15T16:00:01"));
    w.request(QStringLiteral("R3"), QStringLiteral("GRAFFITI"), QString(), QStringLiteral("B"), Ana,
              D1, utc("2026-03-15T16:01:00"));
    w.end(QStringLiteral("c9"), Ana, QStringLiteral("request_created"), D1,
          utc("2026-03-15T16:03:00"));

    // Requests without a contact. One business day from Friday 16:00 is Monday 16:00 (the
    // weekend does not count; Monday is already EDT); from Thursday 10:00, Friday 10:00.
    const Sla oneBusinessDay{Sla::Unit::BusinessDays, 1, {}};
    const QDateTime r4Opened = QDateTime(QDate(2026, 3, 6), QTime(16, 0), NewYork);
    w.request(QStringLiteral("R4"), QStringLiteral("STREETLIGHT"), QStringLiteral("PWD"), QString(),
              Ana, D1, r4Opened.toUTC(), oneBusinessDay.dueFrom(r4Opened));
    const QDateTime r5Opened = QDateTime(QDate(2026, 3, 5), QTime(10, 0), NewYork);
    w.request(QStringLiteral("R5"), QStringLiteral("STREETLIGHT"), QStringLiteral("PWD"), QString(),
              Ana, D1, r5Opened.toUTC(), oneBusinessDay.dueFrom(r5Opened));
    w.request(QStringLiteral("R6"), QStringLiteral("POTHOLE"), QStringLiteral("PWD"), QString(),
              Ana, D1, utc("2026-02-01T15:00:00"));
    // Closed on the day: R7 late, R8 in time, R9 without a due time (not counted).
    w.request(QStringLiteral("R7"), QStringLiteral("POTHOLE"), QStringLiteral("PWD"), QString(),
              Ana, D1, utc("2026-03-02T12:00:00"), utc("2026-03-06T12:00:00"));
    w.close(QStringLiteral("R7"), utc("2026-03-08T10:00:00"));
    w.request(QStringLiteral("R8"), QStringLiteral("POTHOLE"), QStringLiteral("PWD"), QString(),
              Ana, D1, utc("2026-03-07T12:00:00"), utc("2026-03-09T12:00:00"));
    w.close(QStringLiteral("R8"), utc("2026-03-08T12:00:00"));
    w.request(QStringLiteral("R9"), QStringLiteral("GRAFFITI"), QString(), QString(), Bob, D2,
              utc("2026-03-08T06:00:00"));
    w.close(QStringLiteral("R9"), utc("2026-03-08T07:30:00"));
}

KpiFilter day()
{
    KpiFilter f;
    f.period = KpiPeriod::days(QDate(2026, 3, 8), QDate(2026, 3, 8), NewYork);
    return f;
}

// Sunday 8 March, 16:00 EDT.
const QDateTime Now = utc("2026-03-08T20:00:00");

qint64 countOf(const QList<KpiCount> &counts, const QString &key)
{
    for (const KpiCount &c : counts) {
        if (c.key == key)
            return c.count;
    }
    return 0;
}

QStringList contactIds(const SupervisionKpis &kpis, const KpiFilter &f, const KpiCell &cell)
{
    auto lines = kpis.contactsBehind(f, cell);
    if (!lines)
        return {u"error: " + lines.error().message};
    QStringList ids;
    for (const KpiContactLine &l : lines.value())
        ids.append(l.id);
    return ids;
}

QStringList requestNumbers(const SupervisionKpis &kpis, const KpiFilter &f, const KpiCell &cell)
{
    auto lines = kpis.requestsBehind(f, cell, Now);
    if (!lines)
        return {u"error: " + lines.error().message};
    QStringList numbers;
    for (const KpiRequestLine &l : lines.value())
        numbers.append(l.number);
    return numbers;
}

KpiCell cell(KpiCell::Metric metric, const QString &key = {})
{
    KpiCell c;
    c.metric = metric;
    c.key = key;
    return c;
}

void checkDay(Database &db)
{
    using M = KpiCell::Metric;
    writeFixture(db);
    if (QTest::currentTestFailed())
        return;
    SupervisionKpis kpis(db);
    auto report = kpis.report(day(), Now);
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    const KpiReport &r = report.value();

    // c2 c3 c4 c5 c7 c8: not c1 (the 7th, local) nor c6 (the 9th, local).
    QCOMPARE(r.contacts, 6);
    QCOMPARE(r.ended, 5);
    QCOMPARE(r.handleSeconds, 300 + 180 + 600 + 300 + 240);
    QCOMPARE(*r.averageHandleSeconds(), 324.0);
    QCOMPARE(r.transfers, 1);
    QCOMPARE(*r.transferRate(), 0.2);
    QCOMPARE(r.information, 1);
    QCOMPARE(r.requestContacts, 3);
    QCOMPARE(*r.requestShare(), 0.6);
    QCOMPARE(countOf(r.byChannel, QStringLiteral("phone")), 4);
    QCOMPARE(countOf(r.byChannel, QStringLiteral("walk_in")), 1);
    QCOMPARE(countOf(r.byChannel, QStringLiteral("email")), 1);
    QCOMPARE(countOf(r.byOutcome, QStringLiteral("request_created")), 2);
    QCOMPARE(countOf(r.byOutcome, QStringLiteral("attached_to_existing")), 1);
    QCOMPARE(countOf(r.byOutcome, QString()), 1); // c7 runs
    // Local hours: EST before 02:00, EDT from 03:00 (there is no 02:00 that day).
    std::array<qint64, 24> hours{};
    hours[0] = 1;  // c2 00:00 EST
    hours[1] = 1;  // c3 01:59:59 EST
    hours[3] = 1;  // c4 03:00 EDT
    hours[11] = 1; // c7 11:00 EDT
    hours[12] = 1; // c8 12:00 EDT
    hours[23] = 1; // c5 23:59:59 EDT
    QCOMPARE(r.byHour, hours);
    // FCR: c2 (A, pothole) came back in c5; c5 and c8 (B came back 7 days and 1 s later) did not.
    QCOMPARE(r.fcrEligible, 3);
    QCOMPARE(r.fcrRepeated, 1);
    QVERIFY(qAbs(*r.fcrRate() - 2.0 / 3.0) < 1e-9);
    QCOMPARE(contactIds(kpis, day(), cell(M::FcrRepeated)), QStringList{QStringLiteral("c2")});
    QCOMPARE(contactIds(kpis, day(), cell(M::FcrEligible)),
             (QStringList{QStringLiteral("c2"), QStringLiteral("c8"), QStringLiteral("c5")}));

    // Requests opened that day: R1, R2 and R9.
    QCOMPARE(r.requestsOpened, 3);
    // SLA: R7 late, R8 in time; R9 had no due time.
    QCOMPARE(r.slaClosed, 2);
    QCOMPARE(r.slaMet, 1);
    QCOMPARE(*r.slaMetRate(), 0.5);
    QCOMPARE(requestNumbers(kpis, day(), cell(M::SlaMissed)), QStringList{QStringLiteral("N-R7")});
    // Now (Sunday 16:00 EDT): R1 R2 R4 R5 R6 open; R5 was due Friday 10:00; R4 is due Monday
    // 16:00, exactly 24 hours from now.
    QCOMPARE(r.open, 5);
    QCOMPARE(r.overdue, 1);
    QCOMPARE(requestNumbers(kpis, day(), cell(M::Overdue)), QStringList{QStringLiteral("N-R5")});
    QCOMPARE(r.dueSoon, 0);
    KpiFilter within24 = day();
    within24.dueSoonHours = 24;
    QCOMPARE(kpis.report(within24, Now).value().dueSoon, 0); // the bound is exclusive
    within24.dueSoonHours = 25;
    QCOMPARE(kpis.report(within24, Now).value().dueSoon, 1);
    QCOMPARE(requestNumbers(kpis, within24, cell(M::DueSoon)), QStringList{QStringLiteral("N-R4")});
    // Ages: R1 R2 R4 under 3 days, R5 3 days 5 hours, R6 35 days.
    std::array<qint64, 4> ages{};
    for (const KpiBacklogRow &row : r.backlog) {
        for (std::size_t i = 0; i < ages.size(); ++i)
            ages[i] += row.ages[i];
    }
    QCOMPARE(ages, (std::array<qint64, 4>{3, 1, 0, 1}));
    bool found = false;
    for (const KpiBacklogRow &row : r.backlog) {
        if (row.serviceCode == u"STREETLIGHT") {
            found = true;
            QCOMPARE(row.department, QStringLiteral("PWD"));
            QCOMPARE(row.open, 2);
            QCOMPARE(row.overdue, 1);
            QCOMPARE(row.ages[0], 1);
            QCOMPARE(row.ages[1], 1);
        }
    }
    QVERIFY(found);

    // The drill-down of a contact shows the request it made or joined.
    KpiCell hour23 = cell(M::Hour);
    hour23.hour = 23;
    auto lines = kpis.contactsBehind(day(), hour23);
    QVERIFY(lines.ok());
    QCOMPARE(lines.value().size(), 1);
    QCOMPARE(lines.value().first().id, QStringLiteral("c5"));
    QCOMPARE(lines.value().first().requestNumbers, QStringList{QStringLiteral("N-R1")});

    // Every number lists exactly what it counts.
    const auto same = [&](const KpiCell &c, qint64 expected) {
        const qsizetype listed = c.isContactMetric() ? contactIds(kpis, day(), c).size()
                                                     : requestNumbers(kpis, day(), c).size();
        if (listed != expected)
            qWarning("metric %d key %s hour %d bucket %d: %lld listed, %lld counted", int(c.metric),
                     qPrintable(c.key), c.hour, c.bucket, qlonglong(listed), qlonglong(expected));
        return listed == expected;
    };
    QVERIFY(same(cell(M::Contacts), r.contacts));
    QVERIFY(same(cell(M::Ended), r.ended));
    QVERIFY(same(cell(M::Transfers), r.transfers));
    QVERIFY(same(cell(M::Information), r.information));
    QVERIFY(same(cell(M::RequestContacts), r.requestContacts));
    QVERIFY(same(cell(M::FcrEligible), r.fcrEligible));
    QVERIFY(same(cell(M::FcrRepeated), r.fcrRepeated));
    for (const KpiCount &c : r.byChannel)
        QVERIFY(same(cell(M::Channel, c.key), c.count));
    for (const KpiCount &c : r.byOutcome)
        QVERIFY(same(cell(M::Outcome, c.key), c.count));
    for (int h = 0; h < 24; ++h) {
        KpiCell c = cell(M::Hour);
        c.hour = h;
        QVERIFY(same(c, r.byHour[std::size_t(h)]));
    }
    QVERIFY(same(cell(M::RequestsOpened), r.requestsOpened));
    QVERIFY(same(cell(M::SlaClosed), r.slaClosed));
    QVERIFY(same(cell(M::SlaMissed), r.slaClosed - r.slaMet));
    QVERIFY(same(cell(M::Open), r.open));
    for (const KpiRequestTypeRow &row : r.requestsByType) {
        KpiCell c = cell(M::RequestsOpened);
        c.serviceCode = row.serviceCode;
        c.department = row.department.isEmpty() ? QStringLiteral("-") : row.department;
        QVERIFY(same(c, row.count));
    }
    for (const KpiBacklogRow &row : r.backlog) {
        KpiCell c = cell(M::Open);
        c.serviceCode = row.serviceCode;
        c.department = row.department.isEmpty() ? QStringLiteral("-") : row.department;
        QVERIFY(same(c, row.open));
        c.metric = M::Overdue;
        QVERIFY(same(c, row.overdue));
        c.metric = M::Age;
        for (int b = 0; b < 4; ++b) {
            c.bucket = b;
            QVERIFY(same(c, row.ages[std::size_t(b)]));
        }
    }

    // One agent: bob took c4 and c5 and created R9.
    KpiFilter bob = day();
    bob.agent = Bob;
    const KpiReport b = kpis.report(bob, Now).value();
    QCOMPARE(b.contacts, 2);
    QCOMPARE(*b.averageHandleSeconds(), 450.0);
    QCOMPARE(*b.transferRate(), 0.5);
    QCOMPARE(b.fcrEligible, 1); // c5; the repeat of c2 (ana's) is not bob's
    QCOMPARE(b.fcrRepeated, 0);
    QCOMPARE(b.requestsOpened, 1);
    // One channel.
    KpiFilter phone = day();
    phone.channel = QStringLiteral("phone");
    QCOMPARE(kpis.report(phone, Now).value().contacts, 4);

    // The week of Sunday 8 March runs from Monday the 2nd: c1 (the 7th) is in it, c6 is not.
    const KpiPeriod week = KpiPeriod::thisWeek(Now, NewYork);
    QCOMPARE(week.first, QDate(2026, 3, 2));
    QCOMPARE(week.last, QDate(2026, 3, 8));
    KpiFilter weekFilter = day();
    weekFilter.period = week;
    QCOMPARE(kpis.report(weekFilter, Now).value().contacts, 7);
}

} // namespace

class TestSupervisionKpis : public QObject
{
    Q_OBJECT

private slots:
    void periodOfTheDayTheClocksChange()
    {
        const KpiPeriod p = KpiPeriod::days(QDate(2026, 3, 8), QDate(2026, 3, 8), NewYork);
        QVERIFY(p.isValid());
        QCOMPARE(p.start(), utc("2026-03-08T05:00:00").toSecsSinceEpoch());
        QCOMPARE(p.end(), utc("2026-03-09T04:00:00").toSecsSinceEpoch());
        QCOMPARE(p.end() - p.start(), 23 * 3600);
        const QList<KpiPeriod::OffsetSpan> spans = p.offsets();
        QCOMPARE(spans.size(), 2);
        QCOMPARE(spans.at(0).offset, -5 * 3600);
        QCOMPARE(spans.at(0).until, utc("2026-03-08T07:00:00").toSecsSinceEpoch());
        QCOMPARE(spans.at(1).offset, -4 * 3600);
        // The autumn day has 25 hours.
        const KpiPeriod fall = KpiPeriod::days(QDate(2026, 11, 1), QDate(2026, 11, 1), NewYork);
        QCOMPARE(fall.end() - fall.start(), 25 * 3600);
        // Today in the city, not in UTC: 23:30 EST on the 7th is 04:30 UTC on the 8th.
        QCOMPARE(KpiPeriod::today(utc("2026-03-08T04:30:00"), NewYork).first, QDate(2026, 3, 7));
        QCOMPARE(local(2026, 3, 8, 0, 0), utc("2026-03-08T05:00:00"));
    }

    void badFiltersAreRefused()
    {
        test::TempStore store;
        SupervisionKpis kpis(store.db());
        KpiFilter f = day();
        f.period.last = QDate(2026, 3, 1);
        auto r = kpis.report(f, Now);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("kpi.period"));
        f = day();
        f.period.last = f.period.first.addDays(KpiPeriod::MaxDays);
        QCOMPARE(kpis.report(f, Now).error().code, QStringLiteral("kpi.period"));
        f = day();
        f.dueSoonHours = 0;
        QCOMPARE(kpis.report(f, Now).error().code, QStringLiteral("kpi.due_soon"));
        f = day();
        f.period.zone = QTimeZone();
        QCOMPARE(kpis.contactsBehind(f, cell(KpiCell::Metric::Contacts)).error().code,
                 QStringLiteral("kpi.zone"));
    }

    void emptyStoreHasNoRates()
    {
        test::TempStore store;
        auto r = SupervisionKpis(store.db()).report(day(), Now);
        QVERIFY(r.ok());
        QCOMPARE(r.value().contacts, 0);
        QVERIFY(!r.value().averageHandleSeconds());
        QVERIFY(!r.value().fcrRate());
        QVERIFY(!r.value().slaMetRate());
    }

    void handComputedDay_data() { test::bothStores(); }

    void handComputedDay() { test::onBothStores(checkDay); }
};

QTEST_GUILESS_MAIN(TestSupervisionKpis)
#include "tst_supervisionkpis.moc"
