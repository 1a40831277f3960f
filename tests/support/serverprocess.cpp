#include "tests/support/serverprocess.h"

#include "tests/support/pgcluster.h"
#include "tests/support/teststore.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>
#include <QUuid>

namespace civicdesk::test {

namespace {

std::unique_ptr<PgCluster> &clusterSlot()
{
    static std::unique_ptr<PgCluster> cluster;
    return cluster;
}

bool sharedClusterRestart(QString *error)
{
    std::unique_ptr<PgCluster> &cluster = clusterSlot();
    if (!cluster || !cluster->start()) {
        *error = cluster ? cluster->error() : QStringLiteral("no cluster");
        return false;
    }
    return true;
}

PgCluster *sharedCluster(QString *error)
{
    std::unique_ptr<PgCluster> &cluster = clusterSlot();
    if (!cluster) {
        if (const QString reason = PgCluster::unavailableReason(); !reason.isEmpty()) {
            *error = reason;
            return nullptr;
        }
        cluster = std::make_unique<PgCluster>();
    }
    if (!cluster->isRunning()) {
        *error = cluster->error();
        return nullptr;
    }
    return cluster.get();
}

} // namespace

QString ServerStore::backend()
{
    return qEnvironmentVariable("CIVICDESK_TEST_BACKEND") == u"postgres"
               ? QStringLiteral("postgres")
               : QStringLiteral("sqlite");
}

ServerStore::ServerStore()
{
    if (backend() == u"sqlite") {
        m_url = m_dir.filePath(QStringLiteral("server.sqlite"));
        return;
    }
    if (PgCluster *cluster = sharedCluster(&m_error)) {
        m_url = cluster->createDatabase();
        if (m_url.isEmpty())
            m_error = cluster->error();
    }
}

ServerStore::~ServerStore() = default;

bool ServerStore::interrupt()
{
    PgCluster *cluster = backend() == u"postgres" ? sharedCluster(&m_error) : nullptr;
    return cluster && cluster->stop();
}

bool ServerStore::resume()
{
    if (backend() != u"postgres")
        return false;
    return sharedClusterRestart(&m_error);
}

std::unique_ptr<ServerStore> miniCityServerStore(const QString &executable, QString *error)
{
    auto store = std::make_unique<ServerStore>();
    if (store->url().isEmpty()) {
        *error = u"no store: " + store->error();
        return nullptr;
    }
    qInfo("backend %s", qPrintable(ServerStore::backend()));
    if (!importMiniCity(ServerProcess(executable, store->url()), error))
        return nullptr;
    return store;
}

bool importMiniCity(const ServerProcess &server, QString *error)
{
    QByteArray output;
    if (server.run({QStringLiteral("--import-city"), testDataDir() + QStringLiteral("/minipack")},
                   {}, &output) == 0)
        return true;
    *error = u"the fixture city was not imported: " + QString::fromUtf8(output);
    return false;
}

QJsonObject syncEvent(const QString &actor, const QString &entityType, const QString &entityId,
                      const QString &kind, const QJsonObject &payload, const QString &device,
                      const QString &id)
{
    return QJsonObject{
        {QStringLiteral("id"),
         id.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : id},
        {QStringLiteral("entity_type"), entityType},
        {QStringLiteral("entity_id"), entityId},
        {QStringLiteral("kind"), kind},
        {QStringLiteral("payload"), payload},
        {QStringLiteral("actor"), actor},
        {QStringLiteral("device"), device},
        {QStringLiteral("client_time"), double(QDateTime::currentMSecsSinceEpoch())}};
}

QJsonObject requestCreatedEvent(const QString &actor, const QString &number, const QString &device,
                                const QString &entityId)
{
    return syncEvent(actor, QStringLiteral("request"),
                     entityId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                        : entityId,
                     QStringLiteral("request.created"),
                     QJsonObject{{QStringLiteral("number"), number},
                                 {QStringLiteral("service_code"), QStringLiteral("RODENTACT")},
                                 {QStringLiteral("type_name"), QStringLiteral("Rodent Activity")},
                                 {QStringLiteral("address"), QStringLiteral("1 City Hall Plz")},
                                 {QStringLiteral("latitude"), 42.3603},
                                 {QStringLiteral("longitude"), -71.0578},
                                 {QStringLiteral("channel"), QStringLiteral("phone")},
                                 {QStringLiteral("opened_at"),
                                  QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}},
                     device);
}

QByteArray ServerProcess::Reply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ServerProcess::ServerProcess(QString executable, QString database)
    : m_executable(std::move(executable)), m_database(std::move(database))
{
}

ServerProcess::~ServerProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        kill();
}

