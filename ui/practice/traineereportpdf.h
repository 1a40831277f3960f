#pragma once

#include "models/domain/result.h"
#include "models/practice/traineereport.h"

namespace civicdesk {

// A trainee's practice report as a printable PDF (US Letter), marked TRAINING on every page:
// the summary, the scenarios with every try's score, the criteria with their progress, the
// scenarios not yet passed and every run. Times in `zone`.
Status writeTraineeReportPdf(const TraineeReport &report, const QTimeZone &zone,
                             const QString &path);

// "3 of 4 (75%)", or a dash when the criterion never applied: how the report shows a share.
QString metShare(int part, int whole);

// The same report as HTML (what the PDF prints).
QString traineeReportHtml(const TraineeReport &report, const QTimeZone &zone);

} // namespace civicdesk
