#include "ui/map/markerpayload.h"

#include "ui/map/mapprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>
#include <QtEndian>
#include <cstdio>
#include <cstring>

namespace civicdesk {

namespace {

constexpr char Magic[4] = {'C', 'D', 'M', 'K'};
constexpr qsizetype HeaderBytes = 24;
constexpr qsizetype BytesPerMarker = 8 + 8 + 2 + 1;
constexpr quint32 ReplaceFlag = 1;

void putU32(char *at, quint32 value)
{
    qToLittleEndian(value, at);
}

void putF64(char *at, double value)
{
    quint64 bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    qToLittleEndian(bits, at);
}

quint32 getU32(const char *at)
{
    return qFromLittleEndian<quint32>(at);
}

double getF64(const char *at)
{
    const quint64 bits = qFromLittleEndian<quint64>(at);
    double value = 0;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

// Appends `text` as a JSON string in UTF-8 (built directly: 32,000 strings through QJsonArray
// cost several times as much).
void appendJsonString(QByteArray &out, const QString &text)
{
    out.append('"');
    const QByteArray utf8 = text.toUtf8();
    // Ids and numbers have nothing to escape: appended whole, not a byte at a time (32,000
    // strings for a replacement of 16,000 markers).
    const char *clean = utf8.constData();
    const char *const end = clean + utf8.size();
    while (clean != end && *clean != '"' && *clean != '\\' &&
           static_cast<unsigned char>(*clean) >= 0x20)
        ++clean;
    if (clean == end) {
        out.append(utf8);
        out.append('"');
        return;
    }
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out.append('\\');
            out.append(c);
        } else if (byte < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(byte));
            out.append(escaped, 6);
        } else {
            out.append(c);
        }
    }
    out.append('"');
}

// "key":[...] of `n` strings, the i-th being `at(i)`.
template <typename At> void appendJsonStrings(QByteArray &out, const char *key, qsizetype n, At at)
{
    out.append('"');
    out.append(key);
    out.append("\":[");
    for (qsizetype i = 0; i < n; ++i) {
        if (i > 0)
            out.append(',');
        appendJsonString(out, at(i));
    }
    out.append(']');
}

// The header and the binary columns of a payload of `n` markers (coordinates, type and status
// indexes follow at the offsets below); the text is appended after them.
QByteArray payloadOf(qsizetype n, bool replace, int total)
{
    QByteArray bytes(HeaderBytes + n * BytesPerMarker, Qt::Uninitialized);
    char *d = bytes.data();
    std::memcpy(d, Magic, sizeof Magic);
    putU32(d + 4, quint32(mapprotocol::Version));
    putU32(d + 8, replace ? ReplaceFlag : 0);
    putU32(d + 12, quint32(n));
    putU32(d + 16, quint32(total));
    putU32(d + 20, 0); // the text's length, once it is there
    return bytes;
}

qsizetype typesAt(qsizetype n)
{
    return HeaderBytes + 16 * n;
}

qsizetype statusesAt(qsizetype n)
{
    return HeaderBytes + 18 * n;
}

void appendText(QByteArray &bytes, const QByteArray &text)
{
    putU32(bytes.data() + 20, quint32(text.size()));
    bytes.append(text);
}

} // namespace

void MarkerSet::clear()
{
    // A worker still making the index works on its own copies: its result is dropped.
    m_pendingIndex = QFuture<Index>();
    m_index = Index();
    m_typeIndex.clear();
    m_types.clear();
    m_changesInARow = 0;
}

int MarkerSet::size()
{
    return int(index().entries.size());
}

MarkerSet::Index &MarkerSet::index()
{
    if (m_pendingIndex.isValid()) {
        m_index = m_pendingIndex.result();
        m_pendingIndex = QFuture<Index>();
    }
    return m_index;
}

MarkerSet::Index MarkerSet::indexOf(const QList<MapRequestPoint> &requests,
                                    const QByteArray &payload, qsizetype typesAt,
                                    qsizetype statusesAt, quint32 pass)
{
    Index index;
    index.entries.reserve(requests.size());
    const char *types = payload.constData() + typesAt;
    const char *statuses = payload.constData() + statusesAt;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const MapRequestPoint &r = requests.at(i);
        index.entries.insert(r.id, Entry{r.latitude, r.longitude,
                                         qFromLittleEndian<quint16>(types + 2 * i),
                                         quint8(statuses[i]), r.number, pass});
    }
    // Ids that repeat are all drawn (the page counts markers, not ids), and the next list goes
    // whole too.
    index.repeated = index.entries.size() != requests.size();
    return index;
}

quint16 MarkerSet::typeOf(const MapRequestPoint &point)
{
    const QString &key = typeKey(point.serviceCode, point.typeName);
    if (const auto it = m_typeIndex.constFind(key); it != m_typeIndex.cend())
        return it.value();
    // More types than a u16 holds do not occur; the last index takes any beyond.
    const auto index = quint16(std::min<qsizetype>(m_types.size(), 0xffff));
    m_types.append({point.serviceCode, point.typeName, mapprotocol::typeMark(point.typeName)});
    m_typeIndex.insert(key, index);
    return index;
}

