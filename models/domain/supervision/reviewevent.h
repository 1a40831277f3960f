#pragma once

#include "models/domain/event.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <optional>

namespace civicdesk {

// Quality reviews as events (entity type "review"). Every event about an evaluation names the
// agent it is about in payload "agent", so the central store's review endpoint gives an agent
// their own and nobody else's. Written on a workstation's replica and pushed by sync; the pull
// brings a supervisor's replica every review and an agent's their own only (mayReadReviewEvent in
// models/domain/permissions/eventpermission.h, applied by the server).
//
//   review.form_published      entity = form id    {"form": EvaluationForm json}
//   review.evaluation_submitted entity = evaluation {"agent", "contact_id", "form" (the form as
//                                 scored), "answers", "comment", "score", "critical_failed",
//                                 "sample" (optional: the sample it was drawn in)}
//   review.acknowledged        entity = evaluation {"agent", "note" (optional)}
//   review.disputed            entity = evaluation {"agent", "reason"}
//   review.decided             entity = evaluation {"agent", "decision": upheld | rescored,
//                                 "score" (rescored), "note"}
//   review.coaching_noted      entity = evaluation {"agent", "note"}
//   review.recorded            a free score without a form (kept from the first release)
//                                 {"agent", "score"}
//
// An evaluation's score is recomputed from its form and answers when it is checked: an event
// whose score or critical result disagrees is refused.
namespace review {

inline constexpr int ResponseWindowDays = 14; // an agent acknowledges or disputes within it
inline constexpr int MaxTextLength = 2000;

struct Problem
{
    QString field;   // payload.<key>, kind, entity_type
    QString message; // translated
};

bool handles(const Event &event); // a review.* kind or the review entity type
QStringList kinds();
// The payload rules above; nothing when the event is well formed.
std::optional<Problem> check(const Event &event);

} // namespace review

// What the store holds of one evaluation, for the permission table.
struct ReviewState
{
    QString agent = QString();
    QDateTime submittedAt = QDateTime();
    bool acknowledged = false;
    bool disputed = false;
    bool decided = false;

    bool answered() const { return acknowledged || disputed; }
    QDateTime responseDue() const { return submittedAt.addDays(review::ResponseWindowDays); }
    // Folds one event about the evaluation in (the order of the log).
    void apply(const Event &event);
};

} // namespace civicdesk
