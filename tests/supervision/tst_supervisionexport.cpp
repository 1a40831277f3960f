// The supervisor's CSV exports parsed back with the city pack's CSV reader: one row per contact
// and per request of the period in the city's days (a contact at 23:30 local is in, one at
// 23:30 the day before is out), times in the city's zone with their offset, RFC 4180 quoting
// (commas, quotes, line breaks, CRLF), the caller's details only for a supervisor who asks and
// never for an anonymous type, an agent's export limited to their own work, and a bad period
// refused with nothing written.

#include "models/store/eventstore.h"
#include "models/supervision/reports/csvwriter.h"
#include "models/supervision/reports/supervisionexport.h"
#include "tests/support/parsedcsv.h"
#include "tests/support/teststore.h"

#include <QBuffer>
#include <QJsonObject>
#include <QTest>

using namespace civicdesk;

namespace {

const QTimeZone Boston("America/New_York");
const QString Quoted = QStringLiteral("Zoë \"Z\" O'Brien, Jr.");
const QString Secret = QStringLiteral("Secret Person");
const QString TwoLines = QStringLiteral("Overcrowding\r\nin an apartment");

QDateTime utc(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), Qt::UTC);
}

} // namespace

class TestSupervisionExport : public QObject
{
    Q_OBJECT

    test::TempStore m_store{test::TempStore::MiniCity};

    void append(const QString &type, const QString &id, const QString &kind,
                const QJsonObject &payload, const QString &actor, const QDateTime &at)
    {
        EventStore events(m_store.db());
        auto r =
            events.append(Event::make(type, id, kind, payload, actor, QStringLiteral("W1"), at));
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    }

    // A contact by `agent` starting at `start`, making request `number` of `code` for `caller`.
    void call(const QString &id, const QString &agent, const QDateTime &start,
              const QString &number, const QString &code, const QString &typeName,
              const QString &callerName, const QString &address)
    {
        // Taken on a call the phone system knows by its id (telephony).
        append(QStringLiteral("contact"), id, QStringLiteral("contact.started"),
               {{QStringLiteral("channel"), QStringLiteral("phone")},
                {QStringLiteral("call_id"), QString(u"pbx-" + id)}},
               agent, start);
        append(QStringLiteral("caller"), id + u"-caller", QStringLiteral("caller.upserted"),
               {{QStringLiteral("name"), callerName},
                {QStringLiteral("phone"), QStringLiteral("+16175550142")}},
               agent, start.addSecs(10));
        append(QStringLiteral("request"), id + u"-request", QStringLiteral("request.created"),
               {{QStringLiteral("number"), number},
                {QStringLiteral("service_code"), code},
                {QStringLiteral("type_name"), typeName},
                {QStringLiteral("department_code"), QStringLiteral("ISD")},
                {QStringLiteral("address"), address},
                {QStringLiteral("caller_id"), QString(id + u"-caller")},
                {QStringLiteral("due_at"), start.addDays(3).toString(Qt::ISODate)}},
               agent, start.addSecs(60));
        append(QStringLiteral("contact"), id, QStringLiteral("contact.ended"),
               {{QStringLiteral("outcome"), QStringLiteral("request_created")}}, agent,
               start.addSecs(150));
    }

    KpiFilter day3() const
    {
        return KpiFilter{
            KpiPeriod::days(QDate(2026, 11, 3), QDate(2026, 11, 3), Boston), {}, {}, 4};
    }

    QByteArray contacts(AgentRole role, const QString &agent, bool callers, int *rows = nullptr)
    {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        auto r = SupervisionExport(m_store.db()).writeContacts(out, day3(), role, agent, callers);
        if (!r)
            qWarning("%s", qPrintable(r.error().message));
        if (rows)
            *rows = r ? r.value() : -1;
        return out.data();
    }

