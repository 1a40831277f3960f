#include "ui/intake/callpop.h"

#include "models/intake/intakeservice.h"
#include "models/intake/intakesession.h"
#include "ui/intake/callerbox.h"
#include "ui/intake/contactbar.h"

#include <QComboBox>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>

namespace civicdesk {

namespace {

// Asks for a number (or, to transfer, any destination the phone system knows); empty when the
// agent cancelled.
QString askNumber(QWidget *parent, const QString &objectName, const QString &title,
                  const QString &question, const QString &accessibleName, const QString &text)
{
    QInputDialog dialog(parent);
    dialog.setObjectName(objectName);
    dialog.setWindowTitle(title);
    dialog.setLabelText(question);
    dialog.setTextValue(text);
    if (auto *edit = dialog.findChild<QLineEdit *>()) {
        edit->setObjectName(objectName + QStringLiteral("LineEdit"));
        edit->setAccessibleName(accessibleName);
    }
    if (dialog.exec() != QDialog::Accepted)
        return QString();
    return dialog.textValue().trimmed();
}

} // namespace

CallPop::CallPop(IntakeSession &session, IntakeService &service, ContactBar &bar, CallerBox &caller,
                 QObject *parent)
    : QObject(parent), m_session(session), m_service(service), m_bar(bar), m_caller(caller)
{
    connect(m_bar.answerButton(), &QPushButton::clicked, this, &CallPop::answer);
    connect(m_bar.hangUpButton(), &QPushButton::clicked, this, &CallPop::hangUp);
    connect(m_bar.transferButton(), &QPushButton::clicked, this, &CallPop::transfer);
    connect(m_bar.dialButton(), &QPushButton::clicked, this, &CallPop::dial);
    connect(&m_bar, &ContactBar::commandUnavailable, this,
            [this](const QString &reason) { showProblem(reason); });
    updateRow();
}

void CallPop::setShown(bool shown)
{
    m_shown = shown;
    m_bar.callRow()->setVisible(shown);
    updateRow();
}

void CallPop::setPhoneReady(bool ready, const QString &reason)
{
    m_ready = ready;
    m_notReadyReason = reason;
    updateRow();
}

bool CallPop::busy() const
{
    return m_session.contactRunning() || m_state != State::None || !m_followed.isEmpty();
}

void CallPop::present(const CallPresentation &call)
{
    const QString id = call.call.callId;
    if (id.isEmpty() || id == m_call.callId || id == m_followed.callId ||
        (m_waiting && m_waiting->call.callId == id))
        return;
    // The agent is with someone: the new call waits (the phone keeps ringing meanwhile).
    if (busy()) {
        m_waiting = call;
        updateRow();
        return;
    }
    m_call = call.call;
    m_presented = call;
    m_state = State::Ringing;
    m_note.clear();
    m_noteIsProblem = false;
    // Nothing of the previous caller stays on screen.
    emit screenCleared();
    m_session.clearCaller();
    m_caller.clear();
    QLabel *status = m_caller.statusLabel();
    QWidget *focus = m_bar.answerButton();
    switch (call.kind) {
    case CallPresentation::Kind::OneCaller: {
        const CallerMatch &match = call.callers.constFirst();
        m_session.setCaller(match.caller);
        m_caller.showCaller(match.caller);
        status->setText(
            tr("Returning caller: %1 · %n request(s) on file (shown in History).", nullptr,
               match.requestCount)
                .arg(match.caller.name.isEmpty() ? tr("(no name)") : match.caller.name));
        break;
    }
    case CallPresentation::Kind::SeveralCallers:
        m_caller.phoneEdit()->setText(call.phoneText);
        m_session.setCallerTyped(call.phoneText, QString(), QString());
        m_caller.showMatches(call.callers);
        status->setText(tr("%n caller(s) share this number: choose one with Up, Down and Enter, or "
                           "type a new caller's name.",
                           nullptr, int(call.callers.size())));
        focus = m_caller.phoneEdit();
        break;
    case CallPresentation::Kind::NewCaller:
        m_caller.phoneEdit()->setText(call.phoneText);
        m_session.setCallerTyped(call.phoneText, QString(), QString());
        status->setText(tr("New caller: %1 is not on file; their details are saved with the "
                           "request.")
                            .arg(call.numberText));
        break;
    case CallPresentation::Kind::Withheld:
        status->setText(tr("Number withheld: this is an anonymous contact. Ask for a name or "
                           "number only if the request needs one."));
        break;
    case CallPresentation::Kind::NoNumber:
        status->setText(tr("No number came with this call: an anonymous contact unless the "
                           "caller gives their details."));
        break;
    }
    // The phone system's language (the IVR choice) sets the contact's and the knowledge
    // search's language.
    if (!call.language.isEmpty()) {
        if (const int index = m_caller.languageCombo()->findData(call.language); index >= 0)
            m_caller.languageCombo()->setCurrentIndex(index);
    }
    updateRow();
    focus->setFocus(Qt::OtherFocusReason);
}

void CallPop::answered(const QString &callId, const QDateTime &at)
{
    if (callId.isEmpty())
        return;
    if (callId != m_call.callId) {
        // Answered before the offer arrived (or an offer this desk never saw): the contact is
        // this call's anyway; busy with another one, it is left to the phone.
        if (busy())
            return;
        m_call = ContactCall();
        m_call.callId = callId;
        m_presented = CallPresentation();
        m_presented.call = m_call;
        m_presented.numberText = tr("an unknown number");
        m_state = State::Ringing;
    }
    if (m_state != State::Ringing)
        return;
    m_call.answeredAt = at;
    if (!m_session.contactRunning())
        emit contactWanted(); // records the call; the timer runs from here
    else
        m_state = State::Talking;
    updateRow();
}

QString CallPop::missedNote(const QString &number, const QDateTime &at) const
{
    return tr("Missed call from %1 at %2.")
        .arg(number, QLocale().toString(m_session.inCity(at).time(), QLocale::ShortFormat));
}

void CallPop::ended(const QString &callId, const QDateTime &at, std::optional<CallEndCause> cause,
                    const QString &detail)
{
    if (m_waiting && m_waiting->call.callId == callId) {
        m_note = missedNote(m_waiting->numberText, at);
        m_noteIsProblem = false;
        m_waiting.reset();
        updateRow();
        return;
    }
    if (!callId.isEmpty() && callId == m_followed.callId) {
        // The contact was finished while the caller was still on the line: the end goes on it.
        recordFollowedEnd(at, cause);
        m_followed = ContactCall();
        m_followedContact.clear();
        m_followedNumber.clear();
        m_note.clear();
        m_noteIsProblem = false;
        clear();
        return;
    }
    if (callId.isEmpty() || callId != m_call.callId || m_state == State::Ended)
        return;
    m_call.endedAt = at;
    m_call.endCause = cause;
    if (!m_session.contactRunning()) {
        // Never answered here: the pop goes, the agent sees what rang.
        m_note = missedNote(m_presented.numberText, at);
        m_noteIsProblem = false;
        m_session.clearCaller();
        m_caller.clear();
        clear();
        return;
    }
    m_state = State::Ended;
    switch (cause.value_or(CallEndCause::Normal)) {
    case CallEndCause::Normal:
    case CallEndCause::Missed:
        m_note.clear();
        break;
    case CallEndCause::Busy:
        m_note = tr("The line was busy.");
        break;
    case CallEndCause::Rejected:
        m_note = tr("The call was declined.");
        break;
    case CallEndCause::Transferred:
        m_note = tr("The call was transferred.");
        break;
    case CallEndCause::Failed:
        m_note = tr("The call failed: %1").arg(detail);
        break;
    }
    m_noteIsProblem = false;
    updateRow();
    emit wrapUpWanted();
}

void CallPop::recordFollowedEnd(const QDateTime &at, std::optional<CallEndCause> cause)
{
    const Status s = m_service.recordCallEnded(m_followedContact, m_followed.callId, at,
                                               cause.value_or(CallEndCause::Normal));
    if (!s)
        emit problem(tr("The end of the call could not be recorded on its contact: %1")
                         .arg(s.error().message));
}

void CallPop::showProblem(const QString &message)
{
    m_note = message;
    m_noteIsProblem = true;
    updateRow();
}

std::optional<ContactCall> CallPop::takeForContact(const QDateTime &now)
{
    if (m_state != State::Ringing && m_state != State::Talking)
        return std::nullopt;
    if (!m_call.answeredAt.isValid())
        m_call.answeredAt = now;
    m_state = State::Talking;
    updateRow();
    return m_call;
}

void CallPop::contactFinished(const QString &contactId)
{
    if (m_state == State::Talking && !contactId.isEmpty()) {
        // The caller is still on the line: the call is followed until the phone says it ended.
        m_followed = m_call;
        m_followedContact = contactId;
        m_followedNumber = m_presented.numberText;
    }
    clear();
}

QString CallPop::callLanguage() const
{
    return m_state == State::None ? QString() : m_presented.language;
}

void CallPop::clear()
{
    m_call = ContactCall();
    m_presented = CallPresentation();
    m_state = State::None;
    updateRow();
    // A call that rang meanwhile is next.
    if (m_waiting && !busy())
        present(*std::exchange(m_waiting, std::nullopt));
}

void CallPop::answer()
{
    if (m_state == State::Ringing)
        emit answerRequested(m_call.callId);
}

void CallPop::hangUp()
{
    if (m_state == State::Ringing || m_state == State::Talking)
        emit hangUpRequested(m_call.callId);
    else if (!m_followed.isEmpty())
        emit hangUpRequested(m_followed.callId);
}

void CallPop::transfer()
{
    const bool talking = m_state == State::Talking;
    if (!talking && m_followed.isEmpty())
        return;
    const QString callId = talking ? m_call.callId : m_followed.callId;
    const QString who = talking ? m_presented.numberText : m_followedNumber;
    // The field is named by the question's words (a screen reader says whose call it is).
    const QString question =
        tr("Transfer the call with %1 to").arg(who.isEmpty() ? tr("an unknown number") : who);
    const QString target =
        askNumber(m_bar.window(), QStringLiteral("transferDialog"), tr("Transfer the call"),
                  tr("%1 (a number, an extension or a queue):").arg(question), question,
                  m_session.transferTo());
    if (target.isEmpty())
        return;
    if (target.size() > 100 ||
        target.contains(QRegularExpression(QStringLiteral("[\\x00-\\x1f]")))) {
        showProblem(tr("\"%1\" is not a place to transfer to: give a number, an extension or a "
                       "queue of at most 100 characters. Nothing was sent.")
                        .arg(target.left(40)));
        return;
    }
    if (m_session.contactRunning() && m_session.transferTo().trimmed().isEmpty()) {
        // The wrap-up says where the call went.
        m_session.setTransferTo(target);
        m_session.suggestOutcome(Outcome::ColdTransfer);
    }
    m_note = tr("Transferring the call to %1…").arg(target);
    m_noteIsProblem = false;
    updateRow();
    emit transferRequested(callId, target);
}

void CallPop::dial()
{
    if (m_state != State::None || !m_followed.isEmpty())
        return;
    const QString number =
        askNumber(m_bar.window(), QStringLiteral("dialDialog"), tr("Dial a number"),
                  tr("Number to call (the caller's phone is filled in):"), tr("Number to call"),
                  m_caller.phoneEdit()->text().trimmed());
    if (number.isEmpty())
        return;
    static const QRegularExpression dialable(
        QStringLiteral("^\\+?\\(?[0-9][0-9 ().\\-]{1,29}(\\s*(x|ext\\.?)\\s*[0-9]{1,6})?$"),
        QRegularExpression::CaseInsensitiveOption);
    if (!dialable.match(number).hasMatch()) {
        showProblem(tr("\"%1\" is not a phone number to dial (digits, with +, spaces, dots, "
                       "dashes or brackets). Nothing was dialled.")
                        .arg(number.left(40)));
        return;
    }
    m_note = tr("Dialling %1…").arg(number);
    m_noteIsProblem = false;
    updateRow();
    emit dialRequested(number);
}

void CallPop::updateRow()
{
    const QString who =
        m_presented.numberText.isEmpty() ? tr("an unknown number") : m_presented.numberText;
    const QString queue = m_presented.call.queue.isEmpty()
                              ? QString()
                              : tr(" (queue %1)").arg(m_presented.call.queue);
    QString text;
    switch (m_state) {
    case State::None:
        if (!m_followed.isEmpty())
            text =
                tr("The contact ended; the call with %1 is still on the line.")
                    .arg(m_followedNumber.isEmpty() ? tr("an unknown number") : m_followedNumber);
        else if (m_note.isEmpty())
            text = tr("No call.");
        break;
    case State::Ringing:
        text = tr("Ringing: a call from %1%2.").arg(who, queue);
        break;
    case State::Talking:
        text = tr("On the call with %1%2.").arg(who, queue);
        break;
    case State::Ended:
        text = tr("The call with %1 ended.").arg(who);
        break;
    }
    if (m_waiting)
        text += u' ' + tr("Another call is ringing from %1: it comes up when this contact ends.")
                           .arg(m_waiting->numberText);
    if (!m_note.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(" ")) + m_note;
    QLabel *label = m_bar.callLabel();
    label->setText(text.trimmed());
    label->setStyleSheet(m_noteIsProblem
                             ? QStringLiteral("QLabel { color: #b00020; font-weight: bold; }")
                             : QStringLiteral("QLabel { font-weight: bold; }"));

    // Each command is possible or says why not.
    const bool followed = !m_followed.isEmpty();
    const bool talking = m_state == State::Talking || followed;
    const QString notReady = m_notReadyReason.isEmpty()
                                 ? tr("The phone is not connected.")
                                 : tr("The phone is not connected: %1").arg(m_notReadyReason);
    // The buttons' words are short (the row fits the intake at 1366x768 in Spanish too); the
    // shortcut is in the tooltip while the command is possible, else the reason it is not.
    const auto set = [this, &notReady](QPushButton *button, bool possible, const QString &why,
                                       QKeyCombination key) {
        const QString reason = !m_ready ? notReady : possible ? QString() : why;
        button->setEnabled(m_ready && possible);
        button->setToolTip(reason.isEmpty() ? QKeySequence(key).toString(QKeySequence::NativeText)
                                            : reason);
        button->setAccessibleDescription(reason);
    };
    set(m_bar.answerButton(), m_state == State::Ringing, tr("No call is ringing."),
        Qt::CTRL | Qt::SHIFT | Qt::Key_P);
    set(m_bar.hangUpButton(), m_state == State::Ringing || talking, tr("No call to hang up."),
        Qt::CTRL | Qt::SHIFT | Qt::Key_H);
    set(m_bar.transferButton(), talking, tr("Only an answered call can be transferred."),
        Qt::CTRL | Qt::SHIFT | Qt::Key_T);
    set(m_bar.dialButton(), m_state == State::None && !followed,
        tr("Finish the call on the line before dialling."), Qt::CTRL | Qt::SHIFT | Qt::Key_D);
}

} // namespace civicdesk
