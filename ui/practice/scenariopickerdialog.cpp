#include "ui/practice/scenariopickerdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace civicdesk {

ScenarioPickerDialog::ScenarioPickerDialog(const ScenarioSet &set, QWidget *parent)
    : QDialog(parent), m_list(new QListWidget(this)), m_problems(new QLabel(this))
{
    setObjectName(QStringLiteral("scenarioPickerDialog"));
    setWindowTitle(tr("Practice: choose a call"));
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(tr("&Scenario (the caller is played for you; nothing reaches a "
                                "resident):"),
                             this);
    label->setBuddy(m_list);
    layout->addWidget(label);
    m_list->setObjectName(QStringLiteral("scenarioList"));
    m_list->setAccessibleName(tr("Scenario"));
    for (const Scenario &s : set.scenarios) {
        const QString line =
            tr("%1 · %2 · target %3 s").arg(s.title, s.language.toUpper()).arg(s.targetSeconds);
        auto *item = new QListWidgetItem(
            set.authored.contains(s.id) ? tr("%1 · written by a trainer").arg(line) : line, m_list);
        item->setData(Qt::UserRole, s.id);
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    layout->addWidget(m_list, 1);
    QStringList problems;
    for (const ScenarioProblem &p : set.problems)
        problems.append(p.text().toHtmlEscaped());
    m_problems->setObjectName(QStringLiteral("scenarioProblemsLabel"));
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->setText(problems.isEmpty() ? QString()
                                           : tr("<b>Scenarios left out (%1 problems):</b><br>%2")
                                                 .arg(problems.size())
                                                 .arg(problems.join(QStringLiteral("<br>"))));
    m_problems->setVisible(!problems.isEmpty());
    layout->addWidget(m_problems);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start the call"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(m_list->count() > 0);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemActivated, this, &QDialog::accept);
    layout->addWidget(buttons);
    resize(640, 480);
}

int ScenarioPickerDialog::chosen() const
{
    return m_list->currentRow();
}

} // namespace civicdesk
