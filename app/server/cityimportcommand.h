#pragma once

#include "app/server/serveroptions.h"

namespace civicdesk {

// --import-city DIR: reads the pack's manifest before the store is opened, imports the pack and
// returns the exit code. A refused pack leaves the store as it was; a store file this command
// created for the import is removed again, so no empty store is left where the IT person will
// import the mended pack.
int runCityImport(const ServerOptions &options);

} // namespace civicdesk
