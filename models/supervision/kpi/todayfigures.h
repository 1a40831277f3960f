#pragma once

#include "models/domain/result.h"
#include "models/supervision/kpi/kpireport.h"

#include <QDateTime>
#include <QHash>
#include <QTimeZone>

namespace civicdesk {

class Database;

// Today's contact figures (the city's local day), kept as per-bucket aggregates so that an
// arriving event updates them without counting the day again: one bucket per (local hour,
// channel, agent, outcome) with its contacts and handle seconds, and the day's running
// contacts by id. reset() counts the day once (at the start, and when the local day turns);
// update() then reads only the contact events appended since (written here or pulled from the
// central store) and moves the buckets they touch. A figure for any agent, team or channel is
// the sum of a few hundred buckets at most.
//
// The figures are those of SupervisionKpis over contacts (contacts, ended, handle seconds,
// transfers, information, requests made or joined, by channel, outcome and hour), with the
// same definitions: a contact counts on the day and in the hour it started.
class TodayFigures
{
public:
    TodayFigures(const Database &database, const QTimeZone &zone);

    // Counts today afresh.
    Status reset(const QDateTime &now);
    // Applies the contact events appended since the last reset or update; resets instead when
    // the local day has turned. The number of events applied.
    Result<int> update(const QDateTime &now);

    QDate day() const { return m_day; }
    // Today's contact figures for the filter's agent and channel; the period of the filter is
    // not read (it is today), nor its team: a team counts the contacts its members took while
    // in it, which SupervisionKpis counts from the store.
    KpiReport contacts(const KpiFilter &filter) const;

private:
    struct Key
    {
        int hour = 0;
        QString channel;
        QString agent;
        QString outcome; // "" while running
        bool operator==(const Key &other) const = default;
    };
    friend size_t qHash(const Key &key, size_t seed) noexcept
    {
        return qHashMulti(seed, key.hour, key.channel, key.agent, key.outcome);
    }
    struct Sums
    {
        qint64 contacts = 0;
        qint64 handleSeconds = 0;
    };
    struct Running
    {
        Key key;
        qint64 startedAt = 0;
    };

    void started(const QString &id, qint64 at, const QString &channel, const QString &agent);
    void ended(const QString &id, qint64 at, const QString &outcome);
    int hourOf(qint64 secs) const;

    QString m_connection;
    QTimeZone m_zone;
    QDate m_day;
    qint64 m_start = 0;
    qint64 m_end = 0;
    qint64 m_lastSeq = 0;
    QHash<Key, Sums> m_buckets;
    QHash<QString, Running> m_running;
};

} // namespace civicdesk
