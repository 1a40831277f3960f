#include "app/server/open311api.h"

#include "app/server/httpreply.h"
#include "app/server/open311form.h"
#include "models/central/open311requests.h"
#include "models/city/cataloguerepository.h"
#include "models/city/citylimits.h"
#include "models/open311/georeport.h"
#include "models/open311/georeportxml.h"
#include "models/requests/requestrepository.h"
#include "models/store/database.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QJsonDocument>
#include <QUrlQuery>

namespace civicdesk {

namespace {

using HttpStatus = QHttpServerResponse::StatusCode;
using Format = Open311Api::Format;

class ApiText
{
    Q_DECLARE_TR_FUNCTIONS(Open311Api)
};

// Department names by code, read once per response rather than once per request row.
class Agencies
{
public:
    explicit Agencies(const CatalogueRepository &catalogue)
    {
        for (const Department &d : catalogue.departments())
            m_names.insert(d.code, d.name);
    }
    QString operator()(const ServiceRequest &r) const
    {
        return m_names.value(r.departmentCode, r.departmentCode);
    }

private:
    QHash<QString, QString> m_names;
};

QString isoTime(const QDateTime &t)
{
    return t.toOffsetFromUtc(t.offsetFromUtc()).toString(Qt::ISODate);
}

} // namespace

namespace open311reply {

namespace {

QHttpServerResponse respond(Format format, const QJsonValue &json, const QString &root,
                            const QString &item, HttpStatus status)
{
    if (format == Format::Xml)
        return QHttpServerResponse(QByteArrayLiteral("text/xml; charset=utf-8"),
                                   open311::toXml(json, root, item), status);
    const QByteArray body = json.isArray()
                                ? QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact)
                                : QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact);
    return QHttpServerResponse(QByteArrayLiteral("application/json; charset=utf-8"), body, status);
}

} // namespace

QHttpServerResponse ok(Format format, const QJsonValue &json, const QString &root,
                       const QString &item)
{
    return respond(format, json, root, item, HttpStatus::Ok);
}

QHttpServerResponse errors(Format format, HttpStatus status, const QStringList &descriptions)
{
    QJsonArray list;
    for (const QString &description : descriptions)
        list.append(QJsonObject{{QStringLiteral("code"), int(status)},
                                {QStringLiteral("description"), description}});
    return respond(format, list, QStringLiteral("errors"), QStringLiteral("error"), status);
}

QHttpServerResponse error(Format format, HttpStatus status, const QString &description)
{
    return errors(format, status, {description});
}

QHttpServerResponse retryLater(Format format, const QString &description, int seconds)
{
    QHttpServerResponse response = error(format, HttpStatus::ServiceUnavailable, description);
    response.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(seconds));
    return response;
}

std::optional<std::pair<QString, Format>> resource(const QString &text)
{
    if (text.endsWith(u".json"))
        return std::pair{text.chopped(5), Format::Json};
    if (text.endsWith(u".xml"))
        return std::pair{text.chopped(4), Format::Xml};
    return std::nullopt;
}

} // namespace open311reply

using namespace open311reply;

Open311Api::Open311Api(Database &database, AccountStore &accounts, StoreWriter &writer,
                       int writerQueue, QString publicUrl, std::function<void()> eventsAccepted)
    : m_database(database), m_accounts(accounts), m_writer(writer), m_writerQueue(writerQueue),
      m_publicUrl(std::move(publicUrl)), m_eventsAccepted(std::move(eventsAccepted))
{
}

Open311Api::~Open311Api() = default;

