#pragma once

#include "models/domain/result.h"
#include "models/domain/servicetype.h"
#include "models/intake/intakerepository.h"
#include "models/intake/intakeservice.h"
#include "models/intake/intakesession.h"

#include <QDateTime>
#include <QWidget>
#include <optional>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QTimer;

namespace civicdesk {

class AddressIndex;
class CallerBox;
class ContactBar;
class CatalogueRepository;
class DistrictLocator;
class IntakeRepository;
class IntakeService;
class KnownIssueBanner;
class LocationBox;
class RequestForm;
class RequestRepository;
class TypePicker;
class WrapUpBox;

// Everything intake needs, built once by the composition root.
struct IntakeContext
{
    const CatalogueRepository &catalogue;
    const RequestRepository &requests;
    IntakeRepository &intake;
    IntakeService &service;
    const AddressIndex &addresses;
    const DistrictLocator &districts;
};

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

// The call taker's screen: a contact with channel and timer, the caller, the request type
// (type to search names, groups, keywords and synonyms), the form generated from the type's
// Open311 definition, the location, duplicates nearby, submit with the number and expected date
// for read-back, and the contact's wrap-up. Keyboard first; autosaved as the agent types.
class IntakePanel : public QWidget
{
    Q_OBJECT

public:
    explicit IntakePanel(IntakeContext context, QWidget *parent = nullptr);

    void focusSearch();
    int visibleTypeCount() const;
    QString currentTypeCode() const;
    QString contactId() const { return m_session->contactId(); }
    // The contact's state and rules (the panel only shows them).
    IntakeSession &session() { return *m_session; }

    void startContact();
    // A visitor called at the lobby counter: a contact with channel walk-in in the visitor's
    // language (en, es). False (with the message shown) when a contact is already running.
    bool startWalkIn(const QString &language);
    void beginWrapUp();
    void submit();
    // Chooses the type under the cursor and moves to its first question.
    void chooseCurrentType();
    // From the knowledge base: start a request of this type.
    void startRequestOfType(const QString &serviceCode);
    // The running contact records the knowledge articles the agent opened.
    void recordArticleOpened(const QString &articleId);
    void recordUnansweredSearch(const QString &query, const QString &language);
    // Something the agent typed would be lost by closing now: a contact is running or a request
    // is on the form.
    bool hasUnfinishedWork() const;
    // Closing: keep it as a draft (it comes back at the next start), or discard it.
    void keepAsDraft();
    void discardUnfinishedWork();
    // The caller heard a request number read back (the status read-back, or the new number):
    // a step of the running contact.
    void recordReadBack(const QString &number, const QString &requestId);
    // The number of the last request created or attached to in this contact (empty: none).
    QString lastNumber() const { return m_session->lastNumber(); }
    // A place picked on the map becomes the request's location.
    void setPickedLocation(const IntakeLocation &where);

