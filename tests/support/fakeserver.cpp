#include "tests/support/fakeserver.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QUrlQuery>

namespace civicdesk::test {

// The injected network: every request goes to the FakeServer.
class FakeNetwork : public QNetworkAccessManager
{
public:
    FakeNetwork(FakeServer &server) : QNetworkAccessManager(&server), m_server(server) {}

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override
    {
        const QByteArray verb =
            operation == CustomOperation
                ? request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray()
                : (operation == GetOperation ? QByteArray("GET") : QByteArray("POST"));
        const QByteArray body = outgoingData ? outgoingData->readAll() : QByteArray();
        return m_server.handle(operation, request, verb, body);
    }

private:
    FakeServer &m_server;
};

FakeReply::FakeReply(const QNetworkRequest &request, QNetworkAccessManager::Operation operation,
                     const QByteArray &verb, QObject *parent)
    : QNetworkReply(parent)
{
    setRequest(request);
    setUrl(request.url());
    setOperation(operation);
    setAttribute(QNetworkRequest::CustomVerbAttribute, verb);
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

void FakeReply::respond(int status, const QByteArray &body, qsizetype deliverBytes,
                        const QByteArray &retryAfter)
{
    if (isFinished())
        return;
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, status);
    setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    setHeader(QNetworkRequest::ContentLengthHeader, body.size());
    if (!retryAfter.isEmpty())
        setRawHeader("Retry-After", retryAfter);
    m_data = deliverBytes >= 0 ? body.left(deliverBytes) : body;
    const bool error = status >= 400;
    if (error)
        setError(status >= 500 ? InternalServerError
                               : (status == 401 ? AuthenticationRequiredError
                                                : ProtocolInvalidOperationError),
                 QStringLiteral("HTTP %1").arg(status));
    QMetaObject::invokeMethod(
        this,
        [this, error] {
            if (isFinished())
                return;
            emit metaDataChanged();
            emit readyRead();
            if (error)
                emit errorOccurred(this->error());
            setFinished(true);
            emit finished();
        },
        Qt::QueuedConnection);
}

void FakeReply::failNetwork(QNetworkReply::NetworkError error)
{
    if (isFinished())
        return;
    setError(error, QStringLiteral("fake network failure"));
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (isFinished())
                return;
            emit errorOccurred(this->error());
            setFinished(true);
            emit finished();
        },
        Qt::QueuedConnection);
}

void FakeReply::abort()
{
    if (isFinished())
        return;
    m_data.clear();
    setError(OperationCanceledError, QStringLiteral("aborted"));
    setFinished(true);
    emit errorOccurred(OperationCanceledError);
    emit finished();
}

qint64 FakeReply::bytesAvailable() const
{
    return m_data.size() - m_position + QIODevice::bytesAvailable();
}

qint64 FakeReply::readData(char *data, qint64 maxSize)
{
    const qint64 n = std::min<qint64>(maxSize, m_data.size() - m_position);
    if (n <= 0)
        return isFinished() ? -1 : 0;
    memcpy(data, m_data.constData() + m_position, size_t(n));
    m_position += n;
    return n;
}

namespace {

QJsonObject errorBody(const QString &code, const QString &message, const QString &field = QString())
{
    QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!field.isEmpty())
        error.insert(QStringLiteral("field"), field);
    return QJsonObject{{QStringLiteral("error"), error}};
}

} // namespace

FakeServer::FakeServer(QObject *parent) : QObject(parent), m_network(new FakeNetwork(*this)) {}

FakeServer::~FakeServer()
{
    for (HeldPoll &poll : m_polls)
        delete poll.timer;
}

void FakeServer::addFault(const QString &prefix, int nth, Fault fault)
{
    m_faults.append(FaultRule{prefix, nth, fault});
}

void FakeServer::setOnline(bool online)
{
    m_online = online;
    if (online)
        return;
    for (HeldPoll &poll : m_polls) {
        delete poll.timer;
        if (poll.reply)
            poll.reply->failNetwork(QNetworkReply::RemoteHostClosedError);
    }
    m_polls.clear();
}

void FakeServer::addUser(const QString &name, const QString &password, const QString &role)
{
    m_users.insert(name, {password, role});
}

