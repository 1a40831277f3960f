#pragma once

#include "models/domain/servicerequest.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

namespace civicdesk {

class Database;

// Which requests the map shows; an empty list means "any".
struct MapRequestFilter
{
    QStringList serviceCodes;
    QList<RequestStatus> statuses;
    QStringList departmentCodes;
    QDateTime openedFrom; // invalid: no lower bound
    QDateTime openedTo;   // invalid: no upper bound (exclusive)
};

// One located request as the map draws it: no more than a marker needs.
struct MapRequestPoint
{
    QString id;
    QString number;
    QString serviceCode;
    QString typeName;
    QString departmentCode;
    QString neighborhood;
    RequestStatus status = RequestStatus::Open;
    double latitude = 0;
    double longitude = 0;
    qint64 openedAt = 0; // seconds since the epoch
};

// A value a filter can take (a request type, a department) and how many located requests have it.
struct MapFacet
{
    QString code;
    QString label;
    int count = 0;
};

struct NeighborhoodCount
{
    QString neighborhood; // "" for requests without one
    int count = 0;
};

// Reads located requests for the map and the hot-spot table. Static statements only: list
// filters are bound as JSON arrays and read with json_each.
class MapRequestRepository
{
public:
    explicit MapRequestRepository(const Database &database);

    QList<MapRequestPoint> located(const MapRequestFilter &filter) const;
    QList<NeighborhoodCount> neighborhoodCounts(const MapRequestFilter &filter) const;
    QList<MapFacet> serviceTypes() const; // by count, largest first
    QList<MapFacet> departments() const;  // by count, largest first
    // The first and last opening dates of located requests (invalid when there are none).
    std::pair<QDateTime, QDateTime> openedRange() const;

private:
    // Runs a fixed facet statement (code, name, count).
    QList<MapFacet> facets(const QString &statement) const;
    QString m_connection;
};

} // namespace civicdesk
