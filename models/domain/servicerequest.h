#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

namespace civicdesk {

enum class RequestStatus
{
    Open,
    InProgress,
    Closed
};
QString requestStatusName(RequestStatus status);
std::optional<RequestStatus> requestStatusFromName(const QString &name);

// Where a request stands against its SLA at a moment.
enum class SlaState
{
    NoTarget,
    OnTime,
    DueSoon,
    Overdue
};

// A service request: the unit of work a department resolves. Its current state is a projection
// of its events; history imported from a city pack arrives as already-projected rows.
struct ServiceRequest
{
    QString id;     // UUID for requests made here; "<city>:<case id>" for imported history
    QString number; // request number read to the caller (RequestNumber or the city's case id)
    QString serviceCode;
    QString typeName; // the type as the source named it
    RequestStatus status = RequestStatus::Open;
    QString closureReason;
    QString description;
    QString address;
    std::optional<double> latitude;
    std::optional<double> longitude;
    QString neighborhood;
    QString ward;
    QString precinct;
    QString zip;
    QString channel; // phone, walk-in, web, app, email, text, mail, employee, ...
    QString departmentCode;
    QString callerId;
    QDateTime openedAt;
    QDateTime dueAt;
    QDateTime closedAt;
    QHash<QString, QStringList> attributes;
    QString mediaUrl;     // a photo of the problem, as the reporter sent it (Open311 media_url)
    QString addressId;    // the city's address id the reporter chose (Open311 address_id)
    QString sourceStatus; // imported history: the city's own status word ("Cancelled")
    QString statusNote;   // imported history: the note the pack gives that status

    // SLA state at `now`; "due soon" means within the last fifth of the allowed time.
    SlaState slaState(const QDateTime &now) const;
};

} // namespace civicdesk
