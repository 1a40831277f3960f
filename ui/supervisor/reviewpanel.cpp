#include "ui/supervisor/reviewpanel.h"

#include "models/quality/qualityreviews.h"
#include "models/quality/revieweragreement.h"
#include "models/store/eventstore.h"
#include "models/workstation/supervisionservices.h"
#include "ui/supervisor/drilldowndialog.h"
#include "ui/supervisor/evaluationdialog.h"
#include "ui/supervisor/evaluationfollowupdialog.h"
#include "ui/supervisor/formeditordialog.h"

#include <QComboBox>
#include <QDateEdit>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace civicdesk {

namespace {

QString percent(const std::optional<double> &value)
{
    return value ? QLocale().toString(*value, 'f', 0) + u'%' : QStringLiteral("-");
}

QString alpha(const std::optional<double> &value)
{
    return value ? QLocale().toString(*value, 'f', 2) : QStringLiteral("-");
}

QString stateText(Evaluation::State state)
{
    switch (state) {
    case Evaluation::State::Submitted:
        return ReviewPanel::tr("waiting for the agent");
    case Evaluation::State::Acknowledged:
        return ReviewPanel::tr("acknowledged");
    case Evaluation::State::Disputed:
        return ReviewPanel::tr("disputed");
    case Evaluation::State::Decided:
        return ReviewPanel::tr("decided");
    }
    return QString();
}

QTableWidgetItem *cell(const QString &text)
{
    return new QTableWidgetItem(text);
}

} // namespace

EvaluationForm ReviewPanel::standardForm()
{
    const auto question = [](const char *id, const QString &text) {
        FormQuestion q;
        q.id = QString::fromLatin1(id);
        q.text = text;
        return q;
    };
    const auto critical = [&question](const char *id, const QString &text) {
        FormQuestion q = question(id, text);
        q.critical = true;
        q.allowNotApplicable = true;
        return q;
    };
    FormQuestion courtesy = question("courtesy", tr("Courtesy and tone"));
    courtesy.kind = FormQuestion::Kind::Scale;
    courtesy.scaleMax = 5;
    courtesy.commentBelow = 3;
    FormQuestion type = question("type_right", tr("Chose the right request type"));
    type.commentBelow = 1;
    FormQuestion readBack = question("read_back", tr("Read the request number back"));
    readBack.critical = true;
    readBack.showIf = QStringLiteral("request_taken");
    readBack.showIfValue = 1;
    FormQuestion knowledge = question("knowledge", tr("Used the knowledge base where it helped"));
    knowledge.allowNotApplicable = true;
    EvaluationForm form;
    form.id = QStringLiteral("311-call");
    form.version = 1;
    form.title = tr("311 call quality");
    form.commentBelowScore = 60;
    form.sections = {
        FormSection{
            QStringLiteral("opening"),
            tr("Opening"),
            1,
            {question("greeting", tr("Greeted the caller with the centre's script")), courtesy}},
        FormSection{
            QStringLiteral("intake"),
            tr("Intake"),
            2,
            {type, question("request_taken", tr("Took a service request")), readBack, knowledge}},
        FormSection{QStringLiteral("safety"),
                    tr("Safety and jurisdiction"),
                    2,
                    {critical("emergency", tr("Diverted an emergency to 911")),
                     critical("personal_data", tr("Kept personal data off a confidential type")),
                     critical("jurisdiction", tr("Took no request outside the city"))}}};
    return form;
}