void Open311Api::registerRoutes(QHttpServer &server)
{
    using Method = QHttpServerRequest::Method;
    const auto unknown = [](const QString &what) {
        return error(Format::Json, HttpStatus::NotFound,
                     ApiText::tr("No such Open311 resource \"%1\"; see discovery.json.")
                         .arg(what.left(100)));
    };
    server.route(QStringLiteral("/open311/<arg>"), Method::Get,
                 http::timedArg([this, unknown](const QString &arg, const QHttpServerRequest &) {
                     const auto r = resource(arg);
                     if (!r || r->first != u"discovery")
                         return unknown(arg);
                     return discovery(r->second);
                 }));
    server.route(QStringLiteral("/open311/v2/<arg>"), Method::Get,
                 http::timedArg([this](const QString &arg, const QHttpServerRequest &request) {
                     return topLevel(arg, request);
                 }));
    server.route(
        QStringLiteral("/open311/v2/<arg>"), Method::Post,
        [this](const QString &arg, const QHttpServerRequest &request,
               QHttpServerResponder &&responder) { post(arg, request, std::move(responder)); });
    server.route(QStringLiteral("/open311/v2/services/<arg>"), Method::Get,
                 http::timedArg([this](const QString &arg, const QHttpServerRequest &) {
                     return serviceDefinition(arg);
                 }));
    // GeoReport v2 names one request requests/ID; the Open311 project's own Swagger definition
    // (validate.open311.org's swagger.json) names it request/ID, and clients generated from it
    // ask for that: both answer.
    for (const QString &path : {QStringLiteral("/open311/v2/requests/<arg>"),
                                QStringLiteral("/open311/v2/request/<arg>")})
        server.route(path, Method::Get,
                     http::timedArg([this](const QString &arg, const QHttpServerRequest &) {
                         return oneRequest(arg);
                     }));
    server.route(QStringLiteral("/open311/v2/tokens/<arg>"), Method::Get,
                 http::timedArg([this](const QString &arg, const QHttpServerRequest &) {
                     return token(arg);
                 }));
}

QHttpServerResponse Open311Api::discovery(Format format)
{
    const QJsonObject json =
        open311::discovery(m_publicUrl, m_database.meta(QStringLiteral("city_name")) + u" 311");
    return ok(format, json, QStringLiteral("discovery"));
}

QHttpServerResponse Open311Api::topLevel(const QString &arg, const QHttpServerRequest &request)
{
    const auto r = resource(arg);
    const Format format = r ? r->second : Format::Json;
    const QString name = r ? r->first : QString();
    if (name == u"discovery")
        return discovery(format);
    if (name == u"services")
        return services(format);
    if (name == u"requests")
        return requests(format, request);
    if (name == u"servicerequestupdates")
        return updates(format, request);
    return error(format, HttpStatus::NotFound,
                 ApiText::tr("No such Open311 resource \"%1\"; see discovery.json (formats: "
                             ".xml and .json).")
                     .arg(arg.left(100)));
}

QHttpServerResponse Open311Api::services(Format format)
{
    const CatalogueRepository catalogue(m_database);
    return ok(format, open311::services(catalogue.serviceTypes(), catalogue.departments()),
              QStringLiteral("services"), QStringLiteral("service"));
}

QHttpServerResponse Open311Api::serviceDefinition(const QString &arg)
{
    const auto r = resource(arg);
    if (!r)
        return error(Format::Json, HttpStatus::BadRequest,
                     ApiText::tr("Add the format to the service code: .xml or .json."));
    const auto type = CatalogueRepository(m_database).serviceType(r->first);
    if (!type)
        return error(r->second, HttpStatus::NotFound,
                     ApiText::tr("No service with code \"%1\".").arg(r->first.left(100)));
    if (!type->hasDefinition)
        return error(
            r->second, HttpStatus::NotFound,
            ApiText::tr("Service \"%1\" has no definition (metadata is false).").arg(r->first));
    return ok(r->second, open311::serviceDefinition(*type), QStringLiteral("service_definition"));
}

