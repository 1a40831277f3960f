#pragma once

#include "ui/map/clusteroverlay.h"
#include "ui/map/hexbin.h"
#include "ui/map/mapprotocol.h"
#include "ui/map/markerpayload.h"

#include <QHash>
#include <QWidget>
#include <memory>
#include <optional>

class QLabel;
class QStackedLayout;
class QWebEngineView;

namespace civicdesk {

class MapBridge;
class MapEngine;

// The interactive map: a QWebEngineView showing the bundled Leaflet page, driven through one
// MapBridge; the web engine itself is a module loaded when the map first starts (mapengine.h). It
// keeps what it was given (basemap, requests, selection, intake location, duplicates, hot spots)
// and hands it to the page whenever the page (re)starts, so it can be given data before it is
// shown. The web engine starts once the map has been shown and is still visible when the events of
// the show are done, or on start() while hidden (MapWarmUp: the page then builds everything hidden
// and a show only paints); until then a hidden map costs nothing. Each show of a started map is
// acknowledged by rendered("shown") once painted.
class MapView : public QWidget
{
    Q_OBJECT
    // For the start-up check (app/workstation/startupcheck.cpp), which links no map.
    Q_PROPERTY(bool pageReady READ isReady)

public:
    explicit MapView(QWidget *parent = nullptr);
    ~MapView() override;

    // Before start(): the tile server (if any) decides what the page may fetch.
    void setConfig(const MapConfig &config, const QHash<QString, QString> &labels);
    // The layers the page shows, then each one's GeoJSON at each level of detail ("overview",
    // "street") as it becomes available: the page waits for what it needs.
    void setLayers(const QList<MapLayer> &layers);
    void setLayerData(const QString &layerId, const QString &level, const QByteArray &json);
    // The request markers: the page gets the difference from the ones it has when that is
    // smaller than all of them.
    void setRequests(const QList<MapRequestPoint> &requests);
    int requestCount() const { return int(m_requests.size()); }
    // The last marker payload given to the page (tests, benchmarks) and its sequence number.
    const MarkerPayload &lastMarkerPayload() const { return m_lastMarkers; }
    int lastMarkerSequence() const { return m_markerSequence; }
    // A payload up to this size goes to the page with its announcement (through the channel),
    // a larger one is fetched by the page from the map's scheme. The page's request for a
    // payload took longer than the channel takes for the payload itself up to megabytes: all
    // 16,000 markers of a large city (0.9 MB) come inline, 100,000 (5.6 MB) are fetched.
    static constexpr qsizetype InlinedMarkerBytes = 4 * 1024 * 1024;
    void setSelection(const MapMarker &marker, bool pan); // an empty id clears it
    void setIntakeLocation(const std::optional<MapMarker> &location);
    void setDuplicates(const QList<MapMarker> &duplicates);
    void showPick(double latitude, double longitude, bool found, const QString &label,
                  const QString &detail);
    void setHotspots(const QList<HexCell> &cells, const QString &title);
    // The supervisor's cluster alerts, `selectedId` drawn as selected (the view moves to it when
    // `pan`); an empty list clears them.
    void setClusters(const QList<MapCluster> &clusters, const QString &selectedId = {},
                     bool pan = false);
    QString clustersJson() const { return m_clustersJson; }
    void centerOn(double latitude, double longitude, int zoom = 0);
    void focusMap();

    // Starts the web engine; false (with unavailableReason()) when it cannot run here.
    bool start();
    // Throws the page away and starts again (after a configuration change).
    void restart();
    bool isStarted() const { return m_engine != nullptr; }
    bool isReady() const { return m_ready; }
    QString unavailableReason() const { return m_unavailable; }
    QWebEngineView *webView() const;

signals:
    void starting(); // the web engine is about to load the page: last chance to give data
    void ready();    // the page answered and has been given everything
    void markerActivated(const QString &requestId);
    void clusterActivated(const QString &parentRequestId);
    void locationChosen(double latitude, double longitude, bool byKeyboard);
    void rendered(const QString &what, int count, double milliseconds);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void replay();
    void encodeMarkers(bool replace);
    void sendMarkers();
    void stop();
    static QString sandboxProblem();

    void showUnavailable(const QString &reason);

    QStackedLayout *m_stack;
    QLabel *m_message;
    MapBridge *m_bridge;
    std::unique_ptr<MapEngine> m_engine;
    bool m_ready = false;
    int m_restarts = 0;
    QString m_unavailable;

    MapConfig m_config;
    QString m_configJson;
    QList<MapLayer> m_layers;
    QHash<QString, QByteArray> m_layerData; // "<id>/<level>", kept for an engine (re)started
    QList<MapRequestPoint> m_requests;
    bool m_requestsGiven = false;
    MarkerSet m_pageMarkers; // what the page has once it applied every payload sent
    MarkerPayload m_lastMarkers;
    bool m_markersSent = false;
    int m_markerSequence = 0;
    QString m_selectionJson = QStringLiteral("{}");
    QString m_intakeJson = QStringLiteral("{}");
    QString m_duplicatesJson = QStringLiteral("[]");
    QString m_pickJson = QStringLiteral("{}");
    QString m_hotspotsJson = QStringLiteral("{}");
    QString m_clustersJson = QStringLiteral("{}");
};

} // namespace civicdesk
