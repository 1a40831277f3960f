#pragma once

#include <QByteArray>
#include <QHttpServerResponder>
#include <QHttpServerResponse>

namespace civicdesk::http {

// An answer as it goes on the wire: status line, headers and body in one buffer. A long-poll
// fan-out answers a thousand pollers with the same bytes: built once, shared (implicitly, never
// copied per poller) and written to each connection in one write — no per-poller status line,
// headers, corking or flush, as Qt HTTP Server's responder does (three writes per answer).
struct WireAnswer
{
    QByteArray bytes;
    QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok;
};

// The bytes of `response`: Content-Type, Content-Length, the headers the server sets
// (Retry-After, WWW-Authenticate, Allow) and, when `close`, "Connection: close".
QByteArray wireBytes(const QHttpServerResponse &response, bool close = false);
WireAnswer wire(const QHttpServerResponse &response);
// Writes `bytes` to the responder's connection in one write and lets the responder go (Qt HTTP
// Server 6.4's responder keeps no state of its own: the connection's next request is read as
// after any answer).
void writeWire(const QByteArray &bytes, QHttpServerResponder &&responder);

} // namespace civicdesk::http
