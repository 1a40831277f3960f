#include "ui/map/mapoverviewpanel.h"

#include "models/city/layerviews.h"
#include "models/itemmodels/layerlistmodel.h"
#include "models/requests/maprequestloader.h"
#include "models/workstation/storecontext.h"
#include "ui/map/hotspotpanel.h"
#include "ui/map/maplogging.h"
#include "ui/map/mapsettings.h"
#include "ui/map/mapview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

namespace civicdesk {

namespace {

// Parses "lat,lon" as the store keeps the city centre.
std::optional<std::pair<double, double>> parseCenter(const QString &text)
{
    const QStringList parts = text.split(u',');
    if (parts.size() != 2)
        return std::nullopt;
    bool okLat = false, okLon = false;
    const double lat = parts.at(0).trimmed().toDouble(&okLat);
    const double lon = parts.at(1).trimmed().toDouble(&okLon);
    if (!okLat || !okLon)
        return std::nullopt;
    return std::pair{lat, lon};
}

} // namespace

MapOverviewPanel::MapOverviewPanel(StoreContext &store, QWidget *parent)
    : QWidget(parent), m_store(store), m_mapRequests(store.mapRequests),
      m_loader(&store.mapLoader()), m_places(store.places), m_tabs(new QTabWidget(this)),
      m_mapTab(new QWidget(this)), m_typeLabel(new QLabel(this)), m_type(new QComboBox(this)),
      m_departmentLabel(new QLabel(this)), m_department(new QComboBox(this)),
      m_open(new QCheckBox(this)), m_inProgress(new QCheckBox(this)), m_closed(new QCheckBox(this)),
      m_fromLabel(new QLabel(this)), m_from(new QDateEdit(this)), m_toLabel(new QLabel(this)),
      m_to(new QDateEdit(this)), m_pick(new QPushButton(this)), m_map(new MapView(this)),
      m_countLabel(new QLabel(this)), m_pickedLabel(new QLabel(this)),
      m_hotspots(new HotSpotPanel(m_mapRequests, this)), m_layersTab(new QWidget(this)),
      m_model(new LayerListModel(store.layers, this)), m_summary(new QLabel(this)),
      m_table(new QTableView(this)), m_tileLabel(new QLabel(this)), m_tileUrl(new QLineEdit(this)),
      m_tileApply(new QPushButton(this)), m_layerViews(new LayerViews(store.layers, this))
{
    layOut();

    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(250);
    connect(&m_reloadTimer, &QTimer::timeout, this, &MapOverviewPanel::loadRequests);
    const auto filterChanged = [this] {
        if (m_map->isStarted())
            m_reloadTimer.start();
        else
            m_requestsLoaded = false;
    };
    connect(m_type, &QComboBox::currentIndexChanged, this, filterChanged);
    connect(m_department, &QComboBox::currentIndexChanged, this, filterChanged);
    for (QCheckBox *box : {m_open, m_inProgress, m_closed})
        connect(box, &QCheckBox::toggled, this, filterChanged);
    for (QDateEdit *edit : {m_from, m_to})
        connect(edit, &QDateEdit::dateChanged, this, filterChanged);
    connect(m_pick, &QPushButton::clicked, m_map, &MapView::focusMap);
    connect(m_tileApply, &QPushButton::clicked, this, &MapOverviewPanel::applyTileUrl);
    connect(m_tileUrl, &QLineEdit::returnPressed, this, &MapOverviewPanel::applyTileUrl);

    // The map is filled when its web engine starts (on first show), never before. Its layers'
    // simplified copies come from the store (the import made them), or are made in the
    // background; the page waits for any that are not there yet.
    connect(m_map, &MapView::starting, this, [this] {
        QList<MapLayer> layers;
        for (const LayerInfo &info : m_store.layers.layers())
            layers.append({info.id, info.kind, info.title, info.nameProperty});
        m_map->setLayers(layers);
        ensureFilters(); // the requests' filter
        for (const MapLayer &layer : std::as_const(layers)) {
            for (const LayerDetail detail : {LayerDetail::Overview, LayerDetail::Street}) {
                if (const auto json = m_layerViews->view(layer.id, detail))
                    m_map->setLayerData(layer.id, layersimplifier::nameOf(detail), *json);
            }
        }
        m_layerViews->prepare(shownAtFirst());
        // The requests are read on a thread of their own while the page loads; the markers go
        // to the page when both are ready.
        if (!m_requestsLoaded)
            loadRequests();
    });
    connect(m_loader, &MapRequestLoader::loaded, this, &MapOverviewPanel::showRequests);
    connect(m_loader, &MapRequestLoader::failed, this, [this](const QString &message) {
        qCWarning(lcMap).noquote() << "the map's requests could not be read:" << message;
        m_countLabel->setText(tr("The requests could not be read for the map: %1").arg(message));
    });
    connect(m_layerViews, &LayerViews::viewReady, this,
            [this](const QString &id, LayerDetail detail, const QByteArray &json) {
                m_map->setLayerData(id, layersimplifier::nameOf(detail), json);
            });
    // A store without the views the import makes (imported before, or synced from a central
    // store without them) has them made in the background a moment after the window is up.
    QTimer::singleShot(WarmUpDelay, m_layerViews, [this] {
        if (!m_store.layers.viewsStored())
            m_layerViews->prepare(shownAtFirst());
    });
    connect(m_map, &MapView::markerActivated, this, [this](const QString &id) {
        if (const auto marker = markerFor(id))
            m_map->setSelection(*marker, false);
        emit requestActivated(id);
    });
    connect(m_map, &MapView::locationChosen, this, &MapOverviewPanel::pick);
    connect(m_hotspots, &HotSpotPanel::hotspotsComputed, this,
            [this](const QList<HexCell> &cells, const QString &title) {
                m_map->setHotspots(cells, title);
            });

    // The filters and hot spots read every request's type, department and date (a fifth of a
    // second of the start before the first key could be typed): read when the panel is first
    // shown or the map starts, not with the window.
    retranslate();
}

void MapOverviewPanel::ensureFilters() const
{
    if (!m_filtersFilled)
        const_cast<MapOverviewPanel *>(this)->fillFilters(); // widgets filled once, on demand
}

void MapOverviewPanel::showEvent(QShowEvent *event)
{
    // Only a panel still shown once the show's events are done: the window shows every dock
    // for a moment, and then hides the map's behind its tab.
    QTimer::singleShot(0, this, [this] {
        if (isVisible())
            ensureFilters();
    });
    QWidget::showEvent(event);
}

QStringList MapOverviewPanel::shownAtFirst() const
{
    QStringList ids;
    for (const LayerInfo &layer : m_store.layers.layers()) {
        if (mapprotocol::isShownAtFirst(layer.kind))
            ids.append(layer.id);
    }
    return ids;
}

int MapOverviewPanel::layerCount() const
{
    return m_model->rowCount();
}

void MapOverviewPanel::fillFilters()
{
    const QSignalBlocker typeBlocker(m_type);
    const QSignalBlocker departmentBlocker(m_department);
    const QSignalBlocker fromBlocker(m_from);
    const QSignalBlocker toBlocker(m_to);
    const QString currentType = m_type->currentData().toString();
    const QString currentDepartment = m_department->currentData().toString();
    m_filtersFilled = true;
    m_type->clear();
    m_type->addItem(tr("All types"), QString());
    const ServiceNames names = m_store.catalogue.serviceNames();
    for (const MapFacet &type : m_mapRequests.serviceTypes())
        m_type->addItem(names.shown(type.code, type.label), type.code);
    m_type->setCurrentIndex(std::max(0, m_type->findData(currentType)));
    m_department->clear();
    m_department->addItem(tr("All departments"), QString());
    for (const MapFacet &department : m_mapRequests.departments())
        m_department->addItem(department.label, department.code);
    m_department->setCurrentIndex(std::max(0, m_department->findData(currentDepartment)));
    const auto [first, last] = m_mapRequests.openedRange();
    const QDate today = QDate::currentDate();
    const QDate from = first.isValid() ? first.date() : today.addYears(-1);
    const QDate to = last.isValid() ? std::max(last.date(), today) : today;
    m_from->setDateRange(from, to);
    m_to->setDateRange(from, to);
    m_from->setDate(from);
    m_to->setDate(to);
}

MapRequestFilter MapOverviewPanel::requestFilter() const
{
    ensureFilters();
    MapRequestFilter filter;
    if (const QString code = m_type->currentData().toString(); !code.isEmpty())
        filter.serviceCodes = {code};
    if (const QString code = m_department->currentData().toString(); !code.isEmpty())
        filter.departmentCodes = {code};
    if (m_open->isChecked())
        filter.statuses.append(RequestStatus::Open);
    if (m_inProgress->isChecked())
        filter.statuses.append(RequestStatus::InProgress);
    if (m_closed->isChecked())
        filter.statuses.append(RequestStatus::Closed);
    filter.openedFrom = m_from->date().startOfDay();
    filter.openedTo = m_to->date().addDays(1).startOfDay();
    return filter;
}

void MapOverviewPanel::loadRequests()
{
    const MapRequestFilter filter = requestFilter();
    m_requestsLoaded = true;
    // No status ticked shows nothing (an empty list would mean "any").
    if (filter.statuses.isEmpty()) {
        m_loader->cancel();
        showRequests({});
    } else {
        m_loader->load(filter);
    }
}

void MapOverviewPanel::showRequests(const QList<MapRequestPoint> &points)
{
    qCDebug(lcMap) << points.size() << "requests read for the map";
    // The markers' popups and tooltips name the types in the window's language.
    const ServiceNames names = m_store.catalogue.serviceNames();
    QList<MapRequestPoint> shown = points;
    if (!names.isEmpty()) {
        for (MapRequestPoint &point : shown)
            point.typeName = names.shown(point.serviceCode, point.typeName);
    }
    m_map->setRequests(shown);
    m_countLabel->setText(tr("%Ln request(s) on the map", nullptr, int(points.size())));
}

void MapOverviewPanel::configureMap()
{
    MapConfig config;
    const auto center = parseCenter(m_store.meta(QStringLiteral("city_center")));
    config.centerLatitude = center ? center->first : 0;
    config.centerLongitude = center ? center->second : 0;
    config.zoom = 12;
    // Fit the city: its boundary if the pack has one, otherwise every layer together.
    const QList<LayerInfo> layers = m_store.layers.layers();
    const bool hasBoundary = std::any_of(layers.cbegin(), layers.cend(), [](const LayerInfo &l) {
        return l.kind == u"boundary" && l.maxLat > l.minLat;
    });
    for (const LayerInfo &layer : layers) {
        if ((hasBoundary && layer.kind != u"boundary") || layer.maxLat <= layer.minLat)
            continue;
        if (!config.hasBounds) {
            config.minLatitude = layer.minLat;
            config.minLongitude = layer.minLon;
            config.maxLatitude = layer.maxLat;
            config.maxLongitude = layer.maxLon;
            config.hasBounds = true;
        }
        config.minLatitude = std::min(config.minLatitude, layer.minLat);
        config.minLongitude = std::min(config.minLongitude, layer.minLon);
        config.maxLatitude = std::max(config.maxLatitude, layer.maxLat);
        config.maxLongitude = std::max(config.maxLongitude, layer.maxLon);
    }
    config.attribution = tr("Map data: City of %1").arg(m_store.meta(QStringLiteral("city_name")));
    config.tileUrl = MapSettings().tileUrl();
    if (!config.tileUrl.isEmpty())
        config.tileAttribution = tr("Tiles: %1").arg(QUrl(config.tileUrl).host());
    m_map->setConfig(config, pageLabels());
}

QHash<QString, QString> MapOverviewPanel::pageLabels() const
{
    return {
        {QStringLiteral("mapName"), tr("City map")},
        {QStringLiteral("open"), tr("Open")},
        {QStringLiteral("inProgress"), tr("In progress")},
        {QStringLiteral("closed"), tr("Closed")},
        {QStringLiteral("requests"), tr("Requests")},
        {QStringLiteral("hotspots"), tr("Hot spots")},
        {QStringLiteral("requestCount"), tr("%1 requests")},
        {QStringLiteral("intakeLocation"), tr("Location being entered")},
        {QStringLiteral("noAddress"), tr("No address point near here")},
    };
}

std::optional<MapMarker> MapOverviewPanel::markerFor(const QString &requestId) const
{
    const auto request = m_store.requests.byId(requestId);
    if (!request || !request->latitude || !request->longitude)
        return std::nullopt;
    QString label = request->number + u" · " +
                    m_store.catalogue.serviceNames().shown(request->serviceCode, request->typeName);
    if (!request->address.isEmpty())
        label += u" · " + request->address;
    return MapMarker{request->id, *request->latitude, *request->longitude, label};
}

void MapOverviewPanel::showRequest(const QString &id)
{
    const auto marker = markerFor(id);
    if (!marker) {
        m_map->setSelection({}, false);
        m_pickedLabel->setText(tr("This request has no location to show on the map."));
        return;
    }
    m_tabs->setCurrentWidget(m_mapTab);
    m_map->setSelection(*marker, true);
    m_pickedLabel->setText(tr("Selected: %1").arg(marker->label));
}

void MapOverviewPanel::setIntakeLocation(double latitude, double longitude)
{
    QString label = tr("Location being entered");
    if (const auto nearest = m_places.nearestAddress(latitude, longitude, 60))
        label = tr("Being entered: %1").arg(nearest->address.label());
    m_map->setIntakeLocation(MapMarker{QString(), latitude, longitude, label});
}

void MapOverviewPanel::clearIntakeLocation()
{
    m_map->setIntakeLocation(std::nullopt);
}

void MapOverviewPanel::clearPick()
{
    m_pickedLabel->clear();
    m_map->setSelection(MapMarker{}, false);
}

void MapOverviewPanel::setDuplicateCandidates(const QStringList &ids)
{
    QList<MapMarker> markers;
    for (const QString &id : ids) {
        if (auto marker = markerFor(id)) {
            marker->label = tr("Possible duplicate: %1").arg(marker->label);
            markers.append(*marker);
        }
    }
    m_map->setDuplicates(markers);
}

void MapOverviewPanel::refreshRequests()
{
    m_hotspots->reload();
    if (m_map->isStarted() && m_requestsLoaded)
        loadRequests();
    else
        m_requestsLoaded = false;
}

void MapOverviewPanel::reload()
{
    m_layerViews->invalidate();
    m_model->reload();
    m_filtersFilled = false;
    if (isVisible())
        fillFilters();
    m_hotspots->reload();
    configureMap();
    retranslate();
    if (m_map->isStarted())
        m_map->restart();
    else
        m_requestsLoaded = false;
}

void MapOverviewPanel::pick(double latitude, double longitude, bool byKeyboard)
{
    PickedLocation location;
    location.latitude = latitude;
    location.longitude = longitude;
    location.byKeyboard = byKeyboard;
    const auto nearest = m_places.nearestAddress(latitude, longitude);
    if (nearest) {
        location.address = nearest->address;
        location.distanceMeters = nearest->distanceMeters;
        const AddressPoint &a = nearest->address;
        QStringList districts;
        if (!a.neighborhood.isEmpty())
            districts.append(a.neighborhood);
        if (!a.ward.isEmpty())
            districts.append(tr("Ward %1").arg(a.ward));
        if (!a.precinct.isEmpty())
            districts.append(tr("Precinct %1").arg(a.precinct));
        const QString label = a.zip.isEmpty() ? a.label() : a.label() + u", " + a.zip;
        const QString detail = districts.join(QStringLiteral(" · "));
        m_map->showPick(a.latitude.value_or(latitude), a.longitude.value_or(longitude), true, label,
                        detail);
        m_pickedLabel->setText(
            tr("Picked: %1 (%2), %3 m from the point chosen")
                .arg(label, detail, QLocale().toString(qRound(nearest->distanceMeters))));
    } else {
        m_map->showPick(latitude, longitude, false, QString(), QString());
        m_pickedLabel->setText(
            tr("No address point near the place picked (%1, %2).")
                .arg(QLocale().toString(latitude, 'f', 5), QLocale().toString(longitude, 'f', 5)));
    }
    qCDebug(lcMap) << "picked" << latitude << longitude
                   << (nearest ? nearest->address.label() : QStringLiteral("(nothing near)"));
    emit locationPicked(location);
}

void MapOverviewPanel::applyTileUrl()
{
    const QString url = m_tileUrl->text().trimmed();
    if (!MapSettings::isValidTileUrl(url)) {
        m_tileLabel->setText(tr("That is not a tile server address: it must start with "
                                "https:// and contain {z}, {x} and {y}."));
        return;
    }
    MapSettings().setTileUrl(url);
    retranslate();
    configureMap();
    m_map->restart();
}

} // namespace civicdesk
