#include "ui/practice/practiceresultdialog.h"

#include "ui/practice/practicetables.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace civicdesk {

namespace {

QString joined(const QJsonValue &v)
{
    QStringList out;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &x : array)
        out.append(x.toString());
    return out.join(QStringLiteral(", "));
}

} // namespace

QString describeIntakeStep(const IntakeStep &step)
{
    const QJsonObject &d = step.detail;
    auto s = [&d](const char16_t *key) { return d.value(QStringView(key)).toString(); };
    switch (step.kind) {
    case IntakeStepKind::Started:
        return PracticeResultDialog::tr("Contact started (%1)").arg(s(u"channel"));
    case IntakeStepKind::TypeChosen:
        return s(u"previous").isEmpty()
                   ? PracticeResultDialog::tr("Type chosen: %1").arg(s(u"service_code"))
                   : PracticeResultDialog::tr("Type changed from %1 to %2")
                         .arg(s(u"previous"), s(u"service_code"));
    case IntakeStepKind::Answer:
        return d.value(u"previous").toArray().isEmpty()
                   ? PracticeResultDialog::tr("Answer %1: %2")
                         .arg(s(u"code"), joined(d.value(u"values")))
                   : PracticeResultDialog::tr("Answer %1 corrected from %2 to %3")
                         .arg(s(u"code"), joined(d.value(u"previous")), joined(d.value(u"values")));
    case IntakeStepKind::Location:
        return d.value(u"outside_city").toBool()
                   ? PracticeResultDialog::tr("Outside the city: %1 (referral: %2)")
                         .arg(s(u"address"), s(u"referral"))
                   : PracticeResultDialog::tr("Location: %1")
                         .arg(s(u"address").isEmpty() ? s(u"landmark") : s(u"address"));
    case IntakeStepKind::CallerDetails: {
        QStringList taken;
        if (d.value(u"name").toBool())
            taken.append(PracticeResultDialog::tr("name"));
        if (d.value(u"phone").toBool())
            taken.append(PracticeResultDialog::tr("phone"));
        if (d.value(u"email").toBool())
            taken.append(PracticeResultDialog::tr("email"));
        return PracticeResultDialog::tr("Caller details taken: %1")
            .arg(taken.join(QStringLiteral(", ")));
    }
    case IntakeStepKind::DuplicatesShown:
        return PracticeResultDialog::tr("Open requests nearby shown: %1")
            .arg(joined(d.value(u"numbers")));
    case IntakeStepKind::DuplicateDecision:
        return PracticeResultDialog::tr("Duplicate decision: %1 %2")
            .arg(s(u"decision"), s(u"number"));
    case IntakeStepKind::ArticleOpened:
        return PracticeResultDialog::tr("Article opened: %1").arg(s(u"article_id"));
    case IntakeStepKind::RequestCreated:
        return PracticeResultDialog::tr("Request created: %1 (%2)")
            .arg(s(u"number"), s(u"service_code"));
    case IntakeStepKind::CallerAttached:
        return PracticeResultDialog::tr("Caller attached to %1").arg(s(u"number"));
    case IntakeStepKind::ReadBack:
        return PracticeResultDialog::tr("Number read back: %1").arg(s(u"number"));
    case IntakeStepKind::Outcome:
        return s(u"transfer_destination").isEmpty()
                   ? PracticeResultDialog::tr("Contact ended: %1").arg(s(u"outcome"))
                   : PracticeResultDialog::tr("Contact ended: %1 → %2")
                         .arg(s(u"outcome"), s(u"transfer_destination"));
    }
    return {};
}

PracticeResultDialog::PracticeResultDialog(const Scenario &scenario, const PracticeResult &result,
                                           const QList<IntakeStep> &steps, QWidget *parent)
    : QDialog(parent), m_verdict(new QLabel(this)),
      m_criteria(practicetables::table({tr("Criterion"), tr("Expected"), tr("Done"), tr("Points")},
                                       QStringLiteral("practiceCriteriaTable"), this)),
      m_steps(practicetables::table({tr("Time"), tr("Step")}, QStringLiteral("practiceStepsTable"),
                                    this))
{
    setObjectName(QStringLiteral("practiceResultDialog"));
    setWindowTitle(tr("Practice result: %1").arg(scenario.title));
    auto *layout = new QVBoxLayout(this);
    m_verdict->setObjectName(QStringLiteral("practiceVerdictLabel"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::RichText);
    QString verdict = (result.passed() ? tr("<h3>PASSED: %1 of 100 (pass mark %2)</h3>")
                                       : tr("<h3>NOT PASSED: %1 of 100 (pass mark %2)</h3>"))
                          .arg(result.score)
                          .arg(result.passMark);
    for (const CriticalFailure &f : result.critical)
        verdict += u"<p style='color:#a01010'><b>" + tr("Critical failure:") + u"</b> " +
                   f.message.toHtmlEscaped() + u"</p>";
    m_verdict->setText(verdict);
    m_verdict->setAccessibleName(verdictText());
    layout->addWidget(m_verdict);
    for (const ScoreCriterion &c : result.criteria)
        practicetables::addRow(
            m_criteria,
            {c.title, c.expected, c.done,
             QStringLiteral("%1 / %2").arg(c.points, 0, 'g', 3).arg(c.maxPoints, 0, 'g', 3)},
            !c.met());
    m_criteria->setAccessibleName(tr("Expected beside done, criterion by criterion"));
    layout->addWidget(m_criteria, 3);
    auto *stepsLabel = new QLabel(tr("What the trainee did, step by step:"), this);
    layout->addWidget(stepsLabel);
    const QDateTime start = steps.isEmpty() ? QDateTime() : steps.first().at;
    for (const IntakeStep &s : steps) {
        const qint64 seconds = start.secsTo(s.at);
        practicetables::addRow(
            m_steps,
            {QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0')),
             describeIntakeStep(s)},
            false);
    }
    m_steps->setAccessibleName(tr("The recorded steps of the practice call"));
    layout->addWidget(m_steps, 2);
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *again = buttons->addButton(tr("&Try again"), QDialogButtonBox::ActionRole);
    again->setObjectName(QStringLiteral("practiceTryAgainButton"));
    QPushButton *leave = buttons->addButton(tr("&Leave practice"), QDialogButtonBox::ActionRole);
    leave->setObjectName(QStringLiteral("practiceLeaveButton"));
    QPushButton *close = buttons->addButton(tr("&Close"), QDialogButtonBox::AcceptRole);
    close->setObjectName(QStringLiteral("practiceResultCloseButton"));
    close->setDefault(true);
    connect(again, &QPushButton::clicked, this, [this] { done(TryAgain); });
    connect(leave, &QPushButton::clicked, this, [this] { done(Leave); });
    connect(close, &QPushButton::clicked, this, [this] { done(Close); });
    layout->addWidget(buttons);
    resize(900, 640);
}

QString PracticeResultDialog::verdictText() const
{
    QString text = m_verdict->text();
    text.replace(QStringLiteral("</h3>"), QStringLiteral(" "));
    text.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    return text.simplified();
}

} // namespace civicdesk
