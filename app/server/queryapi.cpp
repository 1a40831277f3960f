#include "app/server/queryapi.h"

#include "app/server/httpreply.h"
#include "models/central/reviewreader.h"
#include "models/domain/eventjson.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QUrlQuery>

namespace civicdesk {

namespace {

using HttpStatus = QHttpServerResponse::StatusCode;

class Text
{
    Q_DECLARE_TR_FUNCTIONS(QueryApi)
};

QHttpServerResponse badRequest(const QString &message, const QString &field)
{
    return http::error(HttpStatus::BadRequest, QStringLiteral("validation"), message, field);
}

QHttpServerResponse storeFailure(const Error &error)
{
    return http::storeUnavailable(error.message);
}

QJsonValue time(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(double(t.toMSecsSinceEpoch())) : QJsonValue();
}

QJsonValue number(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

QJsonObject requestJson(const RequestWithCallers &entry)
{
    const ServiceRequest &r = entry.request;
    QJsonObject attributes;
    for (auto it = r.attributes.cbegin(); it != r.attributes.cend(); ++it)
        attributes.insert(it.key(), QJsonArray::fromStringList(it.value()));
    QJsonArray callers;
    for (const Caller &c : entry.callers)
        callers.append(QJsonObject{{QStringLiteral("id"), c.id},
                                   {QStringLiteral("name"), c.name},
                                   {QStringLiteral("phone"), c.phone},
                                   {QStringLiteral("email"), c.email},
                                   {QStringLiteral("language"), c.language}});
    return QJsonObject{{QStringLiteral("id"), r.id},
                       {QStringLiteral("number"), r.number},
                       {QStringLiteral("service_code"), r.serviceCode},
                       {QStringLiteral("type_name"), r.typeName},
                       {QStringLiteral("status"), requestStatusName(r.status)},
                       {QStringLiteral("closure_reason"), r.closureReason},
                       {QStringLiteral("description"), r.description},
                       {QStringLiteral("address"), r.address},
                       {QStringLiteral("latitude"), number(r.latitude)},
                       {QStringLiteral("longitude"), number(r.longitude)},
                       {QStringLiteral("neighborhood"), r.neighborhood},
                       {QStringLiteral("zip"), r.zip},
                       {QStringLiteral("channel"), r.channel},
                       {QStringLiteral("department_code"), r.departmentCode},
                       {QStringLiteral("opened_at"), time(r.openedAt)},
                       {QStringLiteral("due_at"), time(r.dueAt)},
                       {QStringLiteral("closed_at"), time(r.closedAt)},
                       {QStringLiteral("attributes"), attributes},
                       {QStringLiteral("callers"), callers}};
}

std::optional<double> queryDouble(const QUrlQuery &query, const QString &name)
{
    bool ok = false;
    const double value = query.queryItemValue(name).toDouble(&ok);
    return ok && std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

} // namespace

QueryApi::QueryApi(Database &database, AccountStore &accounts)
    : m_accounts(accounts), m_log(database), m_queries(database), m_reference(database),
      m_gate(accounts)
{
}

void QueryApi::registerRoutes(QHttpServer &server)
{
    using Method = QHttpServerRequest::Method;
    server.route(QStringLiteral("/api/v1/requests"), Method::Get,
                 http::timed([this](const QHttpServerRequest &r) { return requests(r); }));
    server.route(QStringLiteral("/api/v1/requests/<arg>"), Method::Get,
                 http::timedArg([this](const QString &key, const QHttpServerRequest &r) {
                     return oneRequest(key, r);
                 }));
    server.route(QStringLiteral("/api/v1/reference"), Method::Get,
                 http::timed([this](const QHttpServerRequest &r) { return reference(r); }));
    server.route(QStringLiteral("/api/v1/reference/<arg>"), Method::Get,
                 http::timedArg([this](const QString &table, const QHttpServerRequest &r) {
                     return referenceTable(table, r);
                 }));
    server.route(QStringLiteral("/api/v1/reviews"), Method::Get,
                 http::timed([this](const QHttpServerRequest &r) { return reviews(r); }));
}

QHttpServerResponse QueryApi::requests(const QHttpServerRequest &request)
{
    auto gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate))
        return std::move(*denied);
    const QUrlQuery query = request.query();
    int limit = 50;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > MaxQueryResults)
            return badRequest(Text::tr("\"limit\" must be from 1 to %1.").arg(MaxQueryResults),
                              QStringLiteral("limit"));
    }
    const QStringList keys = {QStringLiteral("number"), QStringLiteral("phone"),
                              QStringLiteral("email"), QStringLiteral("address"),
                              QStringLiteral("lat")};
    QStringList given;
    for (const QString &key : keys) {
        if (query.hasQueryItem(key))
            given.append(key);
    }
    if (given.size() != 1)
        return badRequest(Text::tr("Ask by exactly one of: number, phone, email, address, or "
                                   "lat+lon+radius."),
                          given.isEmpty() ? QStringLiteral("number") : given.at(1));
    const QString key = given.first();
    const QString value = query.queryItemValue(key, QUrl::FullyDecoded).trimmed();
    Result<QList<RequestWithCallers>> found = QList<RequestWithCallers>();
    if (key == u"number") {
        found = m_queries.byNumber(value);
    } else if (key == u"phone") {
        if (Caller::normalizePhone(value).isEmpty())
            return badRequest(Text::tr("\"phone\" is not a phone number."), key);
        found = m_queries.byPhone(value, limit);
    } else if (key == u"email") {
        if (!value.contains(u'@'))
            return badRequest(Text::tr("\"email\" is not an email address."), key);
        found = m_queries.byEmail(value, limit);
    } else if (key == u"address") {
        if (value.isEmpty() || value.size() > 200)
            return badRequest(Text::tr("\"address\" must be 1 to 200 characters."), key);
        found = m_queries.byAddress(value, limit);
    } else {
        const auto lat = queryDouble(query, QStringLiteral("lat"));
        const auto lon = queryDouble(query, QStringLiteral("lon"));
        const auto radius = queryDouble(query, QStringLiteral("radius"));
        if (!lat || *lat < -90 || *lat > 90)
            return badRequest(Text::tr("\"lat\" must be a latitude (-90 to 90)."),
                              QStringLiteral("lat"));
        if (!lon || *lon < -180 || *lon > 180)
            return badRequest(Text::tr("\"lon\" must be a longitude (-180 to 180)."),
                              QStringLiteral("lon"));
        if (!radius || *radius <= 0 || *radius > MaxRadiusMetres)
            return badRequest(Text::tr("\"radius\" must be 1 to %1 metres.").arg(MaxRadiusMetres),
                              QStringLiteral("radius"));
        found = m_queries.near(*lat, *lon, *radius, limit);
    }
    if (!found)
        return storeFailure(found.error());
    QJsonArray list;
    for (const RequestWithCallers &entry : found.value())
        list.append(requestJson(entry));
    return http::json(QJsonObject{{QStringLiteral("requests"), list}});
}

