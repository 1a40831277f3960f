#include "history/historylistview.h"

#include "itemmodels/historyentrymodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace civicdesk {

HistoryListView::HistoryListView(const QString &objectNamePrefix, const QTimeZone &cityZone,
                                 QWidget *parent)
    : QWidget(parent), m_model(new HistoryEntryModel(this)), m_caption(new QLabel(this)),
      m_table(new QTableView(this))
{
    setObjectName(objectNamePrefix + u"HistoryView");
    m_caption->setObjectName(objectNamePrefix + u"HistoryLabel");
    m_caption->setWordWrap(true);
    m_table->setObjectName(objectNamePrefix + u"HistoryTableView");
    m_model->setDisplayTimeZone(cityZone);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(HistoryEntryModel::Address,
                                                      QHeaderView::Stretch);
    m_caption->setBuddy(m_table);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(m_table, 1);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QString id = index.data(HistoryEntryModel::RequestIdRole).toString();
        if (!id.isEmpty())
            emit requestActivated(id);
    });
}

void HistoryListView::setEntries(QList<HistoryEntry> entries, const QString &caption)
{
    m_model->setEntries(std::move(entries));
    m_caption->setText(caption);
    if (m_model->rowCount() > 0)
        m_table->setCurrentIndex(m_model->index(0, 0));
}

} // namespace civicdesk
