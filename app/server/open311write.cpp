// The store writer's half of POST requests.{fmt}: everything was checked on the event loop
// (open311post.cpp); this numbers the request and writes it with its reporter, on the writer's
// own connection, so that a slow commit never holds up the event loop's pulls and long-polls.

#include "app/server/httpreply.h"
#include "app/server/open311submission.h"
#include "app/server/storewriter.h"
#include "models/central/centrallog.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace civicdesk {

namespace {

using HttpStatus = QHttpServerResponse::StatusCode;
using namespace open311reply;

class WriteText
{
    Q_DECLARE_TR_FUNCTIONS(Open311Api)
};

// The reporter and the request as events, not yet written: a refused POST leaves no caller
// behind (nor sends one to every workstation).
Result<std::pair<CreatedRequest, QList<Event>>> gather(Database &store,
                                                       const Open311Submission &submission)
{
    EventStore events(store);
    IntakeService intake(store, events, u"open311:" + submission.apiKeyLabel);
    QList<Event> gathered;
    intake.setSink([&gathered](const Event &event) -> Status {
        gathered.append(event);
        return Ok{};
    });
    NewRequest request = submission.request;
    if (submission.keepCaller) {
        auto callerId = intake.saveCaller(submission.caller);
        if (!callerId)
            return callerId.error();
        request.callerId = callerId.value();
    }
    auto created = intake.createRequest(request);
    if (!created)
        return created.error();
    return std::pair{created.value(), gathered};
}

bool checkedByIntake(const Error &error)
{
    return error.code.startsWith(u"intake.");
}

// 503 with Retry-After: the store could not take it; the detail goes to the log only.
QHttpServerResponse notStored(Open311Api::Format format, const char *what, const Error &why)
{
    qCWarning(lcServer) << "Open311 POST not" << what << why.message;
    return retryLater(format,
                      WriteText::tr("The request could not be stored just now; nothing was kept. "
                                    "Try again in %1 seconds.")
                          .arg(http::StoreRetryAfterSeconds),
                      http::StoreRetryAfterSeconds);
}

} // namespace

QHttpServerResponse writeOpen311Submission(Database &store, const Open311Submission &submission,
                                           bool *accepted)
{
    *accepted = false;
    const Open311Api::Format format = submission.format;
    auto gathered = gather(store, submission);
    if (!gathered && !checkedByIntake(gathered.error()) && StoreWriter::reconnected(store))
        gathered = gather(store, submission); // the connection was lost (PostgreSQL restarted)
    if (!gathered) {
        if (checkedByIntake(gathered.error()))
            return error(format, HttpStatus::BadRequest, gathered.error().message);
        return notStored(format, "numbered:", gathered.error());
    }
    const auto &[created, events] = gathered.value();
    CentralLog log(store);
    auto written = log.push(events, {}, CentralLog::Atomicity::AllOrNothing);
    if (!written && StoreWriter::reconnected(store))
        written = log.push(events, {}, CentralLog::Atomicity::AllOrNothing); // same ids: idempotent
    if (!written) {
        return notStored(format, "written:", written.error());
    }
    *accepted = true;
    // No account_id: residents have no accounts here, and the Open311 project's Swagger
    // definition wants a text where the key is given.
    QJsonObject entry{{QStringLiteral("service_request_id"), created.number.compact()}};
    entry.insert(QStringLiteral("service_notice"),
                 created.dueAt.isValid()
                     ? WriteText::tr("Expected to be resolved by %1.")
                           .arg(created.dueAt.toString(Qt::ISODate))
                     : WriteText::tr("Received; the department will review it."));
    return ok(format, QJsonArray{entry}, QStringLiteral("service_requests"),
              QStringLiteral("request"));
}

} // namespace civicdesk
