// The layering lint's own test: a capability that includes the object graph above it and an
// item model. Never compiled.
#include "models/itemmodels/requestlistmodel.h"
#include "models/workstation/storecontext.h"
