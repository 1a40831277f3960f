#include "ui/practice/traineereportpdf.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <cmath>

namespace civicdesk {

namespace {

class PdfText
{
    Q_DECLARE_TR_FUNCTIONS(TraineeReportPdf)
};

QString cell(const QString &text)
{
    return u"<td>" + text.toHtmlEscaped() + u"</td>";
}

QString headerRow(const QStringList &titles)
{
    QString row = QStringLiteral("<tr>");
    for (const QString &t : titles)
        row += u"<th align=\"left\">" + t.toHtmlEscaped() + u"</th>";
    return row + u"</tr>";
}

} // namespace

QString metShare(int part, int whole)
{
    return whole == 0 ? QStringLiteral("—")
                      : PdfText::tr("%1 of %2 (%3%)")
                            .arg(part)
                            .arg(whole)
                            .arg(int(std::lround(100.0 * part / whole)));
}

QString traineeReportHtml(const TraineeReport &report, const QTimeZone &zone)
{
    const QLocale locale;
    const auto when = [&](const QDateTime &t) {
        return locale.toString(t.toTimeZone(zone), QLocale::ShortFormat);
    };
    QString html = QStringLiteral("<html><body style=\"font-family: sans-serif;\">");
    html += u"<p style=\"color: #b34700; font-weight: bold;\">" +
            PdfText::tr("TRAINING — practice record, not live work").toHtmlEscaped() + u"</p>";
    html +=
        u"<h1>" + PdfText::tr("Practice report: %1").arg(report.trainee).toHtmlEscaped() + u"</h1>";
    html += u"<p>" +
            PdfText::tr("Practice calls: %1 · scenarios passed: %2 of %3 · average score: %4")
                .arg(report.runs.size())
                .arg(report.passedScenarios())
                .arg(report.scenarios.size())
                .arg(report.averageScore())
                .toHtmlEscaped() +
            u"</p>";

    html += u"<h2>" + PdfText::tr("Scenarios").toHtmlEscaped() + u"</h2><table cellpadding=\"3\">";
    html += headerRow({PdfText::tr("Scenario"), PdfText::tr("Tries"), PdfText::tr("Scores"),
                       PdfText::tr("Best"), PdfText::tr("Passed")});
    for (const ScenarioProgress &s : report.scenarios) {
        QStringList scores;
        for (int score : s.scores)
            scores.append(QString::number(score));
        html += u"<tr>" + cell(s.title) + cell(QString::number(s.scores.size())) +
                cell(scores.join(QStringLiteral(" → "))) +
                cell(s.scores.isEmpty() ? QString() : QString::number(s.best())) +
                cell(s.passed            ? PdfText::tr("yes")
                     : s.criticalFailure ? PdfText::tr("not yet (critical failure)")
                                         : PdfText::tr("not yet")) +
                u"</tr>";
    }
    html += QStringLiteral("</table>");

    html += u"<h2>" + PdfText::tr("Criteria").toHtmlEscaped() + u"</h2><table cellpadding=\"3\">";
    html += headerRow({PdfText::tr("Criterion"), PdfText::tr("Met, all calls"),
                       PdfText::tr("Met, last %1").arg(CriterionProgress::Recent)});
    for (const CriterionProgress &c : report.criteria)
        html += u"<tr>" + cell(c.title) + cell(metShare(c.met, c.applied)) +
                cell(metShare(c.recentMet, c.recentApplied)) + u"</tr>";
    html += QStringLiteral("</table>");

    html += u"<h2>" + PdfText::tr("Not passed yet").toHtmlEscaped() + u"</h2>";
    if (report.notYetPassed.isEmpty()) {
        html += u"<p>" + PdfText::tr("Every scenario is passed.").toHtmlEscaped() + u"</p>";
    } else {
        html += QStringLiteral("<ul>");
        for (const QString &title : report.notYetPassed)
            html += u"<li>" + title.toHtmlEscaped() + u"</li>";
        html += QStringLiteral("</ul>");
    }

    html += u"<h2>" + PdfText::tr("Every call").toHtmlEscaped() + u"</h2><table cellpadding=\"3\">";
    html +=
        headerRow({PdfText::tr("Ended"), PdfText::tr("Scenario"), PdfText::tr("Score"),
                   PdfText::tr("Result"), PdfText::tr("Time"), PdfText::tr("Critical failures")});
    for (const PracticeRun &run : report.runs)
        html += u"<tr>" + cell(when(run.finishedAt)) + cell(run.scenarioTitle) +
                cell(PdfText::tr("%1 (pass %2)").arg(run.score).arg(run.passMark)) +
                cell(run.passed() ? PdfText::tr("passed") : PdfText::tr("not passed")) +
                cell(PdfText::tr("%1:%2")
                         .arg(run.seconds / 60)
                         .arg(run.seconds % 60, 2, 10, QLatin1Char('0'))) +
                cell(run.critical.join(QStringLiteral(", "))) + u"</tr>";
    html += QStringLiteral("</table></body></html>");
    return html;
}

Status writeTraineeReportPdf(const TraineeReport &report, const QTimeZone &zone,
                             const QString &path)
{
    if (!QFileInfo(QFileInfo(path).absolutePath()).isWritable())
        return makeError(QStringLiteral("report.path"),
                         PdfText::tr("The report cannot be written to %1: choose a folder you "
                                     "may write to.")
                             .arg(path));
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::Letter));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setTitle(PdfText::tr("TRAINING — practice report: %1").arg(report.trainee));
    writer.setCreator(QStringLiteral("CivicDesk"));
    QTextDocument document;
    document.documentLayout()->setPaintDevice(&writer);
    document.setHtml(traineeReportHtml(report, zone));
    // Every page starts with the TRAINING line, so no page can pass for live work on its own.
    const QRect area = writer.pageLayout().paintRectPixels(writer.resolution());
    const int band = writer.resolution() / 3; // a third of an inch
    const QSizeF pageSize(area.width(), area.height() - band);
    document.setPageSize(pageSize);
    QPainter painter;
    if (!painter.begin(&writer))
        return makeError(QStringLiteral("report.write"),
                         PdfText::tr("The report could not be written to %1.").arg(path));
    QFont mark = painter.font();
    mark.setBold(true);
    const int pages = document.pageCount();
    for (int page = 0; page < pages; ++page) {
        if (page > 0)
            writer.newPage();
        painter.save();
        painter.setFont(mark);
        painter.setPen(QColor(0xb3, 0x47, 0x00));
        painter.drawText(QRectF(0, 0, pageSize.width(), band), Qt::AlignLeft | Qt::AlignTop,
                         PdfText::tr("TRAINING · %1 · page %2 of %3")
                             .arg(report.trainee)
                             .arg(page + 1)
                             .arg(pages));
        painter.restore();
        painter.save();
        painter.translate(0, band - page * pageSize.height());
        document.drawContents(&painter, QRectF(QPointF(0, page * pageSize.height()), pageSize));
        painter.restore();
    }
    painter.end();
    if (!QFileInfo(path).exists() || QFileInfo(path).size() == 0)
        return makeError(QStringLiteral("report.write"),
                         PdfText::tr("The report could not be written to %1.").arg(path));
    return Ok{};
}

} // namespace civicdesk
