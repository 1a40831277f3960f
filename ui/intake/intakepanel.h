#pragma once

#include "models/domain/result.h"
#include "models/domain/servicetype.h"
#include "models/intake/intakerepository.h"
#include "models/intake/intakeservice.h"
#include "models/intake/intakesession.h"
#include "ui/intake/callpop.h"

#include <QDateTime>
#include <QWidget>
#include <optional>

class QLabel;
class QScrollArea;
class QTimer;
class QVBoxLayout;

namespace civicdesk {

class AddressIndex;
class CallerBox;
class ContactBar;
class ContactClock;
class ContactFlow;
class CatalogueRepository;
class DistrictLocator;
class DraftKeeper;
class FocusFollower;
class IntakeRepository;
class IntakeMessages;
class IntakeService;
class KnownIssueBanner;
class NearbyWatcher;
class RequestBox;
class RequestFlow;
class RequestRepository;
class RequestSubmitter;
class TypePicker;
class WrapUpBox;
class WrapUpController;

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
    // A shared PC: another agent takes over. What is on screen is kept as the present agent's
    // draft (an open contact stays open in it) and the screen is emptied; false (with the
    // message shown, nothing emptied) when it could not be kept.
    bool parkForAnotherAgent();
    // The signed-in agent's draft comes back on screen (none: the screen stays empty).
    void restoreDraft();
    // The caller heard a request number read back (the status read-back, or the new number):
    // a step of the running contact.
    void recordReadBack(const QString &number, const QString &requestId);
    // The number of the last request created or attached to in this contact (empty: none).
    QString lastNumber() const { return m_session->lastNumber(); }
    // A place picked on the map becomes the request's location.
    void setPickedLocation(const IntakeLocation &where);

    // A banner about the request (e.g. a known issue) goes here: above the request form,
    // below the type picker. The panel does not own its visibility.
    void insertAboveRequest(QWidget *banner);

    // Telephony: the call row (state, Answer, Hang up, Transfer, Dial) shows once a phone is
    // configured; the commands are disabled, with the reason, while it is not connected.
    void setTelephonyShown(bool shown);
    bool telephonyShown() const;
    void setPhoneReady(bool ready, const QString &reason = QString());
    // The phone rings: the caller goes on screen (a second call waits until the contact ends).
    void presentCall(const CallPresentation &call);
    // Answered (here or on the phone itself): the contact starts and its timer runs.
    void callAnswered(const QString &callId, const QDateTime &at);
    // Ended: a call never answered clears its pop; a running contact is prompted to wrap up.
    void callEnded(const QString &callId, const QDateTime &at, std::optional<CallEndCause> cause,
                   const QString &detail);
    // The phone refused a command or is not connected.
    void showCallProblem(const QString &message);
    const ContactCall &currentCall() const;

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
    void transferCallRequested(const QString &callId, const QString &target);
    void dialRequested(const QString &number);

protected:
    void changeEvent(QEvent *event) override;
    // The window opens with the focus where the agent's work begins or goes on.
    void showEvent(QShowEvent *event) override;

private:
    void buildUi();
    void connectFields();
    void retranslate();
    // The message goes next to the field it is about (the caller box for caller problems,
    // the wrap-up for its own, under Submit otherwise), and the view shows both.
    void showMessage(const QString &text, bool error, QWidget *about = nullptr);
    // One natural Tab order: caller, type, questions, description, location, duplicates,
    // submit, wrap-up. Generated questions are put in their place each time the form changes.
    void updateTabOrder();

    IntakeContext m_ctx;
    IntakeSession *m_session;
    TypePicker *m_types;
    ContactBar *m_contactBar = nullptr;
    CallerBox *m_callerBox = nullptr;
    QVBoxLayout *m_banners = nullptr;
    KnownIssueBanner *m_knownIssue = nullptr;
    RequestBox *m_request = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_result = nullptr;
    IntakeMessages *m_messages = nullptr;
    RequestSubmitter *m_submitter = nullptr;
    ContactClock *m_clock = nullptr;
    WrapUpController *m_wrapUpController = nullptr;
    ContactFlow *m_contact = nullptr;
    NearbyWatcher *m_nearby = nullptr;
    DraftKeeper *m_drafts = nullptr;
    RequestFlow *m_flow = nullptr;
    WrapUpBox *m_wrapUp = nullptr;
    QScrollArea *m_scroll = nullptr;
    FocusFollower *m_follower = nullptr;
    CallPop *m_callPop = nullptr;
    bool m_shownOnce = false;
};

} // namespace civicdesk
