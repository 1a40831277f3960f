#pragma once

#include "models/domain/permissions/agentrole.h"
#include "models/domain/result.h"
#include "models/quality/qualityreviews.h"
#include "models/supervision/kpi/kpireport.h"

#include <QList>
#include <QMap>
#include <QStringList>

class QIODevice;

namespace civicdesk {

// The quality review's CSV export (the third kind beside contacts and requests; RFC 4180 through
// CsvWriter): one row per evaluation submitted in the filter's period (city days), oldest first,
// of the filter's agent and team. Times are the city's, ISO 8601 with their offset. The columns
// are documented in the README ("Exports"). Supervisors and admins export every evaluation;
// any other role only the evaluations of their own contacts. No caller data is ever written.
class EvaluationExport
{
public:
    static QStringList columns();

    // `evaluations` as QualityReviews lists them; `teamOf`: each agent's team now
    // (AgentTeams::memberships). The number of rows written.
    static Result<int> write(QIODevice &out, const QList<Evaluation> &evaluations,
                             const KpiFilter &filter, AgentRole role, const QString &agent,
                             const QMap<QString, QString> &teamOf);
};

} // namespace civicdesk
