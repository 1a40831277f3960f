#pragma once

#include <QIdentityProxyModel>

class QTableView;

namespace civicdesk {

// A history table's rows as its view shows them, with nothing lost when the dock is narrow:
// each cell's tooltip and accessible description (read by screen readers) start with what the
// row holds in the columns the view hides ("Channel: Phone"), and the tooltip also names any
// value cut short in its column, before the row's own tooltip (its description, its address's
// neighbourhood). Everything else comes from the source model as it is.
class HiddenColumnsProxy : public QIdentityProxyModel
{
    Q_OBJECT

public:
    explicit HiddenColumnsProxy(QTableView *view);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    // "Title: value" for each column of the row that is hidden, and with `cutToo` each one too
    // narrow for its value (unless `known`, the row's own tooltip, holds it), in the order the
    // view shows its columns.
    QStringList unseen(const QModelIndex &index, bool cutToo, const QString &known) const;

    QTableView *m_view;
};

} // namespace civicdesk
