#pragma once

#include "models/domain/permissions/agentrole.h"
#include "models/domain/place.h"
#include "models/practice/scenarios/scenariolibrary.h"

#include <QDialog>
#include <QHash>
#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QPushButton;

namespace civicdesk {

class CatalogueRepository;

namespace Ui {
class ScenarioEditorDialog;
}

// A trainer writes a practice scenario in the client: a new one, a copy of a bundled one (those
// stay as the city pack ships them) or one of the trainers' own to edit. Every part of the
// format has a field — the caller, the opening line, the facts per key, the answers to the
// type's questions, the open requests that exist before the call, the expected outcome, the
// target time and the pass mark. Saving checks the scenario with the very rule that checks
// scenario files (ScenarioLibrary::check); each problem names its field and the first one gets
// the focus, and nothing is written until there is none. Saved, it is a file in the trainers'
// folder and in the practice list beside the bundled ones.
class ScenarioEditorDialog : public QDialog
{
    Q_OBJECT

public:
    ScenarioEditorDialog(const ScenarioSet &set, const ScenarioLibrary &library,
                         const ScenarioLoader &loader, const CatalogueRepository &catalogue,
                         const QList<Referral> &referrals, AgentRole role,
                         QWidget *parent = nullptr);
    ~ScenarioEditorDialog() override;

    // Fills the form: `copy` gives the scenario a new id and title (a copy of a bundled one),
    // otherwise it is edited in place (a trainer's own).
    void load(const Scenario &scenario, bool copy);
    // The scenario as the form holds it; the cells that are not numbers are `problems`.
    Scenario scenario(QList<ScenarioProblem> *problems = nullptr) const;
    // Checks and writes; false (problems shown, the first field focused) when it cannot.
    bool save();
    // Deletes the trainer's scenario being edited after asking (bundled ones cannot be
    // deleted; the button is off for them); false when nothing was deleted.
    bool deleteScenario();
    // Test seam: how the deletion is confirmed (default: a question box).
    void setConfirmation(std::function<bool(const QString &question)> confirm)
    {
        m_confirm = std::move(confirm);
    }
    // With a central store: a scenario is saved there first (the server checks the role and the
    // scenario again), and written to this workstation's copy only once it is; a deletion too.
    // A refusal is shown like a problem and nothing is written here.
    using Publisher = std::function<Status(const Scenario &scenario, const QString &replacing)>;
    using Withdrawer = std::function<Status(const QString &id)>;
    void setCentralStore(Publisher publish, Withdrawer withdraw)
    {
        m_publish = std::move(publish);
        m_withdraw = std::move(withdraw);
    }
    QString deletedId() const { return m_deletedId; }
    QString savedPath() const { return m_savedPath; }
    QString savedId() const { return m_savedId; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillChoices();
    void startFrom(int index);
    void addTypeQuestions();
    void addAnswerRow(const ScenarioAnswer &answer);
    void addSeedRow(const ScenarioSeed &seed);
    void showProblems(const QList<ScenarioProblem> &problems);
    QWidget *fieldOf(const QString &field) const;
    static void selectData(QComboBox *combo, const QString &data);

    std::unique_ptr<Ui::ScenarioEditorDialog> m_ui;
    const ScenarioSet &m_set;
    const ScenarioLibrary &m_library;
    const ScenarioLoader &m_loader;
    const CatalogueRepository &m_catalogue;
    QList<Referral> m_referrals;
    AgentRole m_role;
    QString m_editing; // the id of the trainer's scenario being edited, "" for a new one
    QHash<QString, QWidget *> m_fields; // file key -> the field that holds it
    QString m_savedPath;
    QString m_savedId;
    QString m_deletedId;
    QPushButton *m_deleteButton = nullptr;
    std::function<bool(const QString &)> m_confirm;
    Publisher m_publish;
    Withdrawer m_withdraw;
};

} // namespace civicdesk
