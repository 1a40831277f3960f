// The request rollup (models/store/schema/requestrollups.h) against what it stands for. The
// fixture city's history imported by the real importer (tests/data/minipack, January 2015), then
// a fortnight around New York's spring clock change written through the event store as
// workstations would (requests opened on three channels in two departments, types, type names
// and departments corrected later, requests closed, reopened and closed again): for several periods
// (single days, the day the clocks change, periods crossing a local midnight and the change, the
// whole fortnight, the imported January) and filters (channel, department, type), the requests
// opened by type and department and the SLA equal a count done here request by request in the
// city's zone; again after more events arrive; and the rollup kept event by event equals the one
// built from scratch. On SQLite and PostgreSQL.

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/store/schema/requestrollups.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "tests/support/bothstores.h"
#include "tests/support/storerows.h"
#include "tests/support/teststore.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTest>

using namespace civicdesk;

namespace {

const QTimeZone NewYork("America/New_York");
const QStringList Channels = {QStringLiteral("phone"), QStringLiteral("walk_in"),
                              QStringLiteral("email")};
const QStringList Departments = {QStringLiteral("PWD"), QStringLiteral("ISD")};
// 27 February 2026 00:00 in New York; the clocks go forward on 8 March.
const QDate FirstDay(2026, 2, 27);
constexpr int Days = 18;

// A request as the store holds it, read back for the count done here.
struct Row
{
    qint64 opened = 0;
    QString service;
    QString typeName;
    QString department;
    QString channel;
    bool imported = false;
    bool closed = false; // closed with a closing and a due time
    qint64 closedAt = 0;
    bool met = false;
};

QList<Row> readRequests(const Database &db)
{
    QSqlQuery q(QSqlDatabase::database(db.connectionName()));
    if (!q.exec(QStringLiteral("SELECT opened_at, service_code, type_name, department_code, "
                               "channel, origin, status, closed_at, due_at FROM requests")))
        qFatal("fixture: requests unreadable");
    QList<Row> rows;
    while (q.next()) {
        Row r;
        r.opened = q.value(0).toLongLong();
        r.typeName = q.value(2).toString();
        r.service = q.value(1).isNull() ? r.typeName : q.value(1).toString();
        r.department = q.value(3).toString();
        r.channel = q.value(4).toString();
        r.imported = q.value(5).toString() == u"import";
        r.closed =
            q.value(6).toString() == u"closed" && !q.value(7).isNull() && !q.value(8).isNull();
        r.closedAt = q.value(7).toLongLong();
        r.met = r.closed && q.value(7).toLongLong() <= q.value(8).toLongLong();
        rows.append(r);
    }
    return rows;
}

// The figures of `f` counted here one request at a time: "type|department|count" lines
// sorted, and the opened, imported, closed and met totals.
struct Counted
{
    QStringList byType;
    qint64 opened = 0, importedOpened = 0, closed = 0, met = 0, importedClosed = 0, importedMet = 0;
};

Counted counted(const QList<Row> &rows, const KpiFilter &f)
{
    Counted c;
    QMap<QString, qint64> types;
    for (const Row &r : rows) {
        if ((!f.channel.isEmpty() && r.channel != f.channel) ||
            (!f.department.isEmpty() && r.department != f.department) ||
            (!f.serviceCode.isEmpty() && r.service != f.serviceCode))
            continue;
        if (r.opened >= f.period.start() && r.opened < f.period.end()) {
            ++types[r.service + u'|' + r.department];
            ++c.opened;
            c.importedOpened += r.imported ? 1 : 0;
        }
        if (r.closed && r.closedAt >= f.period.start() && r.closedAt < f.period.end()) {
            ++c.closed;
            c.met += r.met ? 1 : 0;
            c.importedClosed += r.imported ? 1 : 0;
            c.importedMet += r.imported && r.met ? 1 : 0;
        }
    }
    for (auto it = types.cbegin(); it != types.cend(); ++it)
        c.byType.append(it.key() + u'|' + QString::number(it.value()));
    c.byType.sort();
    return c;
}

// Requests opened, corrected, closed and reopened over the fortnight through the event store.
void writeRandomFortnight(Database &db, quint32 seed, int requests, int firstNumber)
{
    EventStore events(db);
    QRandomGenerator random(seed);
    const qint64 from = QDateTime(FirstDay, QTime(0, 0), NewYork).toSecsSinceEpoch();
    const qint64 span = qint64(Days) * 86400;
    const auto append = [&](const QString &id, const QString &kind, const QJsonObject &payload,
                            qint64 at) {
        auto r = events.append(Event::make(QStringLiteral("request"), id, kind, payload,
                                           QStringLiteral("ana"), QStringLiteral("D1"),
                                           QDateTime::fromSecsSinceEpoch(at, Qt::UTC)));
        if (!r)
            qFatal("fixture: %s", qPrintable(r.error().message));
    };
    const auto iso = [](qint64 at) {
        return QDateTime::fromSecsSinceEpoch(at, Qt::UTC).toString(Qt::ISODate);
    };
    for (int i = 0; i < requests; ++i) {
        const QString id = QStringLiteral("R%1").arg(firstNumber + i);
        const qint64 opened = from - 7200 + qint64(random.bounded(quint32(span + 14400)));
        const QString code = QStringLiteral("T%1").arg(random.bounded(3));
        QJsonObject payload{{QStringLiteral("number"), QString(u"N-" + id)},
                            {QStringLiteral("type_name"), code.toLower()},
                            {QStringLiteral("opened_at"), iso(opened)},
                            {QStringLiteral("due_at"), iso(opened + 3600 * random.bounded(96))}};
        if (random.bounded(5) > 0) // some have only a type name
            payload.insert(QStringLiteral("service_code"), code);
        if (random.bounded(5) > 0)
            payload.insert(QStringLiteral("channel"), Channels.at(int(random.bounded(3))));
        if (random.bounded(5) > 0)
            payload.insert(QStringLiteral("department_code"),
                           Departments.at(int(random.bounded(2))));
        append(id, QStringLiteral("request.created"), payload, opened);
        if (random.bounded(6) == 0) {
            const quint32 which = random.bounded(3);
            const QString field = which == 0   ? QStringLiteral("service_code")
                                  : which == 1 ? QStringLiteral("department_code")
                                               : QStringLiteral("type_name");
            const QString after = which == 0 ? QStringLiteral("T%1").arg(random.bounded(3))
                                  : which == 1
                                      ? Departments.at(int(random.bounded(2)))
                                      : QStringLiteral("renamed t%1").arg(random.bounded(3));
            append(id, QStringLiteral("request.field_changed"),
                   {{QStringLiteral("field"), field}, {QStringLiteral("after"), after}},
                   opened + 60);
        }
        if (random.bounded(2) == 0) {
            qint64 at = opened + 600 + qint64(random.bounded(5u * 86400u));
            append(id, QStringLiteral("request.status_changed"),
                   {{QStringLiteral("status"), QStringLiteral("closed")},
                    {QStringLiteral("closure_reason"), QStringLiteral("resolved")}},
                   at);
            if (random.bounded(4) == 0) { // reopened, perhaps closed again
                at += 3600;
                append(id, QStringLiteral("request.status_changed"),
                       {{QStringLiteral("status"), QStringLiteral("open")}}, at);
                if (random.bounded(2) == 0)
                    append(id, QStringLiteral("request.status_changed"),
                           {{QStringLiteral("status"), QStringLiteral("closed")},
                            {QStringLiteral("closure_reason"), QStringLiteral("resolved")}},
                           at + 7200);
            }
        }
    }
}

QStringList rollup(const Database &db)
{
    return test::statementRows(db, QStringLiteral("SELECT day, kind, service, type_name, "
                                                  "department, channel, imported, requests, met "
                                                  "FROM kpi_request_days ORDER BY day, kind, "
                                                  "service, type_name, department, channel, "
                                                  "imported"));
}

KpiFilter days(QDate first, QDate last)
{
    KpiFilter f;
    f.period = KpiPeriod::days(first, last, NewYork);
    return f;
}

// The periods and filters compared: single days (the 8th has 23 hours), periods starting and
// ending at local midnights on either side of the change, the whole fortnight, January 2015.
QList<KpiFilter> filters()
{
    QList<KpiFilter> all;
    for (int d = 0; d < Days; d += 3)
        all.append(days(FirstDay.addDays(d), FirstDay.addDays(d)));
    all.append(days(QDate(2026, 3, 8), QDate(2026, 3, 8)));
    all.append(days(QDate(2026, 3, 7), QDate(2026, 3, 9)));
    all.append(days(QDate(2026, 3, 1), QDate(2026, 3, 12)));
    all.append(days(FirstDay.addDays(-2), FirstDay.addDays(Days + 2)));
    all.append(days(QDate(2015, 1, 1), QDate(2015, 1, 31)));
    all.append(days(QDate(2025, 12, 1), QDate(2026, 12, 31))); // 396 days
    KpiFilter phone = days(QDate(2026, 3, 2), QDate(2026, 3, 10));
    phone.channel = QStringLiteral("phone");
    all.append(phone);
    KpiFilter pwd = days(QDate(2026, 3, 5), QDate(2026, 3, 14));
    pwd.department = QStringLiteral("PWD");
    all.append(pwd);
    KpiFilter t1 = days(QDate(2026, 2, 27), QDate(2026, 3, 9));
    t1.serviceCode = QStringLiteral("T1");
    all.append(t1);
    return all;
}

QString describe(const KpiFilter &f)
{
    return QStringLiteral("%1..%2 channel '%3' department '%4' type '%5'")
        .arg(f.period.first.toString(Qt::ISODate), f.period.last.toString(Qt::ISODate), f.channel,
             f.department, f.serviceCode);
}

void compareWithTheRequests(Database &db)
{
    SupervisionKpis kpis(db);
    const QList<Row> rows = readRequests(db);
    QVERIFY(rows.size() > 100);
    const QDateTime now(FirstDay.addDays(Days + 5), QTime(12, 0), NewYork);
    qint64 opened = 0, imported = 0, closed = 0;
    for (const KpiFilter &f : filters()) {
        auto r = kpis.report(f, now);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        const Counted expected = counted(rows, f);
        QStringList byType;
        for (const KpiRequestTypeRow &t : r.value().requestsByType)
            byType.append(t.serviceCode + u'|' + t.department + u'|' + QString::number(t.count));
        byType.sort();
        const QByteArray what = describe(f).toUtf8();
        QVERIFY2(byType == expected.byType, qPrintable(describe(f) + u": " + byType.join(u", ") +
                                                       u" counted " + expected.byType.join(u", ")));
        QVERIFY2(r.value().requestsOpened == expected.opened, what.constData());
        QVERIFY2(r.value().importedOpened == expected.importedOpened, what.constData());
        QVERIFY2(r.value().slaClosed == expected.closed, what.constData());
        QVERIFY2(r.value().slaMet == expected.met, what.constData());
        QVERIFY2(r.value().importedSlaClosed == expected.importedClosed, what.constData());
        QVERIFY2(r.value().importedSlaMet == expected.importedMet, what.constData());
        opened += expected.opened;
        imported += expected.importedOpened;
        closed += expected.closed;
    }
    // The comparison counted something of each kind.
    QVERIFY(opened > 0 && imported > 0 && closed > 0);
}

void keptAsTheyArrive(Database &db)
{
    QCOMPARE(db.meta(QStringLiteral("city_timezone")), QStringLiteral("America/New_York"));
    writeRandomFortnight(db, 2718, 300, 0);
    compareWithTheRequests(db);
    if (QTest::currentTestFailed())
        return;
    // More events arrive: new requests, and corrections and closings of the earlier ones.
    writeRandomFortnight(db, 3141, 120, 300);
    {
        EventStore events(db);
        QRandomGenerator random(9);
        for (int i = 0; i < 80; ++i) {
            const QString id = QStringLiteral("R%1").arg(random.bounded(420));
            const qint64 at =
                QDateTime(FirstDay.addDays(random.bounded(Days)), QTime(12, 0), NewYork)
                    .toSecsSinceEpoch();
            const Event e =
                i % 2 == 0
                    ? Event::make(QStringLiteral("request"), id,
                                  QStringLiteral("request.field_changed"),
                                  {{QStringLiteral("field"), QStringLiteral("department_code")},
                                   {QStringLiteral("after"), Departments.at(i % 2)}},
                                  QStringLiteral("sup"), QStringLiteral("D9"),
                                  QDateTime::fromSecsSinceEpoch(at, Qt::UTC))
                    : Event::make(QStringLiteral("request"), id,
                                  QStringLiteral("request.status_changed"),
                                  {{QStringLiteral("status"),
                                    i % 4 == 1 ? QStringLiteral("closed") : QStringLiteral("open")},
                                   {QStringLiteral("closure_reason"), QStringLiteral("resolved")}},
                                  QStringLiteral("sup"), QStringLiteral("D9"),
                                  QDateTime::fromSecsSinceEpoch(at, Qt::UTC));
            auto r = events.append(e);
            QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        }
    }
    compareWithTheRequests(db);
    if (QTest::currentTestFailed())
        return;
    // The rollup kept event by event equals the one built from scratch.
    const QStringList kept = rollup(db);
    QVERIFY(kept.size() > 100);
    QSqlDatabase sql = QSqlDatabase::database(db.connectionName());
    QVERIFY(sql.transaction());
    QVERIFY(requestrollups::rebuild(sql).ok());
    QVERIFY(sql.commit());
    QCOMPARE(rollup(db), kept);
}

} // namespace

class TestRequestRollups : public QObject
{
    Q_OBJECT

private slots:
    void keptAsEventsArrive_data() { test::bothStores(); }
    void keptAsEventsArrive()
    {
        test::onBothStores([](Database &db) {
            auto pack = CityPack::load(test::testDataDir() + u"/minipack");
            QVERIFY2(pack.ok(), pack.ok() ? "" : qPrintable(pack.error().message));
            auto imported = CityImporter(db).import(pack.value());
            QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(imported.error().message));
            keptAsTheyArrive(db);
        });
    }
};

QTEST_GUILESS_MAIN(TestRequestRollups)
#include "tst_requestrollups.moc"
