#include "ui/supervisor/formeditordialog.h"

#include "models/quality/qualityreviews.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

namespace civicdesk {

namespace {

QString sectionLine(const FormSection &s)
{
    return FormEditorDialog::tr("%1 (weight %2, %n questions)", nullptr, int(s.questions.size()))
        .arg(s.title, QLocale().toString(s.weight));
}

QString questionLine(const FormQuestion &q)
{
    QString line = q.text;
    if (q.critical)
        line = FormEditorDialog::tr("%1 (critical)").arg(line);
    if (!q.showIf.isEmpty())
        line = FormEditorDialog::tr("%1 (when %2 = %3)").arg(line, q.showIf).arg(q.showIfValue);
    return line;
}

// A label with a mnemonic that moves to `buddy`.
QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

FormEditorDialog::FormEditorDialog(QualityReviews &reviews, EvaluationForm form, QWidget *parent)
    : QDialog(parent), m_reviews(reviews), m_form(std::move(form))
{
    setObjectName(QStringLiteral("formEditorDialog"));
    setWindowTitle(tr("Edit the evaluation form: %1").arg(m_form.title));
    const auto named = [](QWidget *w, const char *objectName, const QString &accessible) {
        w->setObjectName(QLatin1String(objectName));
        w->setAccessibleName(accessible);
    };
    m_title = new QLineEdit(m_form.title, this);
    named(m_title, "formTitleEdit", tr("Form title"));
    m_title->setMaxLength(EvaluationForm::MaxTextLength);
    m_commentBelowScore = new QSpinBox(this);
    named(m_commentBelowScore, "formCommentBelowSpinBox",
          tr("An overall comment is required below this score (0: never)"));
    m_commentBelowScore->setRange(0, 100);
    m_commentBelowScore->setValue(int(m_form.commentBelowScore));
    m_sections = new QListWidget(this);
    named(m_sections, "formSectionsList", tr("Sections of the form"));
    m_sectionTitle = new QLineEdit(this);
    named(m_sectionTitle, "sectionTitleEdit", tr("Section title"));
    m_sectionTitle->setMaxLength(EvaluationForm::MaxTextLength);
    m_weight = new QDoubleSpinBox(this);
    named(m_weight, "sectionWeightSpinBox", tr("Section weight"));
    m_weight->setRange(0, 100);
    m_weight->setDecimals(1);
    m_addSection = new QPushButton(tr("Add a &section"), this);
    named(m_addSection, "addSectionButton", tr("Add a section"));
    m_removeSection = new QPushButton(tr("Remo&ve the section"), this);
    named(m_removeSection, "removeSectionButton", tr("Remove the selected section"));

    m_questions = new QListWidget(this);
    named(m_questions, "formQuestionsList", tr("Questions of the section"));
    m_text = new QLineEdit(this);
    named(m_text, "questionTextEdit", tr("Question text"));
    m_text->setMaxLength(EvaluationForm::MaxTextLength);
    m_kind = new QComboBox(this);
    named(m_kind, "questionKindCombo", tr("Answered with"));
    m_kind->addItem(tr("Yes or no"), int(FormQuestion::Kind::YesNo));
    m_kind->addItem(tr("A scale from 1"), int(FormQuestion::Kind::Scale));
    m_scaleMax = new QSpinBox(this);
    named(m_scaleMax, "questionScaleSpinBox", tr("Scale up to"));
    m_scaleMax->setRange(2, 10);
    m_notApplicable = new QCheckBox(tr("N/&A allowed (left out of the score)"), this);
    named(m_notApplicable, "questionNotApplicableCheck", tr("N/A allowed"));
    m_critical = new QCheckBox(tr("&Critical: a no fails the whole evaluation"), this);
    named(m_critical, "questionCriticalCheck", tr("Critical question"));
    m_commentBelow = new QSpinBox(this);
    named(m_commentBelow, "questionCommentBelowSpinBox",
          tr("A comment is required for an answer below this (yes 1, no 0; 0: never)"));
    m_commentBelow->setRange(0, 10);
    m_showIf = new QComboBox(this);
    named(m_showIf, "questionShowIfCombo", tr("Asked only when this earlier question"));
    m_showIfValue = new QSpinBox(this);
    named(m_showIfValue, "questionShowIfValueSpinBox",
          tr("has this answer (yes 1, no 0, or the scale value)"));
    m_showIfValue->setRange(0, 10);
    m_addQuestion = new QPushButton(tr("A&dd a question"), this);
    named(m_addQuestion, "addQuestionButton", tr("Add a question to the section"));
    m_removeQuestion = new QPushButton(tr("Re&move the question"), this);
    named(m_removeQuestion, "removeQuestionButton", tr("Remove the selected question"));
    m_publish = new QPushButton(tr("&Publish a new version"), this);
    named(m_publish, "publishFormButton", tr("Publish the form as a new version"));
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    close->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close the form editor"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("formEditorMessageLabel"));
    m_message->setWordWrap(true);
    for (QPushButton *b : {m_addSection, m_removeSection, m_addQuestion, m_removeQuestion,
                           m_publish, close->button(QDialogButtonBox::Close)})
        b->setAutoDefault(false);

    auto *formFields = new QFormLayout;
    formFields->addRow(buddyLabel(tr("&Title:"), m_title, this), m_title);
    formFields->addRow(buddyLabel(tr("Overall comment &below score:"), m_commentBelowScore, this),
                       m_commentBelowScore);
    auto *sectionFields = new QFormLayout;
    sectionFields->addRow(buddyLabel(tr("Section tit&le:"), m_sectionTitle, this), m_sectionTitle);
    sectionFields->addRow(buddyLabel(tr("&Weight:"), m_weight, this), m_weight);
    auto *sectionButtons = new QHBoxLayout;
    sectionButtons->addWidget(m_addSection);
    sectionButtons->addWidget(m_removeSection);
    auto *left = new QVBoxLayout;
    left->addLayout(formFields);
    left->addWidget(buddyLabel(tr("Sectio&ns:"), m_sections, this));
    left->addWidget(m_sections, 1);
    left->addLayout(sectionFields);
    left->addLayout(sectionButtons);

    auto *questionFields = new QFormLayout;
    questionFields->addRow(buddyLabel(tr("Question te&xt:"), m_text, this), m_text);
    questionFields->addRow(buddyLabel(tr("&Kind:"), m_kind, this), m_kind);
    questionFields->addRow(buddyLabel(tr("Scale &up to:"), m_scaleMax, this), m_scaleMax);
    questionFields->addRow(m_notApplicable);
    questionFields->addRow(m_critical);
    questionFields->addRow(buddyLabel(tr("Comment &required below:"), m_commentBelow, this),
                           m_commentBelow);
    auto *condition = new QHBoxLayout;
    condition->addWidget(m_showIf, 1);
    condition->addWidget(buddyLabel(tr("&equals"), m_showIfValue, this));
    condition->addWidget(m_showIfValue);
    questionFields->addRow(buddyLabel(tr("Asked &only when:"), m_showIf, this), condition);
    auto *questionButtons = new QHBoxLayout;
    questionButtons->addWidget(m_addQuestion);
    questionButtons->addWidget(m_removeQuestion);
    auto *right = new QVBoxLayout;
    right->addWidget(buddyLabel(tr("&Questions of the section:"), m_questions, this));
    right->addWidget(m_questions, 1);
    right->addLayout(questionFields);
    right->addLayout(questionButtons);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addLayout(right, 3);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_publish);
    bottom->addStretch(1);
    bottom->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_message);
    layout->addLayout(bottom);
    const QList<QWidget *> order = {m_title,         m_commentBelowScore,
                                    m_sections,      m_sectionTitle,
                                    m_weight,        m_addSection,
                                    m_removeSection, m_questions,
                                    m_text,          m_kind,
                                    m_scaleMax,      m_notApplicable,
                                    m_critical,      m_commentBelow,
                                    m_showIf,        m_showIfValue,
                                    m_addQuestion,   m_removeQuestion,
                                    m_publish,       close->button(QDialogButtonBox::Close)};
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));

    connect(m_title, &QLineEdit::textEdited, this, &FormEditorDialog::storeForm);
    connect(m_commentBelowScore, &QSpinBox::valueChanged, this, &FormEditorDialog::storeForm);
    connect(m_sections, &QListWidget::currentRowChanged, this, &FormEditorDialog::showSection);
    connect(m_sectionTitle, &QLineEdit::textEdited, this, &FormEditorDialog::storeSection);
    connect(m_weight, &QDoubleSpinBox::valueChanged, this, &FormEditorDialog::storeSection);
    connect(m_questions, &QListWidget::currentRowChanged, this, &FormEditorDialog::showQuestion);
    connect(m_text, &QLineEdit::textEdited, this, &FormEditorDialog::storeQuestion);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &FormEditorDialog::storeQuestion);
    connect(m_scaleMax, &QSpinBox::valueChanged, this, &FormEditorDialog::storeQuestion);
    connect(m_notApplicable, &QCheckBox::toggled, this, &FormEditorDialog::storeQuestion);
    connect(m_critical, &QCheckBox::toggled, this, &FormEditorDialog::storeQuestion);
    connect(m_commentBelow, &QSpinBox::valueChanged, this, &FormEditorDialog::storeQuestion);
    connect(m_showIf, &QComboBox::currentIndexChanged, this, &FormEditorDialog::storeQuestion);
    connect(m_showIfValue, &QSpinBox::valueChanged, this, &FormEditorDialog::storeQuestion);
    connect(m_addSection, &QPushButton::clicked, this, &FormEditorDialog::addSection);
    connect(m_removeSection, &QPushButton::clicked, this, &FormEditorDialog::removeSection);
    connect(m_addQuestion, &QPushButton::clicked, this, &FormEditorDialog::addQuestion);
    connect(m_removeQuestion, &QPushButton::clicked, this, &FormEditorDialog::removeQuestion);
    connect(m_publish, &QPushButton::clicked, this, &FormEditorDialog::publish);
    connect(new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this), &QShortcut::activated,
            this, &FormEditorDialog::publish);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    showSections();
    resize(1040, 640);
    m_title->setFocus();
}

