#pragma once

#include <functional>

class QLabel;
class QString;
class QTableView;
class QWidget;

namespace civicdesk {

// Lays out a history list in `owner`: `caption` above `table` (its buddy, so Alt+letter reaches
// the rows); the table read-only, one row selected at a time, column `stretchColumn` taking the
// spare width. Enter or a double click calls `activated` with the row's `requestIdRole` data.
void setUpRequestTable(QWidget *owner, QLabel *caption, QTableView *table, int stretchColumn,
                       int requestIdRole, std::function<void(const QString &)> activated);

} // namespace civicdesk
