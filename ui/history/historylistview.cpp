#include "ui/history/historylistview.h"

#include "models/itemmodels/historyentrymodel.h"
#include "models/itemmodels/requestlistmodel.h"
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
    setFocusProxy(m_table);
    // The request columns and then the date (a contact's type names it, "Contact: ...").
    static_assert(int(HistoryEntryModel::Address) == int(RequestListModel::Address) &&
                  int(HistoryEntryModel::When) == int(RequestListModel::Opened));
    const ColumnFit fit = requestColumnsFit(m_table, 20);
    setUpRequestTable(this, m_caption, m_table, m_model, fit, HistoryEntryModel::RequestIdRole,
                      [this](const QString &id) { emit requestActivated(id); });
}

void HistoryListView::setEntries(QList<HistoryEntry> entries, const QString &caption)
{
    m_model->setEntries(std::move(entries));
    m_caption->setText(caption);
    if (m_model->rowCount() > 0)
        m_table->setCurrentIndex(m_table->model()->index(0, 0));
}

} // namespace civicdesk
