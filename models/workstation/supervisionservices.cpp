#include "models/workstation/supervisionservices.h"

#include "models/alerts/clusterrulelog.h"
#include "models/alerts/clusterwatch.h"
#include "models/intake/knownissues.h"
#include "models/quality/intakereplay.h"
#include "models/quality/qualityreviews.h"
#include "models/quality/reviewsampling.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/supervision/agentteams.h"
#include "models/supervision/audit/audittrail.h"
#include "models/supervision/kpi/backlogfigures.h"
#include "models/supervision/kpi/todayfigures.h"
#include "models/supervision/phone/phonefigures.h"
#include "models/supervision/phone/phoneintervalimport.h"
#include "models/supervision/reports/exportaudit.h"
#include "models/supervision/reports/monthlyreport.h"
#include "models/supervision/reports/supervisionexport.h"

namespace civicdesk {

SupervisionServices::SupervisionServices(Database &database, EventStore &events)
    : m_database(database), m_events(events)
{
}

StoreChanges &SupervisionServices::changes() const
{
    return m_database.changes();
}

QTimeZone SupervisionServices::cityZone() const
{
    return QTimeZone(m_database.meta(QStringLiteral("city_timezone")).toUtf8());
}

QString SupervisionServices::cityName() const
{
    return m_database.meta(QStringLiteral("city_name"));
}

std::unique_ptr<TodayFigures> SupervisionServices::todayFigures(const QTimeZone &zone) const
{
    return std::make_unique<TodayFigures>(m_database, zone);
}

std::unique_ptr<BacklogFigures> SupervisionServices::backlogFigures() const
{
    return std::make_unique<BacklogFigures>(m_database);
}

std::unique_ptr<QualityReviews> SupervisionServices::qualityReviews(const QString &user,
                                                                    Clock clock) const
{
    return std::make_unique<QualityReviews>(m_database, m_events, user, std::move(clock));
}

ClusterWatch SupervisionServices::clusterWatch(Clock clock) const
{
    return ClusterWatch(m_database, std::move(clock));
}

KnownIssues SupervisionServices::knownIssues(const QString &agent, Clock clock) const
{
    return KnownIssues(m_database, m_events, agent, std::move(clock));
}

ClusterRuleLog SupervisionServices::clusterRules(const QString &actor, Clock clock) const
{
    return ClusterRuleLog(m_database, m_events, actor, std::move(clock));
}

IntakeReplays SupervisionServices::intakeReplays() const
{
    return IntakeReplays(m_database, m_events);
}

AgentTeams SupervisionServices::agentTeams(const QString &actor, Clock clock) const
{
    return AgentTeams(m_database, m_events, actor, std::move(clock));
}

PhoneIntervalImport SupervisionServices::phoneImport(const QString &actor, Clock clock) const
{
    return PhoneIntervalImport(m_database, m_events, actor, std::move(clock));
}

MonthlyReports SupervisionServices::monthlyReports() const
{
    return MonthlyReports(m_database);
}

Status SupervisionServices::recordExport(const QString &actor, const QDateTime &at,
                                         const exportrecord::Record &record) const
{
    return exportaudit::record(m_database, m_events, actor, at, record);
}

SupervisionExport SupervisionServices::exports() const
{
    return SupervisionExport(m_database);
}

QStringList SupervisionServices::teams() const
{
    return AgentTeams::teams(m_database.connectionName());
}

QMap<QString, QString> SupervisionServices::teamMemberships() const
{
    return AgentTeams::memberships(m_database.connectionName());
}

Result<PhoneFigures> SupervisionServices::phoneFigures(const KpiPeriod &period) const
{
    return PhoneFigures::of(m_database.connectionName(), period);
}

Result<QList<audittrail::Entry>> SupervisionServices::auditTrail(const QDateTime &from,
                                                                 const QDateTime &to, int limit,
                                                                 int *total) const
{
    return audittrail::read(m_database.connectionName(), from, to, limit, total);
}

QList<SampleCandidate> SupervisionServices::endedContacts(const QDateTime &from,
                                                          const QDateTime &to) const
{
    return reviewsampling::endedContacts(m_database, from, to);
}

} // namespace civicdesk
