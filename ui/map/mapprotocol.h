#pragma once

#include "models/requests/maprequestrepository.h"
#include "ui/map/hexbin.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace civicdesk {

// A request or place the map points at: the selected request, a duplicate candidate.
struct MapMarker
{
    QString id;
    double latitude = 0;
    double longitude = 0;
    QString label;
};

// A basemap layer as the page draws it. Its geometry is not here: the page fetches it from
// MapSchemeHandler at the level of detail it draws.
struct MapLayer
{
    QString id;
    QString kind; // boundary, neighborhood, ward, precinct, zip, open_space, street, point
    QString title;
    QString nameProperty;
};

// What the page is told once it is ready.
struct MapConfig
{
    double centerLatitude = 0;
    double centerLongitude = 0;
    int zoom = 12;
    bool hasBounds = false;
    double minLatitude = 0, minLongitude = 0, maxLatitude = 0, maxLongitude = 0;
    QString attribution;
    QString tileUrl; // "" = no tile server (the default): the basemap is the city's own layers
    QString tileAttribution;
    QString locale;
};

// The C++ half of the map page's protocol (the JavaScript half is resources/map/map.js). The
// bridge's signals carry typed scalars, or JSON text in the shapes encoded here; bulk data (layers,
// request markers: markerpayload.h) is fetched by the page from MapSchemeHandler. A change of
// shape is a new version, checked in both directions when the page starts.
namespace mapprotocol {

inline constexpr int Version = 4;

// Labels are the translated strings the page shows (legend, layer names).
QString encodeConfig(const MapConfig &config, const QHash<QString, QString> &labels);
// {"id","lat","lon","label","pan"}; {} when `marker` has no id.
QString encodeSelection(const MapMarker &marker, bool pan);
// {"lat","lon","label"}; {} when `marker` is null.
QString encodeLocation(const std::optional<MapMarker> &marker);
// [{"id","lat","lon","label"}]
QString encodeDuplicates(const QList<MapMarker> &markers);
// {"lat","lon","found","label","detail"}
QString encodePick(double latitude, double longitude, bool found, const QString &label,
                   const QString &detail);
// {"cells":[{"ring":[lat,lon,...],"count"}],"max","total","title"}
QString encodeHotspots(const QList<HexCell> &cells, const QString &title);

// A one- or two-letter mark for a request type, from the initials of its significant words.
QString typeMark(const QString &typeName);
int statusIndex(RequestStatus status);
// Whether the page draws layers of `kind` as soon as it opens (KINDS in map.js).
bool isShownAtFirst(const QString &kind);

} // namespace mapprotocol

} // namespace civicdesk
