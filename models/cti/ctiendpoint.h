#pragma once

#include "models/domain/result.h"

#include <QString>

namespace civicdesk {

// Where the telephony adapter connects, from a setting or `--cti`:
//   baresip:HOST:PORT  the agent's baresip softphone, its ctrl_tcp module (netstring JSON)
//   socket:HOST:PORT   a call-event bridge speaking JSON lines on a TCP port (loopback)
//   socket:/PATH       the same on a local (Unix domain) socket
//   none (or empty)    no telephony: the agent types the caller's number by hand
struct CtiEndpoint
{
    enum class Kind
    {
        None,
        Baresip,
        EventSocket
    };
    Kind kind = Kind::None;
    QString host;
    quint16 port = 0;
    QString localPath; // socket:/PATH

    static Result<CtiEndpoint> parse(const QString &spec);
    // A link over TCP to `host`:`port` (not checked: parse() is the check for settings).
    static CtiEndpoint tcp(Kind kind, const QString &host, quint16 port);
    QString spec() const; // parse(spec()) gives the same endpoint back
    bool isNone() const { return kind == Kind::None; }
};

} // namespace civicdesk
