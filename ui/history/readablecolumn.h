#pragma once

class QString;
class QTableView;

namespace civicdesk {

// The address of a history table stays readable in a narrow dock: the column comes right after
// `afterColumn` (on screen without scrolling), takes the width the other columns leave, and
// never less than `sample` needs (a stretched column alone is squeezed to a few pixels when
// the other columns fill the dock; then the table scrolls sideways instead).
void keepColumnReadable(QTableView *table, int column, int afterColumn, const QString &sample);

} // namespace civicdesk
