#include "ui/supervisor/evaluationdialog.h"

#include "models/domain/event.h"
#include "models/quality/qualityreviews.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QVBoxLayout>

namespace civicdesk {

namespace {

constexpr int NotApplicable = -1;

// One line per recorded intake step: the time since the contact started, and what was done.
QString stepLine(const Event &step, const QDateTime &start)
{
    const qint64 seconds = start.isValid() ? start.secsTo(step.clientTime) : 0;
    const QString at =
        QStringLiteral("+%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (step.kind == u"contact.step_recorded")
        return at + u"  " + step.payload.value(u"step").toString();
    return at + u"  " + step.kind.section(u'.', 1);
}

} // namespace

EvaluationDialog::EvaluationDialog(QualityReviews &reviews, EvaluationForm form, QString contactId,
                                   QString agent, QString sample, const QList<Event> &steps,
                                   QWidget *parent)
    : QDialog(parent), m_reviews(reviews), m_form(std::move(form)),
      m_contactId(std::move(contactId)), m_agent(std::move(agent)), m_sample(std::move(sample)),
      m_score(new QLabel(this)), m_error(new QLabel(this)), m_comment(new QPlainTextEdit(this)),
      m_submit(new QPushButton(tr("&Submit the evaluation"), this))
{
    setObjectName(QStringLiteral("evaluationDialog"));
    setWindowTitle(tr("Evaluate contact %1 (%2)").arg(m_contactId, m_agent));
    auto *questions = new QWidget(this);
    auto *form_ = new QFormLayout(questions);
    form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const FormSection &section : m_form.sections) {
        auto *heading =
            new QLabel(tr("<b>%1</b> (weight %2)")
                           .arg(section.title.toHtmlEscaped(), QLocale().toString(section.weight)),
                       questions);
        form_->addRow(heading);
        for (const FormQuestion &q : section.questions) {
            Row row{q, new QComboBox(questions), new QLineEdit(questions)};
            row.answer->setObjectName(u"answer_" + q.id);
            row.answer->setAccessibleName(q.text);
            row.answer->addItem(tr("(not answered)"));
            if (q.kind == FormQuestion::Kind::YesNo) {
                row.answer->addItem(tr("Yes"), 1);
                row.answer->addItem(tr("No"), 0);
            } else {
                for (int v = 1; v <= q.scaleMax; ++v)
                    row.answer->addItem(QLocale().toString(v), v);
            }
            if (q.allowNotApplicable)
                row.answer->addItem(tr("N/A"), NotApplicable);
            row.comment->setMinimumWidth(160);
            row.comment->setObjectName(u"comment_" + q.id);
            row.comment->setAccessibleName(tr("Comment on: %1").arg(q.text));
            row.comment->setPlaceholderText(
                q.commentBelow > 0 ? tr("Comment (required below %1)").arg(q.commentBelow)
                                   : tr("Comment"));
            auto *line = new QHBoxLayout;
            line->addWidget(row.answer);
            line->addWidget(row.comment, 1);
            QString text = q.text.toHtmlEscaped();
            if (q.critical)
                text = tr("%1 <i>(critical)</i>").arg(text);
            auto *label = new QLabel(text, questions);
            label->setBuddy(row.answer);
            form_->addRow(label, line);
            connect(row.answer, &QComboBox::currentIndexChanged, this, &EvaluationDialog::rescore);
            connect(row.comment, &QLineEdit::textChanged, this, &EvaluationDialog::rescore);
            m_rows.append(row);
        }
    }
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("evaluationQuestionsArea"));
    scroll->setWidget(questions);
    scroll->setWidgetResizable(true);
    scroll->setFocusPolicy(Qt::NoFocus);

    m_comment->setObjectName(QStringLiteral("evaluationCommentEdit"));
    m_comment->setAccessibleName(tr("Overall comment for the agent"));
    m_comment->setTabChangesFocus(true);
    m_comment->setMaximumHeight(70);
    connect(m_comment, &QPlainTextEdit::textChanged, this, &EvaluationDialog::rescore);

