#include "ui/map/hotspotpanel.h"

#include "models/requests/maprequestrepository.h"

#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace civicdesk {

namespace {
constexpr int CodeRole = Qt::UserRole + 1;
constexpr int NameRole = Qt::UserRole + 2;
} // namespace

HotSpotPanel::HotSpotPanel(const MapRequestRepository &requests, QWidget *parent)
    : QWidget(parent), m_requests(requests), m_typesLabel(new QLabel(this)),
      m_types(new QListWidget(this)), m_fromLabel(new QLabel(this)), m_from(new QDateEdit(this)),
      m_toLabel(new QLabel(this)), m_to(new QDateEdit(this)), m_cellLabel(new QLabel(this)),
      m_cell(new QComboBox(this)), m_show(new QPushButton(this)), m_clear(new QPushButton(this)),
      m_summary(new QLabel(this)), m_model(new QStandardItemModel(0, 3, this)),
      m_table(new QTableView(this))
{
    m_types->setObjectName(QStringLiteral("hotspotTypesListWidget"));
    m_from->setObjectName(QStringLiteral("hotspotFromDateEdit"));
    m_to->setObjectName(QStringLiteral("hotspotToDateEdit"));
    m_cell->setObjectName(QStringLiteral("hotspotCellComboBox"));
    m_show->setObjectName(QStringLiteral("hotspotShowButton"));
    m_clear->setObjectName(QStringLiteral("hotspotClearButton"));
    m_summary->setObjectName(QStringLiteral("hotspotSummaryLabel"));
    m_table->setObjectName(QStringLiteral("hotspotTableView"));

    m_types->setMaximumHeight(140);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    for (int meters : {150, 250, 500, 1000})
        m_cell->addItem(QString(), meters);
    m_cell->setCurrentIndex(1);
    m_typesLabel->setBuddy(m_types);
    m_fromLabel->setBuddy(m_from);
    m_toLabel->setBuddy(m_to);
    m_cellLabel->setBuddy(m_cell);
    m_show->setDefault(true);
    m_summary->setWordWrap(true);
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(false);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);

    auto *grid = new QGridLayout;
    grid->addWidget(m_typesLabel, 0, 0, Qt::AlignTop);
    grid->addWidget(m_types, 0, 1, 1, 5);
    grid->addWidget(m_fromLabel, 1, 0);
    grid->addWidget(m_from, 1, 1);
    grid->addWidget(m_toLabel, 1, 2);
    grid->addWidget(m_to, 1, 3);
    grid->addWidget(m_cellLabel, 1, 4);
    grid->addWidget(m_cell, 1, 5);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_show);
    buttons->addWidget(m_clear);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    setTabOrder(m_types, m_from);
    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_cell);
    setTabOrder(m_cell, m_show);
    setTabOrder(m_show, m_clear);
    setTabOrder(m_clear, m_table);

    connect(m_show, &QPushButton::clicked, this, &HotSpotPanel::compute);
    connect(m_clear, &QPushButton::clicked, this, &HotSpotPanel::clear);
    retranslate();
    // Filled when first shown or used (reading every request's type and date is no part of
    // opening the window).
}

void HotSpotPanel::reload()
{
    m_filled = false;
    if (isVisible())
        fill();
}

void HotSpotPanel::ensureFilled()
{
    if (!m_filled)
        fill();
}

void HotSpotPanel::showEvent(QShowEvent *event)
{
    ensureFilled();
    QWidget::showEvent(event);
}

