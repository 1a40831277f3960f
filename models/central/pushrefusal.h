#pragma once

#include "models/domain/eventjson.h"
#include "models/domain/result.h"

#include <QList>
#include <QSqlDatabase>

namespace civicdesk::pushrefusal {

// What a push answers for an event its projection refused while being written (code
// "conflict"), said to the workstation without the driver's or SQL text, which goes to the
// server's log: a request number another request holds already is named as such (field
// payload.number, looked up in `db` outside the failed transaction and among the events of the
// batch still to be written, `written`); anything else the store would not keep is said
// plainly. A projection's own message (a ticket number given today) is kept as it is.
EventRejection of(QSqlDatabase &db, const Event &event, const Error &failure,
                  const QList<Event> &written);
// The same for an all-or-nothing push, whose transaction is still open: no lookup.
QString messageOf(const Error &failure);

// Puts the outcome's accepted and rejected events in the order of the batch `events`, however
// they were found (stored before, stored meanwhile by another process, written now), so the same
// batch always gets the same answer.
void inBatchOrder(const QList<Event> &events, QList<std::pair<QString, qint64>> *accepted,
                  QList<EventRejection> *rejected);

} // namespace civicdesk::pushrefusal
