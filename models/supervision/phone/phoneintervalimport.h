#pragma once

#include "models/domain/clock.h"
#include "models/domain/supervision/phoneinterval.h"

#include <QStringList>
#include <QTimeZone>

class QIODevice;

namespace civicdesk {

class Database;
class EventStore;

// What one import stored.
struct PhoneImportSummary
{
    int intervals = 0; // rows read
    int reports = 0;   // days x queues written (phone.intervals_reported events)
    QStringList queues;
};

// Imports the phone system's interval report: a CSV file (UTF-8, comma-separated, a header
// line naming the columns in any order; more columns are ignored) with one row per interval
// and queue. The columns are documented in the README ("Phone system figures"):
//
//   interval_start     the interval's start: ISO 8601 date and time, in the city's time zone
//                      unless it carries an offset (2026-12-07T08:00, 2026-12-07 08:00,
//                      2026-12-07T13:00:00Z)
//   interval_minutes   5, 10, 15, 30 or 60
//   queue              the queue's name (1-60 characters)
//   offered, answered, abandoned, answered_within   whole numbers; answered + abandoned <=
//                      offered, answered_within <= answered
//   threshold_seconds  the service-level threshold answered_within was counted against
//   asa_seconds        average speed of answer: seconds (12.5) or m:ss / h:mm:ss
//
// Every row is checked before anything is written; any problem refuses the whole file with
// each problem and its line. A row for an interval already imported replaces it (a corrected
// report); the other intervals of that day and queue stay.
class PhoneIntervalImport
{
public:
    static constexpr int MaxProblems = 20;
    static constexpr int MaxRows = 50000;

    PhoneIntervalImport(Database &database, EventStore &events, QString actor, Clock clock = {});

    static QStringList columns();
    // Reads and checks every row; the intervals, or every problem ("Line N: ...", at most
    // MaxProblems) joined by line breaks.
    static Result<QList<PhoneInterval>> read(QIODevice &in, const QTimeZone &zone);

    Result<PhoneImportSummary> import(QIODevice &in, const QTimeZone &zone);

private:
    Database &m_database;
    EventStore &m_events;
    QString m_actor;
    Clock m_clock;
};

} // namespace civicdesk
