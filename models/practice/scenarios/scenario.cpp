#include "models/practice/scenarios/scenario.h"

namespace civicdesk {

const ScenarioSeed *Scenario::seed(const QString &ref) const
{
    for (const ScenarioSeed &s : seeds) {
        if (s.ref == ref)
            return &s;
    }
    return nullptr;
}

} // namespace civicdesk
