#pragma once

#include "models/domain/caller.h"
#include "models/domain/contact.h"
#include "models/domain/result.h"
#include "models/domain/servicerequest.h"
#include "models/domain/servicetype.h"
#include "models/domain/text/formvalidation.h"
#include "models/intake/intakedraft.h"
#include "models/intake/intakerecorder.h"
#include "models/intake/intakerepository.h"
#include "models/intake/intakeservice.h"

#include <QDateTime>
#include <QObject>
#include <optional>

namespace civicdesk {

class CatalogueRepository;
class RequestRepository;

// One contact at the call taker's desk, without widgets: whether a contact runs, the caller,
// the request on the form (type, answers, description, location), the open requests of that
// type nearby and what the agent decided about them, submit and attach, the wrap-up's outcome,
// the autosaved draft, and every step recorded through the IntakeRecorder. A screen tells it
// what the agent typed and shows what it holds; phone, walk-in and practice intake are the same
// session. Errors are values: codes the screen turns into words beside the field concerned.
class IntakeSession : public QObject
{
    Q_OBJECT

public:
    IntakeSession(const CatalogueRepository &catalogue, const RequestRepository &requests,
                  IntakeRepository &intake, IntakeService &service, QObject *parent = nullptr);

    // The draft store's id of the signed-in agent's intake draft: each agent at a shared PC
    // has their own ("intake:" and the agent's name; "intake" alone for no agent, and for the
    // one draft kept before drafts were per agent).
    QString draftId() const;
    static QString draftIdFor(const QString &agent);

    // ---- The contact
    bool contactRunning() const { return !m_contactId.isEmpty(); }
    QString contactId() const { return m_contactId; }
    QDateTime contactStarted() const { return m_contactStarted; }
    // Seconds since the contact started (0 when none runs).
    qint64 elapsedSeconds() const;
    Channel channel() const { return m_channel; }
    void setChannel(Channel channel) { m_channel = channel; }
    // Starts a contact on the current channel; `call`: the phone call it is taken on (then the
    // channel is the phone's and the screen pop's caller goes with it). A new contact has no
    // outcome, no transfer, no number read back. "intake.contact_running" when one runs.
    Result<QString> startContact(const std::optional<ContactCall> &call = std::nullopt);
    // Ends the contact with the chosen outcome: "intake.outcome" when none is chosen, else the
    // service's refusal. On success everything of this caller is cleared (caller, request,
    // outcome, notes, draft) and the contact's length in seconds is returned.
    Result<qint64> endContact(const QString &notes, const ContactCall &call = {});

    // `at` as the city's clock shows it (what is said to the caller).
    QDateTime inCity(const QDateTime &at) const;

    // ---- The caller
    const Caller &caller() const { return m_caller; }
    QString callerId() const { return m_caller.id; }
    // What the agent typed: a caller found before is no longer the one on the form.
    void setCallerTyped(const QString &phone, const QString &name, const QString &email);
    void setCallerLanguage(const QString &language) { m_caller.language = language; }
    void setCallerPreference(ContactPreference preference) { m_caller.preference = preference; }
    // The text the callers on file are searched by: phone, else email, else a name of at least
    // three characters (empty: nothing to search).
    QString callerSearchText() const;
    QList<CallerMatch> findCallers(int limit = 8) const;
    // A caller from the matches (or the screen pop) becomes the contact's.
    std::optional<Caller> chooseCaller(const QString &callerId);
    void setCaller(const Caller &caller);
    void clearCaller();
    // Saves the caller as typed and returns their id; empty for an anonymous caller and for a
    // type whose callers are never recorded. Errors name the field ("intake.email", ...).
    Result<QString> ensureCaller();

    // ---- The request on the form
    const std::optional<ServiceType> &type() const { return m_type; }
    // A type chosen or changed: the answers given before stay in the record. An emergency type
    // suggests a warm transfer to 911.
    void setType(const ServiceType &type);
    bool setTypeByCode(const QString &code);
    const Answers &answers() const { return m_answers; }
    void setAnswers(const Answers &answers) { m_answers = answers; }
    QString description() const { return m_description; }
    void setDescription(const QString &description) { m_description = description; }
    const std::optional<IntakeLocation> &location() const { return m_location; }
    bool locationOutsideCity() const { return m_outsideCity; }
    bool locationPlaced() const;
    void setLocation(const std::optional<IntakeLocation> &location, bool outsideCity);
    // The place typed is outside the city and the referral is on screen.
    void referralShown(const QString &typedAddress, const QString &agency);
    // Something would be lost by closing now: a contact runs or a request is on the form.
    bool hasUnfinishedWork() const;
    // A request on the form that was not submitted (an emergency type has nothing to submit).
    bool hasUnsubmittedRequest() const;
    // The request was submitted or is dropped: the form is empty again.
    void resetRequest();

