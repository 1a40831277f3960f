#include "models/sync/syncclient.h"

#include "models/domain/eventjson.h"
#include "models/domain/text/jsonnumber.h"
#include "models/sync/synclogging.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>
#include <algorithm>

namespace civicdesk {

namespace syncerror {

bool isTransient(const Error &error)
{
    return error.code == u"network" || error.code == u"timeout" || error.code == u"server" ||
           error.code == u"protocol" || error.code == u"throttled";
}

} // namespace syncerror

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Sync", text);
}

// Times on the wire are milliseconds since 1970, up to the end of 9999.
constexpr qint64 MaxMilliseconds = Q_INT64_C(253402300799999);

Error protocolError(const QString &what)
{
    return makeError(QStringLiteral("protocol"),
                     tr("The server's answer could not be read (%1).").arg(what));
}

Error httpError(int status, const QJsonObject &body, const QByteArray &retryAfter)
{
    const QJsonObject error = body.value(u"error").toObject();
    QString message = error.value(u"message").toString();
    const QString field = error.value(u"field").toString();
    if (message.isEmpty())
        message = tr("The server answered with HTTP status %1.").arg(status);
    if (!field.isEmpty())
        message += QStringLiteral(" (%1)").arg(field);
    if (status == 401)
        return makeError(QStringLiteral("auth"), message);
    if (status == 413)
        return makeError(QStringLiteral("too_large"), message);
    if (status == 429) {
        if (!retryAfter.isEmpty())
            message += u' ' + tr("Try again in %1 s.").arg(QString::fromLatin1(retryAfter));
        return makeError(QStringLiteral("throttled"), message);
    }
    if (status >= 500)
        return makeError(QStringLiteral("server"), message);
    return makeError(QStringLiteral("http"), message);
}

// When a 503 or 429 with Retry-After (delta-seconds, the form civicdesk-server sends) lets the
// client call again; an expired deadline for every other answer.
QDeadlineTimer retryAfterDeadline(int status, const QByteArray &retryAfter)
{
    constexpr int MaxSeconds = 300;
    bool ok = false;
    const int seconds = retryAfter.trimmed().toInt(&ok);
    if ((status != 503 && status != 429) || !ok || seconds <= 0)
        return QDeadlineTimer(0);
    return QDeadlineTimer(qint64(std::min(seconds, MaxSeconds)) * 1000);
}

} // namespace

SyncClient::SyncClient(QNetworkAccessManager &network, QUrl server, QObject *parent)
    : QObject(parent), m_network(network), m_server(std::move(server))
{
}

SyncClient::~SyncClient()
{
    abort();
}

QUrl SyncClient::url(const QString &path) const
{
    QUrl base = m_server;
    QString prefix = base.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    const qsizetype query = path.indexOf(u'?');
    base.setPath(prefix + (query < 0 ? path : path.left(query)));
    if (query >= 0)
        base.setQuery(path.mid(query + 1));
    return base;
}

