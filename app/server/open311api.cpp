#include "open311api.h"

#include "httpreply.h"
#include "open311/georeport.h"
#include "storage/cataloguerepository.h"
#include "storage/database.h"
#include "storage/requestrepository.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QUrlQuery>
#include <functional>

namespace civicdesk {

namespace {

using HttpStatus = QHttpServerResponse::StatusCode;

class ApiText
{
    Q_DECLARE_TR_FUNCTIONS(Open311Api)
};

constexpr int MaxRequests = 1000; // GeoReport servers return at most 1,000 requests
constexpr int DefaultWindowDays = 90;

// "CODE.json" -> "CODE"; other formats are refused.
std::optional<QString> jsonResource(const QString &arg)
{
    if (!arg.endsWith(u".json"))
        return std::nullopt;
    return arg.chopped(5);
}

std::optional<QDateTime> parseTime(const QString &text)
{
    if (text.isEmpty())
        return QDateTime();
    const QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    return t.isValid() ? std::optional<QDateTime>(t) : std::nullopt;
}

// Every handler logs its request: method, path, status and duration.
auto timed(std::function<QHttpServerResponse(const QHttpServerRequest &)> handler)
{
    return [handler](const QHttpServerRequest &request) {
        QElapsedTimer timer;
        timer.start();
        QHttpServerResponse response = handler(request);
        http::logRequest(request, response, timer);
        return response;
    };
}

auto timedArg(
    std::function<QHttpServerResponse(const QString &, const QHttpServerRequest &)> handler)
{
    return [handler](const QString &arg, const QHttpServerRequest &request) {
        QElapsedTimer timer;
        timer.start();
        QHttpServerResponse response = handler(arg, request);
        http::logRequest(request, response, timer);
        return response;
    };
}

} // namespace

Open311Api::Open311Api(Database &database, QString publicUrl)
    : m_database(database), m_publicUrl(std::move(publicUrl))
{
}

void Open311Api::registerRoutes(QHttpServer &server)
{
    server.route(QStringLiteral("/open311/v2/discovery.json"), QHttpServerRequest::Method::Get,
                 timed([this](const QHttpServerRequest &) {
                     return http::json(open311::discovery(
                         m_publicUrl, m_database.meta(QStringLiteral("city_name")) + u" 311"));
                 }));
    server.route(QStringLiteral("/open311/v2/services.json"), QHttpServerRequest::Method::Get,
                 timed([this](const QHttpServerRequest &) {
                     const CatalogueRepository catalogue(m_database);
                     return http::json(
                         open311::services(catalogue.serviceTypes(), catalogue.departments()));
                 }));
    server.route(QStringLiteral("/open311/v2/services/<arg>"), QHttpServerRequest::Method::Get,
                 timedArg([this](const QString &arg, const QHttpServerRequest &) {
                     const auto code = jsonResource(arg);
                     if (!code)
                         return http::open311Error(HttpStatus::BadRequest,
                                                   ApiText::tr("Only the JSON format is "
                                                               "supported: use .json."));
                     const auto type = CatalogueRepository(m_database).serviceType(*code);
                     if (!type)
                         return http::open311Error(
                             HttpStatus::NotFound,
                             ApiText::tr("No service with code \"%1\".").arg(*code));
                     if (!type->hasDefinition)
                         return http::open311Error(HttpStatus::NotFound,
                                                   ApiText::tr("Service \"%1\" has no "
                                                               "definition (metadata is false).")
                                                       .arg(*code));
                     return http::json(open311::serviceDefinition(*type));
                 }));
    server.route(
        QStringLiteral("/open311/v2/requests.json"), QHttpServerRequest::Method::Get,
        timed([this](const QHttpServerRequest &request) {
            const QUrlQuery query = request.query();
            const RequestRepository requests(m_database);
            const CatalogueRepository catalogue(m_database);
            QJsonArray list;
            const auto agencyOf = [&catalogue](const ServiceRequest &r) {
                const auto d = catalogue.department(r.departmentCode);
                return d ? d->name : r.departmentCode;
            };
            if (query.hasQueryItem(QStringLiteral("service_request_id"))) {
                const QStringList ids = query.queryItemValue(QStringLiteral("service_request_id"))
                                            .split(u',', Qt::SkipEmptyParts);
                for (const QString &id : ids) {
                    if (const auto r = requests.byNumber(id.trimmed()))
                        list.append(open311::request(*r, agencyOf(*r)));
                }
                return http::json(list);
            }
            const auto start = parseTime(query.queryItemValue(QStringLiteral("start_date")));
            const auto end = parseTime(query.queryItemValue(QStringLiteral("end_date")));
            if (!start || !end)
                return http::open311Error(HttpStatus::BadRequest,
                                          ApiText::tr("start_date and end_date must be ISO 8601 "
                                                      "times, e.g. 2015-06-01T00:00:00Z."));
            QDateTime to = end->isValid() ? *end : QDateTime::currentDateTimeUtc();
            QDateTime from = start->isValid() ? *start : to.addDays(-DefaultWindowDays);
            if (from > to)
                return http::open311Error(HttpStatus::BadRequest,
                                          ApiText::tr("start_date is after end_date."));
            const QString statusText = query.queryItemValue(QStringLiteral("status"));
            std::optional<RequestStatus> status;
            if (!statusText.isEmpty()) {
                if (statusText != u"open" && statusText != u"closed")
                    return http::open311Error(HttpStatus::BadRequest,
                                              ApiText::tr("status must be open or closed."));
                status = requestStatusFromName(statusText);
            }
            const QStringList codes = query.queryItemValue(QStringLiteral("service_code"))
                                          .split(u',', Qt::SkipEmptyParts);
            const QList<ServiceRequest> found =
                requests.openedBetween(from, to, codes, status, MaxRequests);
            for (const ServiceRequest &r : found)
                list.append(open311::request(r, agencyOf(r)));
            return http::json(list);
        }));
    server.route(
        QStringLiteral("/open311/v2/requests/<arg>"), QHttpServerRequest::Method::Get,
        timedArg([this](const QString &arg, const QHttpServerRequest &) {
            const auto id = jsonResource(arg);
            if (!id)
                return http::open311Error(HttpStatus::BadRequest,
                                          ApiText::tr("Only the JSON format is "
                                                      "supported: use .json."));
            const auto r = RequestRepository(m_database).byNumber(*id);
            if (!r)
                return http::open311Error(HttpStatus::NotFound,
                                          ApiText::tr("No request with id \"%1\".").arg(*id));
            const auto d = CatalogueRepository(m_database).department(r->departmentCode);
            return http::json(QJsonArray{open311::request(*r, d ? d->name : r->departmentCode)});
        }));
}

} // namespace civicdesk