void FakeServer::expireTokens()
{
    m_tokens.clear();
}

void FakeServer::setReference(const QString &version, const QJsonObject &city)
{
    m_referenceVersion = version;
    m_city = city;
}

void FakeServer::addReferenceTable(const QString &name, const QStringList &columns,
                                   const QList<QJsonArray> &rows, const QStringList &binaryColumns)
{
    m_tableOrder.append(name);
    m_tables.insert(name, Table{columns, rows, binaryColumns});
}

int FakeServer::countOf(const QString &eventId) const
{
    return int(std::count_if(m_events.cbegin(), m_events.cend(), [&](const StoredEvent &e) {
        return e.json.value(u"id").toString() == eventId;
    }));
}

int FakeServer::heldPolls() const
{
    return int(std::count_if(m_polls.cbegin(), m_polls.cend(),
                             [](const HeldPoll &p) { return p.reply && !p.reply->isFinished(); }));
}

qint64 FakeServer::append(const QJsonObject &event)
{
    const QString id = event.value(u"id").toString();
    if (m_seqById.contains(id))
        return m_seqById.value(id);
    const qint64 seq = m_events.isEmpty() ? 1 : m_events.last().seq + 1;
    m_events.append(StoredEvent{event, seq});
    m_seqById.insert(id, seq);
    return seq;
}

qint64 FakeServer::inject(const QJsonObject &event)
{
    const qint64 seq = append(event);
    wakePolls();
    return seq;
}

QJsonObject FakeServer::pullAnswer(qint64 after, int limit) const
{
    QJsonArray events;
    bool more = false;
    for (const StoredEvent &e : m_events) {
        if (e.seq <= after)
            continue;
        if (events.size() >= limit) {
            more = true;
            break;
        }
        QJsonObject json = e.json;
        json.insert(QStringLiteral("seq"), double(e.seq));
        events.append(json);
    }
    return QJsonObject{
        {QStringLiteral("events"), events},
        {QStringLiteral("last_seq"), double(m_events.isEmpty() ? 0 : m_events.last().seq)},
        {QStringLiteral("more"), more}};
}

void FakeServer::wakePolls()
{
    const qint64 last = m_events.isEmpty() ? 0 : m_events.last().seq;
    for (qsizetype i = m_polls.size() - 1; i >= 0; --i) {
        HeldPoll poll = m_polls.at(i);
        if (poll.after >= last && poll.reply && !poll.reply->isFinished())
            continue;
        m_polls.removeAt(i);
        delete poll.timer;
        if (poll.reply)
            answer(poll.reply, 200, pullAnswer(poll.after, poll.limit), std::nullopt);
    }
}

QNetworkReply *FakeServer::handle(QNetworkAccessManager::Operation operation,
                                  const QNetworkRequest &request, const QByteArray &verb,
                                  const QByteArray &body)
{
    auto *reply = new FakeReply(request, operation, verb, this);
    const QUrl url = request.url();
    m_log.append(QString::fromLatin1(verb) + u' ' + url.path() +
                 (url.hasQuery() ? u'?' + url.query() : QString()));
    if (!m_online) {
        reply->failNetwork();
        return reply;
    }
    std::optional<Fault> fault;
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        FaultRule &rule = m_faults[i];
        if (!QString(QString::fromLatin1(verb) + u' ' + url.path()).startsWith(rule.prefix))
            continue;
        if (--rule.remaining == 0) {
            fault = rule.fault;
            m_faults.removeAt(i);
            break;
        }
    }
    if (fault == Fault::Refuse) {
        reply->failNetwork();
        return reply;
    }
    if (fault == Fault::Hang)
        return reply;
    if (fault == Fault::ServerError) {
        answer(reply, 500, errorBody(QStringLiteral("store"), QStringLiteral("injected")),
               std::nullopt);
        return reply;
    }
    if (fault == Fault::Unavailable) {
        reply->respond(503,
                       QJsonDocument(errorBody(QStringLiteral("unavailable"),
                                               QStringLiteral("the store cannot be reached")))
                           .toJson(QJsonDocument::Compact),
                       -1, QByteArrayLiteral("2"));
        return reply;
    }
    if (fault == Fault::Unauthorized) {
        answer(reply, 401, errorBody(QStringLiteral("auth"), QStringLiteral("token expired")),
               std::nullopt);
        return reply;
    }
    route(reply, verb, url, body, request.rawHeader("Authorization"), fault);
    return reply;
}