ReviewPanel::ReviewPanel(const SupervisionServices &services, EventStore &events,
                         const QString &user, const QTimeZone &cityZone, Clock clock,
                         QWidget *parent)
    : QWidget(parent), m_services(services), m_events(events), m_zone(cityZone),
      m_clock(std::move(clock)), m_reviews(services.qualityReviews(user, m_clock))
{
    setObjectName(QStringLiteral("reviewPanel"));
    const auto named = [](QWidget *w, const char *objectName, const QString &accessible) {
        w->setObjectName(QLatin1String(objectName));
        w->setAccessibleName(accessible);
    };
    const QDate today = m_clock.now().toTimeZone(m_zone).date();
    m_month = new QDateEdit(QDate(today.year(), today.month(), 1), this);
    named(m_month, "sampleMonthEdit", tr("Month to sample"));
    m_month->setDisplayFormat(QStringLiteral("MM/yyyy"));
    m_short = new QSpinBox(this);
    named(m_short, "sampleShortSpinBox", tr("Short contacts to sample"));
    m_short->setRange(0, 500);
    m_short->setValue(30);
    m_long = new QSpinBox(this);
    named(m_long, "sampleLongSpinBox", tr("Long contacts to sample"));
    m_long->setRange(0, 500);
    m_long->setValue(10);
    m_longFrom = new QSpinBox(this);
    named(m_longFrom, "sampleLongFromSpinBox", tr("A long contact lasts at least (minutes)"));
    m_longFrom->setRange(1, 240);
    m_longFrom->setValue(10);
    m_longFrom->setSuffix(tr(" min"));
    m_reviewers = new QLineEdit(user, this);
    named(m_reviewers, "sampleReviewersEdit", tr("Reviewers, separated by commas"));
    // Both ways of sampling: the centre's stratified by length, or N per agent.
    m_kind = new QComboBox(this);
    named(m_kind, "sampleKindComboBox", tr("How contacts are drawn"));
    m_kind->addItems({tr("Centre: short and long contacts"), tr("Per agent")});
    m_perAgent = new QSpinBox(this);
    named(m_perAgent, "samplePerAgentSpinBox", tr("Contacts to sample per agent"));
    m_perAgent->setRange(1, 100);
    m_perAgent->setValue(5);
    m_perAgent->setEnabled(false);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this](int kind) {
        for (QWidget *centre : {static_cast<QWidget *>(m_short), static_cast<QWidget *>(m_long),
                                static_cast<QWidget *>(m_longFrom)})
            centre->setEnabled(kind == 0);
        m_perAgent->setEnabled(kind == 1);
    });
    m_draw = new QPushButton(tr("&Draw the sample"), this);
    named(m_draw, "drawSampleButton", tr("Draw the sample"));
    m_draw->setAutoDefault(false);
    m_publish = new QPushButton(tr("&Publish the standard form"), this);
    named(m_publish, "publishStandardFormButton", tr("Publish the standard 311 form"));
    m_publish->setAutoDefault(false);
    m_editForm = new QPushButton(tr("Edit the form (new &version)…"), this);
    named(m_editForm, "editFormButton", tr("Edit the evaluation form as a new version"));
    m_editForm->setAutoDefault(false);
    m_formLabel = new QLabel(this);
    m_formLabel->setObjectName(QStringLiteral("reviewFormLabel"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("reviewMessageLabel"));
    m_message->setWordWrap(true);

    m_sampleTable = new QTableWidget(this);
    named(m_sampleTable, "sampleTable", tr("Sampled contacts; Enter scores one"));
    setUpRowList(m_sampleTable);
    m_sampleTable->setColumnCount(7);
    m_sampleTable->setHorizontalHeaderLabels({tr("Contact"), tr("Agent"), tr("Started"),
                                              tr("Length"), tr("Stratum"), tr("Reviewers"),
                                              tr("Your score")});
    connect(m_sampleTable, &QTableWidget::activated, this, &ReviewPanel::scoreCurrent);

    m_evaluations = new QTableWidget(this);
    named(m_evaluations, "evaluationsTable",
          tr("Evaluations; Enter opens one to decide a dispute or add a coaching note"));
    setUpRowList(m_evaluations);
    m_evaluations->setColumnCount(6);
    connect(m_evaluations, &QTableWidget::activated, this, &ReviewPanel::followUpCurrent);
    m_evaluations->setHorizontalHeaderLabels(
        {tr("Agent"), tr("Contact"), tr("Reviewer"), tr("Score"), tr("State"), tr("Submitted")});
    m_agreement = new QLabel(this);
    m_agreement->setObjectName(QStringLiteral("reviewAgreementLabel"));
    m_agreement->setWordWrap(true);

    auto *plan = new QHBoxLayout;
    const auto labelled = [this, plan](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        plan->addWidget(label);
        plan->addWidget(field);
    };
    labelled(tr("Mo&nth:"), m_month);
    labelled(tr("Shor&t:"), m_short);
    labelled(tr("Lon&g:"), m_long);
    labelled(tr("Long &from:"), m_longFrom);
    labelled(tr("R&eviewers:"), m_reviewers);
    plan->addWidget(m_draw);
    auto *kindLine = new QHBoxLayout;
    for (const auto &[text, field] : {std::pair<QString, QWidget *>{tr("Sample &kind:"), m_kind},
                                      {tr("Per agent:"), m_perAgent}}) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        kindLine->addWidget(label);
        kindLine->addWidget(field);
    }
    kindLine->addStretch(1);
    auto *formLine = new QHBoxLayout;
    formLine->addWidget(m_formLabel, 1);
    formLine->addWidget(m_publish);
    formLine->addWidget(m_editForm);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(formLine);
    layout->addLayout(plan);
    layout->addLayout(kindLine);
    layout->addWidget(m_message);
    layout->addWidget(m_sampleTable, 3);
    layout->addWidget(m_agreement);
    layout->addWidget(m_evaluations, 2);
    setTabOrder(m_sampleTable, m_month);
    setTabOrder(m_month, m_short);
    setTabOrder(m_short, m_long);
    setTabOrder(m_long, m_longFrom);
    setTabOrder(m_longFrom, m_reviewers);
    setTabOrder(m_reviewers, m_kind);
    setTabOrder(m_kind, m_perAgent);
    setTabOrder(m_perAgent, m_draw);
    setTabOrder(m_draw, m_publish);
    setTabOrder(m_publish, m_editForm);
    setTabOrder(m_editForm, m_evaluations);
    setFocusProxy(m_sampleTable);

    connect(m_draw, &QPushButton::clicked, this, &ReviewPanel::drawSample);
    // Another reference reviewer (the first named) calibrates the others against them.
    connect(m_reviewers, &QLineEdit::editingFinished, this, &ReviewPanel::refresh);
    connect(m_publish, &QPushButton::clicked, this, &ReviewPanel::publishStandardForm);
    connect(m_editForm, &QPushButton::clicked, this, &ReviewPanel::editForm);
    // Answers, decisions and evaluations from other workstations, as sync brings them.
    connect(&services.changes(), &StoreChanges::applied, this,
            [this](const StoreChanges::Applied &what) {
                if (what.touches(QStringLiteral("review")))
                    refresh();
            });
    drawSample();
}

