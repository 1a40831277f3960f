#pragma once

#include "models/domain/text/formvalidation.h"
#include "models/intake/intakeservice.h"

#include <QDateTime>
#include <QJsonObject>
#include <optional>

namespace civicdesk {

// One contact's unsaved intake as the draft store keeps it (the payload of the "intake" draft):
// the running contact, the caller as typed, and the request on the form. Widget-free, so the
// format is the same for every screen that takes calls, and it reads the drafts written before.
struct IntakeDraft
{
    QString contactId; // empty: no contact running
    QDateTime contactStarted;
    QString channel;
    QString callerId;
    QString callerPhone;
    QString callerName;
    QString callerEmail;
    QString description;
    QString typeCode; // empty: no request on the form
    Answers answers;
    std::optional<IntakeLocation> location;
    // What happened in the contact so far: the wrap-up's outcome (its name, empty: none yet),
    // the transfer destination and the last number to read back.
    QString outcome;
    QString transferTo;
    QString lastNumber;
    QString wrapUpNotes; // the wrap-up's notes typed and not yet saved

    // Nothing worth keeping: no contact, no type, no caller typed, no description.
    bool isEmpty() const;
    QJsonObject toJson() const;
    static IntakeDraft fromJson(const QJsonObject &payload);
};

} // namespace civicdesk
