#include "app/server/wireanswer.h"

#include <QTcpSocket>

namespace civicdesk::http {

namespace {

using HttpStatus = QHttpServerResponse::StatusCode;

const char *reasonPhrase(HttpStatus status)
{
    switch (status) {
    case HttpStatus::Ok:
        return "OK";
    case HttpStatus::NoContent:
        return "No Content";
    case HttpStatus::BadRequest:
        return "Bad Request";
    case HttpStatus::Unauthorized:
        return "Unauthorized";
    case HttpStatus::Forbidden:
        return "Forbidden";
    case HttpStatus::NotFound:
        return "Not Found";
    case HttpStatus::RequestTimeout:
        return "Request Timeout";
    case HttpStatus::PayloadTooLarge:
        return "Payload Too Large";
    case HttpStatus::TooManyRequests:
        return "Too Many Requests";
    case HttpStatus::RequestHeaderFieldsTooLarge:
        return "Request Header Fields Too Large";
    case HttpStatus::InternalServerError:
        return "Internal Server Error";
    case HttpStatus::ServiceUnavailable:
        return "Service Unavailable";
    default:
        return "Refused";
    }
}

} // namespace

QByteArray wireBytes(const QHttpServerResponse &response, bool close)
{
    const HttpStatus status = response.statusCode();
    const QByteArray &body = response.data();
    QByteArray bytes;
    bytes.reserve(160 + body.size());
    bytes += "HTTP/1.1 " + QByteArray::number(int(status)) + ' ' + reasonPhrase(status) +
             "\r\nContent-Type: " + response.mimeType() +
             "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (close)
        bytes += "Connection: close\r\n";
    for (const QByteArray &name :
         {QByteArrayLiteral("Retry-After"), QByteArrayLiteral("WWW-Authenticate"),
          QByteArrayLiteral("Allow")}) {
        for (const QByteArray &value : response.headers(name))
            bytes += name + ": " + value + "\r\n";
    }
    bytes += "\r\n";
    bytes += body;
    return bytes;
}

WireAnswer wire(const QHttpServerResponse &response)
{
    return WireAnswer{wireBytes(response), response.statusCode()};
}

void writeWire(const QByteArray &bytes, QHttpServerResponder &&responder)
{
    QHttpServerResponder taken(std::move(responder));
    if (QTcpSocket *socket = taken.socket())
        socket->write(bytes);
}

} // namespace civicdesk::http
