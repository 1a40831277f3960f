#pragma once

#include "models/domain/event.h"

#include <QHash>
#include <QSet>
#include <QString>

namespace civicdesk {

// Independent scoring: a reviewer does not see another reviewer's evaluation of a contact
// (its answers, score, comment, nor what followed it) until they have submitted their own
// evaluation of that contact. Everyone reads their own evaluations and the evaluations about
// them (the agent); an evaluation the agent disputed is open to every reviewer, since a
// supervisor decides it. Forms are open to all. The same rule on the workstation
// (QualityReviews) and on the central store (its pull and review endpoint).
class ReviewVisibility
{
public:
    explicit ReviewVisibility(QString reader);

    // Folds one review event in (the whole log, in its order; the result does not depend on
    // the order).
    void fold(const Event &event);

    // Whether the reader may read `event` (a review event) now.
    bool mayRead(const Event &event) const;
    bool mayReadEvaluation(const QString &evaluationId) const;
    // The contact an evaluation is about (empty when not folded).
    QString contactOf(const QString &evaluationId) const;
    // Whether `event` is the reader's own evaluation of a contact that others evaluated
    // before: the moment their evaluations become readable.
    bool releases(const Event &event) const;

private:
    struct Evaluated
    {
        QString contact;
        QString reviewer;
        QString agent;
        bool disputed = false;
    };

    QString m_reader;
    QHash<QString, Evaluated> m_evaluations; // by evaluation id
    QSet<QString> m_disputed;                // evaluation ids (possibly folded before their
                                             // submission)
    QSet<QString> m_scored;                  // contacts the reader evaluated
};

} // namespace civicdesk
