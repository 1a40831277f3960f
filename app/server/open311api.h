#pragma once

#include "app/server/apigate.h"
#include "app/server/open311form.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonValue>
#include <QString>
#include <functional>
#include <memory>
#include <variant>

class QHttpServer;

namespace civicdesk {

class CityLimits;
class Database;
class StoreWriter;
struct Open311Submission;

// Open311 GeoReport v2 on the central store, in XML and JSON: discovery (also at
// /open311/discovery.{fmt}), services, service definitions, GET requests with the spec's
// filters plus page/page_size, one request, tokens, POST requests (api_key), and the
// request-updates extension (servicerequestupdates). Errors in the spec's list format. GET
// responses never carry callers' names, phones or emails.
class Open311Api
{
public:
    enum class Format
    {
        Json,
        Xml
    };
    static constexpr int MaxPageSize = 1000;
    static constexpr int MaxWindowDays = open311form::MaxWindowDays;
    static constexpr int PostsPerKeyPerMinute = 60;
    // A POST refused because the store writer's queue is full.
    static constexpr int WriterRetryAfterSeconds = 1;

    // Reads use `database` on this thread; POSTs are written by `writer`, refused 503 busy while
    // `writerQueue` jobs wait for it.
    Open311Api(Database &database, AccountStore &accounts, StoreWriter &writer, int writerQueue,
               QString publicUrl, std::function<void()> eventsAccepted);
    ~Open311Api();
    // The endpoint URL discovery announces.
    void setPublicUrl(const QString &url) { m_publicUrl = url; }
    void registerRoutes(QHttpServer &server);

private:
    QHttpServerResponse discovery(Format format);
    QHttpServerResponse topLevel(const QString &resource, const QHttpServerRequest &request);
    QHttpServerResponse services(Format format);
    QHttpServerResponse serviceDefinition(const QString &resource);
    QHttpServerResponse requests(Format format, const QHttpServerRequest &request);
    QHttpServerResponse oneRequest(const QString &resource);
    QHttpServerResponse token(const QString &resource);
    QHttpServerResponse updates(Format format, const QHttpServerRequest &request);
    // A POST checked on the event loop (nothing written), then written by the store writer and
    // answered once committed.
    void post(const QString &resource, const QHttpServerRequest &request,
              QHttpServerResponder &&responder);
    std::variant<QHttpServerResponse, Open311Submission>
    checkPost(const QString &resource, const QHttpServerRequest &request);
    const CityLimits &cityLimits();

    Database &m_database;
    AccountStore &m_accounts;
    StoreWriter &m_writer;
    int m_writerQueue;
    QString m_publicUrl;
    std::function<void()> m_eventsAccepted;
    RateLimiter m_postsPerKey{PostsPerKeyPerMinute};
    std::unique_ptr<CityLimits> m_cityLimits;
    QString m_cityLimitsKey;
};

// Response helpers shared by the Open311 handlers.
namespace open311reply {
QHttpServerResponse ok(Open311Api::Format format, const QJsonValue &json, const QString &root,
                       const QString &item = {});
QHttpServerResponse errors(Open311Api::Format format, QHttpServerResponse::StatusCode status,
                           const QStringList &descriptions);
QHttpServerResponse error(Open311Api::Format format, QHttpServerResponse::StatusCode status,
                          const QString &description);
// 503 with Retry-After: nothing was kept, try again in `seconds`.
QHttpServerResponse retryLater(Open311Api::Format format, const QString &description, int seconds);
// "name.json" / "name.xml" -> name and format; nothing for other suffixes.
std::optional<std::pair<QString, Open311Api::Format>> resource(const QString &text);
} // namespace open311reply

} // namespace civicdesk
