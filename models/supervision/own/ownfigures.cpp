#include "models/supervision/own/ownfigures.h"

#include "models/supervision/kpi/supervisionkpis.h"

#include <QCoreApplication>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(OwnFigures)
};

} // namespace

bool OwnFigures::mayRead(AgentRole role, const QString &viewer, const KpiFilter &filter)
{
    if (mayReviewAgents(role))
        return true;
    return !viewer.isEmpty() && filter.agent == viewer && filter.team.isEmpty();
}

OwnFigures::OwnFigures(const SupervisionKpis &kpis, AgentRole role, const QString &agent)
    : m_kpis(kpis), m_role(role), m_agent(agent)
{
}

KpiFilter OwnFigures::filter(const KpiPeriod &period, int dueSoonHours) const
{
    KpiFilter f;
    f.period = period;
    f.agent = m_agent;
    f.dueSoonHours = dueSoonHours;
    return f;
}

Status OwnFigures::check(const KpiFilter &filter) const
{
    if (!mayRead(m_role, m_agent, filter))
        return makeError(QStringLiteral("kpi.forbidden"),
                         Text::tr("Only supervisors and admins see other agents' figures; you "
                                  "see your own."));
    return Ok{};
}

Result<KpiReport> OwnFigures::report(const KpiFilter &filter, const QDateTime &now) const
{
    if (auto s = check(filter); !s)
        return s.error();
    return m_kpis.report(filter, now);
}

Result<QList<KpiContactLine>> OwnFigures::contactsBehind(const KpiFilter &filter,
                                                         const KpiCell &cell) const
{
    if (auto s = check(filter); !s)
        return s.error();
    return m_kpis.contactsBehind(filter, cell);
}

Result<QList<KpiRequestLine>>
OwnFigures::requestsBehind(const KpiFilter &filter, const KpiCell &cell, const QDateTime &now) const
{
    if (auto s = check(filter); !s)
        return s.error();
    return m_kpis.requestsBehind(filter, cell, now);
}

} // namespace civicdesk
