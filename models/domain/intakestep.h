#pragma once

#include "models/domain/event.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace civicdesk {

// What the call taker did during a contact, one step at a time, with its time: the record a
// supervisor replays and a practice run is scored from. Steps are `contact.step_recorded`
// events on the contact; the contact's own events (started, article opened, ended) read back as
// steps too, so nothing is written twice.
enum class IntakeStepKind
{
    Started,           // {channel, number_from_call}               (contact.started)
    TypeChosen,        // {service_code, type_name, previous}       previous set: a change
    Answer,            // {code, question, values[], previous[]}    previous set: a correction
    Location,          // {address, landmark, latitude, longitude, outside_city, referral}
    CallerDetails,     // {name, phone, email}: which were taken (booleans, never the data)
    DuplicatesShown,   // {request_ids[], numbers[]}
    DuplicateDecision, // {decision: attach|create_anyway|go_back, request_id, number, reason}
    ArticleOpened,     // {article_id}                               (contact.article_opened)
    RequestCreated,    // {request_id, number, service_code, address}
    CallerAttached,    // {request_id, number}
    ReadBack,          // {number, request_id}: a number read back to the caller
    Outcome            // {outcome, transfer_destination}            (contact.ended)
};

QString intakeStepKindName(IntakeStepKind kind);
std::optional<IntakeStepKind> intakeStepKindFromName(const QString &name);
// The kinds a contact.step_recorded event may carry (the others come from the contact's own
// events).
bool isIntakeStepKind(const QString &name);

struct IntakeStep
{
    IntakeStepKind kind = IntakeStepKind::Started;
    QJsonObject detail;
    QDateTime at;
};

// The steps of one contact, in log order, from its events (as EventStore::eventsFor returns
// them). Events that are not steps are skipped.
QList<IntakeStep> intakeStepsFromEvents(const QList<Event> &contactEvents);

} // namespace civicdesk
