#pragma once

#include "models/domain/permissions/agentrole.h"
#include "models/domain/result.h"
#include "models/practice/practicescore.h"
#include "models/practice/scenarios/scenarioloader.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTimer>
#include <QWidget>
#include <functional>
#include <memory>

namespace civicdesk {

class CallerPanel;
class CallerVoice;
class LiveTrainerWindow;
class PracticeChannel;
class PracticeShare;
class ScenarioEditorDialog;
class MainWindow;
class PracticePhone;
class ScenarioReference;
class Settings;
class TrainingRecord;
struct StoreContext;

// What practice mode is handed by the composition root (app/workstation/workspace.h,
// practiceGraphs): it builds no store and no reader of its own.
struct PracticeGraphs
{
    // The practice object graph on a new practice database at `path`, made from the live store
    // (the city's reference data only): the composition root's Workspace with no sync client.
    // The returned pointer owns the database and the graph.
    std::function<Result<std::shared_ptr<StoreContext>>(const QString &path)> workspace;
    // Writes a scenario's seed requests into a practice graph's store; each seed's ref -> the
    // number it was given (models/practice/practicestore.h).
    std::function<Result<QHash<QString, QString>>(StoreContext &practice, const Scenario &)> seed;
    // What scenarios are checked against, read from the live store when asked (so a pull or an
    // import since is seen).
    std::function<std::unique_ptr<ScenarioReference>()> reference;
    QTimeZone cityZone; // the trainee report's times
};

// Practice mode: the trainee takes a scripted call in the real client — the same intake,
// knowledge base, map and history — inside a practice workspace on its own database (the
// city's reference data only, the scenario's seeded requests), built with no sync engine and no
// network. The practice window is tinted, says PRACTICE in a banner and its status bar, and
// plays the caller (CallerPanel). When the contact ends the run is scored and the result shown.
// Leaving practice deletes the practice database and shows the live window as it was: its
// draft, its contact and its layout are untouched.
class PracticeMode : public QObject
{
    Q_OBJECT

public:
    PracticeMode(MainWindow &live, Settings &settings, QString scenarioDirectory,
                 PracticeGraphs graphs, QObject *parent = nullptr);
    ~PracticeMode() override;

    // Asks for a scenario and starts it. Errors are shown, the live window stays.
    void choose();
    // Starts a scenario by id (for tests and "Try again"); false with `error` set if it cannot.
    bool start(const QString &scenarioId, QString *error = nullptr);
    // Scores the run so far and shows the result.
    void showResult();
    // Back to live work.
    void leave();
    // Every run scored when its contact ends is kept in `record` as `agent`'s (the record
    // outlives this object); without a record runs are scored and shown only.
    void setTrainingRecord(TrainingRecord *record, const QString &agent, AgentRole role);
    // Practice ▸ Trainee report: the agent's own, or any trainee's and the class for trainers,
    // supervisors and admins.
    void showTraineeReport();
    // Scenarios trainers write in the client are kept in `trainerFolder` (one file each, listed
    // beside the city pack's); `role` is the agent's, which decides who may write them.
    void setAuthoring(const QString &trainerFolder, AgentRole role);
    // Practice ▸ Write a scenario: the editor for trainers and admins; everyone else is told
    // why not.
    void authorScenario();
    const QString &trainerFolder() const { return m_trainerFolder; }

    // ---- Shared practice (issue 17): with a central store the scenarios trainers write and
    // the trainees' runs go through it (PracticeShare), so a scenario written on one workstation
    // is in every workstation's practice list and a run finished anywhere reaches the trainer's
    // report. The trainers' folder is then this workstation's copy of the central store's
    // scenarios; the training record keeps the runs not sent yet and sends them when it can.
    void setShare(PracticeShare *share) { m_share = share; }
    PracticeShare *share() const { return m_share; }
    // Brings the shared scenarios up to date (the copy is kept when the central store cannot
    // be reached, and the status bar says so), then runs `then`; at once without a share.
    void refreshShared(std::function<void()> then);
    // Sends the agent's runs the central store does not have yet (they wait otherwise): on
    // leaving practice (never during a run), before a report, and when the workstation starts.
    void sendRuns(std::function<void()> then = {});

