#pragma once

#include "models/domain/result.h"

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace civicdesk::exportrecord {

// Every export of the supervisor's figures (a CSV of contacts, requests, lobby visits or
// evaluations, the monthly PDF report) is an event, so the audit trail says who took which
// figures out of CivicDesk and when, on every workstation and on the central store:
//
//   entity  export / a new id per export
//   kind    supervision.exported   (supervisors and admins: domain/eventpermission.h)
//   payload {"what": contacts | requests | lobby_visits | evaluations | monthly_report,
//            "format": csv | pdf, "rows": the CSV's rows (0 for a report),
//            "from", "to": the period's first and last day (ISO dates),
//            "team", "agent", "channel": the filter ("" for all),
//            "caller_details": whether the callers' names and numbers went with it,
//            "file": the file's name (without its folder)}
QString entityType();
QString kind();
QStringList whats();

struct Record
{
    QString what = QString();
    QString format = QString();
    int rows = 0;
    QDate from = QDate();
    QDate to = QDate();
    QString team = QString();
    QString agent = QString();
    QString channel = QString();
    bool callerDetails = false;
    QString file = QString();
};

QJsonObject payload(const Record &record);
// Every part checked (both stores, before writing): the error names the part.
Status check(const QString &entityId, const QJsonObject &payload);
Record recordOf(const QJsonObject &payload); // after check()

} // namespace civicdesk::exportrecord
