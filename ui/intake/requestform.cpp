#include "ui/intake/requestform.h"

#include "ui_requestform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace civicdesk {

RequestForm::RequestForm(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::RequestForm>())
{
    // The questions sit above their fields (the form's row wrap policy): long Open311
    // questions stay readable in a narrow dock. The rows are generated per type.
    m_ui->setupUi(this);
    m_layout = m_ui->questionsLayout;
}

RequestForm::~RequestForm() = default;

void RequestForm::clear()
{
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_fields.clear();
}

QWidget *RequestForm::makeEditor(const ServiceAttribute &a)
{
    const QString name = QStringLiteral("attribute_") + a.code;
    switch (a.datatype) {
    case AttributeDatatype::Informational: {
        auto *script = new QLabel(a.description, this);
        script->setWordWrap(true);
        script->setObjectName(name);
        script->setStyleSheet(QStringLiteral("QLabel { background: #eef5ff; padding: 6px; "
                                             "border-left: 4px solid #1f5fa8; }"));
        script->setAccessibleName(tr("Script: %1").arg(a.description));
        return script;
    }
    case AttributeDatatype::Text: {
        auto *edit = new QPlainTextEdit(this);
        edit->setTabChangesFocus(true);
        edit->setFixedHeight(edit->fontMetrics().height() * 4 + 12);
        edit->setPlaceholderText(a.datatypeDescription);
        connect(edit, &QPlainTextEdit::textChanged, this, &RequestForm::answersChanged);
        edit->setObjectName(name);
        return edit;
    }
    case AttributeDatatype::SingleValueList: {
        auto *combo = new QComboBox(this);
        combo->addItem(tr("— choose —"), QString());
        for (const AttributeValue &v : a.values)
            combo->addItem(v.name, v.key);
        connect(combo, &QComboBox::currentIndexChanged, this, [this] {
            updateVisibility();
            emit answersChanged();
        });
        combo->setObjectName(name);
        return combo;
    }
    case AttributeDatatype::MultiValueList: {
        auto *box = new QWidget(this);
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        for (const AttributeValue &v : a.values) {
            auto *check = new QCheckBox(QString(v.name).replace(u'&', QStringLiteral("&&")), box);
            check->setProperty("key", v.key);
            check->setObjectName(name + u'_' + v.key);
            connect(check, &QCheckBox::toggled, this, [this] {
                updateVisibility();
                emit answersChanged();
            });
            layout->addWidget(check);
        }
        box->setObjectName(name);
        return box;
    }
    case AttributeDatatype::String:
    case AttributeDatatype::Number:
    case AttributeDatatype::Datetime: {
        auto *edit = new QLineEdit(this);
        QString hint = a.datatypeDescription;
        if (hint.isEmpty() && a.datatype == AttributeDatatype::Number)
            hint = tr("a number");
        if (hint.isEmpty() && a.datatype == AttributeDatatype::Datetime)
            hint = tr("date and time, e.g. 2026-11-23 14:05");
        edit->setPlaceholderText(hint);
        if (a.datatype == AttributeDatatype::String)
            edit->setMaxLength(MaxStringAnswerLength);
        connect(edit, &QLineEdit::textChanged, this, &RequestForm::answersChanged);
        edit->setObjectName(name);
        return edit;
    }
    }
    return nullptr;
}

void RequestForm::setType(const ServiceType &type)
{
    clear();
    m_type = type;
    for (const ServiceAttribute &a : type.attributes) {
        Field field;
        field.attribute = a;
        field.editor = makeEditor(a);
        field.error = new QLabel(this);
        field.error->setObjectName(QStringLiteral("error_") + a.code);
        field.error->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
        field.error->setWordWrap(true);
        field.error->hide();
        if (a.variable) {
            // The city's question is shown as written: an "&" in it is no Alt letter.
            const QString question = QString(a.description).replace(u'&', QStringLiteral("&&"));
            field.label = new QLabel(a.required ? question + u" *" : question, this);
            field.label->setWordWrap(true);
            field.label->setBuddy(field.editor);
            field.editor->setAccessibleName(a.description);
            if (!a.datatypeDescription.isEmpty())
                field.editor->setToolTip(a.datatypeDescription);
            // The question, its field and its message in one column as wide as the form: a
            // long question wraps at the field's width, not at a label's narrow size hint.
            auto *column = new QWidget(this);
            auto *layout = new QVBoxLayout(column);
            layout->setContentsMargins(0, 0, 0, 0);
            layout->addWidget(field.label);
            layout->addWidget(field.editor);
            layout->addWidget(field.error);
            m_layout->addRow(column);
        } else {
            m_layout->addRow(field.editor);
        }
        m_fields.append(field);
    }
    updateVisibility();
}

