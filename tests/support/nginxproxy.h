#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QProcess>
#include <QSslCertificate>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace civicdesk::test {

// Debian's nginx running packaging/nginx/civicdesk.conf for real, in front of server processes
// on loopback: the configuration's text with only what a test must change (the HTTPS and HTTP
// ports, a self-signed certificate for 127.0.0.1 made with openssl, the upstream servers, log
// and temporary paths in a temporary folder). Stopped (and waited for) with the object.
class NginxProxy
{
public:
    // Why nginx or openssl cannot run here (not installed), or empty.
    static QString unavailableReason();

    NginxProxy();
    ~NginxProxy();
    NginxProxy(const NginxProxy &) = delete;
    NginxProxy &operator=(const NginxProxy &) = delete;

    // Starts nginx (`workers` worker processes) with the upstream `ports`; false with error()
    // set on failure.
    bool start(const QList<quint16> &upstreamPorts, int workers = 1);
    void stop();
    QString error() const { return m_error; }
    quint16 httpsPort() const { return m_httpsPort; }
    quint16 httpPort() const { return m_httpPort; }
    QSslCertificate certificate() const { return m_certificate; }
    // The access log written so far (packaging's "civicdesk" format).
    QByteArray accessLog() const;
    QByteArray errorLog() const;

private:
    QTemporaryDir m_dir;
    QString m_error;
    quint16 m_httpsPort = 0;
    quint16 m_httpPort = 0;
    QSslCertificate m_certificate;
    std::unique_ptr<QProcess> m_process;
};

// One HTTP/1.1 request over TLS to 127.0.0.1:`port`, from `local` (any 127.x address: the
// client address nginx sees), trusting only `certificate`. Returns the raw response (head and
// body), empty when none came within `ms`.
QByteArray httpsRequest(quint16 port, const QSslCertificate &certificate, const QByteArray &request,
                        const QHostAddress &local = QHostAddress(QHostAddress::LocalHost),
                        int ms = 30000);

} // namespace civicdesk::test