ReviewPanel::~ReviewPanel() = default;

void ReviewPanel::publishStandardForm()
{
    auto version = m_reviews->publishForm(standardForm());
    m_message->setText(
        version ? tr("Published %1, version %2.").arg(standardForm().title).arg(version.value())
                : version.error().message);
    refresh();
    m_sampleTable->setFocus(); // next: Enter on a contact to score it
}

void ReviewPanel::drawSample()
{
    const QDate month(m_month->date().year(), m_month->date().month(), 1);
    const QDateTime from(month, QTime(0, 0), m_zone);
    const QDateTime to(month.addMonths(1), QTime(0, 0), m_zone);
    reviewsampling::CentrePlan plan;
    plan.shortCount = m_short->value();
    plan.longCount = m_long->value();
    plan.longFromSeconds = m_longFrom->value() * 60;
    // The month is the seed: the same month's sample is drawn again the same.
    const quint32 seed = quint32(month.year() * 100 + month.month());
    const bool perAgent = m_kind->currentIndex() == 1;
    const QList<SampleCandidate> candidates = m_services.endedContacts(from, to);
    m_sample = perAgent ? reviewsampling::perAgentSample(candidates, m_perAgent->value(), seed)
                        : reviewsampling::centreSample(candidates, plan, seed);
    QStringList reviewers;
    for (const QString &r : m_reviewers->text().split(u','))
        if (!r.trimmed().isEmpty())
            reviewers.append(r.trimmed());
    // The centre sample is scored by every reviewer independently; a per-agent sample by one
    // reviewer a contact, dealt in turn so that each has the same load.
    reviewsampling::assignReviewers(m_sample, reviewers,
                                    perAgent ? std::min<int>(1, int(reviewers.size()))
                                             : int(reviewers.size()));
    m_message->setText(m_sample.isEmpty()
                           ? tr("No ended contacts in this month to sample.")
                           : tr("%n contacts sampled.", nullptr, int(m_sample.size())));
    refresh();
}