QString FormEditorDialog::error() const
{
    return m_message->text();
}

FormSection *FormEditorDialog::currentSection()
{
    const int row = m_sections->currentRow();
    return row >= 0 && row < m_form.sections.size() ? &m_form.sections[row] : nullptr;
}

FormQuestion *FormEditorDialog::currentQuestion()
{
    FormSection *section = currentSection();
    const int row = m_questions->currentRow();
    return section && row >= 0 && row < section->questions.size() ? &section->questions[row]
                                                                  : nullptr;
}

void FormEditorDialog::showSections()
{
    const int current = std::max(0, m_sections->currentRow());
    m_loading = true;
    m_sections->clear();
    for (const FormSection &s : m_form.sections)
        m_sections->addItem(sectionLine(s));
    m_loading = false;
    if (!m_form.sections.isEmpty())
        m_sections->setCurrentRow(std::min(current, int(m_form.sections.size()) - 1));
    showSection();
}

void FormEditorDialog::showSection()
{
    if (m_loading)
        return;
    const FormSection *section = currentSection();
    m_loading = true;
    m_sectionTitle->setText(section ? section->title : QString());
    m_weight->setValue(section ? section->weight : 0);
    m_questions->clear();
    if (section) {
        for (const FormQuestion &q : section->questions)
            m_questions->addItem(questionLine(q));
    }
    m_loading = false;
    for (QWidget *w :
         {static_cast<QWidget *>(m_sectionTitle), static_cast<QWidget *>(m_weight),
          static_cast<QWidget *>(m_removeSection), static_cast<QWidget *>(m_addQuestion)})
        w->setEnabled(section != nullptr);
    if (section && !section->questions.isEmpty())
        m_questions->setCurrentRow(0);
    showQuestion();
}

