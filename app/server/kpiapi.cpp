#include "app/server/kpiapi.h"

#include "app/server/httpreply.h"
#include "models/store/database.h"
#include "models/supervision/kpi/kpijson.h"
#include "models/supervision/kpi/supervisionkpis.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QUrlQuery>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(KpiApi)
};

QHttpServerResponse badRequest(const QString &message, const QString &field)
{
    return http::validationError(message, field);
}

// The query parameter a refused filter is about.
QString fieldOf(const QString &code)
{
    if (code == u"kpi.due_soon")
        return QStringLiteral("due_soon_hours");
    if (code == u"kpi.zone")
        return QStringLiteral("city_timezone");
    return QStringLiteral("to");
}

} // namespace

KpiApi::KpiApi(Database &database, AccountStore &accounts) : m_database(database), m_gate(accounts)
{
}

void KpiApi::registerRoutes(QHttpServer &server)
{
    server.route(QStringLiteral("/api/v1/kpis"), QHttpServerRequest::Method::Get,
                 http::timed([this](const QHttpServerRequest &r) { return kpis(r); }));
}

QHttpServerResponse KpiApi::kpis(const QHttpServerRequest &request)
{
    auto gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate))
        return std::move(*denied);
    const Session session = std::get<Session>(gate);
    if (!mayReviewAgents(session.role))
        return ApiGate::forbidden(
            Text::tr("Only supervisors and admins may read the centre's KPIs; the %1 role may "
                     "not.")
                .arg(agentRoleName(session.role)));
    const QUrlQuery query = request.query();
    const auto text = [&query](const char *name) {
        return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded).trimmed();
    };
    const QDate from = QDate::fromString(text("from"), Qt::ISODate);
    if (!from.isValid())
        return badRequest(Text::tr("Give the period's first day as from=YYYY-MM-DD."),
                          QStringLiteral("from"));
    const QDate to = QDate::fromString(text("to"), Qt::ISODate);
    if (!to.isValid())
        return badRequest(Text::tr("Give the period's last day as to=YYYY-MM-DD."),
                          QStringLiteral("to"));
    const QString zoneName = m_database.meta(QStringLiteral("city_timezone"));
    KpiFilter filter;
    filter.period = KpiPeriod::days(from, to, QTimeZone(zoneName.toUtf8()));
    filter.team = text("team");
    filter.agent = text("agent");
    filter.channel = text("channel");
    if (const QString due = text("due_soon_hours"); !due.isEmpty()) {
        bool ok = false;
        filter.dueSoonHours = due.toInt(&ok);
        if (!ok)
            return badRequest(Text::tr("due_soon_hours must be a whole number of hours."),
                              QStringLiteral("due_soon_hours"));
    }
    if (auto s = SupervisionKpis::check(filter); !s)
        return badRequest(s.error().message, fieldOf(s.error().code));
    const SupervisionKpis kpis(m_database);
    auto report = kpis.report(filter, QDateTime::currentDateTimeUtc());
    if (!report)
        return http::storeUnavailable(report.error().message);
    // The whole truth: the imported history a workstation's replica may not hold is counted
    // here, and said (its part of the figures, and how much of it this store holds).
    auto history = kpis.history(filter.period.zone);
    if (!history)
        return http::storeUnavailable(history.error().message);
    return http::json(QJsonObject{{QStringLiteral("from"), from.toString(Qt::ISODate)},
                                  {QStringLiteral("to"), to.toString(Qt::ISODate)},
                                  {QStringLiteral("zone"), zoneName},
                                  {QStringLiteral("team"), filter.team},
                                  {QStringLiteral("agent"), filter.agent},
                                  {QStringLiteral("channel"), filter.channel},
                                  {QStringLiteral("due_soon_hours"), filter.dueSoonHours},
                                  {QStringLiteral("report"), kpijson::toJson(report.value())},
                                  {QStringLiteral("history"), kpijson::toJson(history.value())}});
}

} // namespace civicdesk
