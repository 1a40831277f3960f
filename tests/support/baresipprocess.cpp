#include "tests/support/baresipprocess.h"

#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

namespace civicdesk::test {

namespace {

const QString modulePath = QStringLiteral("/usr/lib/baresip/modules");

// A port free for TCP and UDP on loopback, and the next one (baresip's SIP over TLS takes it).
quint16 freePort()
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost))
            continue;
        const quint16 port = probe.serverPort();
        probe.close();
        if (port > 65000)
            continue;
        QTcpServer next;
        QUdpSocket udp;
        if (next.listen(QHostAddress::LocalHost, port + 1) &&
            udp.bind(QHostAddress::LocalHost, port))
            return port;
    }
    return 0;
}

bool writeFile(const QString &path, const QString &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) == text.toUtf8().size();
}

} // namespace

QString baresipMissing()
{
    if (QStandardPaths::findExecutable(QStringLiteral("baresip")).isEmpty())
        return QStringLiteral("baresip is not installed (Debian package baresip-core; "
                              "packaging/setup-debian.sh installs it)");
    for (const char *module :
         {"ctrl_tcp.so", "menu.so", "account.so", "aufile.so", "ausine.so", "g711.so"}) {
        const QString path = modulePath + u'/' + QString::fromLatin1(module);
        if (!QFile::exists(path))
            return QStringLiteral("baresip's module %1 is missing").arg(path);
    }
    return QString();
}

Baresip::~Baresip()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000))
        m_process.kill();
    m_process.waitForFinished(2000);
}

QString Baresip::start(const QString &user)
{
    m_user = user;
    m_sipPort = freePort();
    m_ctrlPort = freePort();
    if (!m_sipPort || !m_ctrlPort || m_sipPort == m_ctrlPort)
        return QStringLiteral("no free port on loopback");
    // ausine gives 48 kHz stereo only: the source and player run at that rate and the codec
    // (G.711) is resampled.
    const QString config = QStringLiteral("poll_method epoll\n"
                                          "sip_listen 127.0.0.1:%1\n"
                                          "call_local_timeout 120\n"
                                          "audio_player aufile,/dev/null\n"
                                          "audio_source ausine,440\n"
                                          "audio_alert aufile,/dev/null\n"
                                          "ausrc_srate 48000\nauplay_srate 48000\n"
                                          "ausrc_channels 2\nauplay_channels 2\n"
                                          "audio_level no\n"
                                          "module_path %3\n"
                                          "module g711.so\nmodule aufile.so\nmodule ausine.so\n"
                                          "module_app account.so\nmodule_app menu.so\n"
                                          "module_app ctrl_tcp.so\n"
                                          "ctrl_tcp_listen 127.0.0.1:%2\n")
                               .arg(m_sipPort)
                               .arg(m_ctrlPort)
                               .arg(modulePath);
    const QString account =
        QStringLiteral("<sip:%1@127.0.0.1:%2;transport=udp>;regint=0;audio_codecs=PCMU\n")
            .arg(user)
            .arg(m_sipPort);
    if (!writeFile(m_dir.filePath(QStringLiteral("config")), config) ||
        !writeFile(m_dir.filePath(QStringLiteral("accounts")), account) ||
        !writeFile(m_dir.filePath(QStringLiteral("contacts")), QString()))
        return QStringLiteral("cannot write baresip's config in %1").arg(m_dir.path());
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(QStringLiteral("baresip"), {QStringLiteral("-f"), m_dir.path()});
    if (!m_process.waitForStarted(10000))
        return QStringLiteral("baresip did not start: %1").arg(m_process.errorString());
    // Up when ctrl_tcp accepts (it serves one client: this probe leaves at once).
    const bool up = QTest::qWaitFor(
        [this] {
            if (m_process.state() != QProcess::Running)
                return true;
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_ctrlPort);
            return socket.waitForConnected(200);
        },
        15000);
    if (m_process.state() != QProcess::Running || !up)
        return QStringLiteral("baresip did not come up: %1")
            .arg(QString::fromLocal8Bit(m_process.readAll()).right(600));
    return QString();
}

QString Baresip::uri() const
{
    return QStringLiteral("sip:%1@127.0.0.1:%2").arg(m_user).arg(m_sipPort);
}

} // namespace civicdesk::test