    auto *stepsList = new QListWidget(this);
    stepsList->setObjectName(QStringLiteral("evaluationStepsList"));
    stepsList->setAccessibleName(tr("The contact's recorded steps"));
    const QDateTime start = steps.isEmpty() ? QDateTime() : steps.first().clientTime;
    for (const Event &step : steps)
        stepsList->addItem(stepLine(step, start));
    if (steps.isEmpty())
        stepsList->addItem(tr("No steps recorded for this contact."));
    auto *stepsBox = new QGroupBox(tr("Recorded steps"), this);
    auto *stepsLayout = new QVBoxLayout(stepsBox);
    stepsLayout->addWidget(stepsList);

    m_score->setObjectName(QStringLiteral("evaluationScoreLabel"));
    m_error->setObjectName(QStringLiteral("evaluationErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_submit->setObjectName(QStringLiteral("submitEvaluationButton"));
    m_submit->setAccessibleName(tr("Submit the evaluation"));
    // Enter in an answer list must not submit half an evaluation: Ctrl+Return does.
    m_submit->setAutoDefault(false);
    connect(m_submit, &QPushButton::clicked, this, &EvaluationDialog::submit);
    auto *submitKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(submitKey, &QShortcut::activated, this, &EvaluationDialog::submit);
    auto *cancel = new QPushButton(tr("Cancel"), this);
    cancel->setObjectName(QStringLiteral("cancelEvaluationButton"));
    cancel->setAccessibleName(tr("Close without submitting"));
    cancel->setAutoDefault(false);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto *main = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("%1, version %2").arg(m_form.title).arg(m_form.version), this));
    left->addWidget(scroll, 1);
    auto *commentLabel = new QLabel(tr("Overall &comment:"), this);
    commentLabel->setBuddy(m_comment);
    left->addWidget(commentLabel);
    left->addWidget(m_comment);
    main->addLayout(left, 3);
    main->addWidget(stepsBox, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_score, 1);
    buttons->addWidget(cancel);
    buttons->addWidget(m_submit);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(main, 1);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    // Tab order: the questions top to bottom (answer, then comment), the comment, the buttons.
    QWidget *previous = nullptr;
    for (const Row &row : m_rows) {
        if (previous)
            setTabOrder(previous, row.answer);
        setTabOrder(row.answer, row.comment);
        previous = row.comment;
    }
    if (previous)
        setTabOrder(previous, m_comment);
    setTabOrder(m_comment, stepsList);
    setTabOrder(stepsList, m_submit);
    setTabOrder(m_submit, cancel);
    resize(1100, 640);
    rescore();
    if (!m_rows.isEmpty())
        m_rows.first().answer->setFocus();
}

ReviewAnswers EvaluationDialog::answers() const
{
    ReviewAnswers answers;
    for (const Row &row : m_rows) {
        const QVariant value = row.answer->currentData();
        if (!value.isValid() || !row.answer->isEnabled())
            continue;
        ReviewAnswer a;
        if (value.toInt() != NotApplicable)
            a.value = value.toInt();
        a.comment = row.comment->text().trimmed();
        answers.insert(row.question.id, a);
    }
    return answers;
}

QString EvaluationDialog::error() const
{
    return m_error->text();
}

void EvaluationDialog::rescore()
{
    // A question not asked (its condition unmet) is greyed out and not answered.
    ReviewAnswers given;
    for (const Row &row : m_rows) {
        const bool asked = isAsked(m_form, row.question, given);
        row.answer->setEnabled(asked);
        row.comment->setEnabled(asked);
        const QVariant value = row.answer->currentData();
        if (asked && value.isValid())
            given.insert(row.question.id, ReviewAnswer{value.toInt() == NotApplicable
                                                           ? std::nullopt
                                                           : std::optional<int>(value.toInt()),
                                                       row.comment->text()});
    }
    const auto score = scoreEvaluation(m_form, answers(), m_comment->toPlainText());
    if (score) {
        m_score->setText(
            score.value().failed()
                ? tr("Score: 0 (a critical item failed; %1 otherwise)")
                      .arg(QLocale().toString(score.value().weightedPercent, 'f', 1))
                : tr("Score: %1").arg(QLocale().toString(score.value().percent, 'f', 1)));
        m_error->clear();
    } else {
        m_score->setText(tr("Score: not complete"));
    }
}

void EvaluationDialog::submit()
{
    auto id = m_reviews.submit(m_contactId, m_agent, m_form, answers(),
                               m_comment->toPlainText().trimmed(), m_sample);
    if (!id) {
        m_error->setText(id.error().message);
        return;
    }
    m_submittedId = id.value();
    accept();
}

} // namespace civicdesk
