#include "tests/bench/fanoutwire.h"

#include "tests/support/serverprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cctype>

namespace civicdesk::bench {

namespace {

qint64 numberAfter(const QByteArray &text, qsizetype at)
{
    qsizetype end = at;
    while (end < text.size() && (std::isdigit(uchar(text.at(end))) || text.at(end) == '.'))
        ++end;
    return qint64(text.mid(at, end - at).toDouble());
}

} // namespace

QByteArray pushRequest(const QByteArray &token, int n, QByteArray *id)
{
    const QJsonObject event = test::requestCreatedEvent(
        QStringLiteral("bench"), QStringLiteral("F%1").arg(n, 9, 10, QLatin1Char('0')));
    *id = event.value(u"id").toString().toLatin1();
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("events"), QJsonArray{event}}})
            .toJson(QJsonDocument::Compact);
    return "POST /api/v1/events HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
           "Authorization: Bearer " +
           token + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray pullRequest(const QByteArray &token, qint64 after, int wait)
{
    return "GET /api/v1/events?after=" + QByteArray::number(after) +
           "&wait=" + QByteArray::number(wait) +
           "&limit=1000 HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token + "\r\n\r\n";
}

qsizetype messageLength(const QByteArray &bytes)
{
    const qsizetype headEnd = bytes.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return -1;
    qsizetype at = bytes.indexOf("\r\nContent-Length:", 0);
    if (at < 0 || at > headEnd)
        at = bytes.indexOf("\r\ncontent-length:", 0);
    if (at < 0 || at > headEnd)
        return headEnd + 4;
    const qsizetype end = bytes.indexOf("\r\n", at + 17);
    const qint64 length = bytes.mid(at + 17, end - at - 17).trimmed().toLongLong();
    return bytes.size() >= headEnd + 4 + length ? headEnd + 4 + length : -1;
}

Pulled scan(const QByteArray &response)
{
    Pulled pulled;
    const qsizetype body = response.indexOf("\r\n\r\n") + 4;
    for (qsizetype at = response.indexOf("\"id\":\"", body); at >= 0;
         at = response.indexOf("\"id\":\"", at + 6)) {
        const qsizetype end = response.indexOf('"', at + 6);
        pulled.ids.push_back(response.mid(at + 6, end - at - 6));
    }
    for (qsizetype at = response.indexOf("\"seq\":", body); at >= 0;
         at = response.indexOf("\"seq\":", at + 6))
        pulled.maxSeq = std::max(pulled.maxSeq, numberAfter(response, at + 6));
    if (const qsizetype at = response.indexOf("\"last_seq\":", body); at >= 0)
        pulled.lastSeq = numberAfter(response, at + 11);
    return pulled;
}

} // namespace civicdesk::bench