QStringList RequestForm::valuesOf(const Field &field) const
{
    QWidget *editor = field.editor;
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        return {line->text()};
    if (auto *text = qobject_cast<QPlainTextEdit *>(editor))
        return {text->toPlainText()};
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const QString key = combo->currentData().toString();
        return key.isEmpty() ? QStringList() : QStringList{key};
    }
    QStringList keys;
    const QList<QCheckBox *> checks = editor->findChildren<QCheckBox *>();
    for (const QCheckBox *check : checks) {
        if (check->isChecked())
            keys.append(check->property("key").toString());
    }
    return keys;
}

Answers RequestForm::answers() const
{
    Answers result;
    for (const Field &f : m_fields) {
        if (f.attribute.variable)
            result.insert(f.attribute.code, valuesOf(f));
    }
    return result;
}

void RequestForm::setAnswers(const Answers &answers)
{
    for (const Field &f : std::as_const(m_fields)) {
        const QStringList values = answers.value(f.attribute.code);
        if (auto *line = qobject_cast<QLineEdit *>(f.editor))
            line->setText(values.value(0));
        else if (auto *text = qobject_cast<QPlainTextEdit *>(f.editor))
            text->setPlainText(values.value(0));
        else if (auto *combo = qobject_cast<QComboBox *>(f.editor))
            combo->setCurrentIndex(std::max(0, combo->findData(values.value(0))));
        else if (f.attribute.datatype == AttributeDatatype::MultiValueList) {
            const QList<QCheckBox *> checks = f.editor->findChildren<QCheckBox *>();
            for (QCheckBox *check : checks)
                check->setChecked(values.contains(check->property("key").toString()));
        }
    }
    updateVisibility();
}

void RequestForm::updateVisibility()
{
    const Answers current = answers();
    bool anyShown = false;
    for (const Field &f : std::as_const(m_fields)) {
        const bool shown = f.attribute.isShown(current);
        m_layout->setRowVisible(
            f.editor->parentWidget() == this ? f.editor : f.editor->parentWidget(), shown);
        anyShown = anyShown || shown;
    }
    // A type without a question on screen leaves no empty strip above the description.
    setVisible(anyShown);
}

bool RequestForm::validate()
{
    const QList<FieldProblem> problems = validateAnswers(m_type, answers());
    QWidget *first = nullptr;
    for (Field &f : m_fields) {
        const auto problem =
            std::find_if(problems.cbegin(), problems.cend(), [&f](const FieldProblem &p) {
                return p.attributeCode == f.attribute.code;
            });
        if (problem == problems.cend()) {
            f.error->hide();
            continue;
        }
        f.error->setText(problem->message);
        f.error->show();
        if (!first)
            first = f.editor;
    }
    if (first)
        first->setFocus(Qt::OtherFocusReason);
    return problems.isEmpty();
}

QList<QWidget *> RequestForm::focusChain() const
{
    QList<QWidget *> chain;
    for (const Field &f : m_fields) {
        if (!f.attribute.variable)
            continue;
        if (f.attribute.datatype == AttributeDatatype::MultiValueList) {
            const QList<QCheckBox *> checks = f.editor->findChildren<QCheckBox *>();
            for (QCheckBox *check : checks)
                chain.append(check);
        } else {
            chain.append(f.editor);
        }
    }
    return chain;
}

QWidget *RequestForm::firstField() const
{
    for (const Field &f : m_fields) {
        if (f.attribute.variable && f.attribute.isShown(answers()))
            return f.editor;
    }
    return nullptr;
}

} // namespace civicdesk
