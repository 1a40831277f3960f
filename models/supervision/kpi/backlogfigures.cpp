#include "models/supervision/kpi/backlogfigures.h"

#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QSet>
#include <algorithm>
#include <tuple>
#include <vector>

namespace civicdesk {

namespace {

// Requests read back per statement when many were touched at once (a sync pull).
constexpr int Chunk = 500;

const QString OpenColumns = QStringLiteral(
    "SELECT r.id, COALESCE(r.service_code, r.type_name), r.type_name, "
    "COALESCE(r.department_code, ''), r.channel, r.created_by, r.opened_at, r.due_at FROM "
    "requests r WHERE r.status IN ('open', 'in_progress')");

} // namespace

BacklogFigures::BacklogFigures(const Database &database) : m_connection(database.connectionName())
{
}

Result<qint64> BacklogFigures::lastSeq() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (auto s = sql::exec(q, QStringLiteral("SELECT COALESCE(max(seq), 0) FROM events")); !s)
        return s.error();
    return q.next() ? q.value(0).toLongLong() : 0;
}

Status BacklogFigures::read(const QStringList &ids)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    QString statement = OpenColumns;
    QVariantList values;
    if (!ids.isEmpty()) {
        statement +=
            u" AND r.id IN (" + QStringList(ids.size(), QStringLiteral("?")).join(u',') + u')';
        for (const QString &id : ids)
            values.append(id);
    }
    if (auto s = sql::exec(q, statement, values); !s)
        return s;
    while (q.next()) {
        Open o;
        o.group = q.value(1).toString();
        // One copy of each type name, so that equal names compare by pointer when counting.
        o.typeName = *m_typeNames.insert(q.value(2).toString());
        o.department = q.value(3).toString();
        o.channel = q.value(4).toString();
        o.createdBy = q.value(5).toString();
        o.openedAt = q.value(6).toLongLong();
        if (!q.value(7).isNull())
            o.dueAt = q.value(7).toLongLong();
        const QPair<QString, QString> queue(o.group, o.department);
        auto known = m_queueOf.constFind(queue);
        if (known == m_queueOf.cend()) {
            known = m_queueOf.insert(queue, int(m_queues.size()));
            m_queues.append(queue);
        }
        o.queue = *known;
        m_open.insert(q.value(0).toString(), std::move(o));
    }
    return Ok{};
}

Status BacklogFigures::reset()
{
    m_open.clear();
    // The log's position first: a request changed while the open ones are read is read again
    // by the next update.
    auto seq = lastSeq();
    if (!seq)
        return seq.error();
    if (auto s = read({}); !s) {
        m_lastSeq = -1;
        return s;
    }
    m_lastSeq = seq.value();
    return Ok{};
}

Result<int> BacklogFigures::update()
{
    if (m_lastSeq < 0) {
        if (auto s = reset(); !s)
            return s.error();
        return 0;
    }
    auto seq = lastSeq();
    if (!seq)
        return seq.error();
    if (seq.value() <= m_lastSeq)
        return 0;
    // Kept prepared: on PostgreSQL a fresh statement costs round trips on every event.
    auto rows = sql::rowsCached(QSqlDatabase::database(m_connection),
                                QStringLiteral("SELECT DISTINCT entity_id FROM events WHERE seq > "
                                               "? AND seq <= ? AND entity_type = 'request'"),
                                {m_lastSeq, seq.value()});
    if (!rows)
        return rows.error();
    QStringList touched;
    for (const QVariantList &row : std::as_const(rows.value()))
        touched.append(row.at(0).toString());
    // A touched request is read again if it is still open, and left out otherwise.
    for (const QString &id : std::as_const(touched))
        m_open.remove(id);
    for (qsizetype i = 0; i < touched.size(); i += Chunk) {
        if (auto s = read(touched.mid(i, Chunk)); !s) {
            m_lastSeq = -1; // half read: count afresh next time
            return s.error();
        }
    }
    m_lastSeq = seq.value();
    return int(touched.size());
}

void BacklogFigures::count(const KpiFilter &f, qint64 now, KpiReport &r) const
{
    const QString department = f.department == u"-" ? QString() : f.department;
    const qint64 soon = now + qint64(f.dueSoonHours) * 3600;
    std::vector<qsizetype> rowOf(std::size_t(m_queues.size()), -1); // by queue
    QList<KpiBacklogRow> rows;
    for (const Open &o : m_open) {
        if (o.openedAt > now || (!f.channel.isEmpty() && o.channel != f.channel) ||
            (!f.agent.isEmpty() && o.createdBy != f.agent) ||
            (!f.team.isEmpty() && std::none_of(f.teamSpans.cbegin(), f.teamSpans.cend(),
                                               [&o](const TeamSpan &span) {
                                                   return span.holds(o.createdBy, o.openedAt);
                                               })) ||
            (!f.department.isEmpty() && o.department != department) ||
            (!f.serviceCode.isEmpty() && o.group != f.serviceCode))
            continue;
        qsizetype &found = rowOf[std::size_t(o.queue)];
        if (found < 0) {
            found = rows.size();
            KpiBacklogRow row;
            row.serviceCode = o.group;
            row.department = o.department;
            row.typeName = o.typeName;
            rows.append(row);
        }
        KpiBacklogRow &row = rows[found];
        if (o.typeName.constData() != row.typeName.constData() && row.typeName < o.typeName)
            row.typeName = o.typeName; // as max(type_name)
        ++row.open;
        if (o.dueAt && *o.dueAt < now)
            ++row.overdue;
        else if (o.dueAt && *o.dueAt < soon)
            ++row.dueSoon;
        const qint64 days = (now - o.openedAt) / 86400;
        std::size_t bucket = 0;
        while (bucket < BacklogAgeLimits.size() && days >= BacklogAgeLimits.at(bucket))
            ++bucket;
        ++row.ages[bucket];
    }
    // As the SQL orders them: most open first, then type name, then department.
    std::sort(rows.begin(), rows.end(), [](const KpiBacklogRow &a, const KpiBacklogRow &b) {
        if (a.open != b.open)
            return a.open > b.open;
        if (a.typeName != b.typeName)
            return a.typeName < b.typeName;
        return a.department < b.department;
    });
    r.open = r.overdue = r.dueSoon = 0;
    for (const KpiBacklogRow &row : rows) {
        r.open += row.open;
        r.overdue += row.overdue;
        r.dueSoon += row.dueSoon;
    }
    r.backlog = rows;
}

QList<KpiRequestTypeRow> BacklogFigures::queues() const
{
    QHash<QPair<QString, QString>, QString> kinds; // (type, department) -> type name
    for (const Open &o : m_open) {
        QString &name = kinds[{o.group, o.department}];
        name = std::max(name, o.typeName);
    }
    QList<KpiRequestTypeRow> rows;
    for (auto it = kinds.cbegin(); it != kinds.cend(); ++it)
        rows.append({it.key().first, it.value(), it.key().second, 0});
    std::sort(rows.begin(), rows.end(), [](const KpiRequestTypeRow &a, const KpiRequestTypeRow &b) {
        return std::tie(a.typeName, a.department) < std::tie(b.typeName, b.department);
    });
    return rows;
}

} // namespace civicdesk
