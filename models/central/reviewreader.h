#pragma once

#include "models/central/centrallog.h"
#include "models/domain/permissions/agentrole.h"
#include "models/domain/supervision/reviewvisibility.h"

#include <QList>
#include <QString>

namespace civicdesk {

// The quality reviews one reader of the central store may have now: an agent the evaluations
// about them, a supervisor or admin every agent's (mayReadReviewEvent), and of another
// reviewer's evaluation of a contact nothing until the reader has submitted their own
// evaluation of it (ReviewVisibility: independent scoring). Read from the log's review events
// for one pull or one request.
class CentralReviewReader
{
public:
    static Result<CentralReviewReader> load(const CentralLog &log, AgentRole role, QString user);
    // The events of a pull's `page` (read with every review in it) that the reader receives:
    // the page as it is when its range holds no quality review; else without the reviews the
    // reader may not have yet, and with those released() put first.
    static Result<QList<SequencedEvent>> eventsFor(const CentralLog &log, AgentRole role,
                                                   const QString &user, const EventPage &page,
                                                   qint64 after);

    bool mayRead(const Event &event) const;
    // What a pull page brings besides its range: when `page` carries the reader's own
    // evaluation of a contact, the events at or before `after` of the other evaluations of that
    // contact (held back from earlier pulls until then), in sequence order.
    QList<SequencedEvent> released(const QList<SequencedEvent> &page, qint64 after) const;
    // The review events the reader may read, about `agent` (every agent when empty), newest
    // first, at most `limit`.
    QList<SequencedEvent> readable(const QString &agent, int limit) const;

private:
    CentralReviewReader(AgentRole role, QString user);

    AgentRole m_role;
    QString m_user;
    ReviewVisibility m_visibility;
    QList<SequencedEvent> m_log; // the review events, in sequence order
};

} // namespace civicdesk
