// The layering lint's own test: a widget's context that holds the store itself. Never compiled.
#pragma once

namespace civicdesk {

struct SupervisorContext
{
    Database &database;
};

} // namespace civicdesk
