#include "models/central/reviewreader.h"

#include <QSet>

namespace civicdesk {

CentralReviewReader::CentralReviewReader(AgentRole role, QString user)
    : m_role(role), m_user(user), m_visibility(std::move(user))
{
}

Result<CentralReviewReader> CentralReviewReader::load(const CentralLog &log, AgentRole role,
                                                      QString user)
{
    auto events = log.reviewLog();
    if (!events)
        return events.error();
    CentralReviewReader reader(role, std::move(user));
    reader.m_log = std::move(events.value());
    for (const SequencedEvent &e : std::as_const(reader.m_log))
        reader.m_visibility.fold(e.event);
    return reader;
}

Result<QList<SequencedEvent>> CentralReviewReader::eventsFor(const CentralLog &log, AgentRole role,
                                                             const QString &user,
                                                             const EventPage &page, qint64 after)
{
    if (!page.reviews)
        return page.events;
    auto reader = load(log, role, user);
    if (!reader)
        return reader.error();
    // Another reviewer's evaluations of a contact come with the reader's own evaluation of it.
    QList<SequencedEvent> events = reader.value().released(page.events, after);
    for (const SequencedEvent &e : page.events) {
        if (e.event.entityType != u"review" || reader.value().mayRead(e.event))
            events.append(e);
    }
    return events;
}

bool CentralReviewReader::mayRead(const Event &event) const
{
    return mayReadReviewEvent(m_role, m_user, event) && m_visibility.mayRead(event);
}

QList<SequencedEvent> CentralReviewReader::released(const QList<SequencedEvent> &page,
                                                    qint64 after) const
{
    QSet<QString> contacts;
    for (const SequencedEvent &e : page) {
        if (e.seq > after && m_visibility.releases(e.event))
            contacts.insert(m_visibility.contactOf(e.event.entityId));
    }
    QList<SequencedEvent> list;
    if (contacts.isEmpty())
        return list;
    for (const SequencedEvent &e : m_log) {
        if (e.seq > after)
            break;
        const QString contact = m_visibility.contactOf(e.event.entityId);
        if (!contact.isEmpty() && contacts.contains(contact) && e.event.actor != m_user &&
            mayRead(e.event))
            list.append(e);
    }
    return list;
}

QList<SequencedEvent> CentralReviewReader::readable(const QString &agent, int limit) const
{
    QList<SequencedEvent> list;
    for (auto it = m_log.crbegin(); it != m_log.crend() && list.size() < limit; ++it) {
        if ((agent.isEmpty() || it->event.payload.value(u"agent").toString() == agent) &&
            mayRead(it->event))
            list.append(*it);
    }
    return list;
}

} // namespace civicdesk
