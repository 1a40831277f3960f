#include "models/cti/ctilogging.h"

Q_LOGGING_CATEGORY(lcCti, "civicdesk.cti")
