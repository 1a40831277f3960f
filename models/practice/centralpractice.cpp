#include "models/practice/centralpractice.h"

#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QJsonDocument>

namespace civicdesk {

namespace {

QSqlDatabase connectionOf(const Database &store)
{
    return QSqlDatabase::database(store.connectionName());
}

} // namespace

Result<QList<SharedScenario>> CentralPractice::scenarios() const
{
    QSqlQuery q(connectionOf(m_store));
    if (auto s = sql::exec(q, QStringLiteral("SELECT scenario, author, updated_at FROM "
                                             "practice_scenarios ORDER BY id"));
        !s)
        return s.error();
    QList<SharedScenario> list;
    while (q.next())
        list.append({QJsonDocument::fromJson(q.value(0).toByteArray()).object(),
                     q.value(1).toString(), q.value(2).toLongLong()});
    return list;
}

Result<bool> CentralPractice::hasScenario(const QString &id) const
{
    QSqlQuery q(connectionOf(m_store));
    if (auto s =
            sql::exec(q, QStringLiteral("SELECT 1 FROM practice_scenarios WHERE id = ?"), {id});
        !s)
        return s.error();
    return q.next();
}

Status CentralPractice::putScenario(const QString &id, const QJsonObject &scenario,
                                    const QString &author, const QString &replacing, qint64 nowMs)
{
    sql::Transaction transaction(connectionOf(m_store));
    if (auto s = transaction.begin(); !s)
        return s;
    QSqlQuery q(connectionOf(m_store));
    const QByteArray json = QJsonDocument(scenario).toJson(QJsonDocument::Compact);
    if (auto s = sql::exec(q,
                           QStringLiteral("INSERT INTO practice_scenarios(id, scenario, author, "
                                          "updated_at) VALUES(?, ?, ?, ?) ON CONFLICT(id) DO "
                                          "UPDATE SET scenario = excluded.scenario, author = "
                                          "excluded.author, updated_at = excluded.updated_at"),
                           {id, QString::fromUtf8(json), author, nowMs});
        !s)
        return s;
    if (!replacing.isEmpty() && replacing != id) {
        if (auto s = sql::exec(q, QStringLiteral("DELETE FROM practice_scenarios WHERE id = ?"),
                               {replacing});
            !s)
            return s;
    }
    return transaction.commit();
}

Result<bool> CentralPractice::removeScenario(const QString &id)
{
    QSqlQuery q(connectionOf(m_store));
    if (auto s = sql::exec(q, QStringLiteral("DELETE FROM practice_scenarios WHERE id = ?"), {id});
        !s)
        return s.error();
    return q.numRowsAffected() > 0;
}

Result<int> CentralPractice::addRuns(const QList<PracticeRun> &runs, qint64 nowMs)
{
    sql::Transaction transaction(connectionOf(m_store));
    if (auto s = transaction.begin(); !s)
        return s.error();
    QSqlQuery q(connectionOf(m_store));
    int added = 0;
    for (const PracticeRun &run : runs) {
        const QByteArray json = QJsonDocument(practiceRunJson(run)).toJson(QJsonDocument::Compact);
        if (auto s =
                sql::exec(q,
                          QStringLiteral("INSERT INTO practice_runs(id, trainee, scenario_id, "
                                         "finished_at, run, recorded_at) VALUES(?, ?, ?, ?, "
                                         "?, ?) ON CONFLICT(id) DO NOTHING"),
                          {run.id, run.trainee, run.scenarioId, run.finishedAt.toMSecsSinceEpoch(),
                           QString::fromUtf8(json), nowMs});
            !s)
            return s.error();
        added += q.numRowsAffected() > 0 ? 1 : 0;
    }
    if (auto s = transaction.commit(); !s)
        return s.error();
    return added;
}

Result<QList<PracticeRun>> CentralPractice::runs(const QString &trainee) const
{
    QSqlQuery q(connectionOf(m_store));
    const Status s =
        trainee.isEmpty()
            ? sql::exec(q, QStringLiteral("SELECT run FROM practice_runs ORDER BY finished_at, "
                                          "id"))
            : sql::exec(q,
                        QStringLiteral("SELECT run FROM practice_runs WHERE trainee = ? ORDER BY "
                                       "finished_at, id"),
                        {trainee});
    if (!s)
        return s.error();
    QList<PracticeRun> list;
    while (q.next()) {
        auto run = practiceRunFromJson(QJsonDocument::fromJson(q.value(0).toByteArray()).object());
        if (run)
            list.append(run.value());
    }
    return list;
}

} // namespace civicdesk
