#include "models/domain/supervision/reviewvisibility.h"

namespace civicdesk {

ReviewVisibility::ReviewVisibility(QString reader) : m_reader(std::move(reader)) {}

void ReviewVisibility::fold(const Event &event)
{
    if (event.entityType != u"review")
        return;
    if (event.kind == u"review.evaluation_submitted") {
        Evaluated &e = m_evaluations[event.entityId];
        e.contact = event.payload.value(u"contact_id").toString();
        e.reviewer = event.actor;
        e.agent = event.payload.value(u"agent").toString();
        if (!m_reader.isEmpty() && event.actor == m_reader)
            m_scored.insert(e.contact);
    } else if (event.kind == u"review.disputed" || event.kind == u"review.decided") {
        m_disputed.insert(event.entityId);
    }
}

bool ReviewVisibility::mayReadEvaluation(const QString &evaluationId) const
{
    const auto found = m_evaluations.constFind(evaluationId);
    if (found == m_evaluations.cend())
        return true; // not an evaluation (a form, a free score)
    const Evaluated &e = *found;
    if (m_reader.isEmpty())
        return false;
    return e.reviewer == m_reader || e.agent == m_reader || m_scored.contains(e.contact) ||
           m_disputed.contains(evaluationId);
}

bool ReviewVisibility::mayRead(const Event &event) const
{
    if (event.entityType != u"review")
        return true;
    return mayReadEvaluation(event.entityId);
}

QString ReviewVisibility::contactOf(const QString &evaluationId) const
{
    return m_evaluations.value(evaluationId).contact;
}

bool ReviewVisibility::releases(const Event &event) const
{
    return !m_reader.isEmpty() && event.kind == u"review.evaluation_submitted" &&
           event.actor == m_reader;
}

} // namespace civicdesk
