#include "ui/history/readablecolumn.h"

#include <QEvent>
#include <QHeaderView>
#include <QTableView>
#include <algorithm>

namespace civicdesk {

namespace {

// Refits the column whenever the table's viewport or another column changes size.
class ColumnFitter : public QObject
{
public:
    ColumnFitter(QTableView *table, int column, int minimum)
        : QObject(table), m_table(table), m_column(column), m_minimum(minimum)
    {
        table->viewport()->installEventFilter(this);
        QHeaderView *header = table->horizontalHeader();
        header->setSectionResizeMode(column, QHeaderView::Interactive);
        connect(header, &QHeaderView::sectionResized, this, [this](int logical) {
            if (logical != m_column)
                fit();
        });
        fit();
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize)
            fit();
        return QObject::eventFilter(watched, event);
    }

private:
    void fit()
    {
        const QHeaderView *header = m_table->horizontalHeader();
        int others = 0;
        for (int i = 0; i < header->count(); ++i) {
            if (i != m_column && !header->isSectionHidden(i))
                others += header->sectionSize(i);
        }
        const int width = std::max(m_minimum, m_table->viewport()->width() - others);
        if (header->sectionSize(m_column) != width)
            m_table->horizontalHeader()->resizeSection(m_column, width);
    }

    QTableView *m_table;
    int m_column;
    int m_minimum;
};

} // namespace

void keepAddressReadable(QTableView *table, int column, int afterColumn)
{
    QHeaderView *header = table->horizontalHeader();
    header->moveSection(header->visualIndex(column), header->visualIndex(afterColumn) + 1);
    // Room for the text and the cell's margins.
    const int minimum = table->fontMetrics().horizontalAdvance(
                            QStringLiteral("1000 Massachusetts Ave Boston MA 02118")) +
                        24;
    new ColumnFitter(table, column, minimum);
}

} // namespace civicdesk
