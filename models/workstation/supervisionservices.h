#pragma once

#include "models/domain/clock.h"
#include "models/domain/result.h"
#include "models/store/storechanges.h"

#include <QList>
#include <QMap>
#include <QStringList>
#include <QTimeZone>
#include <memory>

namespace civicdesk {

class AgentTeams;
class BacklogFigures;
class ClusterRuleLog;
class ClusterWatch;
class Database;
class EventStore;
class IntakeReplays;
class KnownIssues;
class MonthlyReports;
class PhoneIntervalImport;
class QualityReviews;
class SupervisionExport;
class TodayFigures;
struct KpiPeriod;
struct PhoneFigures;
struct SampleCandidate;
namespace audittrail {
struct Entry;
}
namespace exportrecord {
struct Record;
}

// The supervisor's readers and actions over the workstation's store (models/supervision,
// models/quality, models/alerts), made by the composition root with the store and handed to
// the supervisor workspace, the wallboard and the agent's own dialogs (ui/supervisor), which
// never see the Database. A widget asks for a reader it keeps (its own incremental state, the
// actor it writes as) or for a one-off read; the readers read the store this was made with.
class SupervisionServices
{
public:
    SupervisionServices(Database &database, EventStore &events);

    // The store's one "applied" signal: events written here or pulled from a central store.
    StoreChanges &changes() const;
    // The city's time zone as the store holds it (city_timezone).
    QTimeZone cityZone() const;
    // The city's name as the store holds it (city_name; empty when the store has none).
    QString cityName() const;

    // Readers a widget keeps.
    std::unique_ptr<TodayFigures> todayFigures(const QTimeZone &zone) const;
    std::unique_ptr<BacklogFigures> backlogFigures() const;
    std::unique_ptr<QualityReviews> qualityReviews(const QString &user, Clock clock = {}) const;
    ClusterWatch clusterWatch(Clock clock) const;
    KnownIssues knownIssues(const QString &agent, Clock clock) const;
    ClusterRuleLog clusterRules(const QString &actor, Clock clock) const;
    IntakeReplays intakeReplays() const;

    // Actions, as `actor`.
    AgentTeams agentTeams(const QString &actor, Clock clock) const;
    PhoneIntervalImport phoneImport(const QString &actor, Clock clock) const;
    // Records an export by `actor` at `at` for the audit trail (before the file is let go).
    Status recordExport(const QString &actor, const QDateTime &at,
                        const exportrecord::Record &record) const;

    // One-off reads.
    MonthlyReports monthlyReports() const;
    SupervisionExport exports() const;
    QStringList teams() const;
    QMap<QString, QString> teamMemberships() const;
    Result<PhoneFigures> phoneFigures(const KpiPeriod &period) const;
    Result<QList<audittrail::Entry>> auditTrail(const QDateTime &from, const QDateTime &to,
                                                int limit, int *total) const;
    QList<SampleCandidate> endedContacts(const QDateTime &from, const QDateTime &to) const;

private:
    Database &m_database;
    EventStore &m_events;
};

} // namespace civicdesk