    // ---- Duplicates: open requests of this type near the place
    const QList<ServiceRequest> &duplicates() const { return m_duplicates; }
    // Looks them up again (others may have reported the same place meanwhile) and records
    // what was shown.
    void refreshDuplicates();
    enum class DuplicateDecision
    {
        None,
        Attach,
        CreateAnyway,
        GoBack
    };
    void recordDuplicateDecision(DuplicateDecision decision, int candidate, const QString &reason);

    // ---- Submit and attach
    // Why the request cannot be submitted now, in the order the agent is told: "intake.no_type",
    // "intake.emergency", "intake.answers", "intake.outside_city"; nullopt when it can.
    std::optional<QString> submitBlocker() const;
    // Saves the caller and creates the request (with the override reason when open candidates
    // nearby were set aside). The outcome becomes "request created" and the form is emptied.
    Result<CreatedRequest> submit(const QString &overrideReason = QString());
    // Attaches the caller to candidate `index` of duplicates(); the outcome becomes "attached".
    Status attachToDuplicate(int index);
    // Attaches the caller to this request (a known issue's parent request), as for a duplicate.
    Status attachToRequest(const QString &requestId, const QString &number);
    // The number of the last request created or attached to in this contact (empty: none).
    QString lastNumber() const { return m_lastNumber; }

    // ---- The wrap-up
    std::optional<Outcome> outcome() const { return m_outcome; }
    // The agent's choice (nullopt: none yet).
    void setOutcome(std::optional<Outcome> outcome);
    // What happened decides, unless the agent chose already.
    void suggestOutcome(Outcome outcome);
    QString transferTo() const { return m_transferTo; }
    void setTransferTo(const QString &transferTo);
    // Notes typed in the wrap-up and not yet saved: kept in the draft when another agent takes
    // the PC (the screen hands them over before park(); restoreDraft() gives them back).
    QString wrapUpNotes() const { return m_wrapUpNotes; }
    void setWrapUpNotes(const QString &notes) { m_wrapUpNotes = notes; }

    // ---- Draft
    IntakeDraft draft() const;
    // Saves what is on the form (or removes the draft when nothing is worth keeping).
    Status saveDraft();
    Status discardDraft();
    // Takes back the signed-in agent's draft left by a previous run or before another agent
    // took the PC (the contact, caller, request and place); the time it was saved, nullopt when
    // there is none. A draft kept before drafts were per agent goes to the first agent who
    // signs in (it becomes theirs).
    std::optional<QDateTime> restoreDraft();
    // Another agent takes the PC: what is on the form is saved as the present agent's draft
    // (the contact stays open in it) and the session is emptied for the next agent; nothing is
    // ended and nothing is recorded. An error (nothing emptied) when the draft was not saved.
    Status park();

    // ---- Steps of the contact (nothing is recorded while no contact runs)
    // The form's answers, caller details and location as they are now (only what changed).
    void recordFormSteps();
    void recordReadBack(const QString &number, const QString &requestId);
    Status recordArticleOpened(const QString &articleId);
    Status recordUnansweredSearch(const QString &query, const QString &language);

signals:
    // The caller on file changed (empty: nobody).
    void callerChanged(const QString &callerId);
    void outcomeChanged();
    void transferChanged();
    void duplicatesChanged(const QStringList &requestIds);
    void requestCreated(const QString &requestId);
    // A step could not be recorded (the message says why).
    void stepNotRecorded(const QString &message);

private:
    void recordStep(const Status &status);
    // What is on the form under draftId() (removed when nothing is worth keeping).
    Status writeDraft();
    void setOutcomeValue(std::optional<Outcome> outcome);

    const CatalogueRepository &m_catalogue;
    const RequestRepository &m_requests;
    IntakeRepository &m_intake;
    IntakeService &m_service;
    IntakeRecorder m_recorder;

    QString m_contactId;
    QDateTime m_contactStarted;
    Channel m_channel = Channel::Phone;
    Caller m_caller;
    std::optional<ServiceType> m_type;
    Answers m_answers;
    QString m_description;
    std::optional<IntakeLocation> m_location;
    bool m_outsideCity = false;
    QList<ServiceRequest> m_duplicates;
    QString m_lastNumber;
    std::optional<Outcome> m_outcome;
    QString m_transferTo;
    QString m_wrapUpNotes;
};

} // namespace civicdesk
