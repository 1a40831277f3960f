#pragma once

#include <QList>
#include <utility>

class QAbstractItemModel;
class QTableView;

namespace civicdesk {

// How a history table fits the width of its dock.
struct ColumnFit
{
    // The column that takes the width the others leave (the address, a callback's note),
    // shown right after `after` (-1: where it is), never narrower than `flexibleMinimum` px.
    int flexible = -1;
    int after = -1;
    int flexibleMinimum = 0;
    // The columns an agent needs least, the least needed first: while the columns do not fit
    // the view, the next one is hidden; they come back, in the reverse order, as the view widens.
    QList<int> hideOrder;
    // Columns whose longest values would crowd the others out: (column, widest in px); a
    // longer value is elided, and the row's tooltip holds it whole.
    QList<std::pair<int, int>> widest;
};

// Shows `model` in `table` so that a row is read without scrolling sideways: every shown column
// as wide as its title and its values (the first 200 rows; a user's resize is kept), the
// flexible one taking the rest; the `hideOrder` columns hidden while they do not fit. What the
// hidden columns hold stays in each row's tooltip and accessible description
// (HiddenColumnsProxy, set as the table's model). Refitted as the view, the rows, the language
// or the font change.
void fitColumns(QTableView *table, QAbstractItemModel *model, const ColumnFit &fit);

// The fit of a list that starts with the request columns (requesttexts::columnTitle: number,
// type, status, SLA, channel, address) followed by a date: the address right after the type,
// whole; the type up to `typeCharacters` wide, the status up to 16; in a narrow dock the
// channel goes first, then the SLA, the date and the status.
ColumnFit requestColumnsFit(const QTableView *table, int typeCharacters);

// The narrowest an address column may be: a city address of some length, "1000 Massachusetts
// Ave Boston MA 02118", whole in the table's font, with the cell's margins.
int addressMinimum(const QTableView *table);

// `characters` average characters of the table's font, with the cell's margins.
int charactersWide(const QTableView *table, int characters);

} // namespace civicdesk
