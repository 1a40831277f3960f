#pragma once

#include "models/city/addressindex.h"
#include "models/city/cataloguerepository.h"
#include "models/city/districtlocator.h"
#include "models/city/layerrepository.h"
#include "models/city/placerepository.h"
#include "models/intake/cityplaces.h"
#include "models/intake/intakerepository.h"
#include "models/intake/intakeservice.h"
#include "models/itemmodels/requestlistmodel.h"
#include "models/knowledge/articlerepository.h"
#include "models/knowledge/knowledgeservice.h"
#include "models/lobby/lobbyservice.h"
#include "models/requests/historycontext.h"
#include "models/requests/historyservices.h"
#include "models/requests/maprequestloader.h"
#include "models/requests/maprequestrepository.h"
#include "models/requests/requestrepository.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/supervision/helpflags.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "models/supervision/lobbyfigures.h"
#include "models/workstation/supervisionservices.h"

#include <QJsonDocument>
#include <memory>

namespace civicdesk {

// What the widgets read from and write to the local store, assembled once by the composition
// root (app/workstation/workspace): repositories, the event log, intake actions, the history
// area's services, the supervisor's services, and the in-memory address and district indexes
// (built from the store in the background while the window opens: models/intake/cityplaces.h).
// The widgets (ui/) are handed it; they read its members and build no reader of their own.
struct StoreContext
{
    // `role`: the one the central store returned at sign-in (or remembered from the last
    // sign-in); every service, the event store's own check and the UI's offers follow it.
    StoreContext(Database &db, const QString &agentName, AgentRole agentRole = AgentRole::CallTaker)
        : database(db), agent(agentName), role(agentRole), catalogue(db), requests(db),
          articles(db), layers(db), intake(db), events(db), service(db, events, agentName),
          knowledge(db, events, articles, agentName, agentRole),
          addresses(cityplaces::addressIndex(db)), districts(cityplaces::districts(db)), kpis(db),
          helpFlags(db, events, agentName), lobby(db, events, agentName),
          history(HistoryContext{db, events, agentName,
                                 QTimeZone(db.meta(QStringLiteral("city_timezone")).toUtf8()),
                                 agentRole}),
          mapRequests(db), places(db), lobbyFigures(db), supervision(db, events)
    {
        events.setRole(agentRole);
        // The lobby's reasons and ticket prefixes: the catalogue's categories.
        QStringList groups;
        for (const ServiceType &type : catalogue.serviceTypes()) {
            if (!type.group.isEmpty() && !groups.contains(type.group))
                groups.append(type.group);
        }
        lobby.setCategories(groups);
        const QJsonObject names =
            QJsonDocument::fromJson(db.meta(QStringLiteral("city_category_names")).toUtf8())
                .object();
        if (auto read = CategoryNames::fromJson(names))
            lobby.setCategoryNames(read.value());
    }

    // Another agent signed in at this workstation (a shared counter PC): every service records
    // under their name and checks their role from here on; nothing is rebuilt, so the window,
    // the lobby queue and the sync keep running.
    void switchAgent(const QString &agentName, AgentRole agentRole)
    {
        agent = agentName;
        role = agentRole;
        events.setRole(agentRole);
        service.setAgent(agentName);
        knowledge.setActor(agentName, agentRole);
        helpFlags.setAgent(agentName);
        lobby.setAgent(agentName);
        history.switchAgent(agentName, agentRole);
    }

    // The history search's list of requests (a page at a time, on a reader thread of its own),
    // made for the window's history panel when it first asks.
    RequestListModel &requestList()
    {
        if (!m_requestList)
            m_requestList = std::make_unique<RequestListModel>(database);
        return *m_requestList;
    }

    // The map's requests, read off the UI thread (the newest filter wins), made for the
    // window's map when it first asks.
    MapRequestLoader &mapLoader()
    {
        if (!m_mapLoader)
            m_mapLoader = std::make_unique<MapRequestLoader>(database);
        return *m_mapLoader;
    }

    // The composition root configured a central store: the history area shows where changes are.
    void setCentralStore(bool configured)
    {
        centralStore = configured;
        history.centralStore = configured;
    }

    // What widgets read of the store itself: the city's settings (meta), the one "applied"
    // signal, and where the store lives (for messages). ui/ reads nothing else through
    // `database` (the layering lint refuses it).
    QString meta(const QString &key) const { return database.meta(key); }
    StoreChanges &changes() const { return database.changes(); }
    QString storePath() const { return database.path(); }

    Database &database;
    QString agent;
    AgentRole role;
    bool centralStore = false; // setCentralStore: the composition root, when one is configured
    CatalogueRepository catalogue;
    RequestRepository requests;
    ArticleRepository articles;
    LayerRepository layers;
    IntakeRepository intake;
    EventStore events;
    IntakeService service;
    KnowledgeService knowledge;
    AddressIndex addresses;
    DistrictLocator districts;
    SupervisionKpis kpis; // the supervisor workspace and the wallboard
    HelpFlags helpFlags;  // agents ask for a supervisor; supervisors answer
    LobbyService lobby;   // the walk-in queue; its call arbiter is set when a store is configured
    HistoryServices history;          // the history area's readers and actions
    MapRequestRepository mapRequests; // the map's filters and hot spots
    PlaceRepository places;           // the map's reverse geocoding
    LobbyFigures lobbyFigures;        // the supervisor's lobby figures and the wallboard's
    SupervisionServices supervision;  // the supervisor workspace's readers and actions

private:
    std::unique_ptr<RequestListModel> m_requestList;
    std::unique_ptr<MapRequestLoader> m_mapLoader;
};

} // namespace civicdesk
