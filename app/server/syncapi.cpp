#include "app/server/syncapi.h"

#include "app/server/eventpolicy.h"
#include "app/server/httpreply.h"
#include "app/server/pendinganswer.h"
#include "models/central/reviewreader.h"
#include "models/domain/eventjson.h"
#include "models/store/database.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QPointer>
#include <QTcpSocket>
#include <QUrlQuery>
#include <memory>

namespace civicdesk {

namespace {

using HttpStatus = QHttpServerResponse::StatusCode;

class Text
{
    Q_DECLARE_TR_FUNCTIONS(SyncApi)
};

QHttpServerResponse badRequest(const QString &message, const QString &field)
{
    return http::error(HttpStatus::BadRequest, QStringLiteral("validation"), message, field);
}

// A whole number from the query string within [min, max]; `fallback` when absent.
std::optional<qint64> queryNumber(const QUrlQuery &query, const QString &name, qint64 fallback,
                                  qint64 min, qint64 max)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 value = query.queryItemValue(name).toLongLong(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

QString methodName(const QHttpServerRequest &request)
{
    return request.method() == QHttpServerRequest::Method::Get ? QStringLiteral("GET")
                                                               : QStringLiteral("POST");
}

} // namespace

SyncApi::SyncApi(Database &database, AccountStore &accounts, StoreWriter &writer,
                 const SignInLimits &signIns, int pushQueue)
    : m_database(database), m_accounts(accounts), m_writer(writer), m_pushQueue(pushQueue),
      m_log(database), m_gate(accounts), m_signIns(signIns),
      m_loginsPerAddress(signIns.perAddressPerMinute),
      m_loginsPerAccount(signIns.perAccountPerMinute),
      m_passwordChecks(signIns.workers, signIns.queue), m_longPoll([this] { return lastSeq(); })
{
}

void SyncApi::registerRoutes(QHttpServer &server)
{
    using Method = QHttpServerRequest::Method;
    server.route(QStringLiteral("/api/v1/login"), Method::Post,
                 [this](const QHttpServerRequest &r, QHttpServerResponder &&responder) {
                     login(r, std::move(responder));
                 });
    server.route(QStringLiteral("/api/v1/logout"), Method::Post,
                 [this](const QHttpServerRequest &r, QHttpServerResponder &&responder) {
                     logout(r, std::move(responder));
                 });
    server.route(QStringLiteral("/api/v1/me"), Method::Get,
                 http::timed([this](const QHttpServerRequest &r) { return me(r); }));
    server.route(QStringLiteral("/api/v1/events"), Method::Post,
                 [this](const QHttpServerRequest &r, QHttpServerResponder &&responder) {
                     push(r, std::move(responder));
                 });
    server.route(QStringLiteral("/api/v1/events"), Method::Get,
                 [this](const QHttpServerRequest &r, QHttpServerResponder &&responder) {
                     pull(r, std::move(responder));
                 });
}

bool SyncApi::writerFull(const std::shared_ptr<http::PendingAnswer> &pending)
{
    if (m_writer.inFlight() < m_pushQueue)
        return false;
    pending->reply(http::busy(Text::tr("The server has as many writes waiting for the store as "
                                       "it takes; try again in %1 seconds.")
                                  .arg(WriterRetryAfterSeconds),
                              WriterRetryAfterSeconds));
    return true;
}

void SyncApi::logout(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto pending = http::PendingAnswer::make(request, std::move(responder));
    if (auto refused = http::screen(request))
        return pending->reply(*refused);
    auto gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate);
        denied && denied->statusCode() == HttpStatus::ServiceUnavailable && http::recoverStore())
        gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate))
        return pending->reply(*denied);
    if (writerFull(pending))
        return;
    // Written by the store writer; this process's memory of sessions is dropped once committed.
    auto ended = std::make_shared<Status>(Ok{});
    m_writer.submit(
        [token = http::bearerToken(request), ended](Database &store) {
            AccountStore accounts(store);
            *ended = accounts.signOut(token);
            if (!*ended && StoreWriter::reconnected(store))
                *ended = accounts.signOut(token);
        },
        [this, pending, ended] {
            m_accounts.forgetCachedSessions();
            pending->reply(*ended ? QHttpServerResponse(HttpStatus::NoContent)
                                  : http::storeUnavailable(ended->error().message));
        });
}

