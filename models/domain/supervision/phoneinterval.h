#pragma once

#include "models/domain/result.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace civicdesk {

// One interval of the phone system's interval report, for one queue: what the phone system
// counted between `start` and `start + minutes`. CivicDesk does not see calls ring or wait; the
// phone system does, so its figures come in through the interval report (CSV import, see
// PhoneIntervalImport) until a telephony adapter feeds them.
struct PhoneInterval
{
    static constexpr int MaxCount = 100000; // calls in one interval of one queue
    static constexpr int MaxThresholdSeconds = 600;
    static constexpr double MaxAsaSeconds = 86400;

    QString queue;
    qint64 start = 0; // UTC seconds
    int minutes = 0;  // one of allowedMinutes()
    qint64 offered = 0;
    qint64 answered = 0;
    qint64 abandoned = 0;
    qint64 answeredWithin = 0; // answered within thresholdSeconds
    int thresholdSeconds = 0;
    double asaSeconds = 0; // average speed of answer: mean wait of the answered calls

    static QList<int> allowedMinutes();
    // What is wrong with the figures (empty: nothing), in words that name the column.
    QString problem() const;

    QJsonObject toJson() const;
    static PhoneInterval fromJson(const QJsonObject &object, const QString &queue);
};

// The intervals of one queue on one local day of the city, as one event (entity type
// "phone_day", entity id dayId(date, queue), synced to every workstation):
//
//   phone.intervals_reported  by a supervisor or admin  {"date" (ISO), "queue", "intervals":
//                             [{"start" (UTC seconds), "minutes", "offered", "answered",
//                             "abandoned", "answered_within", "threshold_seconds",
//                             "asa_seconds"}, ...]}
//
// A later report of the same day and queue replaces the earlier one (a corrected export).
namespace phoneday {
constexpr int MaxIntervals = 24 * 60 / 5;
constexpr int MaxQueueLength = 60;
QString entityType();
QString kind();
// "2026-12-07|general": sorts by day, so a range of days is a range of ids.
QString dayId(QDate date, const QString &queue);
QJsonObject payload(QDate date, const QString &queue, const QList<PhoneInterval> &intervals);
QList<PhoneInterval> intervals(const QJsonObject &payload);
// The payload's problem, naming the field; the workstation and the central store run it.
Status check(const QString &entityId, const QJsonObject &payload);
} // namespace phoneday

} // namespace civicdesk