void ReviewPanel::refresh()
{
    const auto form = m_reviews->latestForm(standardForm().id);
    m_formLabel->setText(form ? tr("Form: %1, version %2").arg(form->title).arg(form->version)
                              : tr("No evaluation form is published yet."));
    const QList<Evaluation> evaluations = m_reviews->evaluations();
    const int current = m_sampleTable->currentRow();
    m_sampleTable->setRowCount(int(m_sample.size()));
    for (int row = 0; row < m_sample.size(); ++row) {
        const SampledContact &s = m_sample.at(row);
        QString mine;
        for (const Evaluation &e : evaluations) {
            if (e.contactId == s.contact.contactId && e.reviewer == m_reviews->user())
                mine = QLocale().toString(e.finalScore, 'f', 1);
        }
        const int seconds = s.contact.durationSeconds;
        m_sampleTable->setItem(row, 0, cell(s.contact.contactId));
        m_sampleTable->setItem(row, 1, cell(s.contact.agent));
        m_sampleTable->setItem(
            row, 2,
            cell(QLocale().toString(s.contact.startedAt.toTimeZone(m_zone), QLocale::ShortFormat)));
        m_sampleTable->setItem(row, 3,
                               cell(QStringLiteral("%1:%2")
                                        .arg(seconds / 60)
                                        .arg(seconds % 60, 2, 10, QLatin1Char('0'))));
        m_sampleTable->setItem(row, 4,
                               cell(s.stratum == u"long"    ? tr("long")
                                    : s.stratum == u"short" ? tr("short")
                                                            : tr("per agent")));
        m_sampleTable->setItem(row, 5, cell(s.reviewers.join(QStringLiteral(", "))));
        m_sampleTable->setItem(row, 6, cell(mine));
    }
    if (!m_sample.isEmpty())
        m_sampleTable->setCurrentCell(std::clamp(current, 0, int(m_sample.size()) - 1), 0);
    m_sampleTable->resizeColumnsToContents();

    const int currentEvaluation = m_evaluations->currentRow();
    m_evaluationIds.clear();
    m_evaluations->setRowCount(int(evaluations.size()));
    for (int row = 0; row < evaluations.size(); ++row) {
        const Evaluation &e = evaluations.at(row);
        m_evaluationIds.append(e.id);
        m_evaluations->setItem(row, 0, cell(e.agent));
        m_evaluations->setItem(row, 1, cell(e.contactId));
        m_evaluations->setItem(row, 2, cell(e.reviewer));
        m_evaluations->setItem(row, 3,
                               cell(e.criticalFailed
                                        ? tr("%1 (critical)").arg(QLocale().toString(e.finalScore))
                                        : QLocale().toString(e.finalScore, 'f', 1)));
        m_evaluations->setItem(row, 4, cell(stateText(e.state)));
        m_evaluations->setItem(
            row, 5,
            cell(QLocale().toString(e.submittedAt.toTimeZone(m_zone), QLocale::ShortFormat)));
    }
    m_evaluations->resizeColumnsToContents();
    if (!evaluations.isEmpty())
        m_evaluations->setCurrentCell(std::clamp(currentEvaluation, 0, int(evaluations.size()) - 1),
                                      0);
    if (form)
        showAgreement(evaluations, form->id);
}