QHttpServerResponse Open311Api::requests(Format format, const QHttpServerRequest &request)
{
    const QUrlQuery query = open311form::query(request.url());
    const Agencies agencyOf{CatalogueRepository(m_database)};
    const RequestRepository repository(m_database);
    QJsonArray list;
    const QString ids = open311form::param(query, QStringLiteral("service_request_id"));
    if (!ids.isEmpty()) {
        // A list of ids overrides every other filter.
        const QStringList wanted = ids.split(u',', Qt::SkipEmptyParts);
        if (wanted.size() > MaxPageSize)
            return error(format, HttpStatus::BadRequest,
                         ApiText::tr("Ask for at most %1 service_request_id values at once.")
                             .arg(MaxPageSize));
        for (const QString &id : wanted) {
            if (const auto r = repository.byNumber(id.trimmed()))
                list.append(open311::request(*r, agencyOf(*r)));
        }
        return ok(format, list, QStringLiteral("service_requests"), QStringLiteral("request"));
    }
    const auto range = open311form::window(query, QDateTime::currentDateTimeUtc());
    if (const auto *problem = std::get_if<QString>(&range))
        return error(format, HttpStatus::BadRequest, *problem);
    Open311Filter filter;
    filter.from = std::get<open311form::Window>(range).from;
    filter.to = std::get<open311form::Window>(range).to;
    filter.serviceCodes =
        open311form::param(query, QStringLiteral("service_code")).split(u',', Qt::SkipEmptyParts);
    for (QString &code : filter.serviceCodes)
        code = code.trimmed();
    for (const QString &status :
         open311form::param(query, QStringLiteral("status")).split(u',', Qt::SkipEmptyParts)) {
        if (status.trimmed() != u"open" && status.trimmed() != u"closed")
            return error(format, HttpStatus::BadRequest,
                         ApiText::tr("status must be open, closed, or both (open,closed)."));
        filter.statuses.append(status.trimmed());
    }
    const QString page = open311form::param(query, QStringLiteral("page"));
    const QString pageSize = open311form::param(query, QStringLiteral("page_size"));
    bool pageOk = true, sizeOk = true;
    filter.page = page.isEmpty() ? 1 : page.toInt(&pageOk);
    filter.pageSize = pageSize.isEmpty() ? MaxPageSize : pageSize.toInt(&sizeOk);
    if (!pageOk || filter.page < 1 || filter.page > 1000000)
        return error(format, HttpStatus::BadRequest,
                     ApiText::tr("page must be a whole number from 1."));
    if (!sizeOk || filter.pageSize < 1 || filter.pageSize > MaxPageSize)
        return error(format, HttpStatus::BadRequest,
                     ApiText::tr("page_size must be from 1 to %1.").arg(MaxPageSize));
    auto found = Open311Requests(m_database).list(filter);
    if (!found)
        return error(format, HttpStatus::ServiceUnavailable,
                     ApiText::tr("The store cannot be read right now; try again."));
    for (const ServiceRequest &r : found.value())
        list.append(open311::request(r, agencyOf(r)));
    return ok(format, list, QStringLiteral("service_requests"), QStringLiteral("request"));
}

QHttpServerResponse Open311Api::oneRequest(const QString &arg)
{
    const auto r = resource(arg);
    if (!r)
        return error(Format::Json, HttpStatus::BadRequest,
                     ApiText::tr("Add the format to the request id: .xml or .json."));
    const auto found = RequestRepository(m_database).byNumber(r->first);
    if (!found)
        return error(r->second, HttpStatus::NotFound,
                     ApiText::tr("No request with id \"%1\".").arg(r->first.left(100)));
    const Agencies agencyOf{CatalogueRepository(m_database)};
    return ok(r->second, QJsonArray{open311::request(*found, agencyOf(*found))},
              QStringLiteral("service_requests"), QStringLiteral("request"));
}

QHttpServerResponse Open311Api::token(const QString &arg)
{
    const auto r = resource(arg);
    if (!r)
        return error(Format::Json, HttpStatus::BadRequest,
                     ApiText::tr("Add the format to the token: .xml or .json."));
    const auto number = Open311Requests(m_database).numberForToken(r->first);
    if (!number)
        return error(r->second, HttpStatus::NotFound,
                     ApiText::tr("No request for token \"%1\".").arg(r->first.left(100)));
    return ok(r->second,
              QJsonArray{QJsonObject{{QStringLiteral("service_request_id"), *number},
                                     {QStringLiteral("token"), r->first}}},
              QStringLiteral("service_requests"), QStringLiteral("request"));
}

QHttpServerResponse Open311Api::updates(Format format, const QHttpServerRequest &request)
{
    const QUrlQuery query = open311form::query(request.url());
    const auto range = open311form::window(query, QDateTime::currentDateTimeUtc());
    if (const auto *problem = std::get_if<QString>(&range))
        return error(format, HttpStatus::BadRequest, *problem);
    auto found =
        Open311Requests(m_database)
            .updates(std::get<open311form::Window>(range).from,
                     std::get<open311form::Window>(range).to,
                     open311form::param(query, QStringLiteral("service_request_id")), MaxPageSize);
    if (!found)
        return error(format, HttpStatus::ServiceUnavailable,
                     ApiText::tr("The store cannot be read right now; try again."));
    QJsonArray list;
    for (const RequestUpdate &u : found.value())
        list.append(QJsonObject{{QStringLiteral("update_id"), u.updateId},
                                {QStringLiteral("service_request_id"), u.requestNumber},
                                {QStringLiteral("status"), u.status},
                                {QStringLiteral("updated_datetime"), isoTime(u.at)},
                                {QStringLiteral("description"), u.description},
                                {QStringLiteral("media_url"), QString()}});
    return ok(format, list, QStringLiteral("service_request_updates"),
              QStringLiteral("request_update"));
}

} // namespace civicdesk
