#include "ui/history/readablecolumn.h"

#include "models/itemmodels/requestlistmodel.h"
#include "ui/history/hiddencolumnsproxy.h"

#include <QEvent>
#include <QGuiApplication>
#include <QHeaderView>
#include <QScopedValueRollback>
#include <QStyle>
#include <QTableView>
#include <algorithm>

namespace civicdesk {

namespace {

// How many rows are measured for a column's width: a page of the search, and every row of the
// other lists in practice.
constexpr int MeasuredRows = 200;

// Keeps the columns of one table fitted to its view.
class ColumnFitter : public QObject
{
public:
    ColumnFitter(QTableView *table, const ColumnFit &columns)
        : QObject(table), m_table(table), m_fit(columns)
    {
        QHeaderView *header = table->horizontalHeader();
        header->setStretchLastSection(false);
        header->setSectionResizeMode(QHeaderView::Interactive);
        if (m_fit.after >= 0)
            header->moveSection(header->visualIndex(m_fit.flexible),
                                header->visualIndex(m_fit.after) + 1);
        table->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
        table->viewport()->installEventFilter(this);
        table->installEventFilter(this);
        // A column the agent widened or narrowed with the mouse keeps that width (the flexible
        // one until the next fit); any other change of width is undone.
        connect(header, &QHeaderView::sectionResized, this, [this](int column, int, int size) {
            if (m_fitting || column == m_fit.flexible)
                return;
            if (size > 0 && QGuiApplication::mouseButtons() != Qt::NoButton)
                m_chosen[column] = size;
            fit();
        });
        QAbstractItemModel *model = table->model();
        const auto remeasure = [this] {
            measure();
            fit();
        };
        connect(model, &QAbstractItemModel::modelReset, this, remeasure);
        connect(model, &QAbstractItemModel::layoutChanged, this, remeasure);
        connect(model, &QAbstractItemModel::headerDataChanged, this, remeasure);
        // The sort arrow takes room in its column's header.
        connect(header, &QHeaderView::sortIndicatorChanged, this, remeasure);
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first) {
                    if (first < MeasuredRows) {
                        measure();
                        fit();
                    }
                });
        connect(model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &topLeft) {
            if (topLeft.row() < MeasuredRows) {
                measure();
                fit();
            }
        });
        measure();
        fit();
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        const QEvent::Type type = event->type();
        if (watched == m_table->viewport() && type == QEvent::Resize) {
            fit();
        } else if (watched == m_table &&
                   (type == QEvent::LanguageChange || type == QEvent::FontChange ||
                    type == QEvent::StyleChange)) {
            // The titles and values are translated (or drawn) anew: measured once they are.
            QMetaObject::invokeMethod(
                this,
                [this] {
                    measure();
                    fit();
                },
                Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    // The width a column's title needs in the header, with the sort arrow's room in the column
    // the rows are sorted by.
    int titleWidth(int column) const
    {
        const QHeaderView *header = m_table->horizontalHeader();
        const QString title =
            m_table->model()->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
        int width = header->fontMetrics().horizontalAdvance(title) + 2 * margin;
        if (header->isSortIndicatorShown() && header->sortIndicatorSection() == column)
            width += header->fontMetrics().height() + 2 * margin;
        return width;
    }

    void measure()
    {
        const QAbstractItemModel *model = m_table->model();
        const int columns = model->columnCount();
        const int rows = std::min(model->rowCount(), MeasuredRows);
        const int grid = m_table->showGrid() ? 1 : 0;
        m_natural.fill(0, columns);
        for (int column = 0; column < columns; ++column) {
            int width = titleWidth(column);
            for (int row = 0; row < rows; ++row)
                width = std::max(
                    width, m_table->sizeHintForIndex(model->index(row, column)).width() + grid);
            for (const auto &[capped, widest] : m_fit.widest) {
                if (capped == column)
                    width = std::min(width, std::max(widest, titleWidth(column)));
            }
            m_natural[column] = width;
        }
    }

    int natural(int column) const
    {
        const auto chosen = m_chosen.constFind(column);
        if (chosen != m_chosen.cend())
            return *chosen;
        return column < m_natural.size() ? m_natural.at(column) : 0;
    }

    void fit()
    {
        if (m_fitting)
            return;
        const QScopedValueRollback<bool> guard(m_fitting, true);
        QHeaderView *header = m_table->horizontalHeader();
        const int room = m_table->viewport()->width();
        const int count = header->count();
        if (count == 0 || room <= 0)
            return;
        // The hide order's columns all shown, the others as they are.
        int others = 0;
        for (int column = 0; column < count; ++column) {
            if (column != m_fit.flexible &&
                (m_fit.hideOrder.contains(column) || !header->isSectionHidden(column)))
                others += natural(column);
        }
        QList<int> hidden;
        for (int column : m_fit.hideOrder) {
            if (others + m_fit.flexibleMinimum <= room)
                break;
            hidden.append(column);
            others -= natural(column);
        }
        for (int column : m_fit.hideOrder) {
            if (header->isSectionHidden(column) != hidden.contains(column))
                header->setSectionHidden(column, hidden.contains(column));
        }
        for (int column = 0; column < count; ++column) {
            if (column == m_fit.flexible || header->isSectionHidden(column))
                continue;
            if (header->sectionSize(column) != natural(column))
                header->resizeSection(column, natural(column));
        }
        const int flexible = std::max(m_fit.flexibleMinimum, room - others);
        if (m_fit.flexible >= 0 && header->sectionSize(m_fit.flexible) != flexible)
            header->resizeSection(m_fit.flexible, flexible);
    }

    QTableView *m_table;
    ColumnFit m_fit;
    QList<int> m_natural;
    QHash<int, int> m_chosen;
    bool m_fitting = false;
};

} // namespace

void fitColumns(QTableView *table, QAbstractItemModel *model, const ColumnFit &fit)
{
    auto *proxy = new HiddenColumnsProxy(table);
    proxy->setSourceModel(model);
    table->setModel(proxy);
    new ColumnFitter(table, fit);
}

ColumnFit requestColumnsFit(const QTableView *table, int typeCharacters)
{
    // Every such list numbers these columns as the search's list does.
    using C = RequestListModel::Column;
    ColumnFit fit;
    fit.flexible = C::Address;
    fit.after = C::Type;
    fit.flexibleMinimum = addressMinimum(table);
    fit.hideOrder = {C::Channel, C::Sla, C::Opened, C::Status};
    fit.widest = {{C::Type, charactersWide(table, typeCharacters)},
                  {C::Status, charactersWide(table, 16)}};
    return fit;
}

int addressMinimum(const QTableView *table)
{
    // Room for the text, the cell's margins (3 px each side) and its grid line, and 3 px to spare.
    return table->fontMetrics().horizontalAdvance(
               QStringLiteral("1000 Massachusetts Ave Boston MA 02118")) +
           10;
}

int charactersWide(const QTableView *table, int characters)
{
    return table->fontMetrics().averageCharWidth() * characters + 8;
}

} // namespace civicdesk
