// The request detail dialog's actions: the status choices and the follow-up forms the role allows
// (note, status, duplicate link, callbacks), each one event through RequestActions.

#include "models/domain/requestnumber.h"
#include "models/itemmodels/requesttexts.h"
#include "models/requests/historyservices.h"
#include "ui/history/requestdetaildialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>

namespace civicdesk {

void RequestDetailDialog::updateStatusChoices()
{
    const QSignalBlocker blocker(m_status);
    m_status->clear();
    if (!m_request)
        return;
    const RequestStatus from = m_request->status;
    for (RequestStatus to :
         {RequestStatus::Open, RequestStatus::InProgress, RequestStatus::Closed}) {
        if (!m_services.actions.mayChangeStatus(from, to))
            continue;
        const QString text = from == RequestStatus::Closed && to == RequestStatus::Open
                                 ? tr("Reopen")
                                 : requesttexts::status(to);
        m_status->addItem(text, requestStatusName(to));
    }
    const bool any = m_status->count() > 0;
    m_status->setEnabled(any);
    m_changeStatus->setEnabled(any);
    m_reason->setEnabled(m_status->currentData().toString() == u"closed");
    m_closeDuplicates->setVisible(m_status->currentData().toString() == u"closed" &&
                                  m_openDuplicates > 0);
    m_status->setToolTip(any ? QString()
                             : tr("Your role cannot change the status of this request."));
}

void RequestDetailDialog::updateFollowUps()
{
    const auto parent = m_services.duplicates.parentOf(m_requestId);
    m_parentNumber->setReadOnly(parent.has_value());
    m_parentNumber->setText(parent ? RequestNumber::published(parent->number) : QString());
    m_link->setEnabled(!parent && m_services.actions.mayLinkDuplicates());
    m_unlink->setEnabled(parent && m_services.actions.mayUnlinkDuplicates());
    m_unlink->setToolTip(m_services.actions.mayUnlinkDuplicates()
                             ? QString()
                             : tr("Only a supervisor unlinks a duplicate."));
    m_closeDuplicates->setText(tr("Also close %n open duplicate(s)", nullptr, m_openDuplicates));
    m_closeDuplicates->setChecked(true);
    m_closeDuplicates->setVisible(m_status->currentData().toString() == u"closed" &&
                                  m_openDuplicates > 0);

    // Callbacks: the due time is typed in the city's time; two hours ahead by default, within
    // office hours.
    const QTimeZone zone =
        m_services.cityZone.isValid() ? m_services.cityZone : QTimeZone::systemTimeZone();
    const QDateTime now = m_services.now().toTimeZone(zone);
    const QDateTime suggested = RequestActions::suggestedCallbackTime(now);
    m_callbackDue->setMinimumDateTime(QDateTime(now.date(), QTime(0, 0)));
    m_callbackDue->setDateTime(QDateTime(suggested.date(), suggested.time()));
    const QLocale locale;
    const QSignalBlocker blocker(m_pendingCallbacks);
    m_pendingCallbacks->clear();
    const QList<CallbackEntry> callbacks = m_services.callbacks.forRequest(m_requestId);
    for (const CallbackEntry &c : callbacks) {
        if (c.isDone())
            continue;
        m_pendingCallbacks->addItem(
            tr("Callback to %1 by %2")
                .arg(c.callerName.isEmpty() ? c.phone : tr("%1, %2").arg(c.callerName, c.phone),
                     locale.toString(c.dueAt.toTimeZone(zone), QLocale::ShortFormat)),
            c.id);
    }
    const bool pending = m_pendingCallbacks->count() > 0;
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_pendingCallbacks, m_callbackOutcome, m_callbackDone})
        w->setVisible(pending);
}

void RequestDetailDialog::addNote()
{
    const Status s =
        m_services.actions.addNote(m_requestId, m_note->text(), m_notePublic->isChecked());
    if (!s) {
        showMessage(s.error().message, true);
        return;
    }
    m_note->clear();
    m_notePublic->setChecked(false);
    changed(tr("Note added."));
}

void RequestDetailDialog::changed(const QString &message)
{
    showMessage(message, false);
    reload();
    emit requestChanged(m_requestId);
}

void RequestDetailDialog::changeStatus()
{
    const auto to = requestStatusFromName(m_status->currentData().toString());
    if (!to)
        return;
    const bool withDuplicates =
        *to == RequestStatus::Closed && m_openDuplicates > 0 && m_closeDuplicates->isChecked();
    const Status s =
        m_services.actions.changeStatus(m_requestId, *to, m_reason->currentData().toString());
    if (!s) {
        showMessage(s.error().message, true);
        return;
    }
    QString message = tr("Status changed to %1.").arg(requesttexts::status(*to));
    if (withDuplicates) {
        const Result<int> closed = m_services.actions.closeOpenDuplicates(m_requestId);
        message = closed ? tr("Closed, with %n duplicate(s).", nullptr, closed.value())
                         : tr("Closed; its duplicates were not: %1").arg(closed.error().message);
    }
    changed(message);
}

void RequestDetailDialog::linkDuplicate()
{
    if (!m_link->isEnabled())
        return;
    const QString number = m_parentNumber->text();
    const Status s = m_services.actions.linkDuplicate(m_requestId, number);
    if (!s) {
        showMessage(s.error().message, true);
        return;
    }
    changed(tr("Linked as a duplicate."));
}

void RequestDetailDialog::unlinkDuplicate()
{
    const Status s = m_services.actions.unlinkDuplicate(m_requestId);
    if (!s) {
        showMessage(s.error().message, true);
        return;
    }
    changed(tr("Unlinked: no longer a duplicate."));
}

void RequestDetailDialog::scheduleCallback()
{
    const QTimeZone zone =
        m_services.cityZone.isValid() ? m_services.cityZone : QTimeZone::systemTimeZone();
    const QDateTime typed = m_callbackDue->dateTime();
    const QDateTime due(typed.date(), typed.time(), zone);
    const Result<QString> s =
        m_services.actions.scheduleCallback(m_requestId, due, m_callbackNote->text());
    if (!s) {
        showMessage(s.error().message, true);
        return;
    }
    m_callbackNote->clear();
    changed(tr("Callback scheduled for %1.").arg(QLocale().toString(due, QLocale::ShortFormat)));
}

void RequestDetailDialog::completeCallback()
{
    const Status s = m_services.actions.completeCallback(
        m_pendingCallbacks->currentData().toString(), m_callbackOutcome->currentData().toString());
    if (!s) {
        showMessage(s.error().message, true);
        return;
    }
    changed(tr("Callback marked done: %1.")
                .arg(requesttexts::callbackOutcome(m_callbackOutcome->currentData().toString())));
}

void RequestDetailDialog::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setProperty("error", error);
}

} // namespace civicdesk
