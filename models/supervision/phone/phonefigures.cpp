#include "models/supervision/phone/phonefigures.h"

#include "models/store/latestevents.h"

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
    const auto latest = latestevents::read(connection, phoneday::entityType(), {phoneday::kind()},
                                           latestevents::Order::ClientTime, {from, until});
    if (!latest)
        return latest.error();
    QMap<QString, QJsonObject> reports;
    for (const Event &event : latest.value())
        reports.insert(event.entityId, event.payload);
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
