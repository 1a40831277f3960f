#pragma once

#include "app/server/open311api.h"
#include "models/intake/intakeservice.h"

#include <QHttpServerResponse>

namespace civicdesk {

class Database;

// An Open311 POST that passed every check on the event loop, to be written by the store writer:
// the reporter (unless the type never keeps one) and the request, in one transaction or not at
// all.
struct Open311Submission
{
    Open311Api::Format format = Open311Api::Format::Json;
    QString apiKeyLabel;
    NewRequest request;
    Caller caller;
    bool keepCaller = false;
};

// What the store writer does with a submission, on its own connection `store`: the request
// number, the caller and the request gathered as events and pushed together; a lost PostgreSQL
// connection is opened again and the same events pushed once more (a batch committed before
// the connection went is acknowledged as it is). `accepted` is set when events were written.
QHttpServerResponse writeOpen311Submission(Database &store, const Open311Submission &submission,
                                           bool *accepted);

} // namespace civicdesk
