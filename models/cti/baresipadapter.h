#pragma once

#include "models/cti/telephonyadapter.h"

class QJsonObject;

namespace civicdesk {

// The agent's phone is baresip (Debian's baresip-core) with its ctrl_tcp module: JSON messages
// framed as netstrings ("<length>:<json>,") on a TCP port (ctrl_tcp_listen in baresip's
// config). Events: CALL_INCOMING (offered; the caller is the user part of "peeruri", the
// dialled number that of "accountaor"), CALL_ESTABLISHED (answered), CALL_CLOSED (ended, with
// baresip's reason in "param"); "id" is the SIP Call-ID. Commands go to the call by its id
// ("callfind"), then "accept", "hangup", "transfer URI" or "dial URI". Calls the agent places
// (direction "outgoing") are not popped. ctrl_tcp serves one client at a time: a second one
// takes the link over.
class BaresipAdapter : public TelephonyAdapter
{
    Q_OBJECT

public:
    BaresipAdapter(const CtiEndpoint &endpoint, const NumberingPlan &plan,
                   QObject *parent = nullptr);

    QString description() const override;
    void answer(const QString &callId) override;
    void hangUp(const QString &callId) override;
    void transfer(const QString &callId, const QString &target) override;
    void dial(const QString &number) override;

    // One netstring frame around a JSON command (for tests and tools).
    static QByteArray frame(const QByteArray &json);

protected:
    void received(QByteArray &buffer) override;

private:
    void handle(const QJsonObject &message);
    void command(const QString &name, const QString &params);

    int m_token = 0;
};

} // namespace civicdesk
