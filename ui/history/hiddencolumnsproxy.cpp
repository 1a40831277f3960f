#include "ui/history/hiddencolumnsproxy.h"

#include <QHeaderView>
#include <QTableView>

namespace civicdesk {

HiddenColumnsProxy::HiddenColumnsProxy(QTableView *view) : QIdentityProxyModel(view), m_view(view)
{
}

QVariant HiddenColumnsProxy::data(const QModelIndex &index, int role) const
{
    if (role != Qt::ToolTipRole && role != Qt::AccessibleDescriptionRole)
        return QIdentityProxyModel::data(index, role);
    const QString own = QIdentityProxyModel::data(index, role).toString();
    QStringList lines = unseen(index, role == Qt::ToolTipRole, own);
    if (!own.isEmpty())
        lines.append(own);
    return lines.isEmpty() ? QVariant() : QVariant(lines.join(u'\n'));
}

QStringList HiddenColumnsProxy::unseen(const QModelIndex &index, bool cutToo,
                                       const QString &known) const
{
    QStringList lines;
    if (!index.isValid())
        return lines;
    const QHeaderView *header = m_view->horizontalHeader();
    const int grid = m_view->showGrid() ? 1 : 0;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        const QModelIndex cell = index.siblingAtColumn(column);
        const QString value = cell.data().toString();
        if (value.isEmpty())
            continue;
        const bool hidden = header->isSectionHidden(column);
        // A cut value the row's own tooltip already holds (the address) is not repeated.
        const bool cut =
            !hidden && cutToo && !known.contains(value) &&
            m_view->sizeHintForIndex(cell).width() + grid > header->sectionSize(column);
        if (hidden || cut)
            lines.append(tr("%1: %2", "a column's title: the row's value in it")
                             .arg(headerData(column, Qt::Horizontal).toString(), value));
    }
    return lines;
}

} // namespace civicdesk