int ServerProcess::run(const QStringList &arguments, const QByteArray &input,
                       QByteArray *output) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(m_executable, QStringList{QStringLiteral("--database"), m_database} + arguments);
    if (!process.waitForStarted(30000))
        return -1;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(300000))
        return -1;
    if (output)
        *output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

bool ServerProcess::addUser(const QString &name, const QString &role, const QString &password)
{
    return run({QStringLiteral("--add-user"), name, QStringLiteral("--role"), role},
               password.toUtf8() + '\n') == 0;
}

QString ServerProcess::createApiKey(const QString &label)
{
    QByteArray output;
    if (run({QStringLiteral("--create-api-key"), label}, {}, &output) != 0)
        return {};
    const QList<QByteArray> lines = output.trimmed().split('\n');
    return QString::fromLatin1(lines.last().trimmed());
}

bool ServerProcess::start(quint16 port)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start(m_executable, QStringList{QStringLiteral("--database"), m_database,
                                               QStringLiteral("--listen"),
                                               QStringLiteral("127.0.0.1:%1").arg(port)} +
                                       m_serverArguments);
    if (!m_process->waitForStarted(30000))
        return false;
    static const QRegularExpression listening(QStringLiteral("listening on [0-9.]+:(\\d+)"));
    QRegularExpressionMatch match;
    m_log.clear();
    while (!(match = listening.match(QString::fromUtf8(m_log))).hasMatch()) {
        if (!m_process->waitForReadyRead(60000))
            return false;
        m_log += m_process->readAll();
    }
    m_port = quint16(match.captured(1).toUInt());
    return m_port > 0;
}

void ServerProcess::terminate()
{
    if (!m_process)
        return;
    m_process->terminate();
    m_process->waitForFinished(30000);
    m_log += m_process->readAll();
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(30000);
    m_log += m_process->readAll();
}

QByteArray ServerProcess::log()
{
    if (m_process)
        m_log += m_process->readAll();
    return m_log;
}

QString ServerProcess::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

ServerProcess::Reply ServerProcess::request(const QByteArray &method, const QString &path,
                                            const QByteArray &body,
                                            const QList<std::pair<QByteArray, QByteArray>> &headers,
                                            int timeoutMs)
{
    QNetworkRequest request(QUrl(baseUrl() + path));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(timeoutMs);
    loop.exec();
    Reply r;
    if (reply->isFinished()) {
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        for (const auto &pair : reply->rawHeaderPairs())
            r.headers.append({pair.first, pair.second});
    } else {
        reply->abort();
    }
    reply->deleteLater();
    return r;
}

ServerProcess::Reply ServerProcess::get(const QString &path, const QString &token)
{
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!token.isEmpty())
        headers.append({QByteArrayLiteral("Authorization"), "Bearer " + token.toLatin1()});
    return request(QByteArrayLiteral("GET"), path, {}, headers);
}

ServerProcess::Reply ServerProcess::postJson(const QString &path, const QJsonDocument &body,
                                             const QString &token)
{
    QList<std::pair<QByteArray, QByteArray>> headers{
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    if (!token.isEmpty())
        headers.append({QByteArrayLiteral("Authorization"), "Bearer " + token.toLatin1()});
    return request(QByteArrayLiteral("POST"), path, body.toJson(QJsonDocument::Compact), headers);
}

QString ServerProcess::login(const QString &name, const QString &password)
{
    const Reply r = postJson(QStringLiteral("/api/v1/login"),
                             QJsonDocument(QJsonObject{{QStringLiteral("username"), name},
                                                       {QStringLiteral("password"), password}}));
    return r.json().object().value(u"token").toString();
}

qint64 ServerProcess::lastSeq(const QString &token)
{
    return qint64(get(QStringLiteral("/api/v1/events?after=0&limit=1"), token)
                      .json()
                      .object()
                      .value(u"last_seq")
                      .toDouble());
}

QList<QJsonObject> ServerProcess::allEvents(const QString &token)
{
    QList<QJsonObject> all;
    qint64 after = 0;
    for (;;) {
        const auto reply =
            get(QStringLiteral("/api/v1/events?after=%1&limit=1000").arg(after), token);
        if (reply.status != 200)
            qFatal("pull failed: %d", reply.status);
        const QJsonArray events = reply.json().object().value(u"events").toArray();
        for (const QJsonValue &v : events)
            all.append(v.toObject());
        if (events.isEmpty() || !reply.json().object().value(u"more").toBool())
            return all;
        after = qint64(events.last().toObject().value(u"seq").toDouble());
    }
}

} // namespace civicdesk::test
