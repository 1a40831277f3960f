#include "ui/history/historylistview.h"

#include "models/itemmodels/historyentrymodel.h"
#include "ui/history/readablecolumn.h"
#include "ui/history/requesttable.h"

#include <QLabel>
#include <QTableView>

namespace civicdesk {

HistoryListView::HistoryListView(const QString &objectNamePrefix, const QTimeZone &cityZone,
                                 QWidget *parent)
    : QWidget(parent), m_model(new HistoryEntryModel(this)), m_caption(new QLabel(this)),
      m_table(new QTableView(this))
{
    setObjectName(objectNamePrefix + u"HistoryView");
    m_caption->setObjectName(objectNamePrefix + u"HistoryLabel");
    m_table->setObjectName(objectNamePrefix + u"HistoryTableView");
    m_model->setDisplayTimeZone(cityZone);
    m_table->setModel(m_model);
    setFocusProxy(m_table);
    setUpRequestTable(this, m_caption, m_table, HistoryEntryModel::Address,
                      HistoryEntryModel::RequestIdRole,
                      [this](const QString &id) { emit requestActivated(id); });
    keepAddressReadable(m_table, HistoryEntryModel::Address, HistoryEntryModel::Type);
}

void HistoryListView::setEntries(QList<HistoryEntry> entries, const QString &caption)
{
    m_model->setEntries(std::move(entries));
    m_caption->setText(caption);
    if (m_model->rowCount() > 0)
        m_table->setCurrentIndex(m_model->index(0, 0));
}

} // namespace civicdesk
