#pragma once

#include <QObject>
#include <QSet>
#include <QString>

namespace civicdesk {

// What changed in a store, told to every view and service that shows or caches it: one
// "applied" signal after each committed change, whoever made it. Local appends (the agent's own
// work; the sync engine's trigger), events pulled from the central store, and a city import
// each say so, with the entity types touched, so a view reloads only what it shows.
class StoreChanges : public QObject
{
    Q_OBJECT

public:
    enum class Origin
    {
        Local,  // appended on this workstation
        Remote, // pulled from the central store
        Import  // a city pack (re)imported
    };
    Q_ENUM(Origin)

    struct Applied
    {
        Origin origin = Origin::Local;
        QSet<QString> entityTypes; // request, contact, caller, article; all of them for an import
        int events = 0;
        bool touches(const QString &entityType) const { return entityTypes.contains(entityType); }
    };

    using QObject::QObject;

    // Called by the store's writers after their transaction commits.
    void notify(const Applied &what) { emit applied(what); }

signals:
    void applied(const civicdesk::StoreChanges::Applied &what);
};

} // namespace civicdesk
