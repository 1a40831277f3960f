#include "models/practice/practicechannel.h"

#include "models/domain/text/jsonnumber.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>
#include <algorithm>

namespace civicdesk {

namespace {

constexpr int CallTimeoutMs = 15000;
constexpr int MaxFailures = 3;

} // namespace

PracticeChannel::PracticeChannel(QNetworkAccessManager &network, QUrl server, QString token,
                                 QObject *parent)
    : QObject(parent), m_http(network, std::move(server), [token] { return token; })
{
}

PracticeChannel::PracticeChannel(QUrl server, QString token, QObject *parent)
    : QObject(parent), m_ownNetwork(std::make_unique<QNetworkAccessManager>()),
      m_http(*m_ownNetwork, std::move(server), [token] { return token; })
{
}

PracticeChannel::~PracticeChannel()
{
    if (m_poll) {
        m_poll->disconnect(this);
        m_poll->abort();
    }
}

QUrl PracticeChannel::url(const QString &path) const
{
    return m_http.url(path);
}

void PracticeChannel::send(const QByteArray &method, const QString &path, const QJsonObject *body,
                           const QString &query, int timeoutMs, JsonCallback done)
{
    QNetworkReply *reply = m_http.send(this, method, path, body, query, timeoutMs, std::move(done));
    if (path == u"messages" && method == "GET")
        m_poll = reply;
}

void PracticeChannel::started(const QJsonObject &answer, bool trainer)
{
    m_trainer = trainer;
    m_closed = false;
    m_after = 0;
    m_info.session = answer.value(u"session").toString();
    if (trainer)
        m_info.code = answer.value(u"code").toString();
    m_info.scenario = answer.value(u"scenario").toString();
    m_info.title = answer.value(u"title").toString();
    m_info.trainer = answer.value(u"trainer").toString();
    m_info.trainee = answer.value(u"trainee").toString();
    poll();
}

void PracticeChannel::open(const QString &scenario, const QString &title,
                           Callback<PracticeCallInfo> done)
{
    const QJsonObject body{{QStringLiteral("scenario"), scenario},
                           {QStringLiteral("title"), title}};
    send("POST", QStringLiteral("sessions"), &body, {}, CallTimeoutMs,
         [this, done = std::move(done)](Result<QJsonObject> r) {
             if (!r)
                 return done(r.error());
             started(r.value(), true);
             done(m_info);
         });
}

void PracticeChannel::join(const QString &code, Callback<PracticeCallInfo> done)
{
    const QJsonObject body{{QStringLiteral("code"), code}, {QStringLiteral("practice"), true}};
    send("POST", QStringLiteral("join"), &body, {}, CallTimeoutMs,
         [this, done = std::move(done)](Result<QJsonObject> r) {
             if (!r)
                 return done(r.error());
             started(r.value(), false);
             done(m_info);
         });
}

void PracticeChannel::post(const QJsonObject &message)
{
    if (!isOpen())
        return;
    QJsonObject body = message;
    body.insert(QStringLiteral("session"), m_info.session);
    // One at a time, so lines and questions arrive in the order they were said.
    m_outbox.append(body);
    if (!m_sending)
        sendNext();
}

void PracticeChannel::sendNext()
{
    if (m_outbox.isEmpty() || m_closed) {
        m_sending = false;
        return;
    }
    m_sending = true;
    const QJsonObject body = m_outbox.takeFirst();
    send("POST", QStringLiteral("messages"), &body, {}, CallTimeoutMs,
         [this](Result<QJsonObject> r) {
             if (!r)
                 emit failed(r.error().message);
             sendNext();
         });
}

void PracticeChannel::say(const QString &line)
{
    post(QJsonObject{{QStringLiteral("kind"), QStringLiteral("line")},
                     {QStringLiteral("text"), line}});
}

void PracticeChannel::ask(const QString &question)
{
    post(QJsonObject{{QStringLiteral("kind"), QStringLiteral("question")},
                     {QStringLiteral("text"), question}});
}

void PracticeChannel::mirror(const QJsonObject &intake)
{
    if (intake == m_lastIntake)
        return;
    m_lastIntake = intake;
    QJsonObject marked = intake;
    marked.insert(QStringLiteral("practice"), true);
    post(QJsonObject{{QStringLiteral("kind"), QStringLiteral("intake")},
                     {QStringLiteral("intake"), marked}});
}

void PracticeChannel::close()
{
    if (!isOpen())
        return;
    const QJsonObject body{{QStringLiteral("session"), m_info.session}};
    m_closed = true;
    send("POST", QStringLiteral("close"), &body, {}, CallTimeoutMs, [](Result<QJsonObject>) {});
}

void PracticeChannel::finish()
{
    if (!isOpen()) {
        deleteLater();
        return;
    }
    const QJsonObject body{{QStringLiteral("session"), m_info.session}};
    m_closed = true;
    send("POST", QStringLiteral("close"), &body, {}, CallTimeoutMs,
         [this](Result<QJsonObject>) { deleteLater(); });
}

void PracticeChannel::poll()
{
    if (m_info.session.isEmpty() || m_closed)
        return;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("session"), m_info.session);
    query.addQueryItem(QStringLiteral("after"), QString::number(m_after));
    query.addQueryItem(QStringLiteral("wait"), QString::number(WaitSeconds));
    send("GET", QStringLiteral("messages"), nullptr, query.toString(QUrl::FullyEncoded),
         (WaitSeconds + 10) * 1000, [this](Result<QJsonObject> r) {
             if (m_closed)
                 return;
             if (!r) {
                 // A lost connection is tried again; a call the server forgot has ended.
                 if (r.error().code == u"http.404" || ++m_failures >= MaxFailures) {
                     m_closed = true;
                     emit failed(r.error().message);
                     emit ended(QString());
                     return;
                 }
                 QTimer::singleShot(1000, this, &PracticeChannel::poll);
                 return;
             }
             m_failures = 0;
             const QJsonObject &answer = r.value();
             m_info.trainee = answer.value(u"trainee").toString(m_info.trainee);
             for (const QJsonValue &value : answer.value(u"messages").toArray()) {
                 const QJsonObject m = value.toObject();
                 const auto seq = readJsonWholeNumber(m.value(u"seq"), QStringLiteral("seq"));
                 if (!seq) {
                     // Not a message of a civicdesk-server: the call cannot go on safely.
                     m_closed = true;
                     emit failed(tr("The practice call's answer could not be read (%1).")
                                     .arg(seq.error().message));
                     emit ended(QString());
                     return;
                 }
                 m_after = std::max(m_after, seq.value());
                 const QString kind = m.value(u"kind").toString();
                 const QString from = m.value(u"from").toString();
                 if (kind == u"line")
                     emit lineReceived(m.value(u"text").toString(), from);
                 else if (kind == u"question")
                     emit questionReceived(m.value(u"text").toString(), from);
                 else if (kind == u"intake")
                     emit intakeReceived(m.value(u"intake").toObject());
                 else if (kind == u"joined")
                     emit traineeJoined(from);
                 else if (kind == u"end") {
                     m_closed = true;
                     emit ended(from);
                     return;
                 }
             }
             poll();
         });
}

} // namespace civicdesk
