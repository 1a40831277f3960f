#include "tests/support/nginxproxy.h"

#include "tests/support/rawhttp.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>
#include <unistd.h>

namespace civicdesk::test {

namespace {

QString nginxPath()
{
    QString path = QStandardPaths::findExecutable(QStringLiteral("nginx"));
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(
            QStringLiteral("nginx"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    return path;
}

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

// Replaces `pattern` in `text`, which must occur exactly `expected` times: a changed packaging
// file fails loudly instead of being tested half adapted.
bool replaceExactly(QString &text, const QRegularExpression &pattern, const QString &with,
                    int expected, QString *error)
{
    int found = 0;
    for (auto it = pattern.globalMatch(text); it.hasNext(); it.next())
        ++found;
    if (found != expected) {
        *error = QStringLiteral("packaging/nginx/civicdesk.conf: expected %1 match(es) of %2, "
                                "found %3")
                     .arg(expected)
                     .arg(pattern.pattern())
                     .arg(found);
        return false;
    }
    text.replace(pattern, with);
    return true;
}

} // namespace

QString NginxProxy::unavailableReason()
{
    if (nginxPath().isEmpty())
        return QStringLiteral("nginx is not installed (Debian package nginx, see "
                              "packaging/setup-debian.sh)");
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
        return QStringLiteral("openssl is not installed (Debian package openssl)");
    return {};
}

NginxProxy::NginxProxy() = default;

NginxProxy::~NginxProxy()
{
    stop();
}

bool NginxProxy::start(const QList<quint16> &upstreamPorts, int workers)
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary folder");
        return false;
    }
    const QString dir = m_dir.path();
    // A self-signed certificate for the loopback name the clients verify.
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1"),
                   QStringLiteral("-keyout"), dir + QStringLiteral("/key.pem"),
                   QStringLiteral("-out"), dir + QStringLiteral("/cert.pem")});
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0) {
        m_error = QStringLiteral("openssl failed: ") + QString::fromUtf8(openssl.readAll());
        return false;
    }
    const auto certificates =
        QSslCertificate::fromPath(dir + QStringLiteral("/cert.pem"), QSsl::Pem);
    if (certificates.isEmpty()) {
        m_error = QStringLiteral("openssl wrote no certificate");
        return false;
    }
    m_certificate = certificates.first();

    QFile source(QStringLiteral(CIVICDESK_NGINX_CONF));
    if (!source.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot read ") + source.fileName();
        return false;
    }
    QString conf = QString::fromUtf8(source.readAll());
    m_httpsPort = freePort();
    m_httpPort = freePort();
    QString upstreams;
    for (const quint16 port : upstreamPorts)
        upstreams +=
            QStringLiteral("    server 127.0.0.1:%1 max_fails=3 fail_timeout=10s;\n").arg(port);
    using RE = QRegularExpression;
    const RE::PatternOption lines = RE::MultilineOption;
    // The practice channel's home process and its backup: the test's first and second servers
    // (the block is set aside while the other upstream lines are replaced).
    const RE practiceBlock(QStringLiteral("upstream civicdesk_practice \\{[^}]*\\}"));
    const QRegularExpressionMatch practice = practiceBlock.match(conf);
    if (!practice.hasMatch() || upstreamPorts.isEmpty()) {
        m_error =
            QStringLiteral("packaging/nginx/civicdesk.conf has no civicdesk_practice upstream");
        return false;
    }
    QString practiceServers = practice.captured(0);
    const RE backupLine(QStringLiteral("^ *server 127\\.0\\.0\\.1:8312 backup;\\n"), lines);
    if (upstreamPorts.size() > 1)
        practiceServers.replace(QStringLiteral("127.0.0.1:8312"),
                                QStringLiteral("127.0.0.1:%1").arg(upstreamPorts.at(1)));
    else
        practiceServers.remove(backupLine);
    practiceServers.replace(QStringLiteral("127.0.0.1:8311"),
                            QStringLiteral("127.0.0.1:%1").arg(upstreamPorts.first()));
    conf.replace(practice.capturedStart(), practice.capturedLength(),
                 QStringLiteral("#TEST-PRACTICE#"));
    // The first upstream line becomes the test's servers, the others go.
    const RE upstreamLine(QStringLiteral("^ *server 127\\.0\\.0\\.1:831[1-4] [^\\n]*\\n"), lines);
    const qsizetype first = upstreamLine.match(conf).capturedStart();
    if (first < 0) {
        m_error = QStringLiteral("packaging/nginx/civicdesk.conf has no upstream servers");
        return false;
    }
    conf.insert(first, QStringLiteral("#TEST-UPSTREAMS#\n"));
    if (!replaceExactly(conf, upstreamLine, QString(), 4, &m_error) ||
        !replaceExactly(conf, RE(QStringLiteral("#TEST-UPSTREAMS#\\n")), upstreams, 1, &m_error) ||
        !replaceExactly(conf, RE(QStringLiteral("#TEST-PRACTICE#")), practiceServers, 1,
                        &m_error) ||
        !replaceExactly(conf, RE(QStringLiteral("^ *listen \\[::\\]:[0-9]+[^\\n]*\\n"), lines),
                        QString(), 2, &m_error) ||
        !replaceExactly(conf, RE(QStringLiteral("listen 80;")),
                        QStringLiteral("listen 127.0.0.1:%1;").arg(m_httpPort), 1, &m_error) ||
        !replaceExactly(conf, RE(QStringLiteral("listen 443 ssl http2;")),
                        QStringLiteral("listen 127.0.0.1:%1 ssl http2;").arg(m_httpsPort), 1,
                        &m_error) ||
        !replaceExactly(conf,
                        RE(QStringLiteral("/etc/letsencrypt/live/311\\.example\\.org/"
                                          "fullchain\\.pem")),
                        dir + QStringLiteral("/cert.pem"), 1, &m_error) ||
        !replaceExactly(conf,
                        RE(QStringLiteral("/etc/letsencrypt/live/311\\.example\\.org/"
                                          "privkey\\.pem")),
                        dir + QStringLiteral("/key.pem"), 1, &m_error) ||
        !replaceExactly(conf, RE(QStringLiteral("/var/log/nginx/")), dir + QLatin1Char('/'), 2,
                        &m_error))
        return false;
    QFile site(dir + QStringLiteral("/civicdesk.conf"));
    if (!site.open(QIODevice::WriteOnly) || site.write(conf.toUtf8()) < 0) {
        m_error = QStringLiteral("cannot write the adapted configuration");
        return false;
    }
    site.close();
    // What /etc/nginx/nginx.conf provides on Debian, pointed at the temporary folder.
    QDir(dir).mkpath(QStringLiteral("tmp"));
    const QString main = QStringLiteral("daemon off;\n"
                                        "%1"
                                        "worker_processes %2;\n"
                                        "pid %3/nginx.pid;\n"
                                        "error_log %3/error.log warn;\n"
                                        "events { worker_connections 8192; }\n"
                                        "worker_rlimit_nofile 20000;\n"
                                        "http {\n"
                                        "    include /etc/nginx/mime.types;\n"
                                        "    default_type application/octet-stream;\n"
                                        "    sendfile on;\n"
                                        "    tcp_nopush on;\n"
                                        "    access_log %3/access.default.log;\n"
                                        "    client_body_temp_path %3/tmp/body;\n"
                                        "    proxy_temp_path %3/tmp/proxy;\n"
                                        "    fastcgi_temp_path %3/tmp/fastcgi;\n"
                                        "    uwsgi_temp_path %3/tmp/uwsgi;\n"
                                        "    scgi_temp_path %3/tmp/scgi;\n"
                                        "    include %3/civicdesk.conf;\n"
                                        "}\n")
                             // As root, the workers would otherwise run as www-data, which cannot
                             // enter the temporary folder.
                             .arg(::geteuid() == 0 ? QStringLiteral("user root;\n") : QString())
                             .arg(workers)
                             .arg(dir);
    QFile mainFile(dir + QStringLiteral("/nginx.conf"));
    if (!mainFile.open(QIODevice::WriteOnly) || mainFile.write(main.toUtf8()) < 0) {
        m_error = QStringLiteral("cannot write nginx.conf");
        return false;
    }
    mainFile.close();

    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start(nginxPath(), {QStringLiteral("-p"), dir, QStringLiteral("-e"),
                                   dir + QStringLiteral("/error.log"), QStringLiteral("-c"),
                                   dir + QStringLiteral("/nginx.conf")});
    if (!m_process->waitForStarted(10000)) {
        m_error = QStringLiteral("nginx did not start");
        return false;
    }
    // Ready once it accepts connections on the HTTPS port.
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 15000) {
        if (m_process->state() == QProcess::NotRunning) {
            m_error = QStringLiteral("nginx stopped: ") + QString::fromUtf8(m_process->readAll()) +
                      QString::fromUtf8(errorLog());
            return false;
        }
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, m_httpsPort);
        if (probe.waitForConnected(500))
            return true;
        QThread::msleep(50);
    }
    m_error = QStringLiteral("nginx did not listen: ") + QString::fromUtf8(errorLog());
    return false;
}

