#pragma once

// baresip (Debian baresip-core) as a real SIP phone for telephony tests and benchmarks: its
// own config folder, SIP and ctrl_tcp on free loopback ports, no audio device.

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace civicdesk::test {

// Why baresip cannot run here (not installed, a module missing), or "" when it can.
QString baresipMissing();

// One baresip process: account `user` at 127.0.0.1:sipPort (no registrar), answer mode manual,
// ctrl_tcp on ctrlPort, a sine source and a player writing to /dev/null instead of sound
// devices. Stopped (SIGTERM, then SIGKILL) with the object.
class Baresip
{
public:
    Baresip() = default;
    Baresip(const Baresip &) = delete;
    Baresip &operator=(const Baresip &) = delete;
    ~Baresip();

    // Starts it and waits until ctrl_tcp accepts; "" when up, else why not (with its output).
    QString start(const QString &user);
    QString uri() const;
    quint16 sipPort() const { return m_sipPort; }
    quint16 ctrlPort() const { return m_ctrlPort; }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_sipPort = 0;
    quint16 m_ctrlPort = 0;
    QString m_user;
};

} // namespace civicdesk::test
