#pragma once

#include "models/cti/telephonyadapter.h"

class QJsonObject;

namespace civicdesk {

// Any phone system, through a small bridge (packaging/civicdesk-cti-bridge.py is one): the
// bridge listens on a loopback TCP port or a local socket, CivicDesk connects, and both speak
// JSON, one object per line (UTF-8, "\n"). From the bridge:
//   {"event":"offered","call_id":"…","from":"(617) 555-0100","to":"311","queue":"general",
//    "language":"es","at":"2026-12-06T14:00:00Z"}
//   {"event":"answered","call_id":"…"}
//   {"event":"ended","call_id":"…","cause":"normal|missed|busy|rejected|transferred|failed"}
//   {"event":"error","message":"…"}   (a command the phone system refused)
// "from" may be "anonymous" or empty (withheld); "queue", "language", "to", "at" are optional.
// To the bridge:
//   {"command":"answer","call_id":"…"}   {"command":"hangup","call_id":"…"}
//   {"command":"transfer","call_id":"…","target":"…"}   {"command":"dial","number":"…"}
class CallEventSocketAdapter : public TelephonyAdapter
{
    Q_OBJECT

public:
    CallEventSocketAdapter(const CtiEndpoint &endpoint, const NumberingPlan &plan,
                           QObject *parent = nullptr);

    QString description() const override;
    void answer(const QString &callId) override;
    void hangUp(const QString &callId) override;
    void transfer(const QString &callId, const QString &target) override;
    void dial(const QString &number) override;

signals:
    // A line the adapter could not use (kept out of the call flow, logged, and shown here).
    void lineRefused(const QString &line, const QString &why);

protected:
    void received(QByteArray &buffer) override;

private:
    void handle(const QByteArray &line);
    void command(QJsonObject object);
};

} // namespace civicdesk
