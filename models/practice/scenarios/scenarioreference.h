#pragma once

#include "models/city/cataloguerepository.h"
#include "models/knowledge/articlerepository.h"
#include "models/practice/scenarios/scenarioloader.h"

namespace civicdesk {

class Database;

// What practice scenarios are checked against: the live store's catalogue, knowledge base and
// referrals (reference data, never callers), and the loader that checks every scenario file and
// every scenario a trainer writes by that same rule. Practice mode asks for this instead of
// building repositories on the live store itself.
class ScenarioReference
{
public:
    explicit ScenarioReference(Database &live);
    ScenarioReference(const ScenarioReference &) = delete;
    ScenarioReference &operator=(const ScenarioReference &) = delete;

    const CatalogueRepository &catalogue() const { return m_catalogue; }
    const QList<Referral> &referrals() const { return m_referrals; }
    const ScenarioLoader &loader() const { return m_loader; }

private:
    CatalogueRepository m_catalogue;
    ArticleRepository m_articles;
    QList<Referral> m_referrals;
    ScenarioLoader m_loader;
};

} // namespace civicdesk
