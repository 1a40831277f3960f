#include "models/city/placerepository.h"
#include "models/itemmodels/layerlistmodel.h"
#include "models/workstation/storecontext.h"
#include "ui/map/hotspotpanel.h"
#include "ui/map/mapoverviewpanel.h"
#include "ui/map/mapsettings.h"
#include "ui/map/mapview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

// The map area's widgets laid out in its three tabs, and their texts (the panel's behaviour is
// in mapoverviewpanel.cpp).

namespace civicdesk {

void MapOverviewPanel::layOut()
{
    m_tabs->setObjectName(QStringLiteral("mapTabWidget"));
    m_type->setObjectName(QStringLiteral("mapTypeComboBox"));
    m_department->setObjectName(QStringLiteral("mapDepartmentComboBox"));
    m_open->setObjectName(QStringLiteral("mapOpenCheckBox"));
    m_inProgress->setObjectName(QStringLiteral("mapInProgressCheckBox"));
    m_closed->setObjectName(QStringLiteral("mapClosedCheckBox"));
    m_from->setObjectName(QStringLiteral("mapFromDateEdit"));
    m_to->setObjectName(QStringLiteral("mapToDateEdit"));
    m_pick->setObjectName(QStringLiteral("mapPickButton"));
    m_map->setObjectName(QStringLiteral("mapView"));
    m_countLabel->setObjectName(QStringLiteral("mapCountLabel"));
    m_pickedLabel->setObjectName(QStringLiteral("mapPickedLabel"));
    m_hotspots->setObjectName(QStringLiteral("hotSpotPanel"));
    m_summary->setObjectName(QStringLiteral("mapSummaryLabel"));
    m_table->setObjectName(QStringLiteral("layerTableView"));
    m_tileUrl->setObjectName(QStringLiteral("mapTileUrlLineEdit"));
    m_tileApply->setObjectName(QStringLiteral("mapTileApplyButton"));

    // Map tab: filters above the map, what was shown and picked below it.
    m_type->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_type->setMinimumContentsLength(14);
    m_department->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_department->setMinimumContentsLength(10);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_open->setChecked(true);
    m_inProgress->setChecked(true);
    m_typeLabel->setBuddy(m_type);
    m_departmentLabel->setBuddy(m_department);
    m_fromLabel->setBuddy(m_from);
    m_toLabel->setBuddy(m_to);
    m_pickedLabel->setWordWrap(true);
    m_pickedLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_countLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *filters = new QGridLayout;
    filters->addWidget(m_typeLabel, 0, 0);
    filters->addWidget(m_type, 0, 1, 1, 3);
    filters->addWidget(m_departmentLabel, 0, 4);
    filters->addWidget(m_department, 0, 5, 1, 2);
    auto *statuses = new QHBoxLayout;
    statuses->addWidget(m_open);
    statuses->addWidget(m_inProgress);
    statuses->addWidget(m_closed);
    statuses->addStretch(1);
    filters->addLayout(statuses, 1, 0, 1, 2);
    filters->addWidget(m_fromLabel, 1, 2);
    filters->addWidget(m_from, 1, 3);
    filters->addWidget(m_toLabel, 1, 4);
    filters->addWidget(m_to, 1, 5);
    filters->addWidget(m_pick, 1, 6);
    filters->setColumnStretch(1, 2);
    filters->setColumnStretch(3, 1);
    filters->setColumnStretch(5, 1);
    auto *mapLayout = new QVBoxLayout(m_mapTab);
    mapLayout->setContentsMargins(4, 4, 4, 4);
    mapLayout->addLayout(filters);
    mapLayout->addWidget(m_map, 1);
    auto *below = new QHBoxLayout;
    below->addWidget(m_pickedLabel, 1);
    below->addWidget(m_countLabel, 0, Qt::AlignRight | Qt::AlignTop);
    mapLayout->addLayout(below);
    setTabOrder(m_type, m_department);
    setTabOrder(m_department, m_open);
    setTabOrder(m_open, m_inProgress);
    setTabOrder(m_inProgress, m_closed);
    setTabOrder(m_closed, m_from);
    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_pick);
    setTabOrder(m_pick, m_map);

    // Layers tab: the city's layers, and the optional tile server.
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(LayerListModel::Title, QHeaderView::Stretch);
    m_tileLabel->setBuddy(m_tileUrl);
    m_tileLabel->setWordWrap(true);
    m_tileUrl->setText(MapSettings().tileUrl());
    m_tileUrl->setClearButtonEnabled(true);
    auto *layersLayout = new QVBoxLayout(m_layersTab);
    layersLayout->addWidget(m_summary);
    layersLayout->addWidget(m_table, 1);
    layersLayout->addWidget(m_tileLabel);
    auto *tileRow = new QHBoxLayout;
    tileRow->addWidget(m_tileUrl, 1);
    tileRow->addWidget(m_tileApply);
    layersLayout->addLayout(tileRow);

    m_tabs->addTab(m_mapTab, QString());
    m_tabs->addTab(m_hotspots, QString());
    m_tabs->addTab(m_layersTab, QString());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
}

void MapOverviewPanel::retranslate()
{
    const QLocale locale;
    const QString city = m_store.meta(QStringLiteral("city_name"));
    const QString center = m_store.meta(QStringLiteral("city_center"));
    m_summary->setText(
        tr("<b>%1</b> — map centre %2<br>%3 address points · %4 intersections · %5 map "
           "layers")
            .arg(city.toHtmlEscaped(), center.toHtmlEscaped(),
                 locale.toString(m_store.layers.addressCount()),
                 locale.toString(m_store.layers.intersectionCount()),
                 locale.toString(m_model->rowCount())));
    m_table->setAccessibleName(tr("Map layers"));
    m_tabs->setAccessibleName(tr("Map views"));
    m_tabs->setTabText(m_tabs->indexOf(m_mapTab), tr("Map"));
    m_tabs->setTabText(m_tabs->indexOf(m_hotspots), tr("Hot spots"));
    m_tabs->setTabText(m_tabs->indexOf(m_layersTab), tr("Layers"));
    m_typeLabel->setText(tr("Type:"));
    m_type->setItemText(0, tr("All types"));
    m_departmentLabel->setText(tr("Department:"));
    m_department->setItemText(0, tr("All departments"));
    m_open->setText(tr("Open"));
    m_inProgress->setText(tr("In progress"));
    m_closed->setText(tr("Closed"));
    m_fromLabel->setText(tr("Opened from:"));
    m_toLabel->setText(tr("to:"));
    m_pick->setText(tr("Pick on map"));
    m_pick->setToolTip(tr("Moves the keyboard into the map: arrow keys move the crosshair "
                          "(Shift for bigger steps), Enter picks the nearest address, + and - "
                          "zoom. Clicking the map picks too."));
    m_tileLabel->setText(tr("Tile server (optional, for cities that run one): an address with "
                            "{z}, {x} and {y}. Leave empty to draw the map from the city's own "
                            "layers, with nothing fetched from the network."));
    m_tileApply->setText(tr("Apply"));
    configureMap();
}

void MapOverviewPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace civicdesk
