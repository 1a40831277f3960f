#include "ui/intake/contactflow.h"

#include "models/intake/intakeservice.h"
#include "models/intake/intakesession.h"
#include "ui/intake/callerbox.h"
#include "ui/intake/callpop.h"
#include "ui/intake/contactbar.h"
#include "ui/intake/contactclock.h"
#include "ui/intake/draftkeeper.h"
#include "ui/intake/intakedialogs.h"
#include "ui/intake/intakemessages.h"
#include "ui/intake/locationbox.h"
#include "ui/intake/nearbywatcher.h"
#include "ui/intake/requestbox.h"
#include "ui/intake/requestflow.h"
#include "ui/intake/requestform.h"
#include "ui/intake/requestsubmitter.h"
#include "ui/intake/typepicker.h"
#include "ui/intake/wrapupbox.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>

namespace civicdesk {

ContactFlow::ContactFlow(IntakeSession &session, const IntakeService &service, Widgets widgets,
                         Parts parts, QObject *parent)
    : QObject(parent), m_session(session), m_service(service), m_w(widgets), m_p(parts)
{
}

bool ContactFlow::startWalkIn(const QString &language)
{
    if (m_session.contactRunning()) {
        m_p.messages.show(tr("A contact is already running; end it first (Ctrl+E)."), true);
        return false;
    }
    // The call on screen would become the contact's (channel phone, its caller): the visitor's
    // contact waits until the call is taken or gone.
    if (m_p.callPop.waitsForContact()) {
        m_p.messages.show(tr("A phone call is on screen: answer it or let it go before you "
                             "start the walk-in contact."),
                          true);
        return false;
    }
    m_p.clock.showChannel(Channel::WalkIn);
    m_w.caller.setLanguage(language);
    startContact();
    return m_session.contactRunning();
}

void ContactFlow::startContact()
{
    if (m_session.contactRunning()) {
        m_p.messages.show(tr("A contact is already running; end it first (Ctrl+E)."), true);
        return;
    }
    // A ringing or answered call is the contact's: it is taken on the phone, with its call.
    const std::optional<ContactCall> call = m_p.callPop.takeForContact(m_service.now());
    if (call)
        m_p.clock.showChannel(Channel::Phone);
    // A new contact starts with no outcome: nothing is carried over from the previous one.
    auto id = m_session.startContact(call);
    if (!id) {
        m_p.messages.show(id.error().message, true);
        return;
    }
    m_p.clock.setRunning(true);
    m_p.drafts.schedule();
    if (call) {
        // The pop already cleared the previous caller and put this one on screen; a choice
        // among callers on a shared number stays open.
        if (m_w.caller.matchList()->isVisible() || m_session.callerId().isEmpty())
            m_w.caller.phoneEdit()->setFocus(Qt::OtherFocusReason);
        else
            m_w.types.searchEdit()->setFocus(Qt::OtherFocusReason);
        return;
    }
    clearScreen();
    if (!m_session.location())
        emit locationCleared();
    m_w.caller.phoneEdit()->setFocus(Qt::OtherFocusReason);
}

void ContactFlow::beginWrapUp()
{
    if (!m_session.contactRunning())
        return;
    m_w.wrapUp.show();
    m_w.wrapUp.outcomeCombo()->setFocus(Qt::OtherFocusReason);
}

void ContactFlow::finishContact()
{
    copyFormToSession(m_w.request, m_session);
    m_session.recordFormSteps();
    if (!m_session.outcome()) {
        m_w.wrapUp.outcomeCombo()->setFocus(Qt::OtherFocusReason);
        m_p.messages.show(tr("Choose how the contact ended (the Outcome list)."), true,
                          m_w.wrapUp.outcomeCombo());
        return;
    }
    // A request still on the form is never dropped silently (an emergency type cannot be
    // submitted: there is nothing to ask).
    if (m_session.hasUnsubmittedRequest()) {
        const auto choice = IntakeDialogs::askAboutUnsubmitted(&m_w.dialogParent);
        if (choice == IntakeDialogs::Unsubmitted::Submit) {
            m_w.wrapUp.hide();
            m_p.submitter.submit(); // on success the number is on screen to read back
            return;
        }
        if (choice == IntakeDialogs::Unsubmitted::GoBack) {
            m_w.wrapUp.hide();
            m_w.request.submitButton()->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
    const QString contactId = m_session.contactId();
    const auto ended =
        m_session.endContact(m_w.wrapUp.notesEdit()->toPlainText(), m_p.callPop.call());
    if (!ended) {
        m_w.wrapUp.transferEdit()->setFocus(Qt::OtherFocusReason);
        m_p.messages.show(ended.error().message, true, m_w.wrapUp.transferEdit());
        return;
    }
    clearContactScreen();
    m_p.clock.showEnded(ended.value());
    m_w.contactBar.startButton()->setFocus(Qt::OtherFocusReason);
    // A call still on the line is followed: its end goes on this contact.
    m_p.callPop.contactFinished(contactId);
}

void ContactFlow::clearScreen()
{
    m_w.result.hide();
    m_w.result.clear();
    m_p.messages.clear();
    m_w.caller.showMatches({});
    emit contactReset();
}

QWidget *ContactFlow::whereWorkContinues() const
{
    if (!m_session.contactRunning())
        return m_w.contactBar.startButton();
    const Caller caller = m_session.caller();
    if (m_session.callerId().isEmpty() && caller.phone.isEmpty() && caller.name.isEmpty() &&
        caller.email.isEmpty() && !m_session.type())
        return m_w.caller.phoneEdit();
    if (!m_session.type())
        return m_w.types.searchEdit();
    for (QWidget *field : m_w.request.focusChain()) {
        if (field->isEnabled() && !field->isHidden() && (field->focusPolicy() & Qt::TabFocus))
            return field;
    }
    return m_w.types.searchEdit();
}

void ContactFlow::clearContactScreen()
{
    m_p.clock.setRunning(false);
    m_w.wrapUp.hide();
    m_w.wrapUp.transferEdit()->clear();
    m_w.wrapUp.notesEdit()->clear();
    m_w.caller.clear();
    m_p.flow.reset();
    // The number read back belonged to this caller: it goes with them.
    clearScreen();
    emit locationCleared();
}

bool ContactFlow::parkForAnotherAgent()
{
    m_p.drafts.cancel();
    copyFormToSession(m_w.request, m_session);
    m_session.setWrapUpNotes(m_w.wrapUp.notesEdit()->toPlainText());
    m_session.recordFormSteps();
    if (const Status parked = m_session.park(); !parked) {
        m_p.messages.show(
            tr("Your work could not be kept as your draft: %1").arg(parked.error().message), true);
        return false;
    }
    clearContactScreen();
    // Emptying the fields scheduled a save: it would be the next agent's, of nothing.
    m_p.drafts.cancel();
    m_p.clock.forgetEnded();
    m_p.clock.update();
    return true;
}

void ContactFlow::restoreDraft()
{
    const auto savedAt = m_session.restoreDraft();
    if (!savedAt)
        return;
    const Caller caller = m_session.caller();
    const Answers answers = m_session.answers();
    const QString description = m_session.description();
    const auto location = m_session.location();
    m_p.clock.showChannel(m_session.channel());
    if (m_session.contactRunning())
        m_p.clock.setRunning(true);
    m_w.caller.phoneEdit()->setText(caller.phone);
    m_w.caller.nameEdit()->setText(caller.name);
    m_w.caller.emailEdit()->setText(caller.email);
    if (const auto &type = m_session.type()) {
        m_p.flow.showType(*type);
        m_w.request.form()->setAnswers(answers);
    }
    m_w.request.descriptionEdit()->setPlainText(description);
    if (location)
        m_w.request.locationBox()->setLocation(*location);
    copyFormToSession(m_w.request, m_session);
    // A wrap-up begun before another agent took the PC comes back open, as it was left.
    if (m_session.contactRunning() && (m_session.outcome() || !m_session.wrapUpNotes().isEmpty())) {
        m_w.wrapUp.notesEdit()->setPlainText(m_session.wrapUpNotes());
        m_w.wrapUp.show();
    }
    // The candidates are looked up again: others may have reported the same place meanwhile.
    m_p.nearby.refresh();
    emit formRestored();
    m_p.clock.update();
    m_p.messages.show(
        tr("Restored unsaved work from %1.")
            .arg(QLocale().toString(m_service.inCity(*savedAt), QLocale::ShortFormat)),
        false);
}

} // namespace civicdesk