const QString &MarkerSet::typeKey(const QString &serviceCode, const QString &typeName)
{
    return serviceCode.isEmpty() ? typeName : serviceCode;
}

bool MarkerSet::isUnchanged(const Entry &entry, const MapRequestPoint &point) const
{
    const Type &type = m_types.at(entry.type);
    return entry.latitude == point.latitude && entry.longitude == point.longitude &&
           entry.status == quint8(mapprotocol::statusIndex(point.status)) &&
           entry.number == point.number &&
           typeKey(type.code, type.name) == typeKey(point.serviceCode, point.typeName);
}

bool MarkerSet::isMostlyNew(const QList<MapRequestPoint> &requests) const
{
    const qsizetype size = requests.size();
    if (size == 0)
        return false;
    const qsizetype samples = std::min<qsizetype>(size, SampledForAReplacement);
    qsizetype changed = 0;
    for (qsizetype i = 0; i < samples; ++i) {
        const MapRequestPoint &r = requests.at(i * size / samples);
        const auto it = m_index.entries.constFind(r.id);
        if (it == m_index.entries.cend() || !isUnchanged(*it, r))
            ++changed;
    }
    return changed * 4 > samples * 3;
}

template <typename Ids, typename Numbers>
QByteArray MarkerSet::textOf(qsizetype n, Ids ids, Numbers numbers,
                             const QStringList &removed) const
{
    QByteArray text;
    text.reserve(n * 48 + removed.size() * 24 + m_types.size() * 64 + 64);
    text.append("{\"types\":[");
    for (qsizetype i = 0; i < m_types.size(); ++i) {
        if (i > 0)
            text.append(',');
        text.append("{\"code\":");
        appendJsonString(text, m_types.at(i).code);
        text.append(",\"name\":");
        appendJsonString(text, m_types.at(i).name);
        text.append(",\"mark\":");
        appendJsonString(text, m_types.at(i).mark);
        text.append('}');
    }
    text.append("],");
    appendJsonStrings(text, "ids", n, ids);
    text.append(',');
    appendJsonStrings(text, "numbers", n, numbers);
    text.append(',');
    appendJsonStrings(text, "removed", removed.size(),
                      [&removed](qsizetype i) -> const QString & { return removed.at(i); });
    text.append('}');
    return text;
}

MarkerPayload MarkerSet::update(const QList<MapRequestPoint> &requests, bool forceReplace)
{
    QHash<QString, Entry> &entries = index().entries;
    bool replace = forceReplace || m_index.repeated || entries.isEmpty() ||
                   m_changesInARow >= MaxChangesInARow || isMostlyNew(requests);
    const double limit = ReplaceShare * double(std::max<qsizetype>(requests.size(), 1));
    QList<const MapRequestPoint *> changed;
    QStringList removed;
    if (!replace) {
        // One look-up per request: each entry met is stamped with this pass, so the ones left
        // unstamped are gone; an entry met twice, or a new id met twice, is an id that repeats.
        ++m_pass;
        QSet<QString> fresh;
        bool repeated = false;
        for (const MapRequestPoint &r : requests) {
            const auto it = entries.find(r.id);
            if (it == entries.end()) {
                repeated = fresh.contains(r.id);
                fresh.insert(r.id);
                changed.append(&r);
            } else {
                repeated = it->pass == m_pass;
                it->pass = m_pass;
                if (!isUnchanged(*it, r))
                    changed.append(&r);
            }
            if (repeated || double(changed.size()) > limit)
                break;
        }
        replace = repeated || double(changed.size()) > limit;
        if (!replace && entries.size() + fresh.size() > requests.size()) {
            for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
                if (it->pass != m_pass)
                    removed.append(it.key());
            }
        }
        replace = replace || double(changed.size() + removed.size()) > limit;
    }
    MarkerPayload payload;
    payload.replace = replace;
    if (replace) {
        // The index of what the page had (16,000 entries) is let go on the worker too: the
        // window's thread also composites the page, which is about to draw.
        Index old = std::move(m_index);
        clear();
        ++m_pass;
        payload.changed = int(requests.size());
        payload.total = int(requests.size());
        payload.bytes = encodeReplacement(requests);
        // What the page now holds, made while the page reads the payload and draws.
        m_pendingIndex = QtConcurrent::run(
            [requests, bytes = payload.bytes, pass = m_pass, old = std::move(old)]() mutable {
                old = Index();
                return indexOf(requests, bytes, typesAt(requests.size()),
                               statusesAt(requests.size()), pass);
            });
        return payload;
    }
    ++m_changesInARow;
    for (const QString &id : std::as_const(removed))
        entries.remove(id);
    entries.reserve(entries.size() + changed.size());
    QList<quint16> types;
    QByteArray statuses;
    types.reserve(changed.size());
    statuses.reserve(changed.size());
    for (const MapRequestPoint *r : std::as_const(changed)) {
        types.append(typeOf(*r));
        statuses.append(char(mapprotocol::statusIndex(r->status)));
        entries.insert(r->id, Entry{r->latitude, r->longitude, types.constLast(),
                                    quint8(statuses.back()), r->number, m_pass});
    }
    payload.changed = int(changed.size());
    payload.removed = int(removed.size());
    payload.total = int(entries.size());
    payload.bytes = encode(changed, types, statuses, removed, replace, payload.total);
    return payload;
}

