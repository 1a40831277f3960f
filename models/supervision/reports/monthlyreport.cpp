#include "models/supervision/reports/monthlyreport.h"

#include "models/store/database.h"
#include "models/store/sql/sql.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "models/supervision/phone/phonefigures.h"

#include <QHash>
#include <QSet>

namespace civicdesk {

std::optional<double> MonthlyReportData::DepartmentSla::metRate() const
{
    return closed > 0 ? std::optional<double>(double(met) / double(closed)) : std::nullopt;
}

MonthlyReports::MonthlyReports(const Database &database)
    : m_database(database), m_connection(database.connectionName())
{
}

MonthlyReportData::Quality MonthlyReports::qualityOf(const QList<Evaluation> &evaluations,
                                                     const KpiPeriod &period)
{
    MonthlyReportData::Quality quality;
    QList<Evaluation> month;
    QHash<QString, int> formUse;
    QSet<QString> reviewers;
    double total = 0;
    for (const Evaluation &e : evaluations) {
        const qint64 at = e.submittedAt.toSecsSinceEpoch();
        if (at < period.start() || at >= period.end())
            continue;
        month.append(e);
        reviewers.insert(e.reviewer);
        total += e.finalScore;
        quality.criticalFailed += e.criticalFailed ? 1 : 0;
        quality.disputed +=
            e.state == Evaluation::State::Disputed || e.state == Evaluation::State::Decided ? 1 : 0;
        ++formUse[e.form.id];
    }
    quality.evaluations = int(month.size());
    quality.reviewers = int(reviewers.size());
    if (month.isEmpty())
        return quality;
    quality.index = total / double(month.size());
    QString form;
    for (auto it = formUse.cbegin(); it != formUse.cend(); ++it) {
        if (form.isEmpty() || it.value() > formUse.value(form) ||
            (it.value() == formUse.value(form) && it.key() < form))
            form = it.key();
    }
    int version = 0; // the title of the newest version used
    for (const Evaluation &e : month) {
        if (e.form.id == form && e.form.version > version) {
            version = e.form.version;
            quality.formTitle = e.form.title;
        }
    }
    quality.agreement = revieweragreement::agreement(month, form);
    return quality;
}

Result<MonthlyReportData> MonthlyReports::gather(QDate month, const QTimeZone &zone,
                                                 const QDateTime &now,
                                                 const QList<Evaluation> &evaluations) const
{
    MonthlyReportData d;
    d.month = QDate(month.year(), month.month(), 1);
    d.zone = zone;
    d.madeAt = now;
    d.cityName = m_database.meta(QStringLiteral("city_name"));
    KpiFilter filter;
    filter.period = KpiPeriod::days(d.month, d.month.addMonths(1).addDays(-1), zone);
    const QDateTime end = QDateTime::fromSecsSinceEpoch(filter.period.end(), Qt::UTC);
    const QDateTime asOf = now < end ? now : end;
    auto kpis = SupervisionKpis(m_database).report(filter, asOf);
    if (!kpis)
        return kpis.error();
    d.kpis = kpis.value();
    auto phone = PhoneFigures::of(m_connection, filter.period);
    if (!phone)
        return phone.error();
    d.phone = phone.value();
    d.quality = qualityOf(evaluations, filter.period);

    // Contacts per local day and channel.
    for (const KpiCount &c : d.kpis.byChannel)
        d.channels.append(c.key);
    const int days = d.month.daysInMonth();
    for (int i = 0; i < days; ++i)
        d.volumes.append(QList<qint64>(d.channels.size(), 0));
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (auto s = sql::exec(q,
                           QStringLiteral("SELECT started_at, channel FROM contacts WHERE "
                                          "started_at >= CAST(? AS BIGINT) AND started_at < "
                                          "CAST(? AS BIGINT)"),
                           {filter.period.start(), filter.period.end()});
        !s)
        return s.error();
    while (q.next()) {
        const int day =
            QDateTime::fromSecsSinceEpoch(q.value(0).toLongLong(), zone).date().day() - 1;
        const int channel = int(d.channels.indexOf(q.value(1).toString()));
        if (day >= 0 && day < days && channel >= 0)
            ++d.volumes[day][channel];
    }

    // The answers opened most during the month's contacts.
    if (auto s = sql::exec(
            q,
            QStringLiteral("SELECT COALESCE(max(a.title), ca.article_id), count(*) FROM "
                           "contact_articles ca JOIN contacts c ON c.id = ca.contact_id LEFT "
                           "JOIN articles a ON a.id = ca.article_id WHERE c.started_at >= "
                           "CAST(? AS BIGINT) AND c.started_at < CAST(? AS BIGINT) GROUP BY "
                           "ca.article_id ORDER BY 2 DESC, 1 LIMIT ?"),
            {filter.period.start(), filter.period.end(), TopCount});
        !s)
        return s.error();
    while (q.next())
        d.topAnswers.append({q.value(0).toString(), q.value(1).toLongLong()});

    // The request types asked for most (a type of several departments counts once).
    QHash<QString, int> typeIndex;
    for (const KpiRequestTypeRow &row : d.kpis.requestsByType) {
        const auto found = typeIndex.constFind(row.serviceCode);
        if (found != typeIndex.cend()) {
            d.topTypes[*found].count += row.count;
            continue;
        }
        typeIndex.insert(row.serviceCode, int(d.topTypes.size()));
        d.topTypes.append({row.typeName, row.count});
    }
    std::stable_sort(d.topTypes.begin(), d.topTypes.end(),
                     [](const auto &a, const auto &b) { return a.count > b.count; });
    if (d.topTypes.size() > TopCount)
        d.topTypes.resize(TopCount);

    // SLA per department: closed in the month, met, and open and overdue at its end.
    const qint64 at = asOf.toSecsSinceEpoch();
    if (auto s = sql::exec(
            q,
            QStringLiteral(
                "SELECT COALESCE(r.department_code, ''), max(dp.name), count(CASE WHEN "
                "r.closed_at >= CAST(? AS BIGINT) AND r.closed_at < CAST(? AS BIGINT) AND "
                "r.due_at IS NOT NULL THEN 1 END), count(CASE WHEN r.closed_at >= CAST(? AS "
                "BIGINT) AND r.closed_at < CAST(? AS BIGINT) AND r.closed_at <= r.due_at THEN 1 "
                "END), count(CASE WHEN r.opened_at < CAST(? AS BIGINT) AND (r.closed_at IS NULL "
                "OR r.closed_at >= CAST(? AS BIGINT)) THEN 1 END), count(CASE WHEN r.opened_at "
                "< CAST(? AS BIGINT) AND (r.closed_at IS NULL OR r.closed_at >= CAST(? AS "
                "BIGINT)) AND r.due_at < CAST(? AS BIGINT) THEN 1 END) FROM requests r LEFT JOIN "
                "departments dp ON dp.code = r.department_code WHERE (r.closed_at >= CAST(? AS "
                "BIGINT) AND r.closed_at < CAST(? AS BIGINT)) OR (r.opened_at < CAST(? AS "
                "BIGINT) AND (r.closed_at IS NULL OR r.closed_at >= CAST(? AS BIGINT))) GROUP BY "
                "1"),
            {filter.period.start(), filter.period.end(), filter.period.start(), filter.period.end(),
             at, at, at, at, at, filter.period.start(), filter.period.end(), at, at});
        !s)
        return s.error();
    while (q.next()) {
        MonthlyReportData::DepartmentSla row;
        row.code = q.value(0).toString();
        row.name = q.value(1).toString().isEmpty() ? row.code : q.value(1).toString();
        row.closed = q.value(2).toLongLong();
        row.met = q.value(3).toLongLong();
        row.open = q.value(4).toLongLong();
        row.overdue = q.value(5).toLongLong();
        if (row.closed > 0 || row.open > 0)
            d.departments.append(row);
    }
    std::stable_sort(d.departments.begin(), d.departments.end(), [](const auto &a, const auto &b) {
        return a.closed + a.open != b.closed + b.open ? a.closed + a.open > b.closed + b.open
                                                      : a.name < b.name;
    });
    return d;
}

} // namespace civicdesk