void HotSpotPanel::fill()
{
    m_filled = true;
    m_types->clear();
    const QLocale locale;
    for (const MapFacet &type : m_requests.serviceTypes()) {
        auto *item = new QListWidgetItem(tr("%1 (%2)").arg(type.label, locale.toString(type.count)),
                                         m_types);
        item->setData(CodeRole, type.code);
        item->setData(NameRole, type.label);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    const auto [first, last] = m_requests.openedRange();
    if (first.isValid()) {
        m_from->setDateRange(first.date(), last.date());
        m_to->setDateRange(first.date(), last.date());
        m_from->setDate(first.date());
        m_to->setDate(last.date());
    }
}

void HotSpotPanel::setCellSize(int meters)
{
    const int index = m_cell->findData(meters);
    if (index >= 0)
        m_cell->setCurrentIndex(index);
}

void HotSpotPanel::selectTypes(const QStringList &serviceCodes)
{
    ensureFilled();
    for (int i = 0; i < m_types->count(); ++i) {
        QListWidgetItem *item = m_types->item(i);
        item->setCheckState(serviceCodes.contains(item->data(CodeRole).toString()) ? Qt::Checked
                                                                                   : Qt::Unchecked);
    }
}

void HotSpotPanel::setPeriod(const QDate &from, const QDate &to)
{
    ensureFilled();
    m_from->setDate(from);
    m_to->setDate(to);
}

int HotSpotPanel::neighborhoodRowCount() const
{
    return m_model->rowCount();
}

void HotSpotPanel::compute()
{
    ensureFilled();
    MapRequestFilter filter;
    QStringList names;
    for (int i = 0; i < m_types->count(); ++i) {
        const QListWidgetItem *item = m_types->item(i);
        if (item->checkState() == Qt::Checked) {
            filter.serviceCodes.append(item->data(CodeRole).toString());
            names.append(item->data(NameRole).toString());
        }
    }
    filter.openedFrom = m_from->date().startOfDay();
    filter.openedTo = m_to->date().addDays(1).startOfDay();
    const QList<MapRequestPoint> points = m_requests.located(filter);
    double lat = 0, lon = 0;
    for (const MapRequestPoint &p : points) {
        lat += p.latitude;
        lon += p.longitude;
    }
    if (!points.isEmpty()) {
        lat /= double(points.size());
        lon /= double(points.size());
    }
    HexBinner binner(lat, lon, m_cell->currentData().toInt());
    for (const MapRequestPoint &p : points)
        binner.add(p.latitude, p.longitude);
    const QList<HexCell> cells = binner.cells();

    const QLocale locale;
    const QList<NeighborhoodCount> counts = m_requests.neighborhoodCounts(filter);
    m_model->removeRows(0, m_model->rowCount());
    for (const NeighborhoodCount &c : counts) {
        auto *name =
            new QStandardItem(c.neighborhood.isEmpty() ? tr("(no neighbourhood)") : c.neighborhood);
        auto *count = new QStandardItem(locale.toString(c.count));
        count->setData(c.count, Qt::UserRole + 1);
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *share = new QStandardItem(
            points.isEmpty()
                ? QString()
                : locale.toString(100.0 * c.count / double(points.size()), 'f', 1) + u'%');
        share->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_model->appendRow({name, count, share});
    }
    const QString what = names.isEmpty() ? tr("All request types")
                         : names.size() <= 3
                             ? names.join(QStringLiteral(", "))
                             : tr("%1 request types").arg(locale.toString(names.size()));
    const QString period = tr("%1 to %2")
                               .arg(locale.toString(m_from->date(), QLocale::ShortFormat),
                                    locale.toString(m_to->date(), QLocale::ShortFormat));
    m_summary->setText(tr("%1, %2: %3 requests in %4 cells of %5 m.")
                           .arg(what, period, locale.toString(points.size()),
                                locale.toString(cells.size()),
                                locale.toString(m_cell->currentData().toInt())));
    emit hotspotsComputed(cells, what + u" · " + period);
}

void HotSpotPanel::clear()
{
    m_model->removeRows(0, m_model->rowCount());
    m_summary->clear();
    emit hotspotsComputed({}, QString());
}

void HotSpotPanel::retranslate()
{
    m_typesLabel->setText(tr("Request types:"));
    m_types->setToolTip(tr("Tick the types to count; none ticked counts every type."));
    m_fromLabel->setText(tr("From:"));
    m_toLabel->setText(tr("To:"));
    m_cellLabel->setText(tr("Cell size:"));
    for (int i = 0; i < m_cell->count(); ++i)
        m_cell->setItemText(i, tr("%1 m").arg(QLocale().toString(m_cell->itemData(i).toInt())));
    m_show->setText(tr("Show hot spots"));
    m_clear->setText(tr("Clear"));
    m_model->setHorizontalHeaderLabels({tr("Neighbourhood"), tr("Requests"), tr("Share")});
    m_table->setAccessibleName(tr("Requests per neighbourhood"));
}

void HotSpotPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace civicdesk