    // Telephony: the call row (state, Answer, Hang up) shows once a phone is connected.
    void setTelephonyShown(bool shown);
    bool telephonyShown() const { return m_telephonyShown; }
    // The phone rings: the caller goes on screen (a second call waits until the contact ends).
    void presentCall(const CallPresentation &call);
    // Answered (here or on the phone itself): the contact starts and its timer runs.
    void callAnswered(const QString &callId, const QDateTime &at);
    // Ended: a call never answered clears its pop; a running contact is prompted to wrap up.
    void callEnded(const QString &callId, const QDateTime &at, std::optional<CallEndCause> cause,
                   const QString &detail);
    // The phone refused a command or is not connected.
    void showCallProblem(const QString &message);
    const ContactCall &currentCall() const { return m_call; }

signals:
    void requestCreated(const QString &requestId);
    // For the map: where the request being entered is, and its duplicate candidates.
    void locationChosen(double latitude, double longitude);
    void locationCleared();
    void duplicatesChanged(const QStringList &requestIds);
    // For history: who is calling (empty: nobody yet), and where the request is.
    void callerChanged(const QString &callerId);
    // The caller's language was chosen or changed (the knowledge search follows it).
    void callerLanguageChanged(const QString &language);
    void locationEntered(double latitude, double longitude, const QString &address);
    // A contact started or finished: the views that showed the previous caller's things (the
    // read-back, the place picked on the map) start clean.
    void contactReset();
    // The agent answers or hangs up from the desk (the telephony adapter sends it to the phone).
    void answerCallRequested(const QString &callId);
    void hangUpCallRequested(const QString &callId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void retranslate();
    void setType(const ServiceType &type);
    // The widgets of the request on the form follow the session's type.
    void showType(const ServiceType &type);
    // The form's answers, description and place as the session's.
    void syncForm();
    // The wrap-up shows the session's outcome.
    void syncOutcome();
    void showCaller(const Caller &caller);
    void findCallers();
    void showCallerMatches(const QList<CallerMatch> &matches);
    void pickCaller(int row);
    void clearCaller();
    void updateCallRow();
    void endCall();
    void refreshDuplicates();
    void attachToDuplicate();
    // The caller was attached to an existing request (or why not).
    void showAttached(const Status &s);
    void finishContact();
    void updateTimer();
    void scheduleDraftSave();
    void saveDraft();
    void restoreDraft();
    void discardDraft();
    // The request on the form is gone (submitted, attached or dropped): the form is empty.
    void resetRequest();
    // The message goes next to the field it is about (the caller box for caller problems,
    // under Submit otherwise), and the view shows both.
    void showMessage(const QString &text, bool error, QWidget *about = nullptr);
    void clearMessages();
    // One natural Tab order: caller, type, questions, description, location, duplicates,
    // submit, wrap-up. Generated questions are put in their place each time the form changes.
    void updateTabOrder();
    // The view follows the focus inside the scroll area (the field and its message together).
    void followFocus(QWidget *now);
    void ensureVisible(QWidget *widget);
    void updateDuplicatesLabel();
    // Open candidates nearby: attach the caller, create anyway with a reason, or go back.
    IntakeSession::DuplicateDecision askAboutDuplicates(QString *reason);
    // The field a problem is about (by its error code), nullptr for none.
    QWidget *fieldFor(const QString &errorCode) const;

    IntakeContext m_ctx;
    IntakeSession *m_session;
    TypePicker *m_types;
    bool m_contactEndedShown = false;
    enum class CallState
    {
        None,
        Ringing,
        Talking,
        Ended
    };
    CallState m_callState = CallState::None;
    ContactCall m_call;
    CallPresentation m_presented;
    std::optional<CallPresentation> m_waitingCall;
    QString m_callNote; // the last call's fate ("Missed call from …") or a phone problem
    bool m_callNoteIsProblem = false;
    bool m_telephonyShown = false;

    ContactBar *m_contactBar;
    QComboBox *m_channel;
    QPushButton *m_startContact;
    QLabel *m_contactLabel;
    QPushButton *m_endContact;
    QWidget *m_callRow;
    QLabel *m_callLabel;
    QPushButton *m_answerCall;
    QPushButton *m_hangUpCall;
    CallerBox *m_callerBox;
    QLineEdit *m_callerPhone;
    QLineEdit *m_callerName;
    QLineEdit *m_callerEmail;
    QComboBox *m_callerLanguage;
    QComboBox *m_callerPreference;
    QListWidget *m_callerMatches;
    QLabel *m_callerStatus;
    QFrame *m_requestFrame;
    QLabel *m_emergency;
    QLabel *m_sensitive;
    RequestForm *m_form;
    QPlainTextEdit *m_description;
    LocationBox *m_location;
    QLabel *m_duplicatesLabel;
    QListWidget *m_duplicates;
    QPushButton *m_attach;
    KnownIssueBanner *m_knownIssue;
    QPushButton *m_submit;
    QLabel *m_message;
    QLabel *m_result;
    WrapUpBox *m_wrapUp;
    QComboBox *m_outcome;
    QLineEdit *m_transfer;
    QPlainTextEdit *m_notes;
    QLabel *m_wrapUpMessage;
    QPushButton *m_finish;
    QScrollArea *m_scroll;
    QTimer *m_clockTimer;
    QTimer *m_draftTimer;
    QList<QLabel *> m_sectionLabels;
};

} // namespace civicdesk
