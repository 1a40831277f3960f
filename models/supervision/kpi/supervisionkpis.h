#pragma once

#include "models/domain/result.h"
#include "models/supervision/kpi/kpireport.h"

#include <QDateTime>
#include <QStringList>

namespace civicdesk {

class Database;
class TodayFigures;
class BacklogFigures;

// The supervisor's figures, computed from the store's projections and event log (so on a
// workstation's own replica offline as on the central store, SQLite or PostgreSQL) by
// set-based SQL over indexed columns: nothing is loaded row by row to be counted.
//
// Definitions (also shown in the workspace):
//  - a contact belongs to the period when it started in it (the city's local days);
//  - average handle time: from start to end, over ended contacts;
//  - transfer rate, information share and request share: contacts ended with a warm or cold
//    transfer, with information given, with a request created or joined, over ended contacts;
//  - first-contact resolution: an ended contact with a known caller and a request type is
//    resolved at first contact unless the same caller made another contact about a request
//    of the same type within FcrRepeatDays after it; contacts without a caller or a type are
//    not counted. The caller and the type come from the requests made or joined during the
//    contact (request events written on the same workstation between its start and end);
//  - SLA met: requests closed in the period on or before their due time, over requests closed
//    in the period that had one; open, overdue (past due now), due soon (due within the next
//    dueSoonHours) and the backlog's age are the state now.
// Agent, team and channel filters apply to contacts (who took it, how it came in) and to
// requests (who created it, how it came in); a team is who was in it when (AgentTeams::history):
// a contact counts for its agent's team when it started, a request for its creator's team when
// it opened.
class SupervisionKpis
{
public:
    // Rows a drill-down lists at most.
    static constexpr int DrillLimit = 1000;

    explicit SupervisionKpis(const Database &database);

    // A filter the KPIs accept, or what is wrong with it.
    static Status check(const KpiFilter &filter);

    // With `today` (kept up to date by its owner) a report of today takes the contact
    // figures from its aggregates instead of counting them again; with `backlog` (idem) the
    // SLA backlog now comes from the open requests it keeps instead of a scan of the store.
    Result<KpiReport> report(const KpiFilter &filter, const QDateTime &now,
                             const TodayFigures *today = nullptr,
                             const BacklogFigures *backlog = nullptr) const;
    // What is behind one number of report(filter, now), oldest first.
    Result<QList<KpiContactLine>> contactsBehind(const KpiFilter &filter, const KpiCell &cell,
                                                 int limit = DrillLimit) const;
    Result<QList<KpiRequestLine>> requestsBehind(const KpiFilter &filter, const KpiCell &cell,
                                                 const QDateTime &now,
                                                 int limit = DrillLimit) const;
    // Addresses with repeat requests in the period (models/supervision/lists/repeatlocations.cpp):
    // the KpiCell RepeatLocation lists a row's requests.
    Result<RepeatLocationReport> repeatLocations(const KpiFilter &filter,
                                                 int limit = ListLimit) const;
    // The answers opened during the period's contacts and the searches that found none
    // (lists/answerfigures.cpp): KpiCell Article, ArticleClosed and Unanswered list the contacts.
    Result<AnswerReport> answers(const KpiFilter &filter, int limit = ListLimit) const;
    static constexpr int ListLimit = 200;

    // The city's imported request history this store holds (KpiHistory), with its days in
    // `zone`: what a workstation's figures can count of it, beside the central store's.
    Result<KpiHistory> history(const QTimeZone &zone) const;
    // One sentence saying what imported history the store holds, to show beside its figures.
    static QString historyNote(const KpiHistory &history);

    // Agents with contacts in the store, for the agent filter.
    QStringList agents() const;

private:
    // The filter with its team's history.
    KpiFilter withTeam(KpiFilter filter) const;

    QString m_connection;
};

} // namespace civicdesk
