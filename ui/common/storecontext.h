#pragma once

#include "storage/articlerepository.h"
#include "storage/cataloguerepository.h"
#include "storage/database.h"
#include "storage/layerrepository.h"
#include "storage/requestrepository.h"

namespace civicdesk {

// What the widgets read from the local store, assembled once by the composition root.
struct StoreContext
{
    explicit StoreContext(Database &db)
        : database(db), catalogue(db), requests(db), articles(db), layers(db)
    {
    }

    Database &database;
    CatalogueRepository catalogue;
    RequestRepository requests;
    ArticleRepository articles;
    LayerRepository layers;
};

} // namespace civicdesk