QHttpServerResponse SyncApi::me(const QHttpServerRequest &request)
{
    auto gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate))
        return std::move(*denied);
    const Session &s = std::get<Session>(gate);
    return http::json(
        QJsonObject{{QStringLiteral("name"), s.userName},
                    {QStringLiteral("role"), agentRoleName(s.role)},
                    {QStringLiteral("expires_at"), double(s.expiresAt.toMSecsSinceEpoch())}});
}

std::variant<QHttpServerResponse, SyncApi::Batch>
SyncApi::decodeBatch(const QHttpServerRequest &request)
{
    if (auto refused = http::screen(request))
        return std::move(*refused);
    auto gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate))
        return std::move(*denied);
    Batch batch{std::get<Session>(gate), {}};
    QJsonObject body;
    if (auto refused = http::parseObject(request, body))
        return std::move(*refused);
    if (!body.value(u"events").isArray())
        return badRequest(Text::tr("\"events\" must be an array of events."),
                          QStringLiteral("events"));
    const QJsonArray list = body.value(u"events").toArray();
    if (list.isEmpty() || list.size() > MaxBatch)
        return badRequest(Text::tr("Send 1 to %1 events per batch.").arg(MaxBatch),
                          QStringLiteral("events"));
    // The whole batch must decode before anything is written: a client that sends the wrong
    // shape has a bug to fix, not an event to correct.
    for (int i = 0; i < list.size(); ++i) {
        QString field;
        if (!list.at(i).isObject())
            return badRequest(Text::tr("Each event must be a JSON object."),
                              QStringLiteral("events[%1]").arg(i));
        auto decoded = eventFromJson(list.at(i).toObject(), &field);
        if (!decoded)
            return badRequest(decoded.error().message,
                              QStringLiteral("events[%1].%2").arg(i).arg(field));
        batch.events.append(decoded.value().event);
    }
    return batch;
}

void SyncApi::push(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto pending = http::PendingAnswer::make(request, std::move(responder));
    auto decoded = decodeBatch(request);
    if (auto *refused = std::get_if<QHttpServerResponse>(&decoded))
        return pending->reply(*refused);
    if (int(m_queuedPushes.size()) >= m_pushQueue)
        return pending->reply(http::busy(Text::tr("The server has as many batches waiting to be "
                                                  "written as it takes; try again in %1 seconds.")
                                             .arg(WriterRetryAfterSeconds),
                                         WriterRetryAfterSeconds));
    m_queuedPushes.push_back(QueuedPush{std::get<Batch>(std::move(decoded)), std::move(pending)});
    writeQueued();
}

void SyncApi::writeQueued()
{
    if (m_writing || m_queuedPushes.empty())
        return;
    // Checked and written by the store writer on its own connection, so that a slow commit
    // holds up only the pushes behind it, never this event loop. Those that arrived while it
    // was busy are written together, in one transaction (one commit, one fsync). Each is
    // answered only once committed.
    QList<Batch> batches;
    std::vector<std::shared_ptr<http::PendingAnswer>> answers;
    qsizetype events = 0;
    auto taken = m_queuedPushes.begin();
    for (; taken != m_queuedPushes.end(); ++taken) {
        if (!batches.isEmpty() && events + taken->batch.events.size() > MaxGroupEvents)
            break;
        events += taken->batch.events.size();
        batches.append(std::move(taken->batch));
        answers.push_back(std::move(taken->pending));
    }
    m_queuedPushes.erase(m_queuedPushes.begin(), taken);
    m_writing = true;
    auto written = std::make_shared<std::vector<WrittenBatch>>();
    m_writer.submit(
        [batches, written](Database &store) { *written = writeBatches(store, batches); },
        [this, answers, written] {
            m_writing = false;
            bool accepted = false;
            for (size_t i = 0; i < answers.size(); ++i) {
                const WrittenBatch &one = written->at(i);
                if (one.lastSeq > m_lastSeq) {
                    m_lastSeq = one.lastSeq;
                    m_lastSeqRead.start();
                }
                accepted = accepted || one.accepted;
                answers[i]->reply(one.response);
            }
            if (accepted)
                m_longPoll.notify();
            writeQueued();
        });
}

