#pragma once

#include <QHttpServerResponse>
#include <functional>
#include <memory>

namespace civicdesk {

class Database;
class StoreWriter;

namespace http {

class PendingAnswer;

// A write a route hands to the store writer and answers once it is committed (UserAdmin,
// SharedPracticeApi). With `queueLimit` writes already waiting it is answered 503 busy at once,
// with Retry-After `retryAfterSeconds`. `job` runs on the writer's thread with its connection;
// an answer that is the store's fault (503), not the request's, is tried once more on a fresh
// connection when the connection had been lost (PostgreSQL restarted). `beforeAnswer` runs on
// this thread just before the answer is written.
void answeredWrite(StoreWriter &writer, int queueLimit, int retryAfterSeconds,
                   const std::shared_ptr<PendingAnswer> &pending,
                   std::function<QHttpServerResponse(Database &)> job,
                   std::function<void()> beforeAnswer = {});

} // namespace http
} // namespace civicdesk
