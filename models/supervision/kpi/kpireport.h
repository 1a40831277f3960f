#pragma once

#include "models/supervision/kpi/kpiperiod.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <array>
#include <limits>
#include <optional>

namespace civicdesk {

// An agent's time in a team: from `from` (UTC seconds, included) until `until` (excluded).
struct TeamSpan
{
    QString agent;
    qint64 from = 0;
    qint64 until = std::numeric_limits<qint64>::max();

    bool holds(const QString &who, qint64 at) const
    {
        return who == agent && at >= from && at < until;
    }
    bool operator==(const TeamSpan &other) const = default;
};

// What the KPIs are computed over: a period in the city's time zone, optionally one agent,
// one team, one channel and one queue (department, type) ("" = all), and the look-ahead for
// requests about to breach their SLA.
struct KpiFilter
{
    KpiPeriod period;
    QString agent;
    QString channel;
    int dueSoonHours = 4;
    static constexpr int MaxDueSoonHours = 24 * 14;
    // A team ("" = all): who was in it when (AgentTeams::history). A contact counts for the
    // team its agent was in when it started, a request for the team its creator was in when
    // it opened; the KPIs fill teamSpans in themselves.
    QString team = QString();
    QList<TeamSpan> teamSpans = QList<TeamSpan>();
    // The queue: requests of one department ("-" = none) and of one type (its service code, or
    // its name when it has none); "" = all. Contacts have neither and are not filtered by them.
    QString department = QString();
    QString serviceCode = QString();
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

// The city's imported request history a store holds: the central store holds what the city
// imported; a workstation what its first sync loaded from the central store (none when it
// started from an empty store), so the central store's figures count the history the
// workstation's do not hold. `first` and `last` are the local days the oldest and the newest of
// them opened (invalid when none); `open` of them are open now.
struct KpiHistory
{
    qint64 requests = 0;
    qint64 open = 0;
    QDate first;
    QDate last;
    bool operator==(const KpiHistory &other) const = default;
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
    // Of requestsOpened, slaClosed and slaMet: the part from the city's imported history (the
    // requests the city's import wrote, not events), which a workstation holds only as far as
    // its first sync loaded it (KpiHistory says how far).
    qint64 importedOpened = 0;
    qint64 importedSlaClosed = 0;
    qint64 importedSlaMet = 0;
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
        Age,             // open, in age bucket `bucket`
        RepeatLocation,  // opened in the period at an address with 2+ such (key: its key, "" = all)
        Article,         // contacts in which article `key` was opened
        ArticleClosed,   // ... and that ended with information given
        Unanswered       // contacts in which the search `key` found no answer
    };
    Metric metric = Metric::Contacts;
    QString key = QString();
    int hour = -1;
    QString serviceCode = QString();
    QString department = QString();
    int bucket = -1;

    bool isContactMetric() const
    {
        return metric <= Metric::FcrRepeated || metric == Metric::Article ||
               metric == Metric::ArticleClosed || metric == Metric::Unanswered;
    }
};

// An address at which two or more requests of the filter were opened in the period (the same
// address: its text with letter case and surrounding spaces ignored; requests without an
// address are not counted).
struct RepeatLocation
{
    QString key;     // the address as compared (lower case, trimmed): KpiCell::key
    QString address; // as written on the latest request
    qint64 requests = 0;
    qint64 open = 0;          // of them not closed now
    QList<KpiCount> types;    // key: type name; most requests first
    qint64 firstOpenedAt = 0; // UTC seconds
    qint64 lastOpenedAt = 0;
};

struct RepeatLocationReport
{
    qint64 locations = 0;       // addresses with two or more requests
    qint64 requests = 0;        // requests at them
    QList<RepeatLocation> rows; // most requests first, at most the limit asked
};

// What callers asked: the answers (knowledge articles) opened during the period's contacts and
// how many of those contacts ended with information given (the answer closed the call), and
// the searches that found no answer.
struct AnswerRow
{
    QString articleId;
    QString title;
    qint64 contacts = 0; // contacts of the filter in which it was opened
    qint64 closed = 0;   // ... that ended with information given
};

struct UnansweredRow
{
    QString query; // as searched, lower case
    qint64 contacts = 0;
};

struct AnswerReport
{
    qint64 informationContacts = 0;  // ended with information given
    qint64 withAnswer = 0;           // ... with at least one answer opened
    QList<AnswerRow> answers;        // most calls closed first, then most opened
    QList<UnansweredRow> unanswered; // most contacts first
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
    QString serviceCode; // its name in the window's language: ServiceNames
};

} // namespace civicdesk
