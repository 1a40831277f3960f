#include "ui/supervisor/monthlyreportpdf.h"

#include "models/itemmodels/requesttexts.h"
#include "ui/supervisor/kpitexts.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QGraphicsScene>
#include <QHorizontalBarSeries>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <cmath>

namespace civicdesk {

namespace {

constexpr int Dpi = 300;

QString count(qint64 n)
{
    return QLocale().toString(n);
}

// Draws on the PDF page by page, top to bottom, at 300 dpi.
class Page
{
public:
    Page(QPdfWriter &writer, QPainter &painter) : m_writer(writer), m_painter(painter) {}

    int width() const { return m_painter.viewport().width(); }
    int y = 0;

    void newPage()
    {
        m_writer.newPage();
        y = 0;
    }

    void text(const QString &text, double points, bool bold = false, int indent = 0)
    {
        QFont font(QStringLiteral("DejaVu Sans"));
        font.setPointSizeF(points);
        font.setBold(bold);
        m_painter.setFont(font);
        const QRect box(indent, y, width() - indent, 4000);
        const QRect used = m_painter.boundingRect(box, Qt::TextWordWrap, text);
        m_painter.drawText(box, Qt::TextWordWrap, text);
        y += used.height() + Dpi / 20;
    }

    // Rows of cells in columns of the given widths (fractions of the page width).
    void table(const QList<QStringList> &rows, const QList<double> &widths)
    {
        QFont font(QStringLiteral("DejaVu Sans"));
        font.setPointSizeF(9);
        for (int r = 0; r < rows.size(); ++r) {
            font.setBold(r == 0);
            m_painter.setFont(font);
            const int height = m_painter.fontMetrics().height() + Dpi / 30;
            int x = 0;
            for (int c = 0; c < rows.at(r).size() && c < widths.size(); ++c) {
                const int w = int(widths.at(c) * width());
                m_painter.drawText(QRect(x, y, w - Dpi / 20, height),
                                   (c == 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter,
                                   m_painter.fontMetrics().elidedText(
                                       rows.at(r).at(c), Qt::ElideRight, w - Dpi / 20));
                x += w;
            }
            y += height;
            if (r == 0)
                m_painter.drawLine(0, y, width(), y);
        }
        y += Dpi / 10;
    }

    // A chart in a box `height` tall (in inches) across the page.
    void chart(QChart *chart, double inches)
    {
        QGraphicsScene scene;
        scene.addItem(chart); // the scene owns it from here
        const QRectF target(0, y, width(), inches * Dpi);
        // Laid out at a screen's scale, then scaled to the page.
        const QSizeF size(1000, 1000 * target.height() / target.width());
        chart->resize(size);
        chart->setBackgroundVisible(false);
        scene.setSceneRect(QRectF(QPointF(0, 0), size));
        scene.render(&m_painter, target, scene.sceneRect());
        y += int(target.height()) + Dpi / 10;
    }

private:
    QPdfWriter &m_writer;
    QPainter &m_painter;
};

// Whole-number ticks at a step of 1, 2 or 5 times a power of ten, from 0 to above `most`
// (with `room` to spare for the labels at the bars' ends).
void niceAxis(QValueAxis *axis, double most, double room)
{
    const double wanted = qMax(1.0, most * room);
    double step = 1;
    while (wanted / step > 6) {
        if (wanted / (step * 2) <= 6) {
            step *= 2;
            break;
        }
        if (wanted / (step * 5) <= 6) {
            step *= 5;
            break;
        }
        step *= 10;
    }
    const double top = std::ceil(wanted / step) * step;
    axis->setRange(0, top);
    axis->setTickCount(int(std::lround(top / step)) + 1);
    axis->setLabelFormat(QStringLiteral("%d"));
}

QChart *rankedChart(const QString &title, const QList<MonthlyReportData::Ranked> &ranked,
                    const QString &setName)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->hide();
    auto *set = new QBarSet(setName);
    QStringList names;
    // Horizontal bars grow upwards: the first of the ranking goes last.
    for (qsizetype i = ranked.size() - 1; i >= 0; --i) {
        *set << double(ranked.at(i).count);
        names.append(ranked.at(i).name.size() > 48 ? ranked.at(i).name.left(47) + u'…'
                                                   : ranked.at(i).name);
    }
    set->setColor(QColor(0x1f, 0x5f, 0x9f));
    set->setLabelColor(Qt::black);
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    chart->addSeries(series);
    auto *names_ = new QBarCategoryAxis;
    names_->append(names);
    chart->addAxis(names_, Qt::AlignLeft);
    series->attachAxis(names_);
    auto *values = new QValueAxis;
    qint64 most = 1;
    for (const auto &r : ranked)
        most = qMax(most, r.count);
    niceAxis(values, double(most), 1.15);
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(values);
    return chart;
}

// Page 4: the quality review's index and how far the reviewers agreed.
void qualityPage(Page &page, const MonthlyReportData::Quality &q)
{
    page.newPage();
    page.text(MonthlyReportPdf::tr("Quality review"), 14, true);
    if (q.evaluations == 0) {
        page.text(MonthlyReportPdf::tr("No evaluation was submitted this month."), 10);
        return;
    }
    const auto alpha = [](const std::optional<double> &a) {
        return a ? QLocale().toString(*a, 'f', 2) : MonthlyReportPdf::tr("n/a");
    };
    const auto percent = [](const std::optional<double> &p) {
        return p ? kpitexts::percent(*p / 100.0) : MonthlyReportPdf::tr("n/a");
    };
    const revieweragreement::Report &a = q.agreement;
    page.table(
        {{MonthlyReportPdf::tr("Figure"), MonthlyReportPdf::tr("Value")},
         {MonthlyReportPdf::tr("QA index (mean score of the month's evaluations)"),
          q.index ? QLocale().toString(*q.index, 'f', 1) : MonthlyReportPdf::tr("n/a")},
         {MonthlyReportPdf::tr("Evaluations"), count(q.evaluations)},
         {MonthlyReportPdf::tr("Reviewers"), count(q.reviewers)},
         {MonthlyReportPdf::tr("Failed on a critical item"), count(q.criticalFailed)},
         {MonthlyReportPdf::tr("Disputed by the agent"), count(q.disputed)},
         {MonthlyReportPdf::tr("Contacts scored by two reviewers or more"), count(a.contacts)},
         {MonthlyReportPdf::tr("Reviewer agreement on the score (Krippendorff's alpha)"),
          alpha(a.scoreAlpha)},
         {MonthlyReportPdf::tr("Reviewer pairs within 5 points"), percent(a.scorePercentWithin5)}},
        {0.7, 0.3});
    if (!a.questions.isEmpty()) {
        page.text(MonthlyReportPdf::tr("Agreement per question: %1").arg(q.formTitle), 11, true);
        QList<QStringList> rows = {{MonthlyReportPdf::tr("Question"),
                                    MonthlyReportPdf::tr("Contacts"), MonthlyReportPdf::tr("Alpha"),
                                    MonthlyReportPdf::tr("Agreement")}};
        for (const revieweragreement::QuestionAgreement &question : a.questions)
            rows.append({question.text, count(question.contacts), alpha(question.alpha),
                         percent(question.percent)});
        page.table(rows, {0.58, 0.14, 0.14, 0.14});
    }
    page.text(MonthlyReportPdf::tr(
                  "QA index: the mean of the month's evaluation scores (0 to 100; an evaluation "
                  "failed on a critical item scores 0; a decided dispute counts with its final "
                  "score). Agreement: Krippendorff's alpha over the contacts that several "
                  "reviewers scored independently (1 is perfect agreement, 0 no better than "
                  "chance; interval metric for the score and scale questions, nominal for yes/no "
                  "questions), with the share of reviewer pairs that agree beside it."),
              8);
}

} // namespace

Status MonthlyReportPdf::write(const MonthlyReportData &d, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("report.open"),
                         tr("%1 cannot be written: %2").arg(path, file.errorString()));
    const QString monthName =
        QLocale().standaloneMonthName(d.month.month()) + u' ' + QString::number(d.month.year());
    {
        QPdfWriter writer(&file);
        writer.setResolution(Dpi);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setTitle(tr("311 monthly report, %1").arg(monthName));
        writer.setCreator(QStringLiteral("CivicDesk"));
        QPainter painter;
        if (!painter.begin(&writer))
            return makeError(QStringLiteral("report.pdf"), tr("The PDF could not be started."));
        Page page(writer, painter);
        const KpiReport &k = d.kpis;

        // Page 1: headline figures and volumes.
        page.text(tr("311 monthly report: %1").arg(monthName), 20, true);
        page.text(
            d.cityName.isEmpty()
                ? tr("Made %1 (times in %2)")
                      .arg(QLocale().toString(d.madeAt.toTimeZone(d.zone), QLocale::ShortFormat),
                           QString::fromUtf8(d.zone.id()))
                : tr("%1 — made %2 (times in %3)")
                      .arg(d.cityName,
                           QLocale().toString(d.madeAt.toTimeZone(d.zone), QLocale::ShortFormat),
                           QString::fromUtf8(d.zone.id())),
            10);
        page.text(tr("The month in figures"), 14, true);
        page.table({{tr("Figure"), tr("Value")},
                    {tr("Contacts"), count(k.contacts)},
                    {tr("Average handle time (minutes:seconds)"),
                     kpitexts::duration(k.averageHandleSeconds())},
                    {tr("Information given"), kpitexts::percent(k.informationShare())},
                    {tr("Request created or joined"), kpitexts::percent(k.requestShare())},
                    {tr("Transfer rate"), kpitexts::percent(k.transferRate())},
                    {tr("First-contact resolution"), kpitexts::percent(k.fcrRate())},
                    {tr("Requests opened"), count(k.requestsOpened)},
                    {tr("SLA met (requests closed in the month)"),
                     tr("%1 of %2").arg(kpitexts::percent(k.slaMetRate()), count(k.slaClosed))},
                    {tr("Open at the end of the month"), count(k.open)},
                    {tr("Overdue at the end of the month"), count(k.overdue)},
                    {tr("Calls offered (phone system)"),
                     d.phone.isEmpty() ? tr("no interval report") : count(d.phone.total.offered)},
                    {tr("Service level (target %1)")
                         .arg(kpitexts::percent(PhoneFigures::TargetServiceLevel)),
                     kpitexts::serviceLevel(d.phone.total, d.phone.thresholdSeconds)},
                    {tr("Abandon rate"), kpitexts::percent(d.phone.total.abandonRate())},
                    {tr("Average speed of answer (minutes:seconds)"),
                     kpitexts::duration(d.phone.total.asaSeconds())}},
                   {0.7, 0.3});
        page.text(kpitexts::fcrDefinition(), 8);
        page.text(kpitexts::phoneDefinition(), 8);

        auto *volumes = new QChart;
        volumes->setTitle(tr("Contacts per day by channel"));
        auto *stacked = new QStackedBarSeries;
        static const QList<QColor> colours = {QColor(0x1f, 0x5f, 0x9f), QColor(0xe0, 0x8a, 0x1e),
                                              QColor(0x3a, 0x8f, 0x3a), QColor(0x9c, 0x2f, 0x6e),
                                              QColor(0x6b, 0x6b, 0x6b), QColor(0x2f, 0x9c, 0x9c)};
        for (int c = 0; c < d.channels.size(); ++c) {
            auto *set = new QBarSet(requesttexts::channel(d.channels.at(c)));
            for (const QList<qint64> &day : d.volumes)
                *set << double(day.at(c));
            set->setColor(colours.at(c % colours.size()));
            stacked->append(set);
        }
        volumes->addSeries(stacked);
        auto *days = new QBarCategoryAxis;
        for (int day = 1; day <= d.volumes.size(); ++day)
            days->append(QString::number(day));
        volumes->addAxis(days, Qt::AlignBottom);
        stacked->attachAxis(days);
        auto *perDay = new QValueAxis;
        qint64 busiest = 1;
        for (const QList<qint64> &day : d.volumes) {
            qint64 sum = 0;
            for (qint64 n : day)
                sum += n;
            busiest = qMax(busiest, sum);
        }
        niceAxis(perDay, double(busiest), 1.0);
        volumes->addAxis(perDay, Qt::AlignLeft);
        stacked->attachAxis(perDay);
        volumes->legend()->setAlignment(Qt::AlignBottom);
        page.chart(volumes, 3.6);

        // Page 2: what people asked.
        page.newPage();
        page.text(tr("What residents asked"), 14, true);
        if (d.topAnswers.isEmpty())
            page.text(tr("No knowledge article was opened during a contact this month."), 10);
        else
            page.chart(
                rankedChart(tr("Answers opened most during calls"), d.topAnswers, tr("Contacts")),
                4.2);
        if (d.topTypes.isEmpty())
            page.text(tr("No request was opened this month."), 10);
        else
            page.chart(rankedChart(tr("Request types asked for most"), d.topTypes, tr("Requests")),
                       4.2);

        // Page 3: SLA per department.
        page.newPage();
        page.text(tr("Service-request SLA by department"), 14, true);
        QList<QStringList> rows = {
            {tr("Department"), tr("Closed"), tr("On time"), tr("Met"), tr("Open"), tr("Overdue")}};
        QList<MonthlyReportData::Ranked> met;
        for (const auto &dep : d.departments) {
            rows.append({dep.name.isEmpty() ? tr("(no department)") : dep.name, count(dep.closed),
                         count(dep.met), kpitexts::percent(dep.metRate()), count(dep.open),
                         count(dep.overdue)});
            if (dep.metRate() && met.size() < MonthlyReports::TopCount)
                met.append({dep.name, qint64(std::lround(*dep.metRate() * 100.0))});
        }
        if (d.departments.isEmpty())
            page.text(tr("No request was closed or open this month."), 10);
        else
            page.table(rows, {0.45, 0.11, 0.11, 0.11, 0.11, 0.11});
        if (!met.isEmpty()) {
            QChart *chart =
                rankedChart(tr("SLA met, % of requests closed in the month"), met, tr("SLA met"));
            const auto axes = chart->axes(Qt::Horizontal);
            if (!axes.isEmpty())
                niceAxis(static_cast<QValueAxis *>(axes.first()), 100, 1.15);
            page.chart(chart, 3.6);
        }
        page.text(tr("SLA met: requests closed in the month on or before their due time, over "
                     "those closed in the month that had one. Open and overdue: at the end of "
                     "the month, or now for the running month."),
                  8);
        qualityPage(page, d.quality);
        painter.end();
    }
    if (!file.commit())
        return makeError(QStringLiteral("report.write"),
                         tr("%1 cannot be written: %2").arg(path, file.errorString()));
    return Ok{};
}

} // namespace civicdesk
