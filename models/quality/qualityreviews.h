#pragma once

#include "models/domain/clock.h"
#include "models/domain/result.h"
#include "models/domain/supervision/evaluationform.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace civicdesk {

class Database;
class EventStore;

// One evaluation of one contact by one reviewer, as its events leave it.
struct Evaluation
{
    enum class State
    {
        Submitted,    // waiting for the agent
        Acknowledged, // the agent signed it off
        Disputed,     // the agent disputed it: a supervisor decides
        Decided       // the dispute was decided (upheld or rescored)
    };

    QString id = QString();
    QString agent = QString();    // whose contact
    QString reviewer = QString(); // who scored it
    QString contactId = QString();
    QString sample = QString(); // the sample it was drawn in, if any
    EvaluationForm form = {};   // the form (and version) it was scored on
    ReviewAnswers answers = {};
    QString comment = QString();
    double score = 0;      // as submitted
    double finalScore = 0; // after a decision that rescored it
    bool criticalFailed = false;
    QDateTime submittedAt = QDateTime();
    State state = State::Submitted;
    QString response = QString(); // the agent's note or dispute reason
    QString decision = QString(); // upheld or rescored
    QString decisionNote = QString();
    QStringList coachingNotes = {};

    QDateTime responseDue() const;
};

// Quality review on the store this workstation holds: forms published in versions, evaluations
// submitted by supervisors, answered by the agent they are about (acknowledge or dispute within
// the window), disputes decided, coaching notes. Every step is a review.* event
// (models/domain/supervision/reviewevent.h) that the permission table checks here and the central
// store checks again; the rules of forms and scores are models/domain/supervision/evaluationform.h.
class QualityReviews
{
public:
    QualityReviews(Database &database, EventStore &events, QString user, Clock clock = {});

    // Publishes the form as its next version (1 for a new id, else the latest + 1) and
    // returns that version; a form the same as the latest version is refused.
    Result<int> publishForm(const EvaluationForm &form);
    std::optional<EvaluationForm> latestForm(const QString &formId) const;
    std::optional<EvaluationForm> form(const QString &formId, int version) const;
    QList<EvaluationForm> latestForms() const; // one per form id, by title

    // Scores and submits an evaluation of `contactId` (taken by `agent`) on a published form.
    // One evaluation per reviewer and contact: several reviewers score the same contact
    // independently. Returns the evaluation's id.
    Result<QString> submit(const QString &contactId, const QString &agent,
                           const EvaluationForm &form, const ReviewAnswers &answers,
                           const QString &comment = QString(), const QString &sample = QString());
    Status acknowledge(const QString &evaluationId, const QString &note = QString());
    Status dispute(const QString &evaluationId, const QString &reason);
    // Decides a dispute: the score stands (upheld) or is replaced by `score` (rescored).
    Status decide(const QString &evaluationId, bool upheld, double score, const QString &note);
    Status noteCoaching(const QString &evaluationId, const QString &note);

    // Evaluations newest first; of one agent when `agent` is given. Another reviewer's
    // evaluation of a contact is left out until this user has submitted their own evaluation of
    // it (independent scoring, models/domain/supervision/reviewvisibility.h); the evaluations
    // about this user and those the agent disputed are always in.
    QList<Evaluation> evaluations(const QString &agent = QString()) const;
    std::optional<Evaluation> evaluation(const QString &evaluationId) const;

    const QString &user() const { return m_user; }
    void setClock(Clock clock) { m_clock = std::move(clock); }

private:
    // Evaluations newest first (of `agent` when given), the hidden ones too unless `blind`.
    QList<Evaluation> read(const QString &agent, bool blind) const;
    // An evaluation the store holds, seen or not: the answering steps leave the decision to the
    // permission table.
    std::optional<Evaluation> stored(const QString &evaluationId) const;
    Status append(const QString &entityId, const QString &kind, const QJsonObject &payload);
    QList<EvaluationForm> publishedForms() const;

    Database &m_database;
    EventStore &m_events;
    QString m_user;
    Clock m_clock;
};

} // namespace civicdesk