void FakeServer::answer(FakeReply *reply, int status, const QJsonObject &body,
                        std::optional<Fault> fault)
{
    if (fault == Fault::AcceptThenDrop) {
        reply->failNetwork(QNetworkReply::RemoteHostClosedError);
        return;
    }
    const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
    reply->respond(status, bytes, fault == Fault::Truncate ? bytes.size() / 2 : -1);
}

void FakeServer::route(FakeReply *reply, const QByteArray &verb, const QUrl &url,
                       const QByteArray &body, const QByteArray &authorization,
                       std::optional<Fault> fault)
{
    const QString path = url.path();
    const QUrlQuery query(url);
    if (path == u"/api/v1/login" && verb == "POST") {
        const QJsonObject login = QJsonDocument::fromJson(body).object();
        const QString user = login.value(u"username").toString();
        if (!m_users.contains(user) ||
            m_users.value(user).first != login.value(u"password").toString())
            return answer(reply, 401,
                          errorBody(QStringLiteral("auth"), QStringLiteral("wrong password")),
                          fault);
        const QString token = QStringLiteral("token-%1").arg(++m_tokenCounter);
        m_tokens.insert(token, user);
        return answer(
            reply, 200,
            QJsonObject{{QStringLiteral("token"), token},
                        {QStringLiteral("expires_at"),
                         double(QDateTime::currentMSecsSinceEpoch() + 12 * 3600 * 1000)},
                        {QStringLiteral("user"),
                         QJsonObject{{QStringLiteral("name"), user},
                                     {QStringLiteral("role"), m_users.value(user).second}}}},
            fault);
    }
    const QString token = QString::fromUtf8(authorization.mid(7));
    if (!authorization.startsWith("Bearer ") || !m_tokens.contains(token))
        return answer(reply, 401,
                      errorBody(QStringLiteral("auth"), QStringLiteral("unknown token")), fault);
    if (path == u"/api/v1/logout") {
        m_tokens.remove(token);
        return answer(reply, 200, QJsonObject(), fault);
    }
    if (path == u"/api/v1/events" && verb == "POST") {
        const QJsonArray events = QJsonDocument::fromJson(body).object().value(u"events").toArray();
        if (events.isEmpty() || events.size() > 500)
            return answer(reply, 400,
                          errorBody(QStringLiteral("validation"), QStringLiteral("1-500 events"),
                                    QStringLiteral("events")),
                          fault);
        m_pushSizes.append(int(events.size()));
        QJsonArray accepted;
        QJsonArray rejected;
        for (const QJsonValue &v : events) {
            const QJsonObject event = v.toObject();
            const QString id = event.value(u"id").toString();
            if (m_seqById.contains(id)) {
                accepted.append(QJsonObject{{QStringLiteral("id"), id},
                                            {QStringLiteral("seq"), double(m_seqById.value(id))}});
                continue;
            }
            if (m_rejectRule) {
                if (auto reason = m_rejectRule(event)) {
                    QJsonObject r = *reason;
                    r.insert(QStringLiteral("id"), id);
                    rejected.append(r);
                    continue;
                }
            }
            accepted.append(QJsonObject{{QStringLiteral("id"), id},
                                        {QStringLiteral("seq"), double(append(event))}});
        }
        wakePolls();
        return answer(reply, 200,
                      QJsonObject{{QStringLiteral("accepted"), accepted},
                                  {QStringLiteral("rejected"), rejected},
                                  {QStringLiteral("last_seq"), double(m_events.size())}},
                      fault);
    }
    if (path == u"/api/v1/events" && verb == "GET") {
        const qint64 after = query.queryItemValue(QStringLiteral("after")).toLongLong();
        const int limit = query.hasQueryItem(QStringLiteral("limit"))
                              ? query.queryItemValue(QStringLiteral("limit")).toInt()
                              : 500;
        const int wait = query.queryItemValue(QStringLiteral("wait")).toInt();
        const qint64 last = m_events.isEmpty() ? 0 : m_events.last().seq;
        if (last > after || wait <= 0 || fault)
            return answer(reply, 200, pullAnswer(after, limit), fault);
        auto *timer = new QTimer;
        timer->setSingleShot(true);
        QPointer<FakeReply> held(reply);
        connect(timer, &QTimer::timeout, this, [this, held, after, limit] {
            for (qsizetype i = 0; i < m_polls.size(); ++i) {
                if (m_polls.at(i).reply == held) {
                    m_polls.at(i).timer->deleteLater();
                    m_polls.removeAt(i);
                    break;
                }
            }
            if (held)
                answer(held, 200, pullAnswer(after, limit), std::nullopt);
        });
        timer->start(wait * 1000);
        m_polls.append(HeldPoll{held, after, limit, timer});
        return;
    }
    if (path == u"/api/v1/requests" && verb == "GET") {
        // Requests made through events, found by their number or address.
        const QString number = query.queryItemValue(QStringLiteral("number"));
        const QString address = query.queryItemValue(QStringLiteral("address"), QUrl::FullyDecoded);
        QJsonArray requests;
        for (const StoredEvent &e : std::as_const(m_events)) {
            if (e.json.value(u"kind").toString() != u"request.created")
                continue;
            const QJsonObject payload = e.json.value(u"payload").toObject();
            if ((!number.isEmpty() && payload.value(u"number").toString() == number) ||
                (!address.isEmpty() && payload.value(u"address").toString() == address)) {
                QJsonObject request = payload;
                request.insert(QStringLiteral("id"), e.json.value(u"entity_id"));
                request.insert(QStringLiteral("status"), QStringLiteral("open"));
                request.insert(QStringLiteral("opened_at"), e.json.value(u"client_time"));
                requests.append(request);
            }
        }
        return answer(reply, 200, QJsonObject{{QStringLiteral("requests"), requests}}, fault);
    }
    if (path == u"/api/v1/reference") {
        QJsonArray tables;
        for (const QString &name : std::as_const(m_tableOrder))
            tables.append(
                QJsonObject{{QStringLiteral("name"), name},
                            {QStringLiteral("rows"), double(m_tables.value(name).rows.size())}});
        return answer(reply, 200,
                      QJsonObject{{QStringLiteral("version"), m_referenceVersion},
                                  {QStringLiteral("tables"), tables},
                                  {QStringLiteral("city"), m_city}},
                      fault);
    }
    if (path.startsWith(u"/api/v1/reference/")) {
        const QString name = path.mid(18);
        if (!m_tables.contains(name))
            return answer(reply, 404,
                          errorBody(QStringLiteral("not_found"), QStringLiteral("no table")),
                          fault);
        // Keyset paging over the row position (real servers page by the table's key).
        const Table &table = m_tables[name];
        const QString afterText = query.queryItemValue(QStringLiteral("after"));
        const qsizetype first = afterText.isEmpty() ? 0 : afterText.toLongLong() + 1;
        const qsizetype pageSize = query.queryItemValue(QStringLiteral("page_size")).toInt();
        QJsonArray rows;
        for (qsizetype i = first; i < table.rows.size() && rows.size() < pageSize; ++i)
            rows.append(table.rows.at(i));
        const qsizetype lastIndex = first + rows.size() - 1;
        const QJsonValue next = lastIndex + 1 < table.rows.size()
                                    ? QJsonValue(QString::number(lastIndex))
                                    : QJsonValue(QJsonValue::Null);
        QJsonArray columns;
        for (const QString &c : table.columns)
            columns.append(c);
        return answer(reply, 200,
                      QJsonObject{{QStringLiteral("columns"), columns},
                                  {QStringLiteral("binary_columns"),
                                   QJsonArray::fromStringList(table.binaryColumns)},
                                  {QStringLiteral("rows"), rows},
                                  {QStringLiteral("next"), next}},
                      fault);
    }
    answer(reply, 404, errorBody(QStringLiteral("not_found"), path), fault);
}

} // namespace civicdesk::test
