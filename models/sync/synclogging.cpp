#include "models/sync/synclogging.h"

Q_LOGGING_CATEGORY(lcSync, "civicdesk.sync")
