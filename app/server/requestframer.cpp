#include "app/server/requestframer.h"

#include <QList>
#include <algorithm>
#include <optional>

namespace civicdesk {

namespace {

constexpr qsizetype MaxLineBytes = 1024; // a chunk-size or trailer line

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

} // namespace

RequestFramer::RequestFramer(qsizetype maxHeadBytes, qint64 maxBodyBytes)
    : m_maxHeadBytes(maxHeadBytes), m_defaultMaxBodyBytes(maxBodyBytes),
      m_maxBodyBytes(maxBodyBytes)
{
}

RequestFramer::Step RequestFramer::next(QByteArrayView data, qsizetype *offset)
{
    // A loop, not recursion: a body of a million one-byte chunks must not exhaust the stack.
    for (;;) {
        switch (m_state) {
        case State::Broken:
            *offset = data.size();
            return Step::Malformed;
        case State::Head:
            return readHead(data, offset);
        case State::LengthBody: {
            const qint64 taken = std::min<qint64>(m_left, data.size() - *offset);
            *offset += taken;
            m_left -= taken;
            if (m_left > 0)
                return Step::NeedMore;
            m_state = State::Head;
            return Step::RequestDone;
        }
        case State::ChunkData: {
            const qint64 taken = std::min<qint64>(m_left, data.size() - *offset);
            *offset += taken;
            m_left -= taken;
            if (m_left == 0)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkSize:
        case State::ChunkDataEnd:
        case State::Trailer: {
            bool complete = false;
            if (const Step step = readLine(data, offset, &complete); step != Step::NeedMore)
                return step;
            if (!complete)
                return Step::NeedMore;
            const QByteArray line = m_buffer.trimmed();
            m_buffer.clear();
            if (m_state == State::ChunkSize) {
                if (const Step step = finishChunkSize(line); step != Step::NeedMore)
                    return step;
            } else if (m_state == State::ChunkDataEnd) {
                if (!line.isEmpty()) {
                    m_state = State::Broken;
                    return Step::Malformed;
                }
                m_state = State::ChunkSize;
            } else if (line.isEmpty()) {
                m_state = State::Head;
                return Step::RequestDone;
            } else if ((m_bodyBytes += line.size()) > m_maxBodyBytes) {
                // Trailer lines count as body: endless trailers are an endless body.
                m_state = State::Broken;
                return Step::BodyTooLarge;
            }
            break;
        }
        }
        if (*offset >= data.size())
            return Step::NeedMore;
    }
}

qint64 RequestFramer::skipBody(qint64 available)
{
    if (m_state != State::LengthBody)
        return 0;
    // The last byte goes through next(), which says RequestDone.
    const qint64 taken = std::min(available, m_left - 1);
    m_left -= std::max<qint64>(taken, 0);
    return std::max<qint64>(taken, 0);
}

// The method and path of a head refused before it ended, from what arrived of its request line:
// the refusal is answered in that path's shape, never in that of an earlier request.
RequestHead RequestFramer::partialHead(const QByteArray &buffer)
{
    const qsizetype newline = buffer.indexOf('\n');
    const QList<QByteArray> parts =
        (newline < 0 ? buffer : buffer.left(newline)).trimmed().simplified().split(' ');
    RequestHead head;
    head.method = parts.value(0);
    const QByteArray target = parts.value(1);
    const qsizetype query = target.indexOf('?');
    head.path = query < 0 ? target : target.left(query);
    return head;
}

RequestFramer::Step RequestFramer::readHead(QByteArrayView data, qsizetype *offset)
{
    // Like Qt HTTP Server: blank characters before a request line are what was left of the
    // previous request.
    while (m_buffer.isEmpty() && *offset < data.size() && isSpace(data.at(*offset)))
        ++*offset;
    while (*offset < data.size()) {
        const qsizetype newline = data.indexOf('\n', *offset);
        const qsizetype end = newline < 0 ? data.size() : newline + 1;
        // Never more than the limit in memory, whatever one read brought.
        const qsizetype take = std::min(end - *offset, m_maxHeadBytes + 1 - m_buffer.size());
        m_buffer.append(data.sliced(*offset, take));
        *offset += take;
        if (m_buffer.size() > m_maxHeadBytes) {
            m_state = State::Broken;
            m_head = partialHead(m_buffer);
            return Step::HeadTooLarge;
        }
        if (newline >= 0 && (m_buffer.endsWith("\n\n") || m_buffer.endsWith("\n\r\n")))
            return parseHead();
    }
    return Step::NeedMore;
}

RequestFramer::Step RequestFramer::readLine(QByteArrayView data, qsizetype *offset, bool *complete)
{
    const qsizetype newline = data.indexOf('\n', *offset);
    const qsizetype end = newline < 0 ? data.size() : newline + 1;
    const qsizetype take = std::min(end - *offset, MaxLineBytes + 1 - m_buffer.size());
    m_buffer.append(data.sliced(*offset, take));
    *offset += take;
    if (m_buffer.size() > MaxLineBytes) {
        m_state = State::Broken;
        return Step::Malformed;
    }
    *complete = newline >= 0;
    return Step::NeedMore;
}

RequestFramer::Step RequestFramer::parseHead()
{
    const QList<QByteArray> lines = m_buffer.split('\n');
    m_buffer.clear();
    m_head = RequestHead();
    m_bodyBytes = 0;
    m_maxBodyBytes = m_defaultMaxBodyBytes;
    // Request-Line = Method SP Request-URI SP HTTP-Version
    const QList<QByteArray> parts = lines.first().trimmed().simplified().split(' ');
    if (parts.size() != 3 || parts.at(2).size() != 8 || !parts.at(2).startsWith("HTTP/") ||
        parts.at(2).at(6) != '.') {
        m_state = State::Broken;
        return Step::Malformed;
    }
    m_head.method = parts.at(0);
    m_head.path = parts.at(1).left(parts.at(1).indexOf('?') < 0 ? parts.at(1).size()
                                                                : parts.at(1).indexOf('?'));
    m_head.http10 = parts.at(2) == "HTTP/1.0" || parts.at(2).startsWith("HTTP/0.");
    m_head.closeRequested = m_head.http10;
    std::optional<qint64> length;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = lines.at(i).left(colon).trimmed().toLower();
        const QByteArray value = lines.at(i).mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 n = value.toLongLong(&ok);
            if (!ok || n < 0 || (length && *length != n)) {
                m_state = State::Broken;
                return Step::Malformed;
            }
            length = n;
        } else if (name == "transfer-encoding") {
            // As Qt HTTP Server reads it.
            m_head.chunked = m_head.chunked || value.toLower().contains("chunked");
        } else if (name == "connection") {
            for (const QByteArray &token : value.toLower().split(','))
                m_head.closeRequested = m_head.closeRequested || token.trimmed() == "close";
        } else if (name == "authorization") {
            m_head.authorization = value;
        }
    }
    if (m_head.chunked) {
        m_state = State::ChunkSize;
        return Step::HeadReady;
    }
    m_head.contentLength = length.value_or(0);
    m_state = State::LengthBody;
    m_left = m_head.contentLength;
    if (m_head.contentLength > m_maxBodyBytes) {
        m_state = State::Broken;
        return Step::BodyTooLarge;
    }
    return Step::HeadReady;
}

RequestFramer::Step RequestFramer::finishChunkSize(const QByteArray &line)
{
    // chunk-size [; extensions]
    const qsizetype semicolon = line.indexOf(';');
    const QByteArray digits = (semicolon < 0 ? line : line.left(semicolon)).trimmed();
    bool ok = false;
    const qint64 size = digits.size() <= 15 ? digits.toLongLong(&ok, 16) : -1;
    if (!ok || size < 0) {
        m_state = State::Broken;
        return Step::Malformed;
    }
    if (size == 0) {
        m_state = State::Trailer;
        return Step::NeedMore;
    }
    m_bodyBytes += size;
    if (m_bodyBytes > m_maxBodyBytes) {
        m_state = State::Broken;
        return Step::BodyTooLarge;
    }
    m_state = State::ChunkData;
    m_left = size;
    return Step::NeedMore;
}

} // namespace civicdesk
