#pragma once

#include <QSettings>
#include <QString>

namespace civicdesk {

// The map's own settings (the "map" group of the workstation's settings).
class MapSettings
{
public:
    MapSettings() = default;

    // A tile server URL template with {z}, {x} and {y}, for cities that run one. Empty (the
    // default): the basemap is drawn from the city pack's layers and nothing is fetched.
    QString tileUrl() const;
    void setTileUrl(const QString &url);
    // Whether `url` is an http(s) template with {z}, {x} and {y} (or empty).
    static bool isValidTileUrl(const QString &url);
    // Whether the workstation prepares the map in the background once its window is idle
    // (MapWarmUp), so the map's tab opens at once; on by default. Off saves the web engine's
    // memory until the map is first opened.
    bool prepareInBackground() const;
    void setPrepareInBackground(bool prepare);

private:
    QSettings m_settings;
};

} // namespace civicdesk
