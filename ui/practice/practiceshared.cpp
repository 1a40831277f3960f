#include "models/practice/practiceshare.h"
#include "models/practice/trainingrecord.h"
#include "ui/common/mainwindow.h"
#include "ui/practice/practicemode.h"
#include "ui/practice/scenarioeditordialog.h"

#include <QStatusBar>

// Practice mode's sharing through the central store (issue 17): the shared scenarios brought up
// to date before they are listed, runs sent when scored and before a report, and the scenario
// editor saving to the central store first.

namespace civicdesk {

void PracticeMode::refreshShared(std::function<void()> then)
{
    if (!m_share || m_trainerFolder.isEmpty()) {
        then();
        return;
    }
    if (m_refreshing)
        return; // the key pressed twice: the first refresh goes on
    m_refreshing = true;
    m_share->refreshScenarios(m_trainerFolder, [this, then = std::move(then)](Result<int> r) {
        m_refreshing = false;
        m_set.reset(); // listed again from the folder
        if (!r)
            m_live.statusBar()->showMessage(
                tr("The shared practice scenarios could not be updated (%1); the copies on this "
                   "workstation are listed.")
                    .arg(r.error().message),
                15000);
        emit scenariosShared(r ? r.value() : -1, r ? QString() : r.error().message);
        then();
    });
}

void PracticeMode::sendRuns(std::function<void()> then)
{
    if (!m_share || !m_record || m_agent.isEmpty()) {
        if (then)
            then();
        return;
    }
    m_share->sendRuns(*m_record, m_agent, [this, then = std::move(then)](Result<int> sent) {
        if (!sent) {
            m_live.statusBar()->showMessage(
                tr("Practice runs not sent to the central store yet (%1); they are kept on this "
                   "workstation and sent later.")
                    .arg(sent.error().message),
                15000);
            emit runsShared(0, sent.error().message);
            if (then)
                then();
            return;
        }
        emit runsShared(sent.value(), QString());
        if (!then)
            return;
        // Before a report: every run the central store lets this agent read, from any
        // workstation.
        m_share->fetchRuns(*m_record, [this, then](Result<int> fetched) {
            if (!fetched)
                m_live.statusBar()->showMessage(
                    tr("The class's practice runs could not be read from the central store "
                       "(%1); the report shows the runs on this workstation.")
                        .arg(fetched.error().message),
                    15000);
            then();
        });
    });
}

void PracticeMode::shareThrough(ScenarioEditorDialog &editor)
{
    if (!m_share)
        return;
    PracticeShare *share = m_share;
    editor.setCentralStore(
        [share](const Scenario &scenario, const QString &replacing) {
            return PracticeShare::wait([&](PracticeShare::Callback<Ok> done) {
                share->saveScenario(scenario, replacing, std::move(done));
            });
        },
        [share](const QString &id) {
            return PracticeShare::wait([&](PracticeShare::Callback<Ok> done) {
                share->removeScenario(id, std::move(done));
            });
        });
}

} // namespace civicdesk
