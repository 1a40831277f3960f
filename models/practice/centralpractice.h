#pragma once

#include "models/practice/trainingrecord.h"

#include <QJsonObject>

namespace civicdesk {

class Database;

// A scenario as the central store keeps it: the scenario (the file format's object), who wrote
// it last and when.
struct SharedScenario
{
    QJsonObject scenario;
    QString author;
    qint64 updatedAtMs = 0;
};

// The central store's practice tables (migration "practice, shared through the central store"):
// the scenarios trainers write and every trainee's scored runs, in tables of their own — never
// events, so nothing of practice is pulled, projected or counted with live work. The server's
// practice API checks who may do what and what is valid before it calls these.
class CentralPractice
{
public:
    explicit CentralPractice(Database &store) : m_store(store) {}

    Result<QList<SharedScenario>> scenarios() const;
    Result<bool> hasScenario(const QString &id) const;
    // Writes `scenario` under `id` (replacing the one kept there) and removes the scenario
    // `replacing` when it is another id: one transaction.
    Status putScenario(const QString &id, const QJsonObject &scenario, const QString &author,
                       const QString &replacing, qint64 nowMs);
    // False when there was no such scenario.
    Result<bool> removeScenario(const QString &id);
    // Keeps the runs (a run kept already is left as it is); how many were new.
    Result<int> addRuns(const QList<PracticeRun> &runs, qint64 nowMs);
    // The runs of `trainee` (every trainee's when empty), oldest first.
    Result<QList<PracticeRun>> runs(const QString &trainee) const;

private:
    Database &m_store;
};

} // namespace civicdesk
