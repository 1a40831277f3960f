#pragma once

#include "models/domain/permissions/agentrole.h"
#include "models/domain/result.h"
#include "models/practice/scenarios/scenarioloader.h"

#include <QJsonObject>
#include <QSet>

namespace civicdesk {

// A scenario in the documented file format (resources/cities/README.md, "Practice
// scenarios"): what ScenarioLoader reads back into an equal Scenario.
QJsonObject scenarioToJson(const Scenario &scenario);
// A whole scenario file: {"format": "civicdesk-practice-scenarios", "format_version": 1, ...}.
QByteArray scenarioFile(const QList<Scenario> &scenarios);

// The practice scenarios of a workstation: the city pack's bundled ones (read-only) and the
// ones trainers write in the client, one file each (<id>.json in the same format) in the
// trainers' folder. Both are checked by the same ScenarioLoader against the live catalogue,
// knowledge base and referrals; an id used twice is a problem and the later one is left out.
class ScenarioLibrary
{
public:
    ScenarioLibrary(QString bundledDirectory, QString trainerDirectory);

    const QString &bundledDirectory() const { return m_bundled; }
    const QString &trainerDirectory() const { return m_trainers; }

    // Every scenario, bundled first then the trainers' (ScenarioSet::authored names those).
    ScenarioSet load(const ScenarioLoader &loader) const;

    // Everything wrong with `scenario` as the loader would find it in a file — the same rule —
    // and an id that another scenario (bundled, or another trainer's file) already uses.
    // `replacing`: the id of the trainer's scenario being edited (it may keep its id).
    QList<ScenarioProblem> check(const Scenario &scenario, const ScenarioLoader &loader,
                                 const QString &replacing = QString()) const;

    // Checks `scenario`, then writes it to the trainers' folder as <id>.json (replacing the
    // file of `replacing` when the id changed) and returns the file's path. Refused for a role
    // that may not author scenarios, or with the first problems; nothing is written then.
    Result<QString> save(const Scenario &scenario, const ScenarioLoader &loader, AgentRole role,
                         const QString &replacing = QString()) const;

    // Deletes a trainer's scenario (its file in the trainers' folder). Refused for a role that
    // may not author scenarios, for a bundled scenario (those come with the city pack) and for
    // an id no trainer's file holds; nothing is removed then.
    Status remove(const QString &id, AgentRole role) const;

    // The file a trainer's scenario is kept in.
    QString pathOf(const QString &id) const;

private:
    QString m_bundled;
    QString m_trainers;
};

} // namespace civicdesk