std::vector<SyncApi::WrittenBatch> SyncApi::writeBatches(Database &store,
                                                         const QList<Batch> &batches)
{
    CentralLog log(store);
    QList<CentralLog::Push> pushes;
    for (const Batch &batch : batches)
        pushes.append(CentralLog::Push{
            batch.events, [session = batch.session](const Event &e, const EntityState &now) {
                return authorizeEvent(e, now, session);
            }});
    QList<Result<PushOutcome>> outcomes = log.pushAll(pushes);
    // A lost connection (PostgreSQL restarted): those that failed once more on a fresh one. A
    // batch committed before the connection went is answered from the store (idempotent).
    QList<qsizetype> failed;
    for (qsizetype i = 0; i < outcomes.size(); ++i) {
        if (!outcomes.at(i))
            failed.append(i);
    }
    if (!failed.isEmpty() && StoreWriter::reconnected(store)) {
        QList<CentralLog::Push> again;
        for (qsizetype i : failed)
            again.append(pushes.at(i));
        const QList<Result<PushOutcome>> retried = log.pushAll(again);
        for (qsizetype k = 0; k < failed.size(); ++k)
            outcomes[failed.at(k)] = retried.at(k);
    }
    std::vector<WrittenBatch> written;
    for (const Result<PushOutcome> &outcome : outcomes)
        written.push_back(answerFor(outcome));
    return written;
}

SyncApi::WrittenBatch SyncApi::answerFor(const Result<PushOutcome> &outcome)
{
    if (!outcome)
        return WrittenBatch{
            http::storeUnavailable(Text::tr("The store could not accept the batch; nothing was "
                                            "written. %1")
                                       .arg(outcome.error().message)),
            0, false};
    QJsonArray accepted;
    for (const auto &[id, seq] : outcome.value().accepted)
        accepted.append(
            QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("seq"), double(seq)}});
    QJsonArray rejected;
    for (const EventRejection &r : outcome.value().rejected) {
        QJsonObject entry{{QStringLiteral("id"), r.id},
                          {QStringLiteral("code"), r.code},
                          {QStringLiteral("message"), r.message}};
        if (!r.field.isEmpty())
            entry.insert(QStringLiteral("field"), r.field);
        rejected.append(entry);
    }
    // The store's highest number at the batch's commit (read under the store's write lock).
    const qint64 last = outcome.value().lastSeq;
    return WrittenBatch{http::json(QJsonObject{{QStringLiteral("accepted"), accepted},
                                               {QStringLiteral("rejected"), rejected},
                                               {QStringLiteral("last_seq"), double(last)}}),
                        last, !outcome.value().accepted.isEmpty()};
}

qint64 SyncApi::lastSeq(bool fresh)
{
    if (fresh || !m_lastSeqRead.isValid() || m_lastSeqRead.elapsed() >= LastSeqFreshMs) {
        m_lastSeq = m_log.lastSeq();
        m_lastSeqRead.start();
    }
    return m_lastSeq;
}

QString SyncApi::reviewAudience(const Session &session)
{
    // An agent receives the reviews about them, a supervisor or admin every agent's but of
    // other reviewers' evaluations only those of the contacts they scored themselves: one
    // audience per reader. A user name never holds '*' (AccountStore), so "*everyone" never
    // meets one.
    return agentRoleName(session.role) + u' ' + session.userName;
}

