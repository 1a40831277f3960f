#pragma once

// The columns of a list with headers (a tree or table view) that a person cannot read whole:
// a sibling of test::truncatedTexts for item views, whose texts QLabel-like checks cannot see.

#include <QAbstractItemView>
#include <QHeaderView>
#include <QScrollBar>
#include <QStringList>
#include <QStyle>
#include <QTableView>
#include <QTreeView>

namespace civicdesk::test {

// Inside `root`, one line each: a header section narrower than its title ("Espera (m…"); a
// column that lies past the view's right edge (the list needs a horizontal scroll to be read);
// and a cell cut in a column that must never be cut. A column that gives way to the others
// (QHeaderView::Stretch) holds free text and may elide its cells; every other column (sized to
// its contents, fixed or set by the user) must show each cell whole. Only visible views count;
// the first 200 rows are read.
inline QStringList cutColumns(const QWidget *root)
{
    QStringList found;
    for (const QAbstractItemView *view : root->findChildren<QAbstractItemView *>()) {
        const QHeaderView *header = nullptr;
        if (const auto *tree = qobject_cast<const QTreeView *>(view))
            header = tree->header();
        else if (const auto *table = qobject_cast<const QTableView *>(view))
            header = table->horizontalHeader();
        if (!header || !view->isVisible() || !view->model())
            continue;
        const QAbstractItemModel *model = view->model();
        const QString name = view->objectName();
        if (view->horizontalScrollBar()->maximum() > 0)
            found.append(QStringLiteral("%1: needs a horizontal scroll (%2 steps)")
                             .arg(name)
                             .arg(view->horizontalScrollBar()->maximum()));
        const int width = view->viewport()->width();
        for (int section = 0; section < header->count(); ++section) {
            if (header->isSectionHidden(section))
                continue;
            const QString title = model->headerData(section, Qt::Horizontal).toString();
            const int size = header->sectionSize(section);
            const int right = header->sectionPosition(section) + size;
            if (right > width)
                found.append(QStringLiteral("%1 column \"%2\": ends at %3 px, the view shows %4")
                                 .arg(name, title)
                                 .arg(right)
                                 .arg(width));
            const int titleNeeds =
                header->fontMetrics().horizontalAdvance(title) +
                2 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
            if (header->isVisible() && titleNeeds > size)
                found.append(QStringLiteral("%1 header \"%2\": needs %3 px, has %4")
                                 .arg(name, title)
                                 .arg(titleNeeds)
                                 .arg(size));
            if (header->sectionResizeMode(section) == QHeaderView::Stretch)
                continue;
            for (int row = 0; row < std::min(model->rowCount(), 200); ++row) {
                const QModelIndex index = model->index(row, section);
                const int needed = view->sizeHintForIndex(index).width();
                if (needed > size)
                    found.append(
                        QStringLiteral("%1 row %2 column \"%3\": \"%4\" needs %5 px, has %6")
                            .arg(name)
                            .arg(row)
                            .arg(title, index.data().toString())
                            .arg(needed)
                            .arg(size));
            }
        }
    }
    return found;
}

} // namespace civicdesk::test
