#include "app/server/practiceapi.h"

#include "app/server/httpreply.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHttpServer>
#include <QJsonArray>
#include <QUrlQuery>

namespace civicdesk {

namespace {

using HttpStatus = QHttpServerResponse::StatusCode;

class Text
{
    Q_DECLARE_TR_FUNCTIONS(PracticeChannel)
};

QHttpServerResponse badRequest(const QString &message, const QString &field)
{
    return http::error(HttpStatus::BadRequest, QStringLiteral("validation"), message, field);
}

QJsonObject roomJson(const PracticeRoom &room)
{
    return QJsonObject{{QStringLiteral("session"), room.id},
                       {QStringLiteral("code"), room.code},
                       {QStringLiteral("scenario"), room.scenario},
                       {QStringLiteral("title"), room.title},
                       {QStringLiteral("trainer"), room.trainer},
                       {QStringLiteral("trainee"), room.trainee},
                       {QStringLiteral("last_seq"), double(room.lastSeq)},
                       {QStringLiteral("closed"), room.closed}};
}

// A string field of at most `max` characters; nullopt (and `refused` set) otherwise.
std::optional<QString> stringField(const QJsonObject &body, const QString &name, qsizetype max,
                                   bool required, std::optional<QHttpServerResponse> &refused)
{
    const QJsonValue value = body.value(name);
    if (value.isUndefined() && !required)
        return QString();
    if (!value.isString() || (required && value.toString().trimmed().isEmpty())) {
        refused = badRequest(Text::tr("\"%1\" is required (a string).").arg(name), name);
        return std::nullopt;
    }
    if (value.toString().size() > max) {
        refused =
            badRequest(Text::tr("\"%1\" may be at most %2 characters.").arg(name).arg(max), name);
        return std::nullopt;
    }
    return value.toString();
}

} // namespace

PracticeApi::PracticeApi(AccountStore &accounts, PracticeLimits limits, QObject *parent)
    : QObject(parent), m_gate(accounts), m_rooms(limits),
      m_epochMs(QDateTime::currentMSecsSinceEpoch())
{
    m_clock.start();
    m_sweep.setInterval(SweepMs);
    connect(&m_sweep, &QTimer::timeout, this, &PracticeApi::sweep);
}

void PracticeApi::registerRoutes(QHttpServer &server)
{
    using Method = QHttpServerRequest::Method;
    // Every POST: the sign-in, then (for opening and joining) the role, before the body is
    // read; the handler gets the session and the body.
    using Handler = QHttpServerResponse (PracticeApi::*)(const Session &, const QJsonObject &);
    const auto posted = [this](RoleCheck roleCheck, Handler handler) {
        return http::timed([this, roleCheck, handler](const QHttpServerRequest &r) {
            auto read = readPost(r, roleCheck);
            if (auto *refused = std::get_if<QHttpServerResponse>(&read))
                return std::move(*refused);
            const SignedPost &signedPost = std::get<SignedPost>(read);
            return (this->*handler)(signedPost.session, signedPost.body);
        });
    };
    // The role first: a call taker learns that only trainers open calls, whatever they sent.
    server.route(QStringLiteral("/api/v1/practice/sessions"), Method::Post,
                 posted(&PracticeRooms::refuseOpening, &PracticeApi::open));
    server.route(QStringLiteral("/api/v1/practice/join"), Method::Post,
                 posted(&PracticeRooms::refuseJoining, &PracticeApi::join));
    server.route(QStringLiteral("/api/v1/practice/messages"), Method::Post,
                 posted(nullptr, &PracticeApi::post));
    server.route(QStringLiteral("/api/v1/practice/close"), Method::Post,
                 posted(nullptr, &PracticeApi::close));
    server.route(QStringLiteral("/api/v1/practice/messages"), Method::Get,
                 [this](const QHttpServerRequest &r, QHttpServerResponder &&responder) {
                     pull(r, std::move(responder));
                 });
}

QHttpServerResponse PracticeApi::refusal(const Error &error, const QString &field) const
{
    const QString &code = error.code;
    if (code == u"practice.forbidden")
        return ApiGate::forbidden(error.message);
    if (code == u"practice.not_found")
        return http::error(HttpStatus::NotFound, QStringLiteral("not_found"), error.message);
    if (code == u"practice.taken" || code == u"practice.closed")
        return http::error(HttpStatus::Conflict, QStringLiteral("conflict"), error.message);
    if (code == u"practice.rate")
        return ApiGate::tooMany(m_rooms.retryAfterSeconds(), error.message);
    if (code == u"practice.full") {
        // 429, not 503: a 503 would make the route reconnect to the store and try again.
        QHttpServerResponse busy =
            http::error(HttpStatus::TooManyRequests, QStringLiteral("busy"), error.message);
        busy.setHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("30"));
        return busy;
    }
    return badRequest(error.message, field);
}

