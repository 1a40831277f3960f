#pragma once

#include "models/domain/result.h"
#include "models/supervision/kpi/kpiperiod.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <array>
#include <optional>

class QIODevice;

namespace civicdesk {

class Database;

// One visit to the lobby: a ticket issued in the period, as the lobby_tickets and lobby_calls
// projections hold it. Times in UTC milliseconds (0: none).
struct LobbyVisit
{
    QString ticketId = QString();
    QString number = QString();
    QString day = QString();
    QString category = QString(); // the category now (after a transfer, the one it went to)
    QString categoryName = QString();
    QString language = QString();
    QString accessibility = QString();
    QString state = QString(); // waiting, called, parked, served, no_show
    qint64 issuedAt = 0;
    qint64 firstCalledAt = 0; // the first call of the ticket (any round)
    QString firstCounter = QString();
    qint64 calledAt = 0;         // the call of the round it is in now (the one that served it)
    QString counter = QString(); // where it is being served, parked, served or marked a no-show
    QString agent = QString();   // who called it last
    int calls = 0;               // rounds called (a transfer or a return starts a new round)
    int recalls = 0;
    qint64 endedAt = 0;
    QString outcome = QString();
    QString contactId = QString();
    QStringList requestIds = QStringList();

    bool served() const { return state == u"served"; }
    bool noShow() const { return state == u"no_show"; }
    // Arrival to the first call, in seconds; nothing before a call.
    std::optional<qint64> waitSeconds() const;
    // The last call to the end of a served visit, in seconds; nothing for any other visit.
    std::optional<qint64> serviceSeconds() const;
};

// A list of durations summed up: how many, their average, and their 90th percentile by the
// nearest rank (the smallest duration that at least 90% of them do not exceed: the
// ceil(0.9 n)-th of them in ascending order).
struct LobbyTimes
{
    qint64 count = 0;
    std::optional<double> average;
    std::optional<qint64> p90;

    static LobbyTimes of(QList<qint64> seconds);
};

// The visits of one category or one counter.
struct LobbyGroup
{
    QString key = QString();  // category code, or counter
    QString name = QString(); // category name as shown (the code when it has none), or counter
    qint64 visitors = 0;
    qint64 served = 0;
    qint64 noShows = 0;
    LobbyTimes wait;
    LobbyTimes service;
};

// The lobby's figures over a period in the city's time zone.
struct LobbyFiguresReport
{
    qint64 visitors = 0; // tickets issued in the period
    qint64 called = 0;   // of them, called at least once
    qint64 served = 0;
    qint64 noShows = 0;
    qint64 unserved = 0; // still waiting, being served or parked
    LobbyTimes wait;
    LobbyTimes service;
    std::array<qint64, 24> byHour{}; // arrivals by the city's local hour
    qint64 openHours = 0;            // clock hours (of a local day) in which someone arrived
    QList<LobbyGroup> byCategory;    // by name
    QList<LobbyGroup> byCounter;     // by counter

    // Visitors per hour in which the lobby had arrivals; nothing without any.
    std::optional<double> visitorsPerHour() const;
};

// Which visits a figure counts, for the list behind it.
struct LobbyCell
{
    enum class Metric
    {
        Visitors,
        Hour,
        Category,
        Counter,
        Served,
        NoShows,
        Called,
        Unfinished // still waiting, at a counter or parked
    };
    Metric metric = Metric::Visitors;
    QString key = QString(); // category or counter
    int hour = -1;
};

// The supervisor's lobby figures: visitors per hour, waits and service times (average and
// 90th percentile) per category and per counter, and no-shows, for the tickets issued in a
// period of the city's local days. Waits run from the arrival to the first call; service
// times from the call that ended the visit to its end, over served visits. A category is the
// ticket's category now; a counter has the visits it called last (served there, marked a
// no-show there, or being served or parked there). Optionally one agent's visits (the agent
// who called them last).
class LobbyFigures
{
public:
    // Visits an export or a list holds at most.
    static constexpr int MaxVisits = 100000;

    explicit LobbyFigures(const Database &database);

    // The visits of the period, in arrival order.
    Result<QList<LobbyVisit>> visits(const KpiPeriod &period, const QString &agent = {}) const;
    Result<LobbyFiguresReport> report(const KpiPeriod &period, const QString &agent = {}) const;

    static LobbyFiguresReport summarize(const QList<LobbyVisit> &visits, const KpiPeriod &period);
    static QList<LobbyVisit> behind(const QList<LobbyVisit> &visits, const LobbyCell &cell,
                                    const KpiPeriod &period);
    // The city's local hour (0-23) of a UTC time in milliseconds within the period.
    static int localHour(qint64 msecs, const KpiPeriod &period);

    // The CSV export: one line per visit, no visitor's name ever (see the README, "Exports").
    static QStringList csvColumns();
    Result<int> writeCsv(QIODevice &out, const KpiPeriod &period, const QString &agent) const;

private:
    QString m_connection;
};

} // namespace civicdesk
