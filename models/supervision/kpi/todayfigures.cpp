#include "models/supervision/kpi/todayfigures.h"

#include "models/store/database.h"
#include "models/store/sql/sql.h"
#include "models/supervision/kpi/kpisql.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace civicdesk {

TodayFigures::TodayFigures(const Database &database, const QTimeZone &zone)
    : m_connection(database.connectionName()), m_zone(zone)
{
}

int TodayFigures::hourOf(qint64 secs) const
{
    return QDateTime::fromSecsSinceEpoch(secs, m_zone).time().hour();
}

Status TodayFigures::reset(const QDateTime &now)
{
    const KpiPeriod today = KpiPeriod::today(now, m_zone);
    m_day = today.first;
    m_start = today.start();
    m_end = today.end();
    m_buckets.clear();
    m_running.clear();
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    // The log's position first: an event appended while the day is read is applied by the next
    // update (a contact already counted is not counted twice: see started()).
    if (auto s = sql::exec(q, QStringLiteral("SELECT COALESCE(max(seq), 0) FROM events")); !s)
        return s;
    m_lastSeq = q.next() ? q.value(0).toLongLong() : 0;
    if (auto s = sql::exec(q,
                           QStringLiteral("SELECT id, started_at, ended_at, channel, agent, "
                                          "outcome FROM contacts WHERE started_at >= CAST(? AS "
                                          "BIGINT) AND started_at < CAST(? AS BIGINT)"),
                           {m_start, m_end});
        !s)
        return s;
    while (q.next()) {
        const QString id = q.value(0).toString();
        started(id, q.value(1).toLongLong(), q.value(3).toString(), q.value(4).toString());
        if (!q.value(2).isNull())
            ended(id, q.value(2).toLongLong(), q.value(5).toString());
    }
    return Ok{};
}

Result<int> TodayFigures::update(const QDateTime &now)
{
    if (!m_day.isValid() || now.toTimeZone(m_zone).date() != m_day) {
        if (auto s = reset(now); !s)
            return s.error();
        return 0;
    }
    // Kept prepared: on PostgreSQL a fresh statement costs round trips on every event.
    auto rows = sql::rowsCached(QSqlDatabase::database(m_connection),
                                QStringLiteral("SELECT seq, entity_id, kind, payload, actor, "
                                               "client_time FROM events WHERE seq > ? AND "
                                               "entity_type = 'contact' AND kind IN "
                                               "('contact.started', 'contact.ended') ORDER BY seq"),
                                {m_lastSeq});
    if (!rows)
        return rows.error();
    int applied = 0;
    qint64 last = m_lastSeq;
    for (const QVariantList &row : std::as_const(rows.value())) {
        last = std::max(last, row.at(0).toLongLong());
        const QJsonObject payload = QJsonDocument::fromJson(row.at(3).toString().toUtf8()).object();
        const qint64 at = row.at(5).toLongLong() / 1000;
        if (row.at(2).toString() == u"contact.started")
            started(row.at(1).toString(), at, payload.value(u"channel").toString(),
                    row.at(4).toString());
        else
            ended(row.at(1).toString(), at, payload.value(u"outcome").toString());
        ++applied;
    }
    QSqlQuery q(QSqlDatabase::database(m_connection));
    // Events of other kinds move the position too, so they are not read again.
    if (auto s = sql::exec(q, QStringLiteral("SELECT COALESCE(max(seq), 0) FROM events")); !s)
        return s.error();
    m_lastSeq = std::max(last, q.next() ? q.value(0).toLongLong() : 0);
    return applied;
}

void TodayFigures::started(const QString &id, qint64 at, const QString &channel,
                           const QString &agent)
{
    if (at < m_start || at >= m_end || m_running.contains(id))
        return;
    const Key key{hourOf(at), channel, agent, QString()};
    ++m_buckets[key].contacts;
    m_running.insert(id, {key, at});
}

void TodayFigures::ended(const QString &id, qint64 at, const QString &outcome)
{
    // A contact that started before today counts on its own day; one ended twice, once.
    const auto it = m_running.find(id);
    if (it == m_running.end() || !it->key.outcome.isEmpty())
        return;
    auto from = m_buckets.find(it->key);
    if (from != m_buckets.end() && --from->contacts == 0 && from->handleSeconds == 0)
        m_buckets.erase(from);
    it->key.outcome = outcome;
    Sums &to = m_buckets[it->key];
    ++to.contacts;
    to.handleSeconds += at - it->startedAt;
}

KpiReport TodayFigures::contacts(const KpiFilter &f) const
{
    KpiReport r;
    for (auto it = m_buckets.cbegin(); it != m_buckets.cend(); ++it) {
        const Key &k = it.key();
        if ((!f.agent.isEmpty() && k.agent != f.agent) ||
            (!f.channel.isEmpty() && k.channel != f.channel))
            continue;
        const qint64 n = it->contacts;
        r.byHour[std::size_t(k.hour)] += n;
        kpisql::addContacts(r, k.channel, k.outcome, n, k.outcome.isEmpty() ? 0 : n,
                            it->handleSeconds);
    }
    kpisql::sortCounts(r.byChannel);
    kpisql::sortCounts(r.byOutcome);
    return r;
}

} // namespace civicdesk
