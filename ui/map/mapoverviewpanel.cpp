#include "map/mapoverviewpanel.h"

#include "common/storecontext.h"
#include "itemmodels/layerlistmodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

namespace civicdesk {

MapOverviewPanel::MapOverviewPanel(StoreContext &store, QWidget *parent)
    : QWidget(parent), m_store(store), m_model(new LayerListModel(store.layers, this)),
      m_summary(new QLabel(this)), m_table(new QTableView(this))
{
    m_summary->setObjectName(QStringLiteral("mapSummaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setObjectName(QStringLiteral("layerTableView"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(LayerListModel::Title, QHeaderView::Stretch);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    retranslate();
}

int MapOverviewPanel::layerCount() const
{
    return m_model->rowCount();
}

void MapOverviewPanel::retranslate()
{
    const QLocale locale;
    const QString city = m_store.database.meta(QStringLiteral("city_name"));
    const QString center = m_store.database.meta(QStringLiteral("city_center"));
    m_summary->setText(
        tr("<b>%1</b> — map centre %2<br>%3 address points · %4 intersections · %5 map "
           "layers")
            .arg(city.toHtmlEscaped(), center.toHtmlEscaped(),
                 locale.toString(m_store.layers.addressCount()),
                 locale.toString(m_store.layers.intersectionCount()),
                 locale.toString(m_model->rowCount())));
    m_table->setAccessibleName(tr("Map layers"));
}

void MapOverviewPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace civicdesk
