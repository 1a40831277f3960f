#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace civicdesk {

// What the connection guard needs to know of a request before its body is read.
struct RequestHead
{
    QByteArray method;
    QByteArray path; // the target without its query
    bool http10 = false;
    qint64 contentLength = 0;
    bool chunked = false;
    bool closeRequested = false; // "Connection: close", or HTTP/1.0 (closed after the answer)
    QByteArray authorization;

    bool hasBody() const { return chunked || contentLength > 0; }
};

// Follows the requests of one connection through its bytes as they arrive, beside Qt HTTP
// Server's own parser (which only says something once a whole request is buffered): where a
// head ends, how long its body is, and when the request is complete — chunked bodies counted
// as their chunks arrive. Keeps at most one head in memory; body bytes are only counted.
class RequestFramer
{
public:
    enum class Step
    {
        NeedMore,     // every byte given was read; the request goes on
        HeadReady,    // head() describes the request whose body (if any) follows
        RequestDone,  // the request's last byte was read
        HeadTooLarge, // the head is longer than allowed: 431
        BodyTooLarge, // the declared or counted body is longer than allowed: 413
        Malformed     // not HTTP/1.x framing: 400
    };

    RequestFramer(qsizetype maxHeadBytes, qint64 maxBodyBytes);

    // Reads `data` from *offset on, up to the next step, and advances *offset past what it read.
    // After one of the *TooLarge or Malformed steps the framer reads nothing more.
    Step next(QByteArrayView data, qsizetype *offset);
    // The body limit of the current request (its path's), for the chunks still to come; the
    // next head starts again from the limit given to the constructor.
    void setBodyLimit(qint64 maxBodyBytes) { m_maxBodyBytes = maxBodyBytes; }
    // In a body of known length, reads up to `available` bytes without looking at them and
    // returns how many it took (0 elsewhere).
    qint64 skipBody(qint64 available);
    bool inLengthBody() const { return m_state == State::LengthBody; }
    // No byte of the next request seen yet.
    bool betweenRequests() const { return m_state == State::Head && m_buffer.isEmpty(); }
    const RequestHead &head() const { return m_head; }

private:
    enum class State
    {
        Head,
        LengthBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailer,
        Broken
    };
    Step readHead(QByteArrayView data, qsizetype *offset);
    Step readLine(QByteArrayView data, qsizetype *offset, bool *complete);
    Step parseHead();
    static RequestHead partialHead(const QByteArray &buffer);
    Step finishChunkSize(const QByteArray &line);

    qsizetype m_maxHeadBytes;
    qint64 m_defaultMaxBodyBytes;
    qint64 m_maxBodyBytes;
    State m_state = State::Head;
    QByteArray m_buffer; // the head, or a chunk-size or trailer line, so far
    RequestHead m_head;
    qint64 m_left = 0; // bytes of the body (or the current chunk) still to come
    qint64 m_bodyBytes = 0;
};

} // namespace civicdesk
