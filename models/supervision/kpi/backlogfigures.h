#pragma once

#include "models/domain/result.h"
#include "models/supervision/kpi/kpireport.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <optional>

namespace civicdesk {

class Database;

// The SLA backlog now (open, overdue, due soon, backlog ages by type and department), kept in
// memory so that a refresh does not scan the store's open requests again: reset() reads the open
// requests once; update() re-reads only the requests that request events appended since (written
// here or pulled from the central store) touched. Counting is then a pass over the open requests
// in memory, whatever the store's size.
//
// The figures are those of SupervisionKpis (same definitions, same order of rows): open = status
// open or in progress and opened by now; overdue = due before now; due soon = due from now to
// now + dueSoonHours; age = whole days since opening, in the BacklogAgeLimits buckets; the
// agent, team and channel filters apply to who created the request and how it came in, the queue
// filter to its department and type.
class BacklogFigures
{
public:
    explicit BacklogFigures(const Database &database);

    Status reset();
    // Re-reads the requests touched since the last reset or update (resets the first time);
    // the number of requests re-read.
    Result<int> update();

    // Fills r.open, r.overdue, r.dueSoon and r.backlog for the filter (teamSpans filled in)
    // at `now` (UTC seconds).
    void count(const KpiFilter &filter, qint64 now, KpiReport &r) const;
    qsizetype openRequests() const { return m_open.size(); }
    // The types and departments of the open requests (count 0), by type name: the queues the
    // workspace offers to filter by.
    QList<KpiRequestTypeRow> queues() const;

private:
    struct Open
    {
        QString group; // COALESCE(service_code, type_name)
        QString typeName;
        QString department;
        QString channel;
        QString createdBy;
        qint64 openedAt = 0;
        std::optional<qint64> dueAt;
        int queue = 0; // its (group, department) in m_queues
    };
    Status read(const QStringList &ids);
    Result<qint64> lastSeq() const;

    QString m_connection;
    qint64 m_lastSeq = -1; // -1: never read
    QHash<QString, Open> m_open;
    // The (group, department) pairs met so far, numbered, so that counting needs no hashing.
    QHash<QPair<QString, QString>, int> m_queueOf;
    QList<QPair<QString, QString>> m_queues;
    QSet<QString> m_typeNames;
};

} // namespace civicdesk
