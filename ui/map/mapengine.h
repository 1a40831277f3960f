#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

class QObject;
class QWebEngineView;
class QWidget;

namespace civicdesk {

// The part of the map that runs the web engine: its profile (offline, the page's URL scheme and
// URL guard), the page, the web channel carrying the bridge, and the view. It lives in a module
// of its own, libcivicdesk-mapengine.so, loaded the first time a map starts (its tab shown, or
// prepared once the window is idle): a program that links the map does not load QtWebEngine and
// the some fifty libraries below it before main() — tens of milliseconds of every start of the
// workstation, most of which never opens the map in its first minute.
class MapEngine
{
public:
    struct Setup
    {
        QWidget *parent = nullptr; // the view's parent
        QObject *bridge = nullptr; // registered on the page's channel as "mapBridge"
        QString tileHost;          // the only host the page may reach; "" = none
        QString accessibleName;
        QString accessibleDescription;
        // The page's renderer ended (crashed or killed): the owner decides whether to reload().
        std::function<void()> rendererEnded;
    };

    virtual ~MapEngine() = default;

    virtual QWidget *widget() const = 0;
    virtual QWebEngineView *webView() const = 0;
    // As MapSchemeHandler: the layers the page may ask for, each one's data at each level as it
    // becomes available, the marker payloads.
    virtual void expectLayers(const QStringList &ids) = 0;
    virtual void setLayerData(const QString &id, const QString &level, const QByteArray &json) = 0;
    virtual void setMarkers(int sequence, const QByteArray &payload, bool replace) = 0;
    // Loads the page (again).
    virtual void load() = 0;
    virtual void reload() = 0;

    // Loads the module (once per process) and makes an engine; nullptr and `error` when the
    // module cannot be found or loaded, or the web engine cannot take the page's URL scheme.
    static std::unique_ptr<MapEngine> create(const Setup &setup, QString *error);
    // Whether the module has been loaded in this process (and with it QtWebEngine).
    static bool isLoaded();
};

// The module's one entry point (extern "C", looked up by this name): a new engine, or nullptr
// and `error`.
using MapEngineEntry = MapEngine *(*)(const MapEngine::Setup &setup, QString *error);
inline constexpr char MapEngineEntryName[] = "civicdesk_create_map_engine";

} // namespace civicdesk
