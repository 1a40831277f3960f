#pragma once

#include "models/supervision/kpiperiod.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <array>
#include <optional>

namespace civicdesk {

// What the KPIs are computed over: a period in the city's time zone, optionally one agent,
// one team and one channel ("" = all), and the look-ahead for requests about to breach their SLA.
struct KpiFilter
{
    KpiPeriod period;
    QString agent;
    QString channel;
    int dueSoonHours = 4;
    static constexpr int MaxDueSoonHours = 24 * 14;
    // A team ("" = all): its members now (AgentTeams); the KPIs fill teamMembers in themselves.
    QString team = QString();
    QStringList teamMembers = QStringList();
};

// Days after which a repeat contact no longer counts against first-contact resolution.
constexpr int FcrRepeatDays = 7;
// Backlog age buckets, in whole days since the request opened: 0-2, 3-7, 8-30, more than 30.
constexpr std::array<int, 3> BacklogAgeLimits = {3, 8, 31};

struct KpiCount
{
    QString key; // channel or outcome code
    qint64 count = 0;
};

struct KpiRequestTypeRow
{
    QString serviceCode;
    QString typeName;
    QString department;
    qint64 count = 0;
};

struct KpiBacklogRow
{
    QString serviceCode;
    QString typeName;
    QString department;
    qint64 open = 0;
    qint64 overdue = 0;
    qint64 dueSoon = 0;
    std::array<qint64, 4> ages{}; // by BacklogAgeLimits
};

// The figures of one filter at one moment. Counts over contacts are contacts that started in
// the period; the SLA backlog (open, overdue, due soon, ages) is the state now.
struct KpiReport
{
    qint64 contacts = 0;
    qint64 ended = 0; // contacts with an outcome: the base of every share below
    qint64 handleSeconds = 0;
    qint64 transfers = 0;
    qint64 information = 0;
    qint64 requestContacts = 0; // a request created or the caller attached to one
    QList<KpiCount> byChannel;
    QList<KpiCount> byOutcome; // "" = still running
    std::array<qint64, 24> byHour{};
    qint64 fcrEligible = 0;
    qint64 fcrRepeated = 0;
    qint64 requestsOpened = 0;
    QList<KpiRequestTypeRow> requestsByType;
    qint64 slaClosed = 0; // closed in the period with a due time
    qint64 slaMet = 0;    // ... on or before it
    qint64 open = 0;
    qint64 overdue = 0;
    qint64 dueSoon = 0;
    QList<KpiBacklogRow> backlog;

    std::optional<double> averageHandleSeconds() const;
    std::optional<double> transferRate() const;
    std::optional<double> informationShare() const;
    std::optional<double> requestShare() const;
    std::optional<double> fcrRate() const;
    std::optional<double> slaMetRate() const;
};

// One number of a report, to list what is behind it.
struct KpiCell
{
    enum class Metric
    {
        Contacts,        // every contact of the period
        Channel,         // key: channel
        Outcome,         // key: outcome ("" = running)
        Hour,            // hour: local hour of the day
        Ended,           // with an outcome (average handle time)
        Transfers,       // warm or cold transfer
        Information,     // information given
        RequestContacts, // request created or attached
        FcrEligible,     // counted for first-contact resolution
        FcrRepeated,     // ... and the caller came back within FcrRepeatDays
        RequestsOpened,  // serviceCode / department: "" = all
        SlaClosed,       // closed in the period with a due time
        SlaMissed,       // ... after it
        Open,            // open now (serviceCode / department)
        Overdue,         // open and past due now
        DueSoon,         // open and due within dueSoonHours
        Age              // open, in age bucket `bucket`
    };
    Metric metric = Metric::Contacts;
    QString key = QString();
    int hour = -1;
    QString serviceCode = QString();
    QString department = QString();
    int bucket = -1;

    bool isContactMetric() const { return metric <= Metric::FcrRepeated; }
};

// A contact behind a number.
struct KpiContactLine
{
    QString id;
    qint64 startedAt = 0; // UTC seconds
    qint64 endedAt = 0;   // 0 while running
    QString channel;
    QString agent;
    QString outcome;
    QString transferDestination;
    QStringList requestIds; // made or joined during the contact
    QStringList requestNumbers;
};

// A request behind a number.
struct KpiRequestLine
{
    QString id;
    QString number;
    QString typeName;
    QString department;
    QString status;
    qint64 openedAt = 0;
    qint64 dueAt = 0; // 0 without an SLA
    qint64 closedAt = 0;
};

} // namespace civicdesk
