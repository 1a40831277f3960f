#pragma once

#include "models/domain/servicenames.h"
#include "models/domain/servicetype.h"

#include <QAbstractListModel>

namespace civicdesk {

class CatalogueRepository;

// The service catalogue as a list, most requested types first, each named in the window's
// language when the city names it there (CatalogueRepository::serviceNames).
class ServiceTypeModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        CodeRole = Qt::UserRole + 1,
        GroupRole,
        KeywordsRole,
        HasDefinitionRole,
        SlaTextRole,
        SearchTextRole, // names (the window's language and the city's), group and keywords
        CityNameRole    // the city's own name of the type (its Open311 service list)
    };

    explicit ServiceTypeModel(const CatalogueRepository &repository, QObject *parent = nullptr);
    void reload();
    const ServiceType &typeAt(int row) const { return m_types.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // "72 hours", "5 business days": how the SLA is read to a caller.
    static QString slaText(const std::optional<Sla> &sla);

private:
    const CatalogueRepository &m_repository;
    QList<ServiceType> m_types;
    ServiceNames m_names;
};

} // namespace civicdesk
