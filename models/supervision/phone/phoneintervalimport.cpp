#include "models/supervision/phone/phoneintervalimport.h"

#include "models/citypack/csvreader.h"
#include "models/domain/event.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/supervision/phone/phonefigures.h"

#include <QCoreApplication>
#include <QMap>
#include <variant>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(PhoneIntervalImport)
};

// The interval's start in UTC seconds, or nothing when the text is not a date and time.
std::optional<qint64> startOf(QString text, const QTimeZone &zone)
{
    text = text.trimmed();
    if (text.size() > 10 && text.at(10) == u' ')
        text[10] = u'T';
    QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid() || text.size() <= 10)
        return std::nullopt;
    if (t.timeSpec() == Qt::LocalTime)
        t = QDateTime(t.date(), t.time(), zone);
    if (!t.isValid())
        return std::nullopt;
    return t.toSecsSinceEpoch();
}

// Seconds as a number (12.5) or as m:ss or h:mm:ss.
std::optional<double> secondsOf(const QString &text)
{
    const QStringList parts = text.trimmed().split(u':');
    if (parts.size() > 3 || text.trimmed().isEmpty())
        return std::nullopt;
    double seconds = 0;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        bool ok = false;
        const double v = parts.at(i).toDouble(&ok);
        if (!ok || v < 0 || (i > 0 && v >= 60))
            return std::nullopt;
        seconds = seconds * 60 + v;
    }
    return seconds;
}

std::optional<qint64> countOf(const QString &text)
{
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok);
    return ok ? std::optional<qint64>(v) : std::nullopt;
}

// The row's interval, or what is wrong with it.
std::variant<PhoneInterval, QString> rowOf(const CsvReader &csv, const QTimeZone &zone)
{
    PhoneInterval i;
    const auto start = startOf(csv.value(QStringLiteral("interval_start")), zone);
    if (!start)
        return Text::tr("interval_start \"%1\" is not a date and time such as 2026-12-07T08:00")
            .arg(csv.value(QStringLiteral("interval_start")));
    i.start = *start;
    i.queue = csv.value(QStringLiteral("queue")).trimmed();
    if (i.queue.contains(u'|'))
        return Text::tr("queue cannot hold \"|\"");
    for (const auto &[column, target] :
         {std::pair{QStringLiteral("offered"), &i.offered},
          std::pair{QStringLiteral("answered"), &i.answered},
          std::pair{QStringLiteral("abandoned"), &i.abandoned},
          std::pair{QStringLiteral("answered_within"), &i.answeredWithin}}) {
        const auto v = countOf(csv.value(column));
        if (!v)
            return Text::tr("%1 \"%2\" is not a whole number").arg(column, csv.value(column));
        *target = *v;
    }
    for (const auto &[column, target] :
         {std::pair{QStringLiteral("interval_minutes"), &i.minutes},
          std::pair{QStringLiteral("threshold_seconds"), &i.thresholdSeconds}}) {
        const auto v = countOf(csv.value(column));
        if (!v || *v > 100000)
            return Text::tr("%1 \"%2\" is not a whole number").arg(column, csv.value(column));
        *target = int(*v);
    }
    const auto asa = secondsOf(csv.value(QStringLiteral("asa_seconds")));
    if (!asa)
        return Text::tr("asa_seconds \"%1\" is not seconds (12.5) or m:ss (0:12)")
            .arg(csv.value(QStringLiteral("asa_seconds")));
    i.asaSeconds = *asa;
    if (const QString p = i.problem(); !p.isEmpty())
        return p;
    return i;
}

} // namespace

PhoneIntervalImport::PhoneIntervalImport(Database &database, EventStore &events, QString actor,
                                         Clock clock)
    : m_database(database), m_events(events), m_actor(std::move(actor)), m_clock(std::move(clock))
{
}

