#pragma once

#include <QString>
#include <optional>

namespace civicdesk::kpitexts {

// How the workspace and the wallboard write figures: "42 %", "3:05" (minutes:seconds), or a
// dash when there is nothing to divide.
QString percent(std::optional<double> share);
QString duration(std::optional<double> seconds);
// The first-contact resolution definition shown beside the figure.
QString fcrDefinition();

} // namespace civicdesk::kpitexts
