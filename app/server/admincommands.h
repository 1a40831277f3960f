#pragma once

#include "app/server/serveroptions.h"

namespace civicdesk {

class Database;

// Runs one account or API-key command of the command line and returns the exit code. Passwords
// are read from standard input (one line; without echo on a terminal).
int runAdminCommand(const ServerOptions &options, Database &database);

} // namespace civicdesk
