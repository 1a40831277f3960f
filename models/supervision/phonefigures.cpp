#include "models/supervision/phonefigures.h"

#include "models/store/sql.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace civicdesk {

namespace {

std::optional<double> share(double part, qint64 whole)
{
    return whole > 0 ? std::optional<double>(part / double(whole)) : std::nullopt;
}

// The latest report of each day and queue with an id in [from, until) (until "": the id
// `from` alone), by id.
Result<QMap<QString, QJsonObject>> latestReports(const QString &connection, const QString &from,
                                                 const QString &until)
{
    QMap<QString, QJsonObject> reports;
    QSqlQuery q(QSqlDatabase::database(connection));
    q.setForwardOnly(true);
    const QString ids = until.isEmpty() ? QStringLiteral("entity_id = ? AND ? = ''")
                                        : QStringLiteral("entity_id >= ? AND entity_id < ?");
    if (auto s = sql::exec(q,
                           u"SELECT entity_id, payload FROM events WHERE entity_type = ? AND " +
                               ids + u" AND kind = ? ORDER BY client_time, seq",
                           {phoneday::entityType(), from, sql::text(until), phoneday::kind()});
        !s)
        return s.error();
    while (q.next())
        reports.insert(q.value(0).toString(),
                       QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object());
    return reports;
}

} // namespace

void PhoneCounts::add(const PhoneInterval &i)
{
    ++intervals;
    offered += i.offered;
    answered += i.answered;
    abandoned += i.abandoned;
    answeredWithin += i.answeredWithin;
    waitSeconds += i.asaSeconds * double(i.answered);
}

std::optional<double> PhoneCounts::serviceLevel() const
{
    return share(double(answeredWithin), offered);
}

std::optional<double> PhoneCounts::abandonRate() const
{
    return share(double(abandoned), offered);
}

std::optional<double> PhoneCounts::answerRate() const
{
    return share(double(answered), offered);
}

std::optional<double> PhoneCounts::asaSeconds() const
{
    return share(waitSeconds, answered);
}

Result<PhoneFigures> PhoneFigures::of(const QString &connection, const KpiPeriod &period)
{
    auto reports = latestReports(connection, period.first.toString(Qt::ISODate),
                                 period.last.addDays(1).toString(Qt::ISODate));
    if (!reports)
        return reports.error();
    PhoneFigures f;
    for (const QJsonObject &payload : std::as_const(reports.value())) {
        for (const PhoneInterval &i : phoneday::intervals(payload)) {
            f.total.add(i);
            f.byQueue[i.queue].add(i);
            if (f.total.intervals == 1)
                f.thresholdSeconds = i.thresholdSeconds;
            else if (f.thresholdSeconds != i.thresholdSeconds)
                f.thresholdSeconds = MixedThreshold;
        }
    }
    return f;
}

QList<PhoneInterval> PhoneFigures::day(const QString &connection, QDate date, const QString &queue)
{
    const QString id = phoneday::dayId(date, queue);
    auto reports = latestReports(connection, id, QString());
    if (!reports || !reports.value().contains(id))
        return {};
    return phoneday::intervals(reports.value().value(id));
}

} // namespace civicdesk
