#pragma once

#include "models/domain/permissions/agentrole.h"
#include "models/domain/result.h"
#include "models/supervision/kpi/kpireport.h"

#include <QDateTime>
#include <QStringList>

class QIODevice;

namespace civicdesk {

class Database;

// The supervisor's CSV exports (RFC 4180, UTF-8, CRLF; see CsvWriter), one row per contact or
// per request of a KPI filter (period in the city's days, agent, channel), with times in the
// city's time zone as ISO 8601 with their UTC offset. The columns are documented in the README
// ("Exports"); their names are stable, new columns are added at the end.
//
// Personal data: the caller's name, phone and email are written only when a supervisor or an
// admin asks for them, and never for a request of a type whose details must not be collected
// (contact rule "never") or a contact that made or joined one. Other roles export their own
// contacts and requests only, without any caller data.
//
// Evaluations: the quality review's rows are the third export (EvaluationExport), through
// CsvWriter with its own column list, under the same rules.
class SupervisionExport
{
public:
    enum class ExportKind
    {
        Contacts,
        Requests,
        Evaluations, // one row per evaluation (EvaluationExport)
        LobbyVisits  // one row per lobby visit (LobbyFigures::csvColumns)
    };
    // Rows one export writes at most; a longer period is refused with a clear message.
    static constexpr int MaxRows = 100000;

    explicit SupervisionExport(const Database &database);

    static QStringList contactColumns();
    static QStringList requestColumns();
    // Supervisors and admins may ask for the caller's details; no other role.
    static bool mayExportCallerDetails(AgentRole role);

    // Writes the header and one line per contact that started in the period (oldest first);
    // the number of rows written.
    Result<int> writeContacts(QIODevice &out, const KpiFilter &filter, AgentRole role,
                              const QString &agent, bool callerDetails) const;
    // One line per request opened in the period (oldest first); `now` decides the SLA state of
    // open requests.
    Result<int> writeRequests(QIODevice &out, const KpiFilter &filter, AgentRole role,
                              const QString &agent, bool callerDetails, const QDateTime &now) const;

    // One line per lobby visit (ticket issued in the period, oldest first), never with the
    // visitor's name; roles that do not review agents export the visits they called only.
    Result<int> writeLobbyVisits(QIODevice &out, const KpiFilter &filter, AgentRole role,
                                 const QString &agent) const;

private:
    const Database &m_database;
    QString m_connection;
};

} // namespace civicdesk