void FormEditorDialog::showQuestion()
{
    if (m_loading)
        return;
    const FormQuestion *q = currentQuestion();
    m_loading = true;
    m_text->setText(q ? q->text : QString());
    m_kind->setCurrentIndex(q && q->kind == FormQuestion::Kind::Scale ? 1 : 0);
    m_scaleMax->setValue(q && q->kind == FormQuestion::Kind::Scale ? q->scaleMax : 5);
    m_scaleMax->setEnabled(q && q->kind == FormQuestion::Kind::Scale);
    m_notApplicable->setChecked(q && q->allowNotApplicable);
    m_critical->setChecked(q && q->critical);
    m_commentBelow->setValue(q ? q->commentBelow : 0);
    // The questions before this one, in form order: the ones it may depend on.
    m_showIf->clear();
    m_showIf->addItem(tr("(always asked)"), QString());
    for (const FormQuestion &earlier : m_form.questions()) {
        if (q && earlier.id == q->id)
            break;
        m_showIf->addItem(tr("%1: %2").arg(earlier.id, earlier.text), earlier.id);
    }
    const int condition = q ? m_showIf->findData(q->showIf) : 0;
    m_showIf->setCurrentIndex(std::max(0, condition));
    m_showIfValue->setValue(q ? q->showIfValue : 0);
    m_showIfValue->setEnabled(q && !q->showIf.isEmpty());
    m_loading = false;
    for (QWidget *w : QList<QWidget *>{m_text, m_kind, m_notApplicable, m_critical, m_commentBelow,
                                       m_showIf, m_removeQuestion})
        w->setEnabled(q != nullptr);
}