std::variant<PracticeApi::SignedPost, QHttpServerResponse>
PracticeApi::readPost(const QHttpServerRequest &request, RoleCheck roleCheck)
{
    auto gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate))
        return std::move(*denied);
    SignedPost post{std::get<Session>(gate), {}};
    if (roleCheck) {
        if (auto refused = roleCheck(post.session.role))
            return refusal(*refused);
    }
    if (auto refused = http::refuseLargeBody(request, MaxPracticeBodyBytes))
        return std::move(*refused);
    if (auto refused = http::parseObject(request, post.body))
        return std::move(*refused);
    return post;
}

QHttpServerResponse PracticeApi::open(const Session &session, const QJsonObject &body)
{
    std::optional<QHttpServerResponse> refused;
    const auto scenario = stringField(body, QStringLiteral("scenario"), 200, true, refused);
    if (!scenario)
        return std::move(*refused);
    const auto title = stringField(body, QStringLiteral("title"), 200, false, refused);
    if (!title)
        return std::move(*refused);
    auto room = m_rooms.open(session.userName, session.role, *scenario, *title, nowMs());
    if (!room)
        return refusal(room.error());
    if (!m_sweep.isActive())
        m_sweep.start();
    qCInfo(lcServer).noquote() << "practice call opened by" << session.userName;
    return http::json(roomJson(room.value()), HttpStatus::Created);
}

QHttpServerResponse PracticeApi::join(const Session &session, const QJsonObject &body)
{
    // Only a practice workspace joins: a live one never talks to the channel.
    if (body.value(u"practice") != QJsonValue(true))
        return badRequest(Text::tr("Only a practice workspace joins a live practice call "
                                   "(\"practice\": true)."),
                          QStringLiteral("practice"));
    std::optional<QHttpServerResponse> refused;
    const auto code = stringField(body, QStringLiteral("code"), 32, true, refused);
    if (!code)
        return std::move(*refused);
    auto room = m_rooms.join(session.userName, session.role, *code, nowMs());
    if (!room)
        return refusal(room.error());
    QJsonObject answer = roomJson(room.value());
    answer.remove(QStringLiteral("code"));
    wake(room.value().id); // the trainer's pull learns who joined
    return http::json(answer);
}

QHttpServerResponse PracticeApi::post(const Session &session, const QJsonObject &body)
{
    std::optional<QHttpServerResponse> refused;
    const auto id = stringField(body, QStringLiteral("session"), 64, true, refused);
    if (!id)
        return std::move(*refused);
    const auto kind = stringField(body, QStringLiteral("kind"), 16, true, refused);
    if (!kind)
        return std::move(*refused);
    // The rooms bound the text; a longer one is named with its length, not cut here.
    const auto text = stringField(body, QStringLiteral("text"), 1 << 16, false, refused);
    if (!text)
        return std::move(*refused);
    if (body.contains(u"intake") && !body.value(u"intake").isObject())
        return badRequest(Text::tr("\"intake\" must be an object."), QStringLiteral("intake"));
    QString field;
    auto seq = m_rooms.post(*id, session.userName, *kind, *text, body.value(u"intake").toObject(),
                            nowMs(), &field);
    if (!seq)
        return refusal(seq.error(), field);
    wake(*id);
    return http::json(QJsonObject{{QStringLiteral("seq"), double(seq.value())}});
}

QHttpServerResponse PracticeApi::close(const Session &session, const QJsonObject &body)
{
    std::optional<QHttpServerResponse> refused;
    const auto id = stringField(body, QStringLiteral("session"), 64, true, refused);
    if (!id)
        return std::move(*refused);
    if (auto closed = m_rooms.close(*id, session.userName, nowMs()); !closed)
        return refusal(closed.error());
    wake(*id, true);
    return QHttpServerResponse(HttpStatus::NoContent);
}

