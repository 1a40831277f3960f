#pragma once

#include "models/domain/servicerequest.h"

#include <QList>
#include <functional>

namespace civicdesk {

// What the central store knows beyond this workstation's replica, for the history views that
// follow the contact: requests by the caller's phone or at an address.
struct CentralAnswer
{
    QList<ServiceRequest> requests;
    bool central = false; // asked of the central store (else answered from this workstation)
    QString note;         // why not, when not: offline, signed out
};

enum class CentralKey
{
    Phone,
    Address
};

// Asks asynchronously and calls `done` once (on the GUI thread).
using CentralQuery = std::function<void(CentralKey key, const QString &value,
                                        std::function<void(const CentralAnswer &)> done)>;

} // namespace civicdesk
