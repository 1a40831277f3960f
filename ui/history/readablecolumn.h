#pragma once

class QTableView;

namespace civicdesk {

// The address of a history table stays readable in a narrow dock: the column comes right after
// `afterColumn` (on screen without scrolling), takes the width the other columns leave, and
// never less than a city address of some length needs, "1000 Massachusetts Ave Boston MA
// 02118" (a stretched column alone is squeezed to a few pixels when the other columns fill the
// dock; now the columns after it scroll sideways instead).
void keepAddressReadable(QTableView *table, int column, int afterColumn);

} // namespace civicdesk
