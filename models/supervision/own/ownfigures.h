#pragma once

#include "models/domain/permissions/agentrole.h"
#include "models/domain/result.h"
#include "models/supervision/kpi/kpireport.h"

#include <QDateTime>

namespace civicdesk {

class SupervisionKpis;

// Who may read which KPIs (issue 16, item 8): supervisors and admins any agent's, any team's and
// the whole centre's; everyone else only their own — the contacts they took and the requests
// they created — and nobody else's, not even as part of a team or the centre's total. An agent's
// "My figures" reads through this class, which fixes the filter's agent to the signed-in agent
// and refuses any other filter. (KPIs are counted on the workstation's replica; the central store
// serves no KPI.)
class OwnFigures
{
public:
    static bool mayRead(AgentRole role, const QString &viewer, const KpiFilter &filter);

    OwnFigures(const SupervisionKpis &kpis, AgentRole role, const QString &agent);

    // The agent's own figures over `period`.
    KpiFilter filter(const KpiPeriod &period, int dueSoonHours = 4) const;
    Result<KpiReport> report(const KpiFilter &filter, const QDateTime &now) const;
    Result<QList<KpiContactLine>> contactsBehind(const KpiFilter &filter,
                                                 const KpiCell &cell) const;
    Result<QList<KpiRequestLine>> requestsBehind(const KpiFilter &filter, const KpiCell &cell,
                                                 const QDateTime &now) const;

private:
    Status check(const KpiFilter &filter) const;

    const SupervisionKpis &m_kpis;
    AgentRole m_role;
    QString m_agent;
};

} // namespace civicdesk
