#pragma once

#include "models/practice/practicehttp.h"
#include "models/practice/scenarios/scenario.h"

#include <QObject>
#include <memory>

class QNetworkAccessManager;

namespace civicdesk {

class TrainingRecord;

// Practice shared through the central store (app/server/API.md, "Shared practice"): the
// scenarios trainers write and the trainees' scored runs, so that a scenario written on one
// workstation is in the practice list of every other, and a run finished on any workstation
// reaches the trainer's report. The central store enforces who may do what (trainers and admins
// write scenarios; everyone reads them; a trainee sends and reads their own runs; trainers,
// supervisors and admins read every run) and keeps practice in tables of its own, never with
// live requests. It speaks only /api/v1/practice/ (PracticeHttp); the practice workspace itself
// still has no network at all.
//
// On the workstation the shared scenarios are kept as files in a folder of their own (the
// trainers' folder of ScenarioLibrary, a copy of the central store's), so they are listed and
// played offline too; the runs are kept in the TrainingRecord, which remembers the ones not sent
// yet.
class PracticeShare : public QObject
{
    Q_OBJECT

public:
    static constexpr int TimeoutMs = 15000;
    static constexpr int RunsPerRequest = 8;

    PracticeShare(QNetworkAccessManager &network, QUrl server, std::function<QString()> token,
                  QObject *parent = nullptr);
    // With a network access manager of its own (the workstation's).
    PracticeShare(QUrl server, std::function<QString()> token, QObject *parent = nullptr);
    ~PracticeShare() override;

    template <typename T> using Callback = std::function<void(Result<T>)>;

    // Copies the central store's scenarios into `folder` as <id>.json files in the scenario
    // file format, and removes the files of scenarios the central store no longer has; the
    // number of scenarios. On an error the folder is left as it was.
    void refreshScenarios(const QString &folder, Callback<int> done);
    // Writes `scenario` to the central store (replacing the trainer's scenario `replacing`
    // when its id changed). The central store checks the role and the scenario itself.
    void saveScenario(const Scenario &scenario, const QString &replacing, Callback<Ok> done);
    // Deletes a trainer's scenario from the central store.
    void removeScenario(const QString &id, Callback<Ok> done);
    // Sends `trainee`'s runs that `record` has not shared yet and marks them shared; how many.
    void sendRuns(TrainingRecord &record, const QString &trainee, Callback<int> done);
    // Adds to `record` every run the central store lets this sign-in read (a trainee's own, or
    // the whole class for trainers, supervisors and admins); how many it holds.
    void fetchRuns(TrainingRecord &record, Callback<int> done);

    // Waits (the events of this thread going on) for an operation started by `start` to
    // answer, at most TimeoutMs: for a dialog that must know before it closes.
    static Status wait(const std::function<void(Callback<Ok>)> &start);

private:
    void sendRunsFrom(TrainingRecord &record, const QString &trainee, int sent, Callback<int> done);

    std::unique_ptr<QNetworkAccessManager> m_ownNetwork;
    PracticeHttp m_http;
};

} // namespace civicdesk