QHttpServerResponse QueryApi::oneRequest(const QString &key, const QHttpServerRequest &request)
{
    auto gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate))
        return std::move(*denied);
    const auto found = m_queries.one(key);
    if (!found)
        return http::error(HttpStatus::NotFound, QStringLiteral("not_found"),
                           Text::tr("No request with id or number \"%1\".").arg(key.left(100)));
    QJsonObject json = requestJson(*found);
    QJsonArray events;
    for (const SequencedEvent &e : m_log.eventsOf(QStringLiteral("request"), found->request.id))
        events.append(eventToJson(e.event, e.seq));
    json.insert(QStringLiteral("events"), events);
    return http::json(json);
}

QHttpServerResponse QueryApi::reference(const QHttpServerRequest &request)
{
    auto gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate))
        return std::move(*denied);
    auto counts = m_reference.counts();
    if (!counts)
        return storeFailure(counts.error());
    QJsonArray tables;
    QStringList version;
    for (const auto &[name, rows] : counts.value()) {
        tables.append(
            QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("rows"), double(rows)}});
        version.append(QString::number(rows));
    }
    QJsonObject city;
    const auto meta = m_reference.cityMeta();
    for (auto it = meta.cbegin(); it != meta.cend(); ++it)
        city.insert(it.key(), it.value());
    return http::json(QJsonObject{{QStringLiteral("version"), version.join(u'.')},
                                  {QStringLiteral("city"), city},
                                  {QStringLiteral("tables"), tables}});
}

QHttpServerResponse QueryApi::referenceTable(const QString &table,
                                             const QHttpServerRequest &request)
{
    auto gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate))
        return std::move(*denied);
    const QUrlQuery query = request.query();
    int pageSize = 1000;
    if (query.hasQueryItem(QStringLiteral("page_size"))) {
        bool ok = false;
        pageSize = query.queryItemValue(QStringLiteral("page_size")).toInt(&ok);
        if (!ok || pageSize < 1 || pageSize > ReferenceTables::MaxPageSize)
            return badRequest(
                Text::tr("\"page_size\" must be from 1 to %1.").arg(ReferenceTables::MaxPageSize),
                QStringLiteral("page_size"));
    }
    const QString after = query.queryItemValue(QStringLiteral("after"), QUrl::FullyDecoded);
    if (after.size() > 300)
        return badRequest(Text::tr("\"after\" is too long; use the \"next\" of the previous "
                                   "page."),
                          QStringLiteral("after"));
    auto page = m_reference.page(table, after, pageSize);
    if (!page) {
        if (page.error().code == u"not_found")
            return http::error(HttpStatus::NotFound, QStringLiteral("not_found"),
                               page.error().message);
        return storeFailure(page.error());
    }
    QJsonArray rows;
    for (const QVariantList &row : page.value().rows)
        rows.append(QJsonArray::fromVariantList(row));
    return http::json(QJsonObject{
        {QStringLiteral("table"), table},
        {QStringLiteral("columns"), QJsonArray::fromStringList(page.value().columns)},
        {QStringLiteral("binary_columns"), QJsonArray::fromStringList(page.value().binaryColumns)},
        {QStringLiteral("rows"), rows},
        {QStringLiteral("next"),
         page.value().next.isEmpty() ? QJsonValue() : QJsonValue(page.value().next)}});
}

QHttpServerResponse QueryApi::reviews(const QHttpServerRequest &request)
{
    auto gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate))
        return std::move(*denied);
    const Session session = std::get<Session>(gate);
    QString agent = request.query().queryItemValue(QStringLiteral("agent"), QUrl::FullyDecoded);
    if (!mayReviewAgents(session.role)) {
        if (!agent.isEmpty() && agent != session.userName)
            return ApiGate::forbidden(Text::tr("Only supervisors and admins may read other agents' "
                                               "quality reviews."));
        agent = session.userName;
    }
    // Of other reviewers' evaluations only those of contacts this reader scored (reviewreader.h).
    auto reader = CentralReviewReader::load(m_log, session.role, session.userName);
    if (!reader)
        return storeFailure(reader.error());
    QJsonArray reviews;
    for (const SequencedEvent &e : reader.value().readable(agent, 200))
        reviews.append(eventToJson(e.event, e.seq));
    return http::json(QJsonObject{{QStringLiteral("reviews"), reviews}});
}

} // namespace civicdesk
