#pragma once

#include "models/requests/maprequestrepository.h"

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace civicdesk {

// The request markers as the map page receives them: one binary payload per change, served by
// MapSchemeHandler at markers/<sequence>.bin, never through the web channel (the page reads it
// into typed arrays; resources/map/requestgrid.js has the decoder). Little-endian:
//    0  "CDMK"
//    4  u32 version       mapprotocol::Version
//    8  u32 flags         1: replaces every marker; 0: changes the markers the page has
//   12  u32 n             markers added or changed by this payload
//   16  u32 total         markers on the map once it is applied
//   20  u32 textBytes     length of the UTF-8 JSON text at the end
//   24  f64 latitude[n], f64 longitude[n], u16 type[n], u8 status[n]
//       {"types":[{"code","name","mark"}],"ids":[n],"numbers":[n],"removed":[ids]}
// A type is an index into "types", the whole table so far: an index keeps its meaning until the
// next replacement.
struct MarkerPayload
{
    QByteArray bytes;
    bool replace = true;
    int changed = 0; // added or changed
    int removed = 0;
    int total = 0;
};

// A payload read back (tests; the page has its own decoder).
struct DecodedMarkers
{
    bool replace = true;
    int total = 0;
    QList<MapRequestPoint> points; // id, number, status, latitude, longitude, typeName, serviceCode
    QStringList removed;
};

// What the page holds, so that a new list of requests goes as its difference from the last one:
// a sync that changes a few requests of 16,000 sends those few. After a replacement the index
// of what the page holds (by id) is made on a worker thread while the page draws; the next
// update() waits for it, if it is not made yet.
class MarkerSet
{
public:
    // More changed or removed markers than this share of the new list: a replacement is cheaper.
    static constexpr double ReplaceShare = 0.5;
    // After this many changes in a row the next payload replaces everything (the scheme handler
    // keeps the payloads since the last replacement).
    static constexpr int MaxChangesInARow = 50;

    // The payload that takes the page from the current markers to `requests`: a replacement when
    // forced, when the page has none, when an id repeats or when the change is large.
    MarkerPayload update(const QList<MapRequestPoint> &requests, bool forceReplace = false);
    // The page has no markers (it was reloaded).
    void clear();
    int size();

    static std::optional<DecodedMarkers> decode(const QByteArray &bytes);

private:
    struct Entry
    {
        double latitude = 0;
        double longitude = 0;
        quint16 type = 0;
        quint8 status = 0;
        QString number;
        quint32 pass = 0; // the last update() that met it
    };
    struct Index
    {
        QHash<QString, Entry> entries;
        bool repeated = false; // the page was given an id twice: the next payload replaces all
    };
    struct Type
    {
        QString code;
        QString name;
        QString mark;
    };

    // Requests looked at before a difference is worked out: when more than three quarters of
    // them are new or changed, the list goes whole without comparing every request (a list of
    // 16,000 other requests was half compared before it was found a replacement).
    static constexpr qsizetype SampledForAReplacement = 64;
    bool isMostlyNew(const QList<MapRequestPoint> &requests) const;

    static const QString &typeKey(const QString &serviceCode, const QString &typeName);
    bool isUnchanged(const Entry &entry, const MapRequestPoint &point) const;
    quint16 typeOf(const MapRequestPoint &point);
    // The index of what the page holds, once the worker making it is done.
    Index &index();
    // The index of `requests` as replaced, their type and status indexes read from `payload`
    // (at `typesAt` and `statusesAt`); run on a worker thread.
    static Index indexOf(const QList<MapRequestPoint> &requests, const QByteArray &payload,
                         qsizetype typesAt, qsizetype statusesAt, quint32 pass);
    // `types` and `statuses`: the type index and status index of each of `changed`.
    QByteArray encode(const QList<const MapRequestPoint *> &changed, const QList<quint16> &types,
                      const QByteArray &statuses, const QStringList &removed, bool replace,
                      int total) const;
    // A replacement by `requests`, written straight into the payload (no list between).
    QByteArray encodeReplacement(const QList<MapRequestPoint> &requests);
    // The text part of a payload of `n` markers, the i-th's id and number being ids(i) and
    // numbers(i): the types, ids, numbers and removed ids.
    template <typename Ids, typename Numbers>
    QByteArray textOf(qsizetype n, Ids ids, Numbers numbers, const QStringList &removed) const;

    Index m_index;
    QFuture<Index> m_pendingIndex;       // made after a replacement, not collected yet
    QHash<QString, quint16> m_typeIndex; // service code, or type name without one
    QList<Type> m_types;
    int m_changesInARow = 0;
    quint32 m_pass = 0;
};

} // namespace civicdesk
