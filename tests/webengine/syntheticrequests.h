#pragma once

#include "models/requests/maprequestrepository.h"

#include <QList>

namespace civicdesk::test {

// `count` located requests on a grid of 100 rows 0.0015 degrees apart (about 170 m) and columns
// 0.002 degrees apart, from 42.25, -71.15: ids "synthetic:<i>", numbers "<i>", seven types
// ("Type number <i % 7>"), the statuses in turn.
inline QList<MapRequestPoint> syntheticRequests(int count)
{
    QList<MapRequestPoint> points;
    for (int i = 0; i < count; ++i) {
        MapRequestPoint p;
        p.id = QStringLiteral("synthetic:%1").arg(i);
        p.number = QString::number(i);
        p.serviceCode = QStringLiteral("TYPE%1").arg(i % 7);
        p.typeName = QStringLiteral("Type number %1").arg(i % 7);
        p.status = RequestStatus(i % 3);
        p.latitude = 42.25 + (i % 100) * 0.0015;
        p.longitude = -71.15 + (i / 100) * 0.002;
        points.append(p);
    }
    return points;
}

} // namespace civicdesk::test
