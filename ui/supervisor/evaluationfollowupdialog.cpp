#include "ui/supervisor/evaluationfollowupdialog.h"

#include "models/quality/qualityreviews.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace civicdesk {

namespace {

QString line(const QString &label, const QString &text)
{
    return QStringLiteral("<b>%1</b> %2<br>").arg(label.toHtmlEscaped(), text.toHtmlEscaped());
}

} // namespace

QString evaluationSummary(const Evaluation &e, const QTimeZone &cityZone)
{
    const QLocale locale;
    QString html;
    html += line(EvaluationFollowUpDialog::tr("Agent:"), e.agent);
    html += line(EvaluationFollowUpDialog::tr("Contact:"), e.contactId);
    html += line(EvaluationFollowUpDialog::tr("Reviewer:"), e.reviewer);
    html +=
        line(EvaluationFollowUpDialog::tr("Form:"),
             EvaluationFollowUpDialog::tr("%1, version %2").arg(e.form.title).arg(e.form.version));
    html += line(EvaluationFollowUpDialog::tr("Submitted:"),
                 locale.toString(e.submittedAt.toTimeZone(cityZone), QLocale::ShortFormat));
    html += line(EvaluationFollowUpDialog::tr("Score:"),
                 e.criticalFailed ? EvaluationFollowUpDialog::tr("0 (a critical item failed)")
                                  : locale.toString(e.score, 'f', 1));
    if (!e.comment.isEmpty())
        html += line(EvaluationFollowUpDialog::tr("Reviewer's comment:"), e.comment);
    switch (e.state) {
    case Evaluation::State::Submitted:
        html += line(EvaluationFollowUpDialog::tr("Agent's answer:"),
                     EvaluationFollowUpDialog::tr("none yet (due by %1)")
                         .arg(locale.toString(e.responseDue().toTimeZone(cityZone).date(),
                                              QLocale::ShortFormat)));
        break;
    case Evaluation::State::Acknowledged:
        html += line(EvaluationFollowUpDialog::tr("Agent's answer:"),
                     e.response.isEmpty()
                         ? EvaluationFollowUpDialog::tr("acknowledged")
                         : EvaluationFollowUpDialog::tr("acknowledged: %1").arg(e.response));
        break;
    case Evaluation::State::Disputed:
    case Evaluation::State::Decided:
        html += line(EvaluationFollowUpDialog::tr("Agent's answer:"),
                     EvaluationFollowUpDialog::tr("disputed: %1").arg(e.response));
        break;
    }
    if (e.state == Evaluation::State::Decided) {
        html += line(EvaluationFollowUpDialog::tr("Decision:"),
                     e.decision == u"rescored"
                         ? EvaluationFollowUpDialog::tr("rescored to %1: %2")
                               .arg(locale.toString(e.finalScore, 'f', 1), e.decisionNote)
                         : EvaluationFollowUpDialog::tr("upheld: %1").arg(e.decisionNote));
    } else if (e.state == Evaluation::State::Disputed) {
        html += line(EvaluationFollowUpDialog::tr("Decision:"),
                     EvaluationFollowUpDialog::tr("waiting for a supervisor"));
    }
    for (const QString &note : e.coachingNotes)
        html += line(EvaluationFollowUpDialog::tr("Coaching note:"), note);
    return html;
}