    // ---- Live practice calls (a trainer plays the caller from a second workstation)
    // Makes the practice channel's client, on the central store this workstation signed in
    // to; null without one (standalone, or working offline). Only the live call's own object
    // talks to the server: the practice workspace still has no network at all.
    using ChannelFactory = std::function<std::unique_ptr<PracticeChannel>()>;
    void setChannelFactory(ChannelFactory factory) { m_channelFactory = std::move(factory); }
    // Practice ▸ Play the caller live: a trainer or admin picks a scenario and opens the call.
    void chooseLiveTrainer();
    // Opens a live call for the scenario and shows the trainer's window; false with `error`.
    bool openLiveTrainer(const QString &scenarioId, QString *error = nullptr);
    LiveTrainerWindow *liveTrainerWindow() const { return m_trainerWindow; }
    PracticeChannel *trainerChannel() const { return m_trainerChannel.get(); }
    // Practice ▸ Join a trainer's live call: asks for the join code.
    void chooseJoinLive();
    // Joins the live call with `code`; when the server answers, the scenario the trainer chose
    // starts with the trainer as the caller (emits liveJoined, or liveRefused with the reason).
    void joinLive(const QString &code);
    PracticeChannel *traineeChannel() const { return m_traineeChannel.get(); }
    // Test seam: the join code is asked through this instead of a dialog.
    void setJoinCodeAsker(std::function<QString()> asker) { m_joinCodeAsker = std::move(asker); }

    // The caller's spoken lines (Practice run ▸ Caller's voice, Ctrl+Alt+V): `engine` is the Qt
    // TextToSpeech engine to speak with (empty: the first installed). The choice, on or off,
    // holds for every run until the workstation closes.
    void setSpeechEngine(const QString &engine) { m_speechEngine = engine; }
    CallerVoice *voice();

    const ScenarioSet &scenarios();
    MainWindow *practiceWindow() const { return m_window; }
    CallerPanel *callerPanel() const { return m_caller; }
    // The practice run's phone (null for a walk-in scenario or a build without telephony).
    PracticePhone *phone() const { return m_phone; }
    StoreContext *practiceStore() const { return m_store.get(); }
    // The last scored run (empty before one).
    std::optional<PracticeResult> lastResult() const { return m_lastResult; }
    QList<IntakeStep> steps() const;
    // Test seam: the result dialog is not shown modally, it is handed over instead.
    void setResultHandler(std::function<void(const PracticeResult &)> handler)
    {
        m_resultHandler = std::move(handler);
    }

signals:
    void started(const QString &scenarioId);
    void scored(const civicdesk::PracticeResult &result);
    // The editor was refused (the agent's role may not write scenarios), with the reason shown.
    void authoringRefused(const QString &reason);
    void left();
    void liveOpened(const QString &code);
    void liveJoined(const QString &scenarioId);
    // A live call could not be opened or joined (the reason is shown too).
    void liveRefused(const QString &reason);
    // The central store has the agent's runs (`sent` of them just now), or could not be
    // reached (`error`).
    void runsShared(int sent, const QString &error);
    // The shared scenarios were brought up to date (or kept, with `error`).
    void scenariosShared(int count, const QString &error);

private:
    void decorate(const Scenario &scenario);
    void pickAndStart();
    void askJoinCode();
    void openTraineeReport();
    void openScenarioEditor();
    void shareThrough(ScenarioEditorDialog &editor);
    void tearDown();
    void refuseLive(QWidget *parent, const QString &reason);
    void mirrorIntake();

    MainWindow &m_live;
    Settings &m_settings;
    QString m_directory;
    PracticeGraphs m_graphs;
    std::optional<ScenarioSet> m_set;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<StoreContext> m_store;
    QPointer<QWidget> m_liveFocus;    // where the agent was in the live window
    MainWindow *m_window = nullptr;   // owned; deleted by tearDown()
    CallerPanel *m_caller = nullptr;  // a child of m_window
    PracticePhone *m_phone = nullptr; // a child of m_window
    QString m_trainerFolder;
    AgentRole m_authorRole = AgentRole::CallTaker;
    Scenario m_scenario;
    QHash<QString, QString> m_seedNumbers;
    QString m_contact;
    std::optional<PracticeResult> m_lastResult;
    TrainingRecord *m_record = nullptr;
    QString m_agent;
    AgentRole m_role = AgentRole::CallTaker;
    bool m_contactEnded = false; // the next result is the run's: it goes into the record
    std::function<void(const PracticeResult &)> m_resultHandler;
    ChannelFactory m_channelFactory;
    std::unique_ptr<PracticeChannel> m_trainerChannel;
    LiveTrainerWindow *m_trainerWindow = nullptr; // owned (deleted on close)
    std::unique_ptr<PracticeChannel> m_traineeChannel;
    QTimer *m_mirrorTimer = nullptr;
    std::function<QString()> m_joinCodeAsker;
    QString m_speechEngine;
    CallerVoice *m_voice = nullptr; // a child; made when first asked for
    PracticeShare *m_share = nullptr;
    bool m_refreshing = false;
};

} // namespace civicdesk
