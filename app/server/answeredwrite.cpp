#include "app/server/answeredwrite.h"

#include "app/server/httpreply.h"
#include "app/server/pendinganswer.h"
#include "app/server/storewriter.h"

#include <QCoreApplication>

namespace civicdesk::http {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(QueryApi)
};

} // namespace

void answeredWrite(StoreWriter &writer, int queueLimit, int retryAfterSeconds,
                   const std::shared_ptr<PendingAnswer> &pending,
                   std::function<QHttpServerResponse(Database &)> job,
                   std::function<void()> beforeAnswer)
{
    if (writer.inFlight() >= queueLimit)
        return pending->reply(busy(Text::tr("The server has as many writes waiting for the store "
                                            "as it takes; try again in %1 seconds.")
                                       .arg(retryAfterSeconds),
                                   retryAfterSeconds));
    using Status = QHttpServerResponse::StatusCode;
    auto answer = std::make_shared<QHttpServerResponse>(Status::InternalServerError);
    writer.submit(
        [job = std::move(job), answer](Database &store) {
            *answer = job(store);
            if (answer->statusCode() == Status::ServiceUnavailable &&
                StoreWriter::reconnected(store))
                *answer = job(store); // the connection was lost (PostgreSQL restarted)
        },
        [pending, answer, beforeAnswer = std::move(beforeAnswer)] {
            if (beforeAnswer)
                beforeAnswer();
            pending->reply(*answer);
        });
}

} // namespace civicdesk::http
