#include "ui/supervisor/answerspanel.h"

#include "models/supervision/kpi/supervisionkpis.h"
#include "ui/supervisor/drilldowndialog.h"
#include "ui/supervisor/kpitexts.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace civicdesk {

namespace {

constexpr int ClosedColumn = 2;

void fillRow(QTableWidget *table, int row, const QStringList &texts)
{
    for (int column = 0; column < texts.size(); ++column) {
        auto *item = new QTableWidgetItem(texts.at(column));
        if (column > 0)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(row, column, item);
    }
}

} // namespace

AnswersPanel::AnswersPanel(const SupervisorContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_summary(new QLabel(this)),
      m_answers(new QTableWidget(this)), m_unanswered(new QTableWidget(this))
{
    setObjectName(QStringLiteral("answersPanel"));
    m_summary->setObjectName(QStringLiteral("answersSummaryLabel"));
    m_summary->setWordWrap(true);
    m_answers->setObjectName(QStringLiteral("answersTable"));
    m_answers->setAccessibleName(
        tr("Answers opened during contacts; Enter lists the contacts, on Calls closed only "
           "those it closed"));
    m_answers->setColumnCount(3);
    m_answers->setHorizontalHeaderLabels({tr("Answer"), tr("Opened in"), tr("Calls closed")});
    m_unanswered->setObjectName(QStringLiteral("unansweredSearchesTable"));
    m_unanswered->setAccessibleName(
        tr("Searches that found no answer; Enter lists the contacts they were made in"));
    m_unanswered->setColumnCount(2);
    m_unanswered->setHorizontalHeaderLabels({tr("Search"), tr("Contacts")});
    for (QTableWidget *table : {m_answers, m_unanswered}) {
        setUpRowList(table);
        table->setSelectionBehavior(QAbstractItemView::SelectItems); // a column chooses
        table->horizontalHeader()->setStretchLastSection(false);
        table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    }
    connect(m_answers, &QTableWidget::activated, this, [this](const QModelIndex &index) {
        if (index.row() < 0 || index.row() >= m_report.answers.size())
            return;
        const AnswerRow &answer = m_report.answers.at(index.row());
        const bool closed = index.column() == ClosedColumn;
        KpiCell cell{closed ? KpiCell::Metric::ArticleClosed : KpiCell::Metric::Article};
        cell.key = answer.articleId;
        emit drill(cell, closed ? tr("Calls closed with “%1”").arg(answer.title)
                                : tr("Contacts in which “%1” was opened").arg(answer.title));
    });
    connect(m_unanswered, &QTableWidget::activated, this, [this](const QModelIndex &index) {
        if (index.row() < 0 || index.row() >= m_report.unanswered.size())
            return;
        KpiCell cell{KpiCell::Metric::Unanswered};
        cell.key = m_report.unanswered.at(index.row()).query;
        emit drill(cell, tr("Contacts that searched “%1” without an answer").arg(cell.key));
    });
    auto *answersLabel = new QLabel(tr("Answers opened during contacts:"), this);
    answersLabel->setBuddy(m_answers);
    auto *gapsLabel = new QLabel(tr("Searches that found no answer:"), this);
    gapsLabel->setBuddy(m_unanswered);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(answersLabel);
    layout->addWidget(m_answers, 3);
    layout->addWidget(gapsLabel);
    layout->addWidget(m_unanswered, 2);
    setTabOrder(m_answers, m_unanswered);
    setFocusProxy(m_answers);
}

void AnswersPanel::refresh(const KpiFilter &filter)
{
    auto report = m_context.kpis.answers(filter);
    if (!report) {
        m_report = {};
        return showReport(report.error().message);
    }
    m_report = report.value();
    showReport({});
}

void AnswersPanel::showReport(const QString &error)
{
    const QLocale locale;
    const QPoint answerAt(m_answers->currentColumn(), m_answers->currentRow());
    const int gapAt = m_unanswered->currentRow();
    m_answers->setRowCount(int(m_report.answers.size()));
    for (int row = 0; row < m_report.answers.size(); ++row) {
        const AnswerRow &a = m_report.answers.at(row);
        fillRow(m_answers, row, {a.title, locale.toString(a.contacts), locale.toString(a.closed)});
    }
    m_unanswered->setRowCount(int(m_report.unanswered.size()));
    for (int row = 0; row < m_report.unanswered.size(); ++row) {
        const UnansweredRow &u = m_report.unanswered.at(row);
        fillRow(m_unanswered, row, {u.query, locale.toString(u.contacts)});
    }
    for (QTableWidget *table : {m_answers, m_unanswered}) {
        table->resizeColumnToContents(1);
        if (table->columnCount() > 2)
            table->resizeColumnToContents(2);
    }
    if (m_answers->rowCount() > 0)
        m_answers->setCurrentCell(qBound(0, answerAt.y(), m_answers->rowCount() - 1),
                                  qMax(0, answerAt.x()));
    if (m_unanswered->rowCount() > 0)
        m_unanswered->setCurrentCell(qBound(0, gapAt, m_unanswered->rowCount() - 1), 0);
    if (!error.isEmpty()) {
        m_summary->setText(error);
        return;
    }
    const std::optional<double> share =
        m_report.informationContacts > 0
            ? std::optional<double>(double(m_report.withAnswer) /
                                    double(m_report.informationContacts))
            : std::nullopt;
    m_summary->setText(
        tr("%n contact(s) ended with information given; %1 of them (%2) with an answer opened.",
           nullptr, int(m_report.informationContacts))
            .arg(locale.toString(m_report.withAnswer), kpitexts::percent(share)));
}

} // namespace civicdesk
