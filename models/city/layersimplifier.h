#pragma once

#include <QByteArray>
#include <QString>

namespace civicdesk {

// How much of a layer's geometry the map draws at a range of zooms.
enum class LayerDetail
{
    Overview, // the whole city to a district (zoom < 15): about 7 m, a pixel at zoom 14
    Street,   // street level (zoom 15 and closer): about 0.5 m, a pixel at zoom 18
};

// The map's copy of a city-pack layer: the same features with their geometry simplified for a
// level of detail (Douglas-Peucker, coordinates rounded to what that level can show) and every
// property dropped except the one the map labels features with. The imported GeoJSON stays the
// source: this is derived from it and can be made again at any time.
namespace layersimplifier {

struct Level
{
    double tolerance = 0; // degrees of latitude
    int decimals = 6;     // coordinate decimals kept
};

Level levelOf(LayerDetail detail);
QString nameOf(LayerDetail detail); // "overview", "street"

// Whether the features of a layer kind are drawn unlabelled and alike from afar, so that its
// overview may merge them (streets, open space, precincts).
bool mergedAtOverview(const QString &kind);

enum class Features
{
    Kept,   // each feature on its own, with its label property
    Merged, // every line of the layer in one MultiLineString feature, every polygon in one
            // MultiPolygon, without properties: the page makes one shape of each, not thousands
            // (the 4,717 arterial streets took 1.7 s to draw one by one on a busy machine)
};

// The simplified FeatureCollection as compact JSON; an empty array for input that is not a
// FeatureCollection. Rings that shrink below a triangle and lines below two points go, and so
// do features left without geometry.
QByteArray simplify(const QByteArray &geoJson, const QString &nameProperty, LayerDetail detail,
                    Features features = Features::Kept);

// The map's view of a layer of `kind` at a level of detail: simplify() with its features merged
// at the overview when the kind is drawn alike from afar. What the city import stores beside
// each layer, and what the workstation makes when a store has none.
QByteArray viewOf(const QByteArray &geoJson, const QString &nameProperty, const QString &kind,
                  LayerDetail detail);

} // namespace layersimplifier

} // namespace civicdesk