void FormEditorDialog::storeForm()
{
    m_form.title = m_title->text();
    m_form.commentBelowScore = m_commentBelowScore->value();
}

void FormEditorDialog::storeSection()
{
    FormSection *section = currentSection();
    if (m_loading || !section)
        return;
    section->title = m_sectionTitle->text();
    section->weight = m_weight->value();
    m_sections->currentItem()->setText(sectionLine(*section));
}

void FormEditorDialog::storeQuestion()
{
    FormQuestion *q = currentQuestion();
    if (m_loading || !q)
        return;
    q->text = m_text->text();
    q->kind = m_kind->currentIndex() == 1 ? FormQuestion::Kind::Scale : FormQuestion::Kind::YesNo;
    q->scaleMax = q->kind == FormQuestion::Kind::Scale ? m_scaleMax->value() : 0;
    q->allowNotApplicable = m_notApplicable->isChecked();
    q->critical = m_critical->isChecked();
    q->commentBelow = m_commentBelow->value();
    q->showIf = m_showIf->currentData().toString();
    q->showIfValue = q->showIf.isEmpty() ? 0 : m_showIfValue->value();
    m_scaleMax->setEnabled(q->kind == FormQuestion::Kind::Scale);
    m_showIfValue->setEnabled(!q->showIf.isEmpty());
    m_questions->currentItem()->setText(questionLine(*q));
}

QString FormEditorDialog::unusedId(const QString &prefix) const
{
    for (int n = 1;; ++n) {
        const QString id = prefix + QString::number(n);
        bool used = m_form.question(id) != nullptr;
        for (const FormSection &s : m_form.sections)
            used = used || s.id == id;
        if (!used)
            return id;
    }
}

void FormEditorDialog::addSection()
{
    m_form.sections.append(FormSection{unusedId(QStringLiteral("s")), tr("New section"), 1, {}});
    showSections();
    m_sections->setCurrentRow(int(m_form.sections.size()) - 1);
    m_message->setText(tr("Section added: give it a title and a weight, then its questions."));
    m_sectionTitle->setFocus();
    m_sectionTitle->selectAll();
}

void FormEditorDialog::removeSection()
{
    const int row = m_sections->currentRow();
    if (row < 0 || row >= m_form.sections.size())
        return;
    m_form.sections.removeAt(row);
    showSections();
    m_message->setText(tr("Section removed."));
    m_sections->setFocus();
}

void FormEditorDialog::addQuestion()
{
    FormSection *section = currentSection();
    if (!section)
        return;
    FormQuestion q;
    q.id = unusedId(QStringLiteral("q"));
    q.text = tr("New question");
    section->questions.append(q);
    const int sectionRow = m_sections->currentRow();
    m_sections->currentItem()->setText(sectionLine(*section));
    showSection();
    m_sections->setCurrentRow(sectionRow);
    m_questions->setCurrentRow(int(m_form.sections.at(sectionRow).questions.size()) - 1);
    m_message->setText(tr("Question added: write its text and how it is answered."));
    m_text->setFocus();
    m_text->selectAll();
}

void FormEditorDialog::removeQuestion()
{
    FormSection *section = currentSection();
    const int row = m_questions->currentRow();
    if (!section || row < 0 || row >= section->questions.size())
        return;
    section->questions.removeAt(row);
    m_sections->currentItem()->setText(sectionLine(*section));
    showSection();
    if (!section->questions.isEmpty())
        m_questions->setCurrentRow(std::min(row, int(section->questions.size()) - 1));
    m_message->setText(tr("Question removed."));
    m_questions->setFocus();
}

void FormEditorDialog::publish()
{
    // The store checks the whole form and names the section or question at fault.
    const auto version = m_reviews.publishForm(m_form);
    if (!version) {
        m_message->setText(version.error().message);
        return;
    }
    m_published = version.value();
    m_form.version = m_published;
    m_message->setText(tr("Published \"%1\" as version %2; evaluations scored before keep "
                          "theirs.")
                           .arg(m_form.title)
                           .arg(m_published));
    accept();
}

} // namespace civicdesk
