#include "ui/history/requesttable.h"

#include "ui/history/readablecolumn.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace civicdesk {

void setUpRequestTable(QWidget *owner, QLabel *caption, QTableView *table,
                       QAbstractItemModel *model, const ColumnFit &fit, int requestIdRole,
                       std::function<void(const QString &)> activated)
{
    caption->setWordWrap(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Tab leaves the table (the arrows move in it): no keyboard trap.
    table->setTabKeyNavigation(false);
    table->verticalHeader()->hide();
    fitColumns(table, model, fit);
    caption->setBuddy(table);
    auto *layout = new QVBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(caption);
    layout->addWidget(table, 1);
    QObject::connect(table, &QTableView::activated, owner,
                     [requestIdRole, activated = std::move(activated)](const QModelIndex &index) {
                         const QString id = index.data(requestIdRole).toString();
                         if (!id.isEmpty())
                             activated(id);
                     });
}

} // namespace civicdesk
