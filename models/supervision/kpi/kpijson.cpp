#include "models/supervision/kpi/kpijson.h"

#include <QJsonArray>

namespace civicdesk::kpijson {

namespace {

QJsonValue rate(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

QJsonArray counts(const QList<KpiCount> &list)
{
    QJsonArray array;
    for (const KpiCount &c : list)
        array.append(QJsonObject{{QStringLiteral("key"), c.key},
                                 {QStringLiteral("count"), double(c.count)}});
    return array;
}

} // namespace

QJsonObject toJson(const KpiReport &r)
{
    QJsonArray hours;
    for (const qint64 h : r.byHour)
        hours.append(double(h));
    QJsonArray types;
    for (const KpiRequestTypeRow &t : r.requestsByType)
        types.append(QJsonObject{{QStringLiteral("service_code"), t.serviceCode},
                                 {QStringLiteral("type_name"), t.typeName},
                                 {QStringLiteral("department"), t.department},
                                 {QStringLiteral("count"), double(t.count)}});
    QJsonArray backlog;
    for (const KpiBacklogRow &b : r.backlog) {
        QJsonArray ages;
        for (const qint64 a : b.ages)
            ages.append(double(a));
        backlog.append(QJsonObject{{QStringLiteral("service_code"), b.serviceCode},
                                   {QStringLiteral("type_name"), b.typeName},
                                   {QStringLiteral("department"), b.department},
                                   {QStringLiteral("open"), double(b.open)},
                                   {QStringLiteral("overdue"), double(b.overdue)},
                                   {QStringLiteral("due_soon"), double(b.dueSoon)},
                                   {QStringLiteral("ages"), ages}});
    }
    return {{QStringLiteral("contacts"), double(r.contacts)},
            {QStringLiteral("ended"), double(r.ended)},
            {QStringLiteral("handle_seconds"), double(r.handleSeconds)},
            {QStringLiteral("transfers"), double(r.transfers)},
            {QStringLiteral("information"), double(r.information)},
            {QStringLiteral("request_contacts"), double(r.requestContacts)},
            {QStringLiteral("by_channel"), counts(r.byChannel)},
            {QStringLiteral("by_outcome"), counts(r.byOutcome)},
            {QStringLiteral("by_hour"), hours},
            {QStringLiteral("fcr_eligible"), double(r.fcrEligible)},
            {QStringLiteral("fcr_repeated"), double(r.fcrRepeated)},
            {QStringLiteral("requests_opened"), double(r.requestsOpened)},
            {QStringLiteral("requests_by_type"), types},
            {QStringLiteral("sla_closed"), double(r.slaClosed)},
            {QStringLiteral("sla_met"), double(r.slaMet)},
            {QStringLiteral("imported_opened"), double(r.importedOpened)},
            {QStringLiteral("imported_sla_closed"), double(r.importedSlaClosed)},
            {QStringLiteral("imported_sla_met"), double(r.importedSlaMet)},
            {QStringLiteral("open"), double(r.open)},
            {QStringLiteral("overdue"), double(r.overdue)},
            {QStringLiteral("due_soon"), double(r.dueSoon)},
            {QStringLiteral("backlog"), backlog},
            {QStringLiteral("average_handle_seconds"), rate(r.averageHandleSeconds())},
            {QStringLiteral("transfer_rate"), rate(r.transferRate())},
            {QStringLiteral("information_share"), rate(r.informationShare())},
            {QStringLiteral("request_share"), rate(r.requestShare())},
            {QStringLiteral("fcr_rate"), rate(r.fcrRate())},
            {QStringLiteral("sla_met_rate"), rate(r.slaMetRate())}};
}

QJsonObject toJson(const KpiHistory &h)
{
    return {
        {QStringLiteral("requests"), double(h.requests)},
        {QStringLiteral("open"), double(h.open)},
        {QStringLiteral("first"), h.first.isValid() ? h.first.toString(Qt::ISODate) : QJsonValue()},
        {QStringLiteral("last"), h.last.isValid() ? h.last.toString(Qt::ISODate) : QJsonValue()}};
}

} // namespace civicdesk::kpijson
