#include "models/itemmodels/layerlistmodel.h"

#include <QLocale>

namespace civicdesk {

LayerListModel::LayerListModel(const LayerRepository &repository, QObject *parent)
    : QAbstractTableModel(parent), m_repository(repository)
{
    reload();
}

void LayerListModel::reload()
{
    beginResetModel();
    m_layers = m_repository.layers();
    endResetModel();
}

int LayerListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_layers.size());
}

int LayerListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LayerListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LayerInfo &l = m_layers.at(index.row());
    if (role == IdRole)
        return l.id;
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Title:
        return l.title;
    case Kind:
        return l.kind;
    case Features:
        return QLocale().toString(l.featureCount);
    case Extent:
        return QStringLiteral("%1, %2 — %3, %4")
            .arg(l.minLat, 0, 'f', 4)
            .arg(l.minLon, 0, 'f', 4)
            .arg(l.maxLat, 0, 'f', 4)
            .arg(l.maxLon, 0, 'f', 4);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant LayerListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Title:
        return tr("Layer");
    case Kind:
        return tr("Kind");
    case Features:
        return tr("Features");
    case Extent:
        return tr("Extent (lat, lon)");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace civicdesk
