#include "ui/map/mapview.h"

#include "ui/map/mapbridge.h"
#include "ui/map/mapengine.h"
#include "ui/map/maplogging.h"

#include <QLabel>
#include <QLocale>
#include <QSet>
#include <QShowEvent>
#include <QStackedLayout>
#include <QTimer>
#include <QUrl>
#include <algorithm>
#include <iterator>
#include <unistd.h>

namespace civicdesk {

MapView::MapView(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedLayout(this)), m_message(new QLabel(this)),
      m_bridge(new MapBridge(this))
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

QWebEngineView *MapView::webView() const
{
    return m_engine ? m_engine->webView() : nullptr;
}

void MapView::stop()
{
    m_ready = false;
    if (m_engine)
        m_stack->removeWidget(m_engine->widget());
    m_engine.reset();
}

void MapView::restart()
{
    const bool wasStarted = m_engine != nullptr;
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

void MapView::showUnavailable(const QString &reason)
{
    m_unavailable = reason;
    m_message->setText(reason);
    m_stack->setCurrentWidget(m_message);
}

bool MapView::start()
{
    if (m_engine)
        return true;
    if (!m_unavailable.isEmpty())
        return false;
    if (const QString problem = sandboxProblem(); !problem.isEmpty()) {
        qCWarning(lcMap).noquote() << problem;
        showUnavailable(problem);
        return false;
    }
    emit starting();
    MapEngine::Setup setup;
    setup.parent = this;
    setup.bridge = m_bridge;
    setup.tileHost = m_config.tileUrl.isEmpty() ? QString() : QUrl(m_config.tileUrl).host();
    setup.accessibleName = tr("City map");
    setup.accessibleDescription =
        tr("Requests, the location being entered and duplicates on a map of the city. Arrow "
           "keys move a crosshair, Enter picks the nearest address, plus and minus zoom.");
    setup.rendererEnded = [this] {
        m_ready = false;
        if (++m_restarts <= 3 && m_engine)
            m_engine->reload();
    };
    QString problem;
    m_engine = MapEngine::create(setup, &problem);
    if (!m_engine) {
        qCCritical(lcMap).noquote() << problem;
        showUnavailable(problem + u' ' +
                        tr("Everything on the map is also available in the intake and history "
                           "panels."));
        return false;
    }
    QStringList ids;
    for (const MapLayer &layer : std::as_const(m_layers))
        ids.append(layer.id);
    m_engine->expectLayers(ids);
    for (auto it = m_layerData.cbegin(); it != m_layerData.cend(); ++it)
        m_engine->setLayerData(it.key().section(u'/', 0, -2), it.key().section(u'/', -1),
                               it.value());
    m_stack->addWidget(m_engine->widget());
    m_stack->setCurrentWidget(m_engine->widget());
    setFocusProxy(m_engine->widget());
    m_engine->load();
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
    if (m_engine)
        qCDebug(lcMap) << "map configuration changed after start: applies on restart()";
}

void MapView::setLayers(const QList<MapLayer> &layers)
{
    m_layers = layers;
    QStringList ids;
    for (const MapLayer &layer : layers)
        ids.append(layer.id);
    // The data of a layer no longer shown is forgotten.
    const QSet<QString> kept(ids.cbegin(), ids.cend());
    for (auto it = m_layerData.begin(); it != m_layerData.end();)
        it = kept.contains(it.key().section(u'/', 0, -2)) ? std::next(it) : m_layerData.erase(it);
    if (m_engine)
        m_engine->expectLayers(ids);
    if (m_ready)
        m_engine->reload(); // a new basemap: start the page afresh
}

void MapView::setLayerData(const QString &layerId, const QString &level, const QByteArray &json)
{
    if (!std::any_of(m_layers.cbegin(), m_layers.cend(),
                     [&layerId](const MapLayer &layer) { return layer.id == layerId; }))
        return;
    m_layerData.insert(layerId + u'/' + level, json);
    if (m_engine)
        m_engine->setLayerData(layerId, level, json);
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
    if (m_engine)
        m_engine->setMarkers(m_markerSequence, m_lastMarkers.bytes, m_lastMarkers.replace);
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
    if (!m_engine)
        return;
    m_engine->widget()->setFocus(Qt::OtherFocusReason);
    if (m_ready)
        emit m_bridge->focusRequested();
}

} // namespace civicdesk
