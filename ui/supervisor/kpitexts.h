#pragma once

#include <QString>
#include <optional>

namespace civicdesk {
struct PhoneFigures;
struct PhoneCounts;
} // namespace civicdesk

namespace civicdesk::kpitexts {

// How the workspace and the wallboard write figures: "42 %", "3:05" (minutes:seconds), or a
// dash when there is nothing to divide.
QString percent(std::optional<double> share);
QString duration(std::optional<double> seconds);
// The first-contact resolution definition shown beside the figure.
QString fcrDefinition();
// The phone system's service level: "71 % in 30 s" (a dash without calls offered).
QString serviceLevel(const PhoneCounts &counts, int thresholdSeconds);
// One line beside the request figures: service level against the 80 % target, abandon rate,
// ASA, or that no interval report covers the period.
QString phoneSummary(const PhoneFigures &figures);
// How the phone figures are counted, shown beside them.
QString phoneDefinition();

} // namespace civicdesk::kpitexts
