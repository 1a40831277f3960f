#pragma once

#include "models/domain/servicerequest.h"

#include <QDateTime>
#include <QString>

namespace civicdesk {

// A callback promised to a caller: who to call about which request, and by when.
struct CallbackEntry
{
    enum class State
    {
        Later,   // due after the "soon" window
        DueSoon, // due within DueSoonMinutes
        Overdue, // its time has passed
        Done
    };
    static constexpr int DueSoonMinutes = 60;

    QString id;
    QString requestId;
    QString requestNumber;
    QString typeName;    // of the request, when it is in the store
    QString serviceCode; // of the request (its name in the window's language: ServiceNames)
    QString address;     // of the request
    RequestStatus requestStatus = RequestStatus::Open;
    QString callerId;
    QString callerName;
    QString phone;
    QDateTime dueAt;
    QString note;
    QString scheduledBy;
    QDateTime scheduledAt;
    QDateTime doneAt; // invalid while pending
    QString doneBy;
    QString outcome; // one of requestlinkprojection::callbackOutcomes() once done
    QString doneNote;

    bool isDone() const { return doneAt.isValid(); }
    State state(const QDateTime &now) const
    {
        if (isDone())
            return State::Done;
        if (dueAt <= now)
            return State::Overdue;
        return dueAt <= now.addSecs(DueSoonMinutes * 60) ? State::DueSoon : State::Later;
    }
};

} // namespace civicdesk
