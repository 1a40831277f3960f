#pragma once

#include <functional>

class QAbstractItemModel;
class QLabel;
class QString;
class QTableView;
class QWidget;

namespace civicdesk {

struct ColumnFit;

// Lays out a history list in `owner`: `caption` above `table` (its buddy, so Alt+letter reaches
// the rows); the table read-only, one row selected at a time, showing `model` with its columns
// fitted to the dock as `fit` says (fitColumns). Enter or a double click calls `activated` with
// the row's `requestIdRole` data.
void setUpRequestTable(QWidget *owner, QLabel *caption, QTableView *table,
                       QAbstractItemModel *model, const ColumnFit &fit, int requestIdRole,
                       std::function<void(const QString &)> activated);

} // namespace civicdesk
