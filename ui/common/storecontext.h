#pragma once

#include "search/addressindex.h"
#include "search/districtlocator.h"
#include "storage/articlerepository.h"
#include "storage/cataloguerepository.h"
#include "storage/database.h"
#include "storage/eventstore.h"
#include "storage/intakerepository.h"
#include "storage/intakeservice.h"
#include "storage/knowledgeservice.h"
#include "storage/layerrepository.h"
#include "storage/requestrepository.h"

namespace civicdesk {

// What the widgets read from and write to the local store, assembled once by the composition
// root: repositories, the event log, intake actions, and the in-memory address and district
// indexes (built from the store at start-up).
struct StoreContext
{
    // `role`: "call_taker" (default), "editor" or "supervisor" (see Settings::agentRole()).
    StoreContext(Database &db, const QString &agentName,
                 const QString &role = QStringLiteral("call_taker"))
        : database(db), agent(agentName), catalogue(db), requests(db), articles(db), layers(db),
          intake(db), events(db), service(db, events, agentName),
          knowledge(db, events, articles, agentName,
                    knowledgeRoleFromName(role).value_or(KnowledgeRole::Agent)),
          addresses(intake.addresses(), intake.intersections(), intake.referrals())
    {
        const QList<LayerInfo> all = layers.layers();
        for (const LayerInfo &layer : all)
            districts.addLayer(layer.kind, layer.nameProperty, layers.geoJson(layer.id));
    }

    Database &database;
    QString agent;
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
};

} // namespace civicdesk
