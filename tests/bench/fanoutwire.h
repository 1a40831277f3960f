#pragma once

#include <QByteArray>
#include <vector>

namespace civicdesk::bench {

// The long-poll fan-out benchmark's HTTP, written and read by hand: the client must not be
// what the benchmark measures.

// A push of one new "request.created" event (its id in `id`), the n-th of the run.
QByteArray pushRequest(const QByteArray &token, int n, QByteArray *id);
// A pull after `after`, waiting up to `wait` seconds, pages of 1,000.
QByteArray pullRequest(const QByteArray &token, qint64 after, int wait);
// The length of the whole request or response at the front of `bytes` (-1 while incomplete).
qsizetype messageLength(const QByteArray &bytes);

// The event ids, the highest "seq" and "last_seq" of a pull's answer, by scanning its text
// (the server writes compact JSON; "id" is only an event's own key).
struct Pulled
{
    std::vector<QByteArray> ids;
    qint64 maxSeq = 0;
    qint64 lastSeq = -1;
};
Pulled scan(const QByteArray &response);

} // namespace civicdesk::bench
