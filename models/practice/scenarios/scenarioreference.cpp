#include "models/practice/scenarios/scenarioreference.h"

#include "models/intake/intakerepository.h"

namespace civicdesk {

ScenarioReference::ScenarioReference(Database &live)
    : m_catalogue(live), m_articles(live), m_referrals(IntakeRepository(live).referrals()),
      m_loader(m_catalogue, m_articles, m_referrals)
{
}

} // namespace civicdesk