http::WireAnswer SyncApi::eventsAfter(qint64 after, int limit, const Session &session)
{
    // The events up to the highest number known here are fixed (numbers are given out under
    // the store's write lock, in commit order): an answer built since that number was read
    // serves every pull after the same number with the same limit, by a reader who receives
    // the same quality reviews, until a new event arrives.
    const qint64 known = lastSeq();
    if (known != m_sharedAnswersSeq || m_sharedAnswers.size() >= MaxSharedAnswers) {
        m_sharedAnswers.clear();
        m_sharedAnswersSeq = known;
    }
    // A range without quality reviews reads the same for everyone: one answer for all readers;
    // a range with some, one answer per audience.
    const SharedAnswerKey everyone{{after, limit}, QStringLiteral("*everyone")};
    const SharedAnswerKey key{{after, limit}, reviewAudience(session)};
    for (const SharedAnswerKey &k : {everyone, key}) {
        if (auto found = m_sharedAnswers.constFind(k); found != m_sharedAnswers.cend())
            return *found;
    }
    // Every event of the range first; the quality reviews this reader may not have yet are
    // left out after (reviewreader.h), so no second query runs inside the page's.
    auto page = m_log.page(after, limit, [](const Event &) { return true; });
    if (!page)
        return http::wire(http::storeUnavailable(page.error().message));
    auto events =
        CentralReviewReader::eventsFor(m_log, session.role, session.userName, page.value(), after);
    if (!events)
        return http::wire(http::storeUnavailable(events.error().message));
    QJsonArray list;
    // Never below an event in the answer (another process may have added some since `known`).
    qint64 last = std::max(known, page.value().through);
    for (const SequencedEvent &e : std::as_const(events.value())) {
        list.append(eventToJson(e.event, e.seq));
        last = std::max(last, e.seq);
    }
    const http::WireAnswer answer =
        http::wire(http::json(QJsonObject{{QStringLiteral("events"), list},
                                          {QStringLiteral("last_seq"), double(last)},
                                          {QStringLiteral("through"), double(page.value().through)},
                                          {QStringLiteral("more"), page.value().more}}));
    m_sharedAnswers.insert(page.value().reviews ? key : everyone, answer);
    return answer;
}

void SyncApi::pull(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    QElapsedTimer timer;
    timer.start();
    const auto reply = [&](const QHttpServerResponse &response) {
        http::logRequest(request, response, timer);
        http::writeWhole(response, std::move(responder));
    };
    auto gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate))
        return reply(*denied);
    const Session session = std::get<Session>(gate);
    const QUrlQuery query = request.query();
    const auto after = queryNumber(query, QStringLiteral("after"), 0, 0, Q_INT64_C(1) << 53);
    if (!after)
        return reply(badRequest(Text::tr("\"after\" must be a sequence number (0 or more)."),
                                QStringLiteral("after")));
    const auto limit = queryNumber(query, QStringLiteral("limit"), DefaultPull, 1, MaxPull);
    if (!limit)
        return reply(badRequest(Text::tr("\"limit\" must be from 1 to %1.").arg(MaxPull),
                                QStringLiteral("limit")));
    const auto wait = queryNumber(query, QStringLiteral("wait"), 0, 0, MaxWaitSeconds);
    if (!wait)
        return reply(
            badRequest(Text::tr("\"wait\" must be from 0 to %1 seconds.").arg(MaxWaitSeconds),
                       QStringLiteral("wait")));
    // A pull that does not wait reads what the store holds now (a workstation's own push,
    // accepted by another process a moment ago, is in it); a long-poll may go by the number
    // read up to LastSeqFreshMs ago, as it is answered within LongPoll::PollMs of any change.
    if (*wait == 0)
        lastSeq(true);
    if (*wait == 0 || lastSeq() > *after) {
        const http::WireAnswer answer = eventsAfter(*after, int(*limit), session);
        http::logRequest(http::requestLine(request), answer.status, timer);
        return http::writeWire(answer.bytes, std::move(responder));
    }
    const int pullLimit = int(*limit);
    m_longPoll.wait(
        std::move(responder), *after, pullLimit, int(*wait),
        [this, pullLimit, session](qint64 from) { return eventsAfter(from, pullLimit, session); },
        QStringLiteral("%1 %2").arg(methodName(request), request.url().path()));
}

} // namespace civicdesk