QStringList PhoneIntervalImport::columns()
{
    return {QStringLiteral("interval_start"),  QStringLiteral("interval_minutes"),
            QStringLiteral("queue"),           QStringLiteral("offered"),
            QStringLiteral("answered"),        QStringLiteral("abandoned"),
            QStringLiteral("answered_within"), QStringLiteral("threshold_seconds"),
            QStringLiteral("asa_seconds")};
}

Result<QList<PhoneInterval>> PhoneIntervalImport::read(QIODevice &in, const QTimeZone &zone)
{
    if (!zone.isValid())
        return makeError(QStringLiteral("phone.zone"),
                         Text::tr("The city has no valid time zone to read the intervals in."));
    CsvReader csv(&in);
    if (auto s = csv.readHeader(columns()); !s)
        return makeError(QStringLiteral("phone.header"),
                         Text::tr("The first line must name the columns %1: %2")
                             .arg(columns().join(u", "), s.error().message));
    QList<PhoneInterval> rows;
    QStringList problems;
    QMap<std::pair<QString, qint64>, qint64> seen; // (queue, start) -> line
    const auto problem = [&problems](qint64 line, const QString &what) {
        if (problems.size() < MaxProblems)
            problems.append(Text::tr("Line %1: %2.").arg(line).arg(what));
    };
    while (csv.next()) {
        if (csv.record().size() == 1 && csv.record().first().trimmed().isEmpty())
            continue; // a blank line
        if (rows.size() + problems.size() >= MaxRows)
            return makeError(
                QStringLiteral("phone.too_many"),
                Text::tr("More than %1 rows: import the report a month at a time.").arg(MaxRows));
        const auto row = rowOf(csv, zone);
        if (const auto *bad = std::get_if<QString>(&row)) {
            problem(csv.line(), *bad);
            continue;
        }
        const PhoneInterval &i = std::get<PhoneInterval>(row);
        const auto key = std::pair{i.queue, i.start};
        if (const qint64 earlier = seen.value(key, 0); earlier > 0) {
            problem(csv.line(), Text::tr("queue %1 at %2 is on line %3 already")
                                    .arg(i.queue, csv.value(QStringLiteral("interval_start")))
                                    .arg(earlier));
            continue;
        }
        seen.insert(key, csv.line());
        rows.append(i);
    }
    if (csv.hasError())
        problems.append(csv.error());
    if (rows.isEmpty() && problems.isEmpty())
        problems.append(Text::tr("The file holds no intervals below its header line."));
    if (!problems.isEmpty())
        return makeError(QStringLiteral("phone.rows"),
                         Text::tr("Nothing was imported; correct these and import again:") + u'\n' +
                             problems.join(u'\n'));
    return rows;
}

Result<PhoneImportSummary> PhoneIntervalImport::import(QIODevice &in, const QTimeZone &zone)
{
    auto rows = read(in, zone);
    if (!rows)
        return rows.error();
    auto device = m_database.deviceCode();
    if (!device)
        return device.error();
    // One report per local day and queue, over what the store holds of that day already.
    QMap<std::pair<QDate, QString>, QList<PhoneInterval>> days;
    for (const PhoneInterval &i : std::as_const(rows.value()))
        days[{QDateTime::fromSecsSinceEpoch(i.start, zone).date(), i.queue}].append(i);
    PhoneImportSummary summary;
    summary.intervals = int(rows.value().size());
    for (auto it = days.cbegin(); it != days.cend(); ++it) {
        const auto &[date, queue] = it.key();
        QMap<qint64, PhoneInterval> merged;
        for (const PhoneInterval &i : PhoneFigures::day(m_database.connectionName(), date, queue))
            merged.insert(i.start, i);
        for (const PhoneInterval &i : it.value())
            merged.insert(i.start, i);
        const Event event =
            Event::make(phoneday::entityType(), phoneday::dayId(date, queue), phoneday::kind(),
                        phoneday::payload(date, queue, merged.values()), m_actor, device.value(),
                        m_clock.now());
        if (auto r = m_events.append(event); !r)
            return r.error();
        ++summary.reports;
        if (!summary.queues.contains(queue))
            summary.queues.append(queue);
    }
    return summary;
}

} // namespace civicdesk
