#include "models/itemmodels/servicetypemodel.h"

#include "models/city/cataloguerepository.h"

namespace civicdesk {

ServiceTypeModel::ServiceTypeModel(const CatalogueRepository &repository, QObject *parent)
    : QAbstractListModel(parent), m_repository(repository)
{
    reload();
}

void ServiceTypeModel::reload()
{
    beginResetModel();
    m_types = m_repository.serviceTypes();
    m_names = m_repository.serviceNames();
    endResetModel();
}

int ServiceTypeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_types.size());
}

QString ServiceTypeModel::slaText(const std::optional<Sla> &sla)
{
    if (!sla)
        return tr("No target set");
    switch (sla->unit) {
    case Sla::Unit::Hours:
        return tr("%n hour(s)", nullptr, sla->value);
    case Sla::Unit::CalendarDays:
        return tr("%n day(s)", nullptr, sla->value);
    case Sla::Unit::BusinessDays:
        return tr("%n business day(s)", nullptr, sla->value);
    }
    return {};
}

QVariant ServiceTypeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ServiceType &t = m_types.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return m_names.shown(t.code, t.name);
    case CityNameRole:
        return t.name;
    case Qt::ToolTipRole:
        return t.description;
    case CodeRole:
        return t.code;
    case GroupRole:
        return t.group;
    case KeywordsRole:
        return t.keywords;
    case HasDefinitionRole:
        return t.hasDefinition;
    case SlaTextRole:
        return slaText(t.sla);
    case SearchTextRole:
        return (QStringList{t.name, t.group, t.keywords, t.code, t.synonyms} +
                m_names.allNames(t.code))
            .join(u' ');
    default:
        return {};
    }
}

} // namespace civicdesk
