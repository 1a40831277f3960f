#include "models/alerts/clusterwatch.h"

#include "models/domain/supervision/clusterrulechange.h"
#include "models/store/database.h"
#include "models/store/latestevents.h"
#include "models/store/sql/sql.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace civicdesk {

namespace {

const QString Columns =
    QStringLiteral("r.id, r.number, COALESCE(r.service_code, r.type_name), r.type_name, "
                   "COALESCE(r.address, ''), r.latitude, r.longitude, r.opened_at, r.status");

ClusterRequest requestOf(const QSqlQuery &q, int first)
{
    return ClusterRequest{q.value(first).toString(),
                          q.value(first + 1).toString(),
                          q.value(first + 2).toString(),
                          q.value(first + 3).toString(),
                          q.value(first + 4).toString(),
                          q.value(first + 5).toDouble(),
                          q.value(first + 6).toDouble(),
                          QDateTime::fromSecsSinceEpoch(q.value(first + 7).toLongLong(), Qt::UTC)};
}

std::optional<ClusterRules> parse(const QString &text)
{
    if (text.trimmed().isEmpty())
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isObject())
        return std::nullopt;
    auto rules = ClusterRules::fromJson(doc.object());
    if (!rules)
        return std::nullopt;
    return rules.value();
}

} // namespace

ClusterWatch::ClusterWatch(Database &database, Clock clock)
    : m_database(database), m_clock(std::move(clock))
{
}

ClusterRules ClusterWatch::rulesOf(const Database &database)
{
    auto latest = latestevents::read(database.connectionName(), clusterrulechange::entityType(),
                                     {clusterrulechange::kind()});
    if (latest && latest.value().contains(clusterrulechange::entityId()))
        return clusterrulechange::rulesOf(
            latest.value().value(clusterrulechange::entityId()).payload);
    return cityRulesOf(database);
}

ClusterRules ClusterWatch::cityRulesOf(const Database &database)
{
    if (auto city = parse(database.meta(QString::fromLatin1(CityRulesKey))))
        return *city;
    return {};
}

ClusterWatch::~ClusterWatch() = default;

Status ClusterWatch::start()
{
    m_detector.setRules(rulesOf(m_database));
    const QDateTime now = m_clock.now();
    m_detector.advanceTo(now);
    QSqlQuery q(QSqlDatabase::database(m_database.connectionName()));
    if (auto s = sql::exec(q, QStringLiteral("SELECT COALESCE(max(seq), 0) FROM events")); !s)
        return s;
    m_cursor = q.next() ? q.value(0).toLongLong() : 0;
    const qint64 since =
        now.addSecs(-qint64(m_detector.rules().longestHours()) * 3600).toSecsSinceEpoch();
    if (auto s = sql::exec(q,
                           QStringLiteral("SELECT %1 FROM requests r WHERE r.opened_at >= ? AND "
                                          "r.status <> 'closed' AND r.latitude IS NOT NULL AND "
                                          "r.longitude IS NOT NULL ORDER BY r.opened_at, r.id")
                               .arg(Columns),
                           {since});
        !s)
        return s;
    while (q.next())
        m_detector.add(requestOf(q, 0));
    return Ok{};
}

Status ClusterWatch::reload()
{
    return start();
}

Result<bool> ClusterWatch::update()
{
    bool changed = m_detector.advanceTo(m_clock.now());
    // Prepared once: an arriving event costs two indexed reads, never a scan of the day.
    if (!m_lastSeq) {
        const QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
        m_lastSeq = std::make_unique<QSqlQuery>(db);
        m_newEvents = std::make_unique<QSqlQuery>(db);
        if (!m_lastSeq->prepare(QStringLiteral("SELECT COALESCE(max(seq), 0) FROM events")) ||
            !m_newEvents->prepare(
                QStringLiteral(
                    "SELECT %1 FROM events e JOIN requests r ON r.id = e.entity_id WHERE e.seq "
                    "> ? AND e.seq <= ? AND e.entity_type = 'request' AND e.kind IN "
                    "('request.created', 'request.status_changed') AND r.latitude IS NOT NULL "
                    "AND r.longitude IS NOT NULL ORDER BY e.seq")
                    .arg(Columns))) {
            const Error error = sql::errorOf(*m_newEvents, QStringLiteral("new request events"));
            m_lastSeq.reset();
            m_newEvents.reset();
            return error;
        }
    }
    if (auto s = sql::execPrepared(*m_lastSeq, {}); !s)
        return s.error();
    const qint64 last = m_lastSeq->next() ? m_lastSeq->value(0).toLongLong() : m_cursor;
    m_lastSeq->finish();
    if (last <= m_cursor)
        return changed;
    if (auto s = sql::execPrepared(*m_newEvents, {m_cursor, last}); !s)
        return s.error();
    m_cursor = last;
    while (m_newEvents->next()) {
        const ClusterRequest request = requestOf(*m_newEvents, 0);
        if (m_newEvents->value(8).toString() == u"closed")
            changed = m_detector.remove(request.id) || changed;
        else
            changed = m_detector.add(request) || changed;
    }
    m_newEvents->finish();
    return changed;
}

} // namespace civicdesk
