#include "ui/supervisor/myevaluationsdialog.h"

#include "models/quality/qualityreviews.h"
#include "models/workstation/supervisionservices.h"
#include "ui/supervisor/drilldowndialog.h"
#include "ui/supervisor/evaluationfollowupdialog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace civicdesk {

MyEvaluationsDialog::MyEvaluationsDialog(const SupervisionServices &services, const QString &agent,
                                         const QTimeZone &cityZone, Clock clock, QWidget *parent)
    : QDialog(parent), m_reviews(services.qualityReviews(agent, std::move(clock))), m_agent(agent),
      m_zone(cityZone), m_table(new QTableWidget(this)), m_note(new QLineEdit(this)),
      m_acknowledge(new QPushButton(tr("Ac&knowledge"), this)),
      m_dispute(new QPushButton(tr("&Dispute"), this)), m_details(new QLabel(this)),
      m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("myEvaluationsDialog"));
    setWindowTitle(tr("My quality reviews"));
    m_table->setObjectName(QStringLiteral("myEvaluationsTable"));
    m_table->setAccessibleName(tr("My evaluations"));
    setUpRowList(m_table);
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels({tr("Submitted"), tr("Reviewer"), tr("Score"), tr("State"),
                                        tr("Answer by"), tr("Comment")});
    m_note->setObjectName(QStringLiteral("evaluationResponseEdit"));
    m_note->setAccessibleName(tr("Note, or the reason for a dispute"));
    m_acknowledge->setObjectName(QStringLiteral("acknowledgeEvaluationButton"));
    m_acknowledge->setAccessibleName(tr("Acknowledge the selected evaluation"));
    m_acknowledge->setAutoDefault(false);
    m_dispute->setObjectName(QStringLiteral("disputeEvaluationButton"));
    m_dispute->setAccessibleName(tr("Dispute the selected evaluation"));
    m_dispute->setAutoDefault(false);
    // The selected evaluation in full: the decision on a dispute and the coaching notes too.
    m_details->setObjectName(QStringLiteral("myEvaluationDetailsLabel"));
    m_details->setTextFormat(Qt::RichText);
    m_details->setWordWrap(true);
    connect(m_table, &QTableWidget::currentCellChanged, this, &MyEvaluationsDialog::showDetails);
    m_message->setObjectName(QStringLiteral("myEvaluationsMessageLabel"));
    m_message->setWordWrap(true);
    auto *noteLabel = new QLabel(tr("&Note or reason:"), this);
    noteLabel->setBuddy(m_note);
    auto *actions = new QHBoxLayout;
    actions->addWidget(noteLabel);
    actions->addWidget(m_note, 1);
    actions->addWidget(m_acknowledge);
    actions->addWidget(m_dispute);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_details);
    layout->addLayout(actions);
    layout->addWidget(m_message);
    setTabOrder(m_table, m_note);
    setTabOrder(m_note, m_acknowledge);
    setTabOrder(m_acknowledge, m_dispute);
    connect(m_acknowledge, &QPushButton::clicked, this, [this] { answer(false); });
    connect(m_dispute, &QPushButton::clicked, this, [this] { answer(true); });
    // A decision or a coaching note, as sync brings it.
    connect(&services.changes(), &StoreChanges::applied, this,
            [this](const StoreChanges::Applied &what) {
                if (what.touches(QStringLiteral("review")))
                    refresh();
            });
    resize(900, 520);
    refresh();
    m_table->setFocus();
}

MyEvaluationsDialog::~MyEvaluationsDialog() = default;

void MyEvaluationsDialog::refresh()
{
    const QList<Evaluation> list = m_reviews->evaluations(m_agent);
    const int current = m_table->currentRow();
    m_ids.clear();
    m_table->setRowCount(int(list.size()));
    const QLocale locale;
    for (int row = 0; row < list.size(); ++row) {
        const Evaluation &e = list.at(row);
        m_ids.append(e.id);
        QString state;
        switch (e.state) {
        case Evaluation::State::Submitted:
            state = tr("waiting for you");
            break;
        case Evaluation::State::Acknowledged:
            state = tr("acknowledged");
            break;
        case Evaluation::State::Disputed:
            state = tr("disputed: a supervisor decides");
            break;
        case Evaluation::State::Decided:
            state = e.decision == u"rescored" ? tr("rescored: %1").arg(e.decisionNote)
                                              : tr("upheld: %1").arg(e.decisionNote);
            break;
        }
        const QString score = e.criticalFailed ? tr("0 (a critical item failed)")
                                               : locale.toString(e.finalScore, 'f', 1);
        const QStringList cells = {
            locale.toString(e.submittedAt.toTimeZone(m_zone), QLocale::ShortFormat),
            e.reviewer,
            score,
            state,
            e.state == Evaluation::State::Submitted
                ? locale.toString(e.responseDue().toTimeZone(m_zone).date(), QLocale::ShortFormat)
                : QString(),
            e.comment};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    m_table->resizeColumnsToContents();
    if (!list.isEmpty())
        m_table->setCurrentCell(std::clamp(current, 0, int(list.size()) - 1), 0);
    else
        m_message->setText(tr("You have no evaluations yet."));
    showDetails();
}

void MyEvaluationsDialog::showDetails()
{
    const int row = m_table->currentRow();
    const auto e =
        row >= 0 && row < m_ids.size() ? m_reviews->evaluation(m_ids.at(row)) : std::nullopt;
    m_details->setText(e ? evaluationSummary(*e, m_zone) : QString());
}

void MyEvaluationsDialog::answer(bool dispute)
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_ids.size()) {
        m_message->setText(tr("Choose an evaluation first."));
        return;
    }
    const Status done = dispute ? m_reviews->dispute(m_ids.at(row), m_note->text())
                                : m_reviews->acknowledge(m_ids.at(row), m_note->text());
    if (!done) {
        m_message->setText(done.error().message);
        return;
    }
    m_message->setText(dispute ? tr("Disputed: a supervisor will decide.") : tr("Acknowledged."));
    m_note->clear();
    refresh();
    m_table->setFocus();
}

} // namespace civicdesk
