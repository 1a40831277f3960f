#pragma once

#include "models/domain/department.h"
#include "models/domain/servicenames.h"
#include "models/domain/servicetype.h"

#include <QList>
#include <optional>

namespace civicdesk {

class Database;

// Reads the service catalogue: types (most requested first), their definitions and SLAs, and
// departments.
class CatalogueRepository
{
public:
    explicit CatalogueRepository(const Database &database);

    // All types with SLA but without attributes, most requested first.
    QList<ServiceType> serviceTypes() const;
    // One type with its definition (attributes in order), if it exists.
    std::optional<ServiceType> serviceType(const QString &code) const;
    QList<Department> departments() const;
    std::optional<Department> department(const QString &code) const;
    // What the city calls its types in its pack's languages, shown in `language` (the window's
    // by default): the pack's "service_names", as imported or synced; none: the city's names.
    ServiceNames serviceNames(const QString &language = ServiceNames::windowLanguage()) const;

private:
    QString m_connection;
};

} // namespace civicdesk