QByteArray MarkerSet::encodeReplacement(const QList<MapRequestPoint> &requests)
{
    const qsizetype n = requests.size();
    QByteArray bytes = payloadOf(n, true, int(n));
    char *latitudes = bytes.data() + HeaderBytes;
    char *longitudes = latitudes + 8 * n;
    char *typeIndexes = bytes.data() + typesAt(n);
    char *statuses = bytes.data() + statusesAt(n);
    const MapRequestPoint *r = requests.constData();
    for (qsizetype i = 0; i < n; ++i, ++r) {
        putF64(latitudes + 8 * i, r->latitude);
        putF64(longitudes + 8 * i, r->longitude);
        qToLittleEndian(typeOf(*r), typeIndexes + 2 * i);
        statuses[i] = char(mapprotocol::statusIndex(r->status));
    }
    const MapRequestPoint *points = requests.constData();
    appendText(bytes,
               textOf(
                   n, [points](qsizetype i) -> const QString & { return points[i].id; },
                   [points](qsizetype i) -> const QString & { return points[i].number; }, {}));
    return bytes;
}

QByteArray MarkerSet::encode(const QList<const MapRequestPoint *> &changed,
                             const QList<quint16> &types, const QByteArray &statuses,
                             const QStringList &removed, bool replace, int total) const
{
    const qsizetype n = changed.size();
    QByteArray bytes = payloadOf(n, replace, total);
    char *latitudes = bytes.data() + HeaderBytes;
    char *longitudes = latitudes + 8 * n;
    char *typeIndexes = bytes.data() + typesAt(n);
    for (qsizetype i = 0; i < n; ++i) {
        putF64(latitudes + 8 * i, changed.at(i)->latitude);
        putF64(longitudes + 8 * i, changed.at(i)->longitude);
        qToLittleEndian(types.at(i), typeIndexes + 2 * i);
    }
    std::memcpy(bytes.data() + statusesAt(n), statuses.constData(), size_t(n));
    appendText(bytes,
               textOf(
                   n, [&changed](qsizetype i) -> const QString & { return changed.at(i)->id; },
                   [&changed](qsizetype i) -> const QString & { return changed.at(i)->number; },
                   removed));
    return bytes;
}

std::optional<DecodedMarkers> MarkerSet::decode(const QByteArray &bytes)
{
    if (bytes.size() < HeaderBytes || std::memcmp(bytes.constData(), Magic, sizeof Magic) != 0)
        return std::nullopt;
    const char *d = bytes.constData();
    if (getU32(d + 4) != quint32(mapprotocol::Version))
        return std::nullopt;
    const qsizetype n = getU32(d + 12);
    const qsizetype textBytes = getU32(d + 20);
    if (bytes.size() != HeaderBytes + n * BytesPerMarker + textBytes)
        return std::nullopt;
    const QJsonObject text =
        QJsonDocument::fromJson(bytes.mid(HeaderBytes + n * BytesPerMarker)).object();
    const QJsonArray types = text.value(u"types").toArray();
    const QJsonArray ids = text.value(u"ids").toArray();
    const QJsonArray numbers = text.value(u"numbers").toArray();
    if (ids.size() != n || numbers.size() != n)
        return std::nullopt;
    DecodedMarkers decoded;
    decoded.replace = (getU32(d + 8) & ReplaceFlag) != 0;
    decoded.total = int(getU32(d + 16));
    const char *latitudes = d + HeaderBytes;
    const char *longitudes = latitudes + 8 * n;
    const char *typeIndexes = longitudes + 8 * n;
    const char *statuses = typeIndexes + 2 * n;
    for (qsizetype i = 0; i < n; ++i) {
        MapRequestPoint p;
        p.id = ids.at(i).toString();
        p.number = numbers.at(i).toString();
        p.latitude = getF64(latitudes + 8 * i);
        p.longitude = getF64(longitudes + 8 * i);
        const QJsonObject type =
            types.at(qFromLittleEndian<quint16>(typeIndexes + 2 * i)).toObject();
        p.serviceCode = type.value(u"code").toString();
        p.typeName = type.value(u"name").toString();
        const int status = statuses[i];
        if (status < 0 || status > 2)
            return std::nullopt;
        p.status = status == 0   ? RequestStatus::Open
                   : status == 1 ? RequestStatus::InProgress
                                 : RequestStatus::Closed;
        decoded.points.append(p);
    }
    for (const QJsonValue &id : text.value(u"removed").toArray())
        decoded.removed.append(id.toString());
    return decoded;
}

} // namespace civicdesk
