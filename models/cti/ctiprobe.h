#pragma once

#include "models/cti/ctiendpoint.h"

#include <QObject>

class QIODevice;
class QTimer;

namespace civicdesk {

// "Test connection": tries an endpoint once, on a link of its own, and says plainly what
// happened. baresip is also asked a harmless question (ctrl_tcp's "reginfo") and must answer
// as ctrl_tcp does, so a port that belongs to something else is told apart; a call-event
// bridge only has to accept (it speaks when a call comes). ctrl_tcp serves one client at a
// time: a test takes the link over for an instant and the desk's adapter reconnects by itself.
class CtiProbe : public QObject
{
    Q_OBJECT

public:
    enum class Outcome
    {
        Reached,     // connected (and baresip answered)
        NotBaresip,  // something accepted the connection but did not answer as ctrl_tcp
        Unreachable, // refused, no such host, no such socket file
        TimedOut     // no answer within the time allowed
    };
    Q_ENUM(Outcome)

    explicit CtiProbe(QObject *parent = nullptr);
    ~CtiProbe() override;

    // Starts a test (ending any one under way); finished() comes once, asynchronously.
    void start(const CtiEndpoint &endpoint, int timeoutMs = 5000);
    bool running() const { return m_device != nullptr; }

signals:
    void finished(civicdesk::CtiProbe::Outcome outcome, const QString &message);

private:
    void connected();
    void received();
    void failed(const QString &why);
    void finish(Outcome outcome, const QString &detail);

    CtiEndpoint m_endpoint;
    QString m_where;
    QIODevice *m_device = nullptr;
    QTimer *m_timeout;
    QByteArray m_buffer;
    bool m_linked = false;
};

} // namespace civicdesk
