#include "ui/practice/scenarioeditordialog.h"
#include "ui_scenarioeditordialog.h"

#include <QLineEdit>
#include <QMessageBox>
#include <QRegularExpression>

// The scenario editor's saving and deleting: the checks, the central store first when there is
// one, then the trainers' folder; the problems shown field by field.

namespace civicdesk {

bool ScenarioEditorDialog::save()
{
    QList<ScenarioProblem> problems;
    const Scenario s = scenario(&problems);
    if (problems.isEmpty())
        problems = m_library.check(s, m_loader, m_editing);
    if (!problems.isEmpty()) {
        showProblems(problems);
        return false;
    }
    if (!mayAuthorScenarios(m_role)) {
        showProblems({{QString(), s.id, QString(),
                       tr("The %1 role may not write practice scenarios: trainers and admins do.")
                           .arg(agentRoleName(m_role))}});
        return false;
    }
    if (m_publish) {
        if (const Status published = m_publish(s, m_editing); !published) {
            showProblems(
                {{QString(), s.id, QString(),
                  tr("The central store did not save it: %1").arg(published.error().message)}});
            return false;
        }
    }
    auto saved = m_library.save(s, m_loader, m_role, m_editing);
    if (!saved) {
        showProblems({{QString(), s.id, QString(), saved.error().message}});
        return false;
    }
    m_savedPath = saved.value();
    m_savedId = s.id;
    return true;
}

QWidget *ScenarioEditorDialog::fieldOf(const QString &field) const
{
    if (QWidget *w = m_fields.value(field))
        return w;
    // "answers[2].values", "answers.CODE", "seed_requests[0].latitude": the table.
    const qsizetype cut = field.indexOf(QRegularExpression(QStringLiteral("[.\\[]")));
    return cut > 0 ? m_fields.value(field.left(cut)) : nullptr;
}

void ScenarioEditorDialog::showProblems(const QList<ScenarioProblem> &problems)
{
    QStringList lines;
    QWidget *first = nullptr;
    for (const ScenarioProblem &p : problems) {
        QWidget *w = fieldOf(p.field);
        if (!first)
            first = w;
        const QString line = p.field.isEmpty() ? p.message
                             : w ? tr("%1 (%2): %3").arg(w->accessibleName(), p.field, p.message)
                                 : tr("%1: %2").arg(p.field, p.message);
        lines.append(line.toHtmlEscaped());
    }
    m_ui->problemsLabel->setText(
        tr("<b>Not saved (%n problem(s)):</b>", nullptr, int(problems.size())) +
        QStringLiteral("<br>") + lines.join(QStringLiteral("<br>")));
    m_ui->problemsLabel->show();
    m_ui->problemsLabel->setAccessibleName(m_ui->problemsLabel->text());
    if (!first)
        return;
    for (int i = 0; i < m_ui->editorTabWidget->count(); ++i) {
        if (m_ui->editorTabWidget->widget(i)->isAncestorOf(first))
            m_ui->editorTabWidget->setCurrentIndex(i);
    }
    first->setFocus(Qt::OtherFocusReason);
    if (auto *edit = qobject_cast<QLineEdit *>(first))
        edit->selectAll();
}

bool ScenarioEditorDialog::deleteScenario()
{
    if (m_editing.isEmpty())
        return false;
    const QString question = tr("Delete the practice scenario \"%1\"? Its file is removed from "
                                "the trainers' folder; runs already scored stay in the training "
                                "record.")
                                 .arg(m_editing);
    const bool confirmed = m_confirm
                               ? m_confirm(question)
                               : QMessageBox::question(this, tr("Delete a practice scenario"),
                                                       question, QMessageBox::Yes | QMessageBox::No,
                                                       QMessageBox::No) == QMessageBox::Yes;
    if (!confirmed)
        return false;
    if (m_withdraw) {
        // Gone from the central store already (another trainer deleted it): deleted here too.
        const Status withdrawn = m_withdraw(m_editing);
        if (!withdrawn && withdrawn.error().code != u"http.404") {
            m_ui->problemsLabel->setText(
                tr("The central store did not delete it: %1").arg(withdrawn.error().message));
            m_ui->problemsLabel->show();
            return false;
        }
    }
    if (const Status removed = m_library.remove(m_editing, m_role); !removed) {
        m_ui->problemsLabel->setText(removed.error().message);
        m_ui->problemsLabel->show();
        return false;
    }
    m_deletedId = m_editing;
    return true;
}

} // namespace civicdesk
