#pragma once

#include "models/domain/supervision/phoneinterval.h"
#include "models/supervision/kpi/kpiperiod.h"

#include <QMap>
#include <optional>

namespace civicdesk {

// Sums of the phone system's intervals (see PhoneInterval).
struct PhoneCounts
{
    qint64 intervals = 0;
    qint64 offered = 0;
    qint64 answered = 0;
    qint64 abandoned = 0;
    qint64 answeredWithin = 0;
    double waitSeconds = 0; // the answered calls' waits: each interval's ASA times its answered

    void add(const PhoneInterval &interval);
    // Service level: answered within the threshold over offered (abandoned calls count against
    // it, as "80 % in 30 s" is read by the 311 centres that publish it).
    std::optional<double> serviceLevel() const;
    std::optional<double> abandonRate() const; // abandoned over offered
    std::optional<double> answerRate() const;  // answered over offered
    std::optional<double> asaSeconds() const;  // mean wait of the answered calls
};

// The phone system's figures of a period (the city's local days), all queues and per queue,
// from the latest interval report of each day and queue (phone.intervals_reported events).
struct PhoneFigures
{
    // The 311 norm the figures are judged against: 80 % of calls answered within 30 s.
    static constexpr double TargetServiceLevel = 0.8;
    static constexpr int MixedThreshold = -1;

    PhoneCounts total;
    QMap<QString, PhoneCounts> byQueue;
    int thresholdSeconds = 0; // of every interval counted; MixedThreshold when they differ

    bool isEmpty() const { return total.intervals == 0; }

    static Result<PhoneFigures> of(const QString &connection, const KpiPeriod &period);
    // The intervals of one day and queue as the store holds them now (the latest report).
    static QList<PhoneInterval> day(const QString &connection, QDate date, const QString &queue);
};

} // namespace civicdesk