void ReviewPanel::showAgreement(const QList<Evaluation> &evaluations, const QString &formId)
{
    const auto report = revieweragreement::agreement(evaluations, formId);
    QStringList lines = {tr("Reviewer agreement on %1 contacts scored by two reviewers or "
                            "more: Krippendorff's alpha %2 on the score (%3 within 5 "
                            "points).")
                             .arg(report.contacts)
                             .arg(alpha(report.scoreAlpha), percent(report.scorePercentWithin5))};
    QStringList questions;
    for (const revieweragreement::QuestionAgreement &q : report.questions) {
        if (q.contacts > 0)
            questions.append(tr("%1 %2 (%3)").arg(q.text, alpha(q.alpha), percent(q.percent)));
    }
    if (!questions.isEmpty())
        lines.append(tr("Per question, alpha (agreement): %1").arg(questions.join(u"; ")));
    // The first reviewer named is the reference the others are calibrated against.
    const QString reference = m_reviewers->text().section(u',', 0, 0).trimmed();
    QStringList against;
    if (!reference.isEmpty()) {
        for (const revieweragreement::Calibration &c :
             revieweragreement::calibrate(evaluations, formId, reference)) {
            if (c.contacts > 0)
                against.append(
                    tr("%1 %2 points (off by %3 on average, %4 of answers the same, "
                       "%n contact(s))",
                       nullptr, c.contacts)
                        .arg(c.reviewer,
                             QLocale()
                                 .toString(c.meanDifference, 'f', 1)
                                 .prepend(c.meanDifference > 0 ? QStringLiteral("+") : QString()),
                             QLocale().toString(c.meanAbsoluteDifference, 'f', 1),
                             percent(c.answerMatch)));
        }
    }
    if (!against.isEmpty())
        lines.append(tr("Against the reference reviewer %1 (named first in Reviewers): %2")
                         .arg(reference, against.join(u"; ")));
    // Independent scoring (models/domain/supervision/reviewvisibility.h): the list holds no other
    // reviewer's evaluation of a contact before this reviewer's own is submitted.
    lines.append(tr("Scoring is independent: another reviewer's evaluation of a contact is shown "
                    "here only after you have submitted your own."));
    m_agreement->setText(lines.join(u'\n'));
}

void ReviewPanel::scoreCurrent()
{
    const int row = m_sampleTable->currentRow();
    if (row < 0 || row >= m_sample.size())
        return;
    const auto form = m_reviews->latestForm(standardForm().id);
    if (!form) {
        m_message->setText(tr("Publish an evaluation form first (Alt+A)."));
        return;
    }
    const SampledContact &s = m_sample.at(row);
    if (m_dialog)
        m_dialog->deleteLater();
    m_dialog = new EvaluationDialog(
        *m_reviews, *form, s.contact.contactId, s.contact.agent,
        tr("centre sample %1").arg(m_month->date().toString(QStringLiteral("yyyy-MM"))),
        m_events.eventsFor(QStringLiteral("contact"), s.contact.contactId), this);
    connect(m_dialog, &QDialog::finished, this, [this](int result) {
        if (result == QDialog::Accepted)
            m_message->setText(tr("Evaluation submitted."));
        refresh();
        window()->activateWindow();
        m_sampleTable->setFocus();
    });
    m_dialog->open();
}

} // namespace civicdesk

namespace civicdesk {

void ReviewPanel::followUpCurrent()
{
    const int row = m_evaluations->currentRow();
    if (row < 0 || row >= m_evaluationIds.size())
        return;
    if (m_followUp)
        m_followUp->deleteLater();
    m_followUp = new EvaluationFollowUpDialog(*m_reviews, m_evaluationIds.at(row), m_zone, this);
    connect(m_followUp, &QDialog::finished, this, [this] {
        refresh();
        window()->activateWindow();
        m_evaluations->setFocus();
    });
    m_followUp->open();
}

} // namespace civicdesk

namespace civicdesk {

void ReviewPanel::editForm()
{
    // The latest version, or the standard form when none is published yet.
    const EvaluationForm form = m_reviews->latestForm(standardForm().id).value_or(standardForm());
    if (m_formEditor)
        m_formEditor->deleteLater();
    m_formEditor = new FormEditorDialog(*m_reviews, form, this);
    connect(m_formEditor, &QDialog::finished, this, [this](int result) {
        if (result == QDialog::Accepted)
            m_message->setText(tr("Published %1, version %2; evaluations scored before keep "
                                  "their version.")
                                   .arg(m_formEditor->form().title)
                                   .arg(m_formEditor->publishedVersion()));
        refresh();
        window()->activateWindow();
        m_sampleTable->setFocus(); // next: Enter on a contact scores it on the new version
    });
    m_formEditor->open();
}

} // namespace civicdesk
