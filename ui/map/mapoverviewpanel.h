#pragma once

#include "models/city/placerepository.h"
#include "models/requests/maprequestrepository.h"
#include "ui/map/mapprotocol.h"
#include "ui/map/pickedlocation.h"

#include <QStringList>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableView;

namespace civicdesk {

class HotSpotPanel;
class LayerListModel;
class LayerViews;
class MapRequestLoader;
class MapView;
struct StoreContext;

// The map area: the interactive city map with its filters (tab "Map"), hot spots for
// supervisors with counts per neighbourhood (tab "Hot spots"), and the city's layers with the
// optional tile server (tab "Layers"). Everything shown on the map is also reachable without
// it: the panel (or the map tab) can be hidden and nothing is lost.
class MapOverviewPanel : public QWidget
{
    Q_OBJECT

public:
    explicit MapOverviewPanel(StoreContext &store, QWidget *parent = nullptr);
    int layerCount() const;
    MapView *mapView() const { return m_map; }
    LayerViews *layerViews() const { return m_layerViews; }
    // How long after it is made the panel starts simplifying the layers in the background.
    static constexpr int WarmUpDelay = 1500; // ms
    HotSpotPanel *hotSpotPanel() const { return m_hotspots; }
    // The layers the map draws as soon as it opens.
    QStringList shownAtFirst() const;
    // The filter the map's request layer shows.
    MapRequestFilter requestFilter() const;

public slots:
    // Selects a request on the map and pans to it (from history).
    void showRequest(const QString &id);
    // The location being entered in intake; clearIntakeLocation() when there is none.
    void setIntakeLocation(double latitude, double longitude);
    void clearIntakeLocation();
    // The place picked for the previous caller goes (its line and its marker).
    void clearPick();
    // Duplicate candidates of the request being entered, highlighted on the map.
    void setDuplicateCandidates(const QStringList &ids);
    // Re-reads requests and layers (after an import or a sync).
    void reload();
    // Requests changed elsewhere (pulled from the central store): markers and hot spots are
    // read again, the basemap stays.
    void refreshRequests();

signals:
    void requestActivated(const QString &requestId);
    void locationPicked(const civicdesk::PickedLocation &location);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void layOut(); // the tabs and their widgets (mapoverviewlayout.cpp)
    void retranslate();
    void fillFilters();
    void ensureFilters() const; // fillFilters() once, when first needed
    void configureMap();
    void loadRequests();
    void showRequests(const QList<MapRequestPoint> &points);
    void pick(double latitude, double longitude, bool byKeyboard);
    void applyTileUrl();
    QHash<QString, QString> pageLabels() const;
    std::optional<MapMarker> markerFor(const QString &requestId) const;

    StoreContext &m_store;
    MapRequestRepository &m_mapRequests;
    MapRequestLoader *m_loader; // the markers, read off the UI thread
    PlaceRepository &m_places;
    QTabWidget *m_tabs;

    // Map tab
    QWidget *m_mapTab;
    QLabel *m_typeLabel;
    QComboBox *m_type;
    QLabel *m_departmentLabel;
    QComboBox *m_department;
    QCheckBox *m_open;
    QCheckBox *m_inProgress;
    QCheckBox *m_closed;
    QLabel *m_fromLabel;
    QDateEdit *m_from;
    QLabel *m_toLabel;
    QDateEdit *m_to;
    QPushButton *m_pick;
    MapView *m_map;
    QLabel *m_countLabel;
    QLabel *m_pickedLabel;
    QTimer m_reloadTimer;
    bool m_requestsLoaded = false;
    mutable bool m_filtersFilled = false;

    // Hot spots tab
    HotSpotPanel *m_hotspots;

    // Layers tab
    QWidget *m_layersTab;
    LayerListModel *m_model;
    QLabel *m_summary;
    QTableView *m_table;
    QLabel *m_tileLabel;
    QLineEdit *m_tileUrl;
    QPushButton *m_tileApply;

    LayerViews *m_layerViews;
};

} // namespace civicdesk