    QByteArray requests(AgentRole role, const QString &agent, bool callers)
    {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        auto r = SupervisionExport(m_store.db())
                     .writeRequests(out, day3(), role, agent, callers, utc(4, 12));
        if (!r)
            qWarning("%s", qPrintable(r.error().message));
        return out.data();
    }

private slots:
    void initTestCase()
    {
        // 23:30 on 2 November in Boston: not in the day exported.
        call(QStringLiteral("c0"), QStringLiteral("ana"), utc(3, 4, 30), QStringLiteral("N-0"),
             QStringLiteral("BIRDINFEST"), QStringLiteral("Bird infestation"),
             QStringLiteral("Early Bird"), QStringLiteral("1 City Hall Plz, 02108"));
        call(QStringLiteral("c1"), QStringLiteral("ana"), utc(3, 14), QStringLiteral("N-1"),
             QStringLiteral("BIRDINFEST"), QStringLiteral("Bird infestation"), Quoted,
             QStringLiteral("12 \"Rear\" S Russell St, 02114"));
        call(QStringLiteral("c2"), QStringLiteral("bo"), utc(3, 15), QStringLiteral("N-2"),
             QStringLiteral("OVRCRWD"), TwoLines, Secret, QStringLiteral("5 Elm St"));
        // 23:30 on 3 November in Boston (04:30 UTC on the 4th): in.
        call(QStringLiteral("c3"), QStringLiteral("ana"), utc(4, 4, 30), QStringLiteral("N-3"),
             QStringLiteral("BIRDINFEST"), QStringLiteral("Bird infestation"),
             QStringLiteral("Late Owl"), QStringLiteral("7 Oak St"));
    }

