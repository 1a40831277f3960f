#pragma once

#include "models/city/layerrepository.h"

#include <QAbstractTableModel>

namespace civicdesk {

// The city's map layers with their feature counts and extents.
class LayerListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Title,
        Kind,
        Features,
        Extent,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1
    };

    explicit LayerListModel(const LayerRepository &repository, QObject *parent = nullptr);
    void reload();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    const LayerRepository &m_repository;
    QList<LayerInfo> m_layers;
};

} // namespace civicdesk
