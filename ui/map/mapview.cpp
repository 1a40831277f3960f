#include "ui/map/mapview.h"

#include "ui/map/mapbridge.h"
#include "ui/map/maplogging.h"
#include "ui/map/mappage.h"
#include "ui/map/mapschemehandler.h"
#include "ui/map/mapurlguard.h"

#include <QLabel>
#include <QLocale>
#include <QShowEvent>
#include <QStackedLayout>
#include <QTimer>
#include <QUrl>
#include <QWebChannel>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineView>
#include <unistd.h>

namespace civicdesk {

MapView::MapView(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedLayout(this)), m_message(new QLabel(this)),
      m_bridge(new MapBridge(this)), m_scheme(new MapSchemeHandler(this))
{
    m_message->setObjectName(QStringLiteral("mapMessageLabel"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setMargin(12);
    m_message->setText(tr("Loading the map…"));
    m_stack->addWidget(m_message);
    setMinimumSize(200, 160);

    connect(m_bridge, &MapBridge::pageReady, this, [this] {
        m_ready = true;
        replay();
        emit ready();
    });
    connect(m_bridge, &MapBridge::pageFailed, this, [this](const QString &reason) {
        m_message->setText(tr("The map page does not match this version of CivicDesk (%1). "
                              "Reinstall CivicDesk.")
                               .arg(reason));
        m_stack->setCurrentWidget(m_message);
    });
    connect(m_bridge, &MapBridge::pageMarkerActivated, this, &MapView::markerActivated);
    connect(m_bridge, &MapBridge::pageClusterActivated, this, &MapView::clusterActivated);
    connect(m_bridge, &MapBridge::pageLocationChosen, this, &MapView::locationChosen);
    connect(m_bridge, &MapBridge::pageRendered, this, &MapView::rendered);
}

MapView::~MapView()
{
    stop();
}

void MapView::stop()
{
    // The page must go before its profile.
    m_ready = false;
    if (m_view)
        m_stack->removeWidget(m_view);
    delete m_view;
    m_view = nullptr;
    delete m_page;
    m_page = nullptr;
    m_channel = nullptr; // a child of the page
    delete m_profile;
    m_profile = nullptr;
}

void MapView::restart()
{
    const bool wasStarted = m_view != nullptr;
    stop();
    m_restarts = 0;
    m_stack->setCurrentWidget(m_message);
    if (wasStarted || isVisible())
        start();
}

QString MapView::sandboxProblem()
{
    // Chromium refuses to run as root with its sandbox on, and aborts the whole program.
    if (::geteuid() != 0 || qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX") ||
        qEnvironmentVariable("QTWEBENGINE_CHROMIUM_FLAGS").contains(u"--no-sandbox"))
        return {};
    return tr("The map cannot start while CivicDesk runs as the administrator (root). Run "
              "CivicDesk as a normal user, or set QTWEBENGINE_DISABLE_SANDBOX=1. Everything on "
              "the map is also available in the intake and history panels.");
}

bool MapView::start()
{
    if (m_view)
        return true;
    if (!m_unavailable.isEmpty())
        return false;
    m_unavailable = sandboxProblem();
    if (!m_unavailable.isEmpty()) {
        qCWarning(lcMap).noquote() << m_unavailable;
        m_message->setText(m_unavailable);
        m_stack->setCurrentWidget(m_message);
        return false;
    }
    if (!MapSchemeHandler::isRegistered()) {
        qCCritical(lcMap) << "the civicdesk-map URL scheme was not registered before the "
                             "QApplication was made (MapSchemeHandler::registerScheme())";
        m_unavailable = tr("The map cannot start in this program. Everything on the map is "
                           "also available in the intake and history panels.");
        m_message->setText(m_unavailable);
        m_stack->setCurrentWidget(m_message);
        return false;
    }
    emit starting();
    QUrl tiles(m_config.tileUrl);
    // An off-the-record profile: no cache or cookies on disk, nothing shared with other pages.
    m_profile = new QWebEngineProfile(this);
    m_profile->setUrlRequestInterceptor(
        new MapUrlGuard(m_config.tileUrl.isEmpty() ? QString() : tiles.host(), m_profile));
    m_profile->installUrlSchemeHandler(MapSchemeHandler::schemeName(), m_scheme);
    m_page = new MapPage(m_profile, this);
    m_page->settings()->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, false);
    m_page->settings()->setAttribute(QWebEngineSettings::FocusOnNavigationEnabled, false);
    m_page->setBackgroundColor(QColor(0xdc, 0xda, 0xd3));
    m_channel = new QWebChannel(m_page);
    m_channel->registerObject(QStringLiteral("mapBridge"), m_bridge);
    m_page->setWebChannel(m_channel);
    connect(m_page, &QWebEnginePage::loadFinished, this, [this](bool ok) {
        if (!ok)
            qCWarning(lcMap) << "the map page failed to load";
    });
    connect(m_page, &QWebEnginePage::renderProcessTerminated, this,
            [this](QWebEnginePage::RenderProcessTerminationStatus status, int exitCode) {
                qCWarning(lcMap) << "map renderer ended, status" << int(status) << "exit code"
                                 << exitCode;
                m_ready = false;
                if (++m_restarts <= 3)
                    m_page->triggerAction(QWebEnginePage::Reload);
            });
    m_view = new QWebEngineView(this);
    m_view->setObjectName(QStringLiteral("mapWebView"));
    m_view->setPage(m_page);
    m_view->setAccessibleName(tr("City map"));
    m_view->setAccessibleDescription(
        tr("Requests, the location being entered and duplicates on a map of the city. Arrow "
           "keys move a crosshair, Enter picks the nearest address, plus and minus zoom."));
    m_stack->addWidget(m_view);
    m_stack->setCurrentWidget(m_view);
    setFocusProxy(m_view);
    m_page->load(MapSchemeHandler::pageUrl());
    return true;
}

void MapView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Started once the show is over and the map is still visible: a dock tabbed behind another
    // is shown with its window for a moment before the dock tabs hide it, and starting then
    // would build the web engine (its processes, about 200 MiB, and seconds of the start) at
    // every start of the program for a map nobody opened.
    QTimer::singleShot(0, this, [this] {
        if (!isVisible())
            return;
        if (m_ready)
            emit m_bridge->viewShown();
        else
            start();
    });
}

void MapView::replay()
{
    if (!m_ready)
        return;
    emit m_bridge->configured(m_configJson);
    for (const MapLayer &layer : std::as_const(m_layers))
        emit m_bridge->layerAdded(layer.id, layer.kind, layer.title, layer.nameProperty);
    emit m_bridge->basemapComplete();
    if (m_requestsGiven) {
        // A new page has no markers: all of them, encoded already unless sent to a page before.
        if (m_markersSent || !m_lastMarkers.replace)
            encodeMarkers(true);
        sendMarkers();
    }
    emit m_bridge->selectionChanged(m_selectionJson);
    emit m_bridge->intakeLocationChanged(m_intakeJson);
    emit m_bridge->duplicatesChanged(m_duplicatesJson);
    emit m_bridge->pickResolved(m_pickJson);
    emit m_bridge->hotspotsChanged(m_hotspotsJson);
    emit m_bridge->clustersChanged(m_clustersJson);
    if (isVisible())
        emit m_bridge->viewShown();
}

void MapView::setConfig(const MapConfig &config, const QHash<QString, QString> &labels)
{
    m_config = config;
    if (m_config.locale.isEmpty())
        m_config.locale = QLocale().bcp47Name();
    m_configJson = mapprotocol::encodeConfig(m_config, labels);
    if (m_view)
        qCDebug(lcMap) << "map configuration changed after start: applies on restart()";
}

void MapView::setLayers(const QList<MapLayer> &layers)
{
    m_layers = layers;
    QStringList ids;
    for (const MapLayer &layer : layers)
        ids.append(layer.id);
    m_scheme->expectLayers(ids);
    if (m_ready)
        m_page->triggerAction(QWebEnginePage::Reload); // a new basemap: start the page afresh
}

void MapView::setLayerData(const QString &layerId, const QString &level, const QByteArray &json)
{
    m_scheme->setLayerData(layerId, level, json);
}

void MapView::setRequests(const QList<MapRequestPoint> &requests)
{
    m_requests = requests;
    m_requestsGiven = true;
    // Encoded now even before the page answers: then it only has to be sent.
    encodeMarkers(!m_ready);
    if (m_ready)
        sendMarkers();
}

void MapView::encodeMarkers(bool replace)
{
    if (replace)
        m_pageMarkers.clear();
    m_lastMarkers = m_pageMarkers.update(m_requests, replace);
    m_markersSent = false;
}

void MapView::sendMarkers()
{
    ++m_markerSequence;
    m_scheme->setMarkers(m_markerSequence, m_lastMarkers.bytes, m_lastMarkers.replace);
    m_markersSent = true;
    qCDebug(lcMap) << "markers" << m_markerSequence
                   << (m_lastMarkers.replace ? "replace" : "change") << m_lastMarkers.changed
                   << "changed" << m_lastMarkers.removed << "removed" << m_lastMarkers.bytes.size()
                   << "bytes";
    const QString inlined = m_lastMarkers.bytes.size() <= InlinedMarkerBytes
                                ? QString::fromLatin1(m_lastMarkers.bytes.toBase64())
                                : QString();
    emit m_bridge->markersChanged(m_markerSequence, m_lastMarkers.replace, m_lastMarkers.total,
                                  inlined);
}

void MapView::setSelection(const MapMarker &marker, bool pan)
{
    m_selectionJson = mapprotocol::encodeSelection(marker, pan);
    if (m_ready)
        emit m_bridge->selectionChanged(m_selectionJson);
}

void MapView::setIntakeLocation(const std::optional<MapMarker> &location)
{
    m_intakeJson = mapprotocol::encodeLocation(location);
    if (m_ready)
        emit m_bridge->intakeLocationChanged(m_intakeJson);
}

void MapView::setDuplicates(const QList<MapMarker> &duplicates)
{
    m_duplicatesJson = mapprotocol::encodeDuplicates(duplicates);
    if (m_ready)
        emit m_bridge->duplicatesChanged(m_duplicatesJson);
}

void MapView::showPick(double latitude, double longitude, bool found, const QString &label,
                       const QString &detail)
{
    m_pickJson = mapprotocol::encodePick(latitude, longitude, found, label, detail);
    if (m_ready)
        emit m_bridge->pickResolved(m_pickJson);
}

void MapView::setHotspots(const QList<HexCell> &cells, const QString &title)
{
    m_hotspotsJson = mapprotocol::encodeHotspots(cells, title);
    if (m_ready)
        emit m_bridge->hotspotsChanged(m_hotspotsJson);
}

void MapView::setClusters(const QList<MapCluster> &clusters, const QString &selectedId, bool pan)
{
    m_clustersJson = mapprotocol::encodeClusters(clusters, selectedId, pan);
    if (m_ready)
        emit m_bridge->clustersChanged(m_clustersJson);
}

void MapView::centerOn(double latitude, double longitude, int zoom)
{
    if (m_ready)
        emit m_bridge->viewRequested(latitude, longitude, zoom);
}

void MapView::focusMap()
{
    if (!m_view)
        return;
    m_view->setFocus(Qt::OtherFocusReason);
    if (m_ready)
        emit m_bridge->focusRequested();
}

} // namespace civicdesk