    void quotesAsRfc4180()
    {
        QCOMPARE(CsvWriter::field(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(CsvWriter::field(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(CsvWriter::field(QStringLiteral("say \"hi\"")),
                 QStringLiteral("\"say \"\"hi\"\"\""));
        QCOMPARE(CsvWriter::field(QStringLiteral("two\nlines")), QStringLiteral("\"two\nlines\""));
        QCOMPARE(CsvWriter::line({QStringLiteral("a"), QString(), QStringLiteral("c")}),
                 QStringLiteral("a,,c\r\n"));
    }

    void contactsOfTheCityDayWithCallersForASupervisor()
    {
        int rows = 0;
        const QByteArray bytes =
            contacts(AgentRole::Supervisor, QStringLiteral("sam"), true, &rows);
        QCOMPARE(rows, 3);
        QVERIFY(bytes.endsWith("\r\n"));
        QVERIFY(bytes.contains("\"Zo\xc3\xab \"\"Z\"\" O'Brien, Jr.\""));
        const test::ParsedCsv p = test::parseCsv(bytes);
        QCOMPARE(p.header, SupervisionExport::contactColumns());
        QCOMPARE(p.rows.size(), 3);
        const auto col = [&p](const char *name) {
            return int(p.header.indexOf(QLatin1String(name)));
        };
        QCOMPARE(p.rows.at(0).at(col("contact_id")), QStringLiteral("c1"));
        QCOMPARE(p.rows.at(0).at(col("started_at")), QStringLiteral("2026-11-03T09:00:00-05:00"));
        QCOMPARE(p.rows.at(0).at(col("ended_at")), QStringLiteral("2026-11-03T09:02:30-05:00"));
        QCOMPARE(p.rows.at(0).at(col("handle_seconds")), QStringLiteral("150"));
        QCOMPARE(p.rows.at(0).at(col("agent")), QStringLiteral("ana"));
        QCOMPARE(p.rows.at(0).at(col("outcome")), QStringLiteral("request_created"));
        QCOMPARE(p.rows.at(0).at(col("request_numbers")), QStringLiteral("N-1"));
        QCOMPARE(p.rows.at(0).at(col("service_codes")), QStringLiteral("BIRDINFEST"));
        QCOMPARE(p.rows.at(0).at(col("caller_name")), Quoted);
        QCOMPARE(p.rows.at(0).at(col("caller_phone")), QStringLiteral("+16175550142"));
        // The phone system's records join on the call id.
        QCOMPARE(p.rows.at(0).at(col("call_id")), QStringLiteral("pbx-c1"));
        // The anonymous type's caller is never written.
        QCOMPARE(p.rows.at(1).at(col("contact_id")), QStringLiteral("c2"));
        QCOMPARE(p.rows.at(1).at(col("caller_name")), QString());
        QCOMPARE(p.rows.at(1).at(col("caller_phone")), QString());
        QVERIFY(!bytes.contains(Secret.toUtf8()));
        // The city's day, not UTC's.
        QCOMPARE(p.rows.at(2).at(col("started_at")), QStringLiteral("2026-11-03T23:30:00-05:00"));
        QVERIFY(!bytes.contains("Early Bird"));
    }

    void requestsParseBackWithTheirQuotesAndLineBreaks()
    {
        const QByteArray bytes = requests(AgentRole::Supervisor, QStringLiteral("sam"), true);
        const test::ParsedCsv p = test::parseCsv(bytes);
        QCOMPARE(p.header, SupervisionExport::requestColumns());
        QCOMPARE(p.rows.size(), 3);
        const auto col = [&p](const char *name) {
            return int(p.header.indexOf(QLatin1String(name)));
        };
        const QStringList &first = p.rows.at(0);
        QCOMPARE(first.size(), SupervisionExport::requestColumns().size());
        QCOMPARE(first.at(col("number")), QStringLiteral("N-1"));
        QCOMPARE(first.at(col("service_code")), QStringLiteral("BIRDINFEST"));
        QCOMPARE(first.at(col("address")), QStringLiteral("12 \"Rear\" S Russell St, 02114"));
        QCOMPARE(first.at(col("opened_at")), QStringLiteral("2026-11-03T09:01:00-05:00"));
        QCOMPARE(first.at(col("due_at")), QStringLiteral("2026-11-06T09:00:00-05:00"));
        QCOMPARE(first.at(col("closed_at")), QString());
        QCOMPARE(first.at(col("status")), QStringLiteral("open"));
        QCOMPARE(first.at(col("sla")), QStringLiteral("open"));
        QCOMPARE(first.at(col("hours_open")), QStringLiteral("22.0"));
        QCOMPARE(first.at(col("created_by")), QStringLiteral("ana"));
        QCOMPARE(first.at(col("caller_name")), Quoted);
        const QStringList &second = p.rows.at(1);
        QCOMPARE(second.at(col("type_name")), TwoLines);
        QCOMPARE(second.at(col("caller_name")), QString());
        QVERIFY(!bytes.contains(Secret.toUtf8()));
    }

    void noCallerDetailsUnlessASupervisorAsks()
    {
        const QByteArray notAsked = contacts(AgentRole::Supervisor, QStringLiteral("sam"), false);
        QCOMPARE(test::parseCsv(notAsked).rows.size(), 3);
        QVERIFY(!notAsked.contains("O'Brien"));
        QVERIFY(!notAsked.contains("0142"));
        QVERIFY(!requests(AgentRole::Supervisor, QStringLiteral("sam"), false).contains("O'Brien"));

        // An agent exports their own work only, and never a caller's details.
        const QByteArray own = contacts(AgentRole::CallTaker, QStringLiteral("ana"), true);
        const test::ParsedCsv p = test::parseCsv(own);
        QCOMPARE(p.rows.size(), 2);
        for (const QStringList &row : p.rows)
            QCOMPARE(row.at(int(p.header.indexOf(QStringLiteral("agent")))), QStringLiteral("ana"));
        QVERIFY(!own.contains("O'Brien"));
        QVERIFY(!own.contains("Late Owl"));
        QCOMPARE(
            test::parseCsv(requests(AgentRole::CallTaker, QStringLiteral("bo"), true)).rows.size(),
            1);
        QVERIFY(!SupervisionExport::mayExportCallerDetails(AgentRole::CallTaker));
        QVERIFY(SupervisionExport::mayExportCallerDetails(AgentRole::Admin));
    }

    void aBadPeriodWritesNothing()
    {
        KpiFilter backwards = day3();
        backwards.period = KpiPeriod::days(QDate(2026, 11, 4), QDate(2026, 11, 3), Boston);
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        const auto r = SupervisionExport(m_store.db())
                           .writeContacts(out, backwards, AgentRole::Supervisor, {}, true);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("kpi.period"));
        QVERIFY(out.data().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSupervisionExport)
#include "tst_supervisionexport.moc"
