#pragma once

#include "models/domain/place.h"
#include "models/domain/result.h"
#include "models/practice/scenarios/scenario.h"

#include <QHash>
#include <QSet>

namespace civicdesk {

class ArticleRepository;
class CatalogueRepository;

// One thing wrong with a scenario: the file, the scenario (its id, or its position when it
// has none) and the field, so a trainer can find and fix it.
struct ScenarioProblem
{
    QString file;
    QString scenario;
    QString field;
    QString message;
    QString text() const; // "file: scenario: field: message"
};

struct ScenarioSet
{
    QList<Scenario> scenarios; // only the scenarios without problems
    QList<ScenarioProblem> problems;
    // Article id -> its translation group, for every article a scenario expects (scoring
    // accepts the article in any language).
    QHash<QString, QString> articleGroups;
    // The ids of the scenarios trainers wrote in the client (ScenarioLibrary); the others are
    // the city pack's.
    QSet<QString> authored;
};

// Reads practice scenarios (JSON, "civicdesk-practice-scenarios" version 1) and checks every
// one against the live catalogue, knowledge base and referrals: the type exists, each answer
// names a question of that type with a value it offers, each article exists, the referral is
// one the city knows, the outcome fits (an emergency is transferred, a place outside the city
// is referred, an attach has a seeded request of the type). A scenario with a problem is left
// out and each problem is reported.
class ScenarioLoader
{
public:
    ScenarioLoader(const CatalogueRepository &catalogue, const ArticleRepository &articles,
                   QList<Referral> referrals);

    ScenarioSet loadFile(const QString &path) const;
    ScenarioSet loadData(const QByteArray &json, const QString &file) const;
    // Every *.json in `directory` (the city pack's practice/ folder), in name order.
    ScenarioSet loadDirectory(const QString &directory) const;

private:
    void check(Scenario &scenario, const QString &file, ScenarioSet &set) const;

    const CatalogueRepository &m_catalogue;
    const ArticleRepository &m_articles;
    QList<Referral> m_referrals;
};

} // namespace civicdesk