void SyncClient::cancel(quint64 call)
{
    const QPointer<QNetworkReply> reply = m_inFlight.take(call);
    if (!reply)
        return;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

void SyncClient::abort()
{
    const QList<quint64> calls = m_inFlight.keys();
    for (quint64 call : calls)
        cancel(call);
}

int SyncClient::retryAfterMs() const
{
    return int(std::max<qint64>(0, m_notBefore.remainingTime()));
}

quint64 SyncClient::send(const QByteArray &method, const QString &path, const QJsonObject *body,
                         int extraTimeoutMs, JsonCallback done)
{
    QNetworkRequest request(url(path));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    QByteArray data;
    if (body) {
        data = QJsonDocument(*body).toJson(QJsonDocument::Compact);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    }
    QNetworkReply *reply = body ? m_network.sendCustomRequest(request, method, data)
                                : m_network.sendCustomRequest(request, method);
    const quint64 call = m_nextCall++;
    m_inFlight.insert(call, reply);
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    auto timedOut = std::make_shared<bool>(false);
    connect(timer, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    timer->start(m_timeoutMs + extraTimeoutMs);
    QElapsedTimer clock;
    clock.start();
    connect(
        reply, &QNetworkReply::finished, this,
        [this, call, reply, timedOut, clock, method, path, done = std::move(done)] {
            m_inFlight.remove(call);
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray bytes = reply->isOpen() ? reply->readAll() : QByteArray();
            qCDebug(lcSync) << method << path << status << reply->error() << clock.elapsed()
                            << "ms";
            if (*timedOut) {
                done(
                    makeError(QStringLiteral("timeout"), tr("The server did not answer in time.")));
                return;
            }
            if (status == 0) {
                done(makeError(QStringLiteral("network"),
                               tr("The server cannot be reached: %1").arg(reply->errorString())));
                return;
            }
            QJsonParseError parse{};
            const QJsonDocument json = bytes.trimmed().isEmpty()
                                           ? QJsonDocument(QJsonObject())
                                           : QJsonDocument::fromJson(bytes, &parse);
            m_notBefore = retryAfterDeadline(status, reply->rawHeader("Retry-After"));
            if (status < 200 || status >= 300) {
                done(httpError(status, json.object(), reply->rawHeader("Retry-After")));
                return;
            }
            if (parse.error != QJsonParseError::NoError || !json.isObject()) {
                done(protocolError(parse.errorString()));
                return;
            }
            // A body shorter than announced is a cut connection, even if it parses.
            const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
            if (length.isValid() && length.toLongLong() != bytes.size()) {
                done(
                    protocolError(tr("%1 of %2 bytes").arg(bytes.size()).arg(length.toLongLong())));
                return;
            }
            done(json.object());
        });
    return call;
}

void SyncClient::login(const QString &user, const QString &password, const QString &device,
                       Callback<LoginResult> done)
{
    const QJsonObject body{{QStringLiteral("username"), user},
                           {QStringLiteral("password"), password},
                           {QStringLiteral("device"), device}};
    send("POST", QStringLiteral("/api/v1/login"), &body, 0,
         [this, done = std::move(done)](Result<QJsonObject> r) {
             if (!r)
                 return done(r.error());
             const QJsonObject &o = r.value();
             const auto expires = readJsonWholeNumber(
                 o.value(u"expires_at"), QStringLiteral("expires_at"), 0, MaxMilliseconds);
             if (!expires)
                 return done(protocolError(expires.error().message));
             LoginResult login{o.value(u"token").toString(),
                               QDateTime::fromMSecsSinceEpoch(expires.value(), Qt::UTC),
                               o.value(u"user").toObject().value(u"name").toString(),
                               o.value(u"user").toObject().value(u"role").toString()};
             if (login.token.isEmpty())
                 return done(protocolError(QStringLiteral("token")));
             m_token = login.token;
             done(login);
         });
}

void SyncClient::logout(Callback<Ok> done)
{
    send("POST", QStringLiteral("/api/v1/logout"), nullptr, 0,
         [this, done = std::move(done)](Result<QJsonObject> r) {
             m_token.clear();
             if (!r)
                 return done(r.error());
             done(Ok{});
         });
}

quint64 SyncClient::push(const QList<Event> &events, Callback<PushResult> done)
{
    QJsonArray array;
    for (const Event &event : events)
        array.append(eventToJson(event));
    const QJsonObject body{{QStringLiteral("events"), array}};
    return send(
        "POST", QStringLiteral("/api/v1/events"), &body, 0,
        [done = std::move(done)](Result<QJsonObject> r) {
            if (!r)
                return done(r.error());
            const QJsonObject &o = r.value();
            if (!o.value(u"accepted").isArray() || !o.value(u"rejected").isArray())
                return done(protocolError(QStringLiteral("accepted/rejected")));
            PushResult result;
            for (const QJsonValue &v : o.value(u"accepted").toArray()) {
                const QJsonObject a = v.toObject();
                if (!a.value(u"id").isString())
                    return done(protocolError(QStringLiteral("accepted[].id")));
                const auto seq =
                    readJsonWholeNumber(a.value(u"seq"), QStringLiteral("accepted[].seq"), 1);
                if (!seq)
                    return done(protocolError(seq.error().message));
                result.accepted.append(Acknowledgement{a.value(u"id").toString(), seq.value()});
            }
            for (const QJsonValue &v : o.value(u"rejected").toArray()) {
                const QJsonObject j = v.toObject();
                result.rejected.append(
                    EventRejection{j.value(u"id").toString(), j.value(u"code").toString(),
                                   j.value(u"message").toString(), j.value(u"field").toString()});
            }
            const auto last = readJsonWholeNumber(o.value(u"last_seq"), QStringLiteral("last_seq"));
            if (!last)
                return done(protocolError(last.error().message));
            result.lastSeq = last.value();
            done(result);
        });
}

quint64 SyncClient::pull(qint64 after, int limit, int waitSeconds, Callback<PullResult> done)
{
    const QString path = QStringLiteral("/api/v1/events?after=%1&limit=%2&wait=%3")
                             .arg(after)
                             .arg(limit)
                             .arg(waitSeconds);
    return send(
        "GET", path, nullptr, waitSeconds * 1000, [done = std::move(done)](Result<QJsonObject> r) {
            if (!r)
                return done(r.error());
            const QJsonObject &o = r.value();
            if (!o.value(u"events").isArray())
                return done(protocolError(QStringLiteral("events")));
            PullResult result;
            qint64 previous = 0;
            for (const QJsonValue &v : o.value(u"events").toArray()) {
                QString field;
                auto decoded = eventFromJson(v.toObject(), &field);
                if (!decoded)
                    return done(protocolError(decoded.error().message));
                if (decoded.value().seq <= previous)
                    return done(protocolError(QStringLiteral("seq order")));
                previous = decoded.value().seq;
                result.events.append(decoded.value());
            }
            const auto last = readJsonWholeNumber(o.value(u"last_seq"), QStringLiteral("last_seq"));
            if (!last)
                return done(protocolError(last.error().message));
            result.lastSeq = last.value();
            // A server before "through" leaves it out: the last event is the cursor then.
            if (o.contains(u"through")) {
                const auto through =
                    readJsonWholeNumber(o.value(u"through"), QStringLiteral("through"));
                if (!through)
                    return done(protocolError(through.error().message));
                result.through = through.value();
                if (!result.events.isEmpty() && result.through < result.events.last().seq)
                    return done(protocolError(QStringLiteral("through")));
            }
            result.more = o.value(u"more").toBool();
            done(result);
        });
}

quint64 SyncClient::reference(Callback<RemoteReferenceIndex> done)
{
    return send("GET", QStringLiteral("/api/v1/reference"), nullptr, 0,
                [done = std::move(done)](Result<QJsonObject> r) {
                    if (!r)
                        return done(r.error());
                    const QJsonObject &o = r.value();
                    if (!o.value(u"tables").isArray())
                        return done(protocolError(QStringLiteral("tables")));
                    RemoteReferenceIndex index;
                    const QJsonValue version = o.value(u"version");
                    index.version = version.isString()
                                        ? version.toString()
                                        : QString::number(version.toDouble(), 'f', 0);
                    index.city = o.value(u"city").toObject();
                    for (const QJsonValue &v : o.value(u"tables").toArray()) {
                        const QJsonObject t = v.toObject();
                        const auto rows =
                            readJsonWholeNumber(t.value(u"rows"), QStringLiteral("tables[].rows"));
                        if (!rows)
                            return done(protocolError(rows.error().message));
                        index.tables.append(
                            RemoteReferenceTable{t.value(u"name").toString(), rows.value()});
                    }
                    done(index);
                });
}

quint64 SyncClient::referencePage(const QString &table, const QString &after, int pageSize,
                                  Callback<RemoteReferencePage> done)
{
    QUrlQuery query;
    if (!after.isEmpty())
        query.addQueryItem(QStringLiteral("after"), after);
    query.addQueryItem(QStringLiteral("page_size"), QString::number(pageSize));
    const QString path = u"/api/v1/reference/" +
                         QString::fromLatin1(QUrl::toPercentEncoding(table)) + u'?' +
                         query.toString(QUrl::FullyEncoded);
    return send("GET", path, nullptr, 0, [done = std::move(done)](Result<QJsonObject> r) {
        if (!r)
            return done(r.error());
        const QJsonObject &o = r.value();
        if (!o.value(u"columns").isArray() || !o.value(u"rows").isArray() || !o.contains(u"next") ||
            !o.value(u"binary_columns").isArray())
            return done(protocolError(QStringLiteral("columns/binary_columns/rows/next")));
        RemoteReferencePage page;
        for (const QJsonValue &c : o.value(u"columns").toArray())
            page.columns.append(c.toString());
        for (const QJsonValue &c : o.value(u"binary_columns").toArray())
            page.binaryColumns.append(c.toString());
        page.rows = o.value(u"rows").toArray();
        page.next = o.value(u"next");
        done(page);
    });
}

void SyncClient::findRequests(const QString &key, const QString &value, int limit,
                              Callback<QJsonArray> done)
{
    QUrlQuery query;
    query.addQueryItem(key, value);
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    send("GET", u"/api/v1/requests?" + query.toString(QUrl::FullyEncoded), nullptr, 0,
         [done = std::move(done)](Result<QJsonObject> r) {
             if (!r)
                 return done(r.error());
             if (!r.value().value(u"requests").isArray())
                 return done(protocolError(QStringLiteral("requests")));
             done(r.value().value(u"requests").toArray());
         });
}

} // namespace civicdesk
