#pragma once

#include "models/domain/result.h"
#include "models/quality/qualityreviews.h"
#include "models/quality/revieweragreement.h"
#include "models/supervision/kpi/kpireport.h"
#include "models/supervision/phone/phonefigures.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

namespace civicdesk {

class Database;

// What a 311 director shows the council for one month (the city's local days), from the
// store: the month's KPIs, the phone system's service level, contacts per day and channel, the most
// opened answers, the request types most asked for, and the service-request SLA per department.
struct MonthlyReportData
{
    QDate month; // its first day
    QTimeZone zone;
    QString cityName;
    KpiReport kpis;               // the month's figures (all agents, all channels)
    PhoneFigures phone;           // the phone system's interval reports of the month
    QStringList channels;         // of volumes, most contacts first
    QList<QList<qint64>> volumes; // [day of month - 1][channel index]
    struct Ranked
    {
        QString name;
        qint64 count = 0;
    };
    QList<Ranked> topAnswers; // articles opened during the month's contacts, most first
    QList<Ranked> topTypes;   // request types opened in the month, most first
    struct DepartmentSla
    {
        QString code;
        QString name;
        qint64 closed = 0;  // closed in the month with a due time
        qint64 met = 0;     // ... on or before it
        qint64 open = 0;    // open at the month's end (or now, if sooner)
        qint64 overdue = 0; // ... of them past due then
        std::optional<double> metRate() const;
    };
    QList<DepartmentSla> departments; // most requests first
    // The quality review of the month: evaluations submitted in it, their mean score (after
    // decided disputes), and the agreement of the reviewers on the form used most.
    struct Quality
    {
        int evaluations = 0;
        int reviewers = 0;
        int criticalFailed = 0;
        int disputed = 0;                           // disputed by the agent (decided or not)
        std::optional<double> index = std::nullopt; // mean final score, 0 to 100
        QString formTitle = QString();
        revieweragreement::Report agreement = {};
    };
    Quality quality;
    QDateTime madeAt;
};

// Gathers a month's report from the store.
class MonthlyReports
{
public:
    static constexpr int TopCount = 10;

    explicit MonthlyReports(const Database &database);

    // `month`: any day of it; `now`: when the report is made (the SLA of a month not yet over
    // is the state now).
    // `evaluations`: the store's evaluations (QualityReviews::evaluations()); those submitted
    // in the month make the QA index.
    Result<MonthlyReportData> gather(QDate month, const QTimeZone &zone, const QDateTime &now,
                                     const QList<Evaluation> &evaluations = {}) const;
    static MonthlyReportData::Quality qualityOf(const QList<Evaluation> &evaluations,
                                                const KpiPeriod &period);

private:
    const Database &m_database;
    QString m_connection;
};

} // namespace civicdesk