EvaluationFollowUpDialog::EvaluationFollowUpDialog(QualityReviews &reviews, QString evaluationId,
                                                   const QTimeZone &cityZone, QWidget *parent)
    : QDialog(parent), m_reviews(reviews), m_id(std::move(evaluationId)), m_zone(cityZone),
      m_summary(new QLabel(this)), m_note(new QLineEdit(this)), m_score(new QDoubleSpinBox(this)),
      m_uphold(new QPushButton(tr("&Uphold the score"), this)),
      m_rescore(new QPushButton(tr("&Rescore"), this)),
      m_coach(new QPushButton(tr("Add a &coaching note"), this)), m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("evaluationFollowUpDialog"));
    setWindowTitle(tr("Evaluation: dispute and coaching"));
    m_summary->setObjectName(QStringLiteral("evaluationSummaryLabel"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_note->setObjectName(QStringLiteral("followUpNoteEdit"));
    m_note->setAccessibleName(tr("The decision's reason, or the coaching note"));
    m_note->setMaxLength(2000);
    m_score->setObjectName(QStringLiteral("rescoreSpinBox"));
    m_score->setAccessibleName(tr("New score, 0 to 100"));
    m_score->setRange(0, 100);
    m_score->setDecimals(1);
    for (QPushButton *button : {m_uphold, m_rescore, m_coach})
        button->setAutoDefault(false);
    m_uphold->setObjectName(QStringLiteral("upholdButton"));
    m_uphold->setAccessibleName(tr("Uphold the disputed score"));
    m_rescore->setObjectName(QStringLiteral("rescoreButton"));
    m_rescore->setAccessibleName(tr("Replace the disputed score with the new score"));
    m_coach->setObjectName(QStringLiteral("coachingNoteButton"));
    m_coach->setAccessibleName(tr("Add the note as a coaching note"));
    m_message->setObjectName(QStringLiteral("followUpMessageLabel"));
    m_message->setWordWrap(true);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    close->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    close->button(QDialogButtonBox::Close)->setAutoDefault(false);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *fields = new QFormLayout;
    auto *noteLabel = new QLabel(tr("&Note:"), this);
    noteLabel->setBuddy(m_note);
    fields->addRow(noteLabel, m_note);
    auto *scoreLabel = new QLabel(tr("New &score:"), this);
    scoreLabel->setBuddy(m_score);
    fields->addRow(scoreLabel, m_score);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_uphold);
    buttons->addWidget(m_rescore);
    buttons->addWidget(m_coach);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary, 1);
    layout->addLayout(fields);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    layout->addWidget(close);
    setTabOrder(m_note, m_score);
    setTabOrder(m_score, m_uphold);
    setTabOrder(m_uphold, m_rescore);
    setTabOrder(m_rescore, m_coach);

    connect(m_uphold, &QPushButton::clicked, this, [this] { decide(true); });
    connect(m_rescore, &QPushButton::clicked, this, [this] { decide(false); });
    connect(m_coach, &QPushButton::clicked, this, &EvaluationFollowUpDialog::addCoachingNote);
    resize(640, 460);
    refresh();
    m_note->setFocus();
}

void EvaluationFollowUpDialog::refresh()
{
    const auto e = m_reviews.evaluation(m_id);
    if (!e) {
        m_summary->setText(tr("This store holds no such evaluation."));
        return;
    }
    m_summary->setText(evaluationSummary(*e, m_zone));
    const bool open = e->state == Evaluation::State::Disputed;
    m_uphold->setEnabled(open);
    m_rescore->setEnabled(open);
    m_score->setEnabled(open);
    if (open && m_score->value() == 0)
        m_score->setValue(e->score);
}

void EvaluationFollowUpDialog::decide(bool upheld)
{
    // The store's rules say what is wrong (no reason, not disputed, decided already).
    const Status done = m_reviews.decide(m_id, upheld, m_score->value(), m_note->text());
    if (!done) {
        m_message->setText(done.error().message);
        m_note->setFocus();
        return;
    }
    m_message->setText(upheld ? tr("Upheld: the agent sees the decision.")
                              : tr("Rescored: the agent sees the new score."));
    m_note->clear();
    refresh();
    m_note->setFocus();
}

void EvaluationFollowUpDialog::addCoachingNote()
{
    if (m_note->text().trimmed().isEmpty()) {
        m_message->setText(tr("Write the coaching note in Note (Alt+N) first."));
        m_note->setFocus();
        return;
    }
    const Status done = m_reviews.noteCoaching(m_id, m_note->text());
    if (!done) {
        m_message->setText(done.error().message);
        return;
    }
    m_message->setText(tr("Coaching note added: the agent sees it with the evaluation."));
    m_note->clear();
    refresh();
    m_note->setFocus();
}

} // namespace civicdesk