void NginxProxy::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate(); // SIGTERM: nginx's fast shutdown, workers included
    if (!m_process->waitForFinished(10000)) {
        m_process->kill();
        m_process->waitForFinished(10000);
    }
}

QByteArray NginxProxy::accessLog() const
{
    QFile log(m_dir.filePath(QStringLiteral("civicdesk.access.log")));
    return log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
}

QByteArray NginxProxy::errorLog() const
{
    QByteArray all;
    for (const QString &name :
         {QStringLiteral("error.log"), QStringLiteral("civicdesk.error.log")}) {
        QFile log(m_dir.filePath(name));
        if (log.open(QIODevice::ReadOnly))
            all += log.readAll();
    }
    return all;
}

QByteArray httpsRequest(quint16 port, const QSslCertificate &certificate, const QByteArray &request,
                        const QHostAddress &local, int ms)
{
    QSslSocket socket;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({certificate});
    socket.setSslConfiguration(configuration);
    if (!socket.bind(local, 0))
        return {};
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port, QStringLiteral("localhost"));
    if (!socket.waitForEncrypted(ms))
        return {};
    socket.write(request);
    QElapsedTimer timer;
    timer.start();
    QByteArray in;
    while (timer.elapsed() < ms) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(int(ms - timer.elapsed())))
            break;
        in += socket.readAll();
        const qsizetype length = responseLength(in);
        if (length > 0)
            return in.left(length);
    }
    return {};
}

} // namespace civicdesk::test
