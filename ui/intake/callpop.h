#pragma once

#include "models/domain/contact.h"
#include "models/intake/intakerepository.h"

#include <QDateTime>
#include <QObject>
#include <optional>

namespace civicdesk {

class CallerBox;
class ContactBar;
class IntakeService;
class IntakeSession;

// A call the phone system offered, as the screen pop shows it (the telephony adapter looked the
// number up in the local replica).
struct CallPresentation
{
    enum class Kind
    {
        OneCaller,      // the contact starts with that caller
        SeveralCallers, // a shared number: the agent chooses among `callers`
        NewCaller,      // nobody on file: the number is filled in
        Withheld,       // the caller withheld the number: an anonymous contact
        NoNumber        // no number came with the call: an anonymous contact
    };
    Kind kind = Kind::NoNumber;
    ContactCall call;
    QList<CallerMatch> callers;
    QString phoneText;  // what goes into the phone field, "(617) 555-0100"
    QString numberText; // the number as the agent reads it, "(617) 555-0100 x123"
    QString language;   // from the phone system (the IVR choice), "" when not given
};

// The phone on the intake panel, without the panel: the call offered, answered and ended as
// the telephony adapter reports them, popped into the caller box and shown on the contact bar's
// call row with Answer, Hang up, Transfer and Dial (each disabled with the reason while it is
// not possible). A second call waits until the contact ends. A call still on the line when its
// contact ended is followed: its end is recorded on that contact when the phone reports it.
class CallPop : public QObject
{
    Q_OBJECT

public:
    CallPop(IntakeSession &session, IntakeService &service, ContactBar &bar, CallerBox &caller,
            QObject *parent = nullptr);

    void setShown(bool shown);
    bool shown() const { return m_shown; }
    // Whether the phone is connected; `reason` says why not (the buttons' tooltips).
    void setPhoneReady(bool ready, const QString &reason = QString());
    bool phoneReady() const { return m_ready; }

    void present(const CallPresentation &call);
    void answered(const QString &callId, const QDateTime &at);
    void ended(const QString &callId, const QDateTime &at, std::optional<CallEndCause> cause,
               const QString &detail);
    void showProblem(const QString &message);
    const ContactCall &call() const { return m_call; }
    // A call rings or was answered without a contact yet: the next contact would take it.
    bool waitsForContact() const { return m_state == State::Ringing || m_state == State::Talking; }
    // A contact starts: the ringing or answered call becomes its call (nullopt: no call).
    std::optional<ContactCall> takeForContact(const QDateTime &now);
    // Contact `contactId` ended: the call leaves the screen; when it is still on the line, its
    // end is recorded on that contact once the phone reports it.
    void contactFinished(const QString &contactId);
    // The phone system's language (the IVR choice) of the call on screen ("" when none).
    QString callLanguage() const;
    void retranslate() { updateRow(); }

    // The agent's commands (the buttons and their shortcuts).
    void answer();
    void hangUp();
    void transfer();
    void dial();

signals:
    // The phone rang with another caller: nothing of the previous one stays on screen.
    void screenCleared();
    // The call was answered with no contact running: the contact starts.
    void contactWanted();
    // The call ended during the contact: the wrap-up comes up.
    void wrapUpWanted();
    // Something the agent must read (the end of a followed call could not be recorded).
    void problem(const QString &message);
    void answerRequested(const QString &callId);
    void hangUpRequested(const QString &callId);
    void transferRequested(const QString &callId, const QString &target);
    void dialRequested(const QString &number);

private:
    enum class State
    {
        None,
        Ringing,
        Talking,
        Ended
    };
    void updateRow();
    void clear();
    void recordFollowedEnd(const QDateTime &at, std::optional<CallEndCause> cause);
    QString missedNote(const QString &number, const QDateTime &at) const;
    bool busy() const;

    IntakeSession &m_session;
    IntakeService &m_service;
    ContactBar &m_bar;
    CallerBox &m_caller;
    bool m_shown = false;
    bool m_ready = true;
    QString m_notReadyReason;
    State m_state = State::None;
    ContactCall m_call;
    CallPresentation m_presented;
    std::optional<CallPresentation> m_waiting;
    // The call still on the line after its contact ended, and that contact.
    ContactCall m_followed;
    QString m_followedContact;
    QString m_followedNumber;
    QString m_note; // the last call's fate ("Missed call from …") or a phone problem
    bool m_noteIsProblem = false;
};

} // namespace civicdesk