QHttpServerResponse PracticeApi::messages(const QString &id, const QString &user, qint64 after)
{
    auto list = m_rooms.messagesFor(id, user, after, nowMs());
    if (!list)
        return refusal(list.error());
    auto room = m_rooms.roomFor(id, user);
    if (!room)
        return refusal(room.error());
    QJsonArray out;
    for (const PracticeMessage &m : list.value())
        out.append(m.toJson());
    QJsonObject answer = roomJson(*room.value());
    answer.remove(QStringLiteral("code"));
    answer.insert(QStringLiteral("messages"), out);
    return http::json(answer);
}

void PracticeApi::pull(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    QElapsedTimer timer;
    timer.start();
    const auto reply = [&](const QHttpServerResponse &response) {
        http::logRequest(request, response, timer);
        http::writeWhole(response, std::move(responder));
    };
    if (auto refused = http::screen(request))
        return reply(*refused);
    auto gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate))
        return reply(*denied);
    const Session session = std::get<Session>(gate);
    const QUrlQuery query = request.query();
    const QString id = query.queryItemValue(QStringLiteral("session"));
    if (id.isEmpty())
        return reply(badRequest(Text::tr("\"session\" is required: the id of the live practice "
                                         "call."),
                                QStringLiteral("session")));
    bool ok = true;
    const qint64 after = query.hasQueryItem(QStringLiteral("after"))
                             ? query.queryItemValue(QStringLiteral("after")).toLongLong(&ok)
                             : 0;
    if (!ok || after < 0)
        return reply(badRequest(Text::tr("\"after\" must be a message number (0 or more)."),
                                QStringLiteral("after")));
    const int wait = query.hasQueryItem(QStringLiteral("wait"))
                         ? query.queryItemValue(QStringLiteral("wait")).toInt(&ok)
                         : 0;
    if (!ok || wait < 0 || wait > MaxWaitSeconds)
        return reply(
            badRequest(Text::tr("\"wait\" must be from 0 to %1 seconds.").arg(MaxWaitSeconds),
                       QStringLiteral("wait")));
    auto room = m_rooms.roomFor(id, session.userName);
    if (!room)
        return reply(refusal(room.error()));
    auto pending = m_rooms.messagesFor(id, session.userName, after, nowMs());
    if (wait == 0 || !pending || !pending.value().isEmpty() || room.value()->closed)
        return reply(messages(id, session.userName, after));
    QPointer<QTcpSocket> socket(responder.socket());
    auto waiter = std::unique_ptr<Waiter>(new Waiter{std::move(responder),
                                                     socket,
                                                     id,
                                                     session.userName,
                                                     after,
                                                     m_clock.elapsed() + wait * 1000LL,
                                                     http::requestLine(request),
                                                     {}});
    waiter->started.start();
    m_waiters.push_back(std::move(waiter));
    if (!m_sweep.isActive())
        m_sweep.start();
}

void PracticeApi::wake(const QString &id, bool force)
{
    std::vector<std::unique_ptr<Waiter>> due;
    std::vector<std::unique_ptr<Waiter>> still;
    const qint64 now = m_clock.elapsed();
    for (auto &waiter : m_waiters) {
        const bool gone =
            !waiter->socket || waiter->socket->state() != QAbstractSocket::ConnectedState;
        const bool mine = id.isEmpty() || waiter->id == id;
        bool answer = gone || now >= waiter->deadlineMs || (mine && force);
        if (!answer && mine) {
            auto list = m_rooms.messagesFor(waiter->id, waiter->user, waiter->after, nowMs());
            answer = !list || !list.value().isEmpty();
        }
        if (answer)
            due.push_back(std::move(waiter));
        else
            still.push_back(std::move(waiter));
    }
    m_waiters = std::move(still);
    for (auto &waiter : due) {
        if (!waiter->socket || waiter->socket->state() != QAbstractSocket::ConnectedState)
            continue; // the client gave up
        const QHttpServerResponse response = messages(waiter->id, waiter->user, waiter->after);
        http::logRequest(waiter->logLine, response, waiter->started);
        http::writeWhole(response, std::move(waiter->responder));
    }
}

void PracticeApi::sweep()
{
    // Calls idle too long are forgotten; their waiting pulls are answered (404 from then on).
    const QStringList gone = m_rooms.expire(nowMs());
    for (const QString &id : gone) {
        qCInfo(lcServer).noquote() << "practice call" << id << "expired";
        wake(id, true);
    }
    wake(QString()); // pulls whose time is up
    if (m_waiters.empty() && m_rooms.size() == 0)
        m_sweep.stop();
}

void PracticeApi::shutdown()
{
    wake(QString(), true);
}

} // namespace civicdesk
