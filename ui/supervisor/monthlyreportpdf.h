#pragma once

#include "models/domain/result.h"
#include "models/supervision/reports/monthlyreport.h"

#include <QCoreApplication>

namespace civicdesk {

// The monthly report as a PDF (QPdfWriter, A4) with Qt Charts: the month's headline figures
// and contacts per day by channel; the answers opened most and the request types asked for
// most; the service-request SLA per department. Text stays text, so the PDF can be searched
// and read aloud.
class MonthlyReportPdf
{
    Q_DECLARE_TR_FUNCTIONS(MonthlyReportPdf)

public:
    static constexpr int PageCount = 3;

    // Writes the whole file or nothing.
    static Status write(const MonthlyReportData &data, const QString &path);
};

} // namespace civicdesk
