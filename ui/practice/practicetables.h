#pragma once

#include <QStringList>

class QTableWidget;
class QWidget;

namespace civicdesk::practicetables {

// The read-only tables of the practice result and the trainee report: whole rows selected,
// columns sized to their contents, the last one stretched.
QTableWidget *table(const QStringList &headers, const QString &name, QWidget *parent);
// Appends a row; `bad` rows are shown in red.
void addRow(QTableWidget *table, const QStringList &cells, bool bad = false);

} // namespace civicdesk::practicetables
