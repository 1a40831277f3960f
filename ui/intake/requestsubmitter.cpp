#include "ui/intake/requestsubmitter.h"

#include "models/intake/intakesession.h"
#include "ui/intake/callerbox.h"
#include "ui/intake/intakedialogs.h"
#include "ui/intake/intakemessages.h"
#include "ui/intake/locationbox.h"
#include "ui/intake/requestbox.h"
#include "ui/intake/requestform.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>

namespace civicdesk {

void copyFormToSession(const RequestBox &request, IntakeSession &session)
{
    if (session.type())
        session.setAnswers(request.form()->answers());
    session.setDescription(request.descriptionEdit()->toPlainText());
    const LocationBox *location = request.locationBox();
    session.setLocation(location->location(), location->isOutsideCity());
}

RequestSubmitter::RequestSubmitter(IntakeSession &session, Widgets widgets,
                                   IntakeMessages &messages, QObject *parent)
    : QObject(parent), m_session(session), m_w(widgets), m_messages(messages)
{
}

QWidget *RequestSubmitter::fieldFor(const QString &errorCode) const
{
    if (errorCode == u"intake.email")
        return m_w.caller.emailEdit();
    if (errorCode == u"intake.name")
        return m_w.caller.nameEdit();
    if (errorCode == u"intake.phone" || errorCode == u"intake.caller")
        return m_w.caller.phoneEdit();
    if (errorCode == u"intake.location")
        return m_w.request.locationBox()->addressEdit();
    if (errorCode == u"intake.description")
        return m_w.request.descriptionEdit();
    return nullptr;
}

void RequestSubmitter::showProblem(const QString &code, const QString &message)
{
    QWidget *field = fieldFor(code);
    if (field)
        field->setFocus(Qt::OtherFocusReason);
    m_messages.show(message, true, field);
}

void RequestSubmitter::attachToDuplicate()
{
    QListWidget *list = m_w.request.duplicateList();
    if (!list->currentItem() || !list->isVisible())
        return;
    copyFormToSession(m_w.request, m_session);
    showAttached(m_session.attachToDuplicate(list->currentRow()));
}

void RequestSubmitter::attachTo(const QString &requestId, const QString &number)
{
    copyFormToSession(m_w.request, m_session);
    showAttached(m_session.attachToRequest(requestId, number));
}

void RequestSubmitter::showAttached(const Status &status)
{
    if (!status) {
        showProblem(status.error().code, status.error().message);
        return;
    }
    m_w.result.setText(tr("Caller added to existing request <b>%1</b>. Read it back to the "
                          "caller.")
                           .arg(m_session.lastNumber()));
    m_w.result.show();
    emit requestDone();
}

void RequestSubmitter::submit()
{
    copyFormToSession(m_w.request, m_session);
    const QString blocker = m_session.submitBlocker().value_or(QString());
    if (blocker == u"intake.no_type") {
        m_messages.show(tr("Choose a request type first (Ctrl+1)."), true);
        emit typeMissing();
        return;
    }
    if (blocker == u"intake.emergency") {
        m_messages.show(m_session.type()->emergencyScript, true);
        return;
    }
    if (!m_w.request.form()->validate()) {
        // Each problem is under its field, and the focus is on the first one.
        m_messages.clear();
        return;
    }
    if (blocker == u"intake.outside_city") {
        m_w.request.locationBox()->addressEdit()->setFocus(Qt::OtherFocusReason);
        m_messages.show(tr("This place is outside the city: refer the caller instead of taking "
                           "a request."),
                        true, m_w.request.locationBox());
        return;
    }
    m_session.recordFormSteps();
    QListWidget *candidates = m_w.request.duplicateList();
    if (candidates->count() > 0 && !candidates->currentItem())
        candidates->setCurrentRow(0);
    QString overrideReason;
    const auto decision =
        IntakeDialogs::askAboutDuplicates(&m_w.dialogParent, m_w.request.duplicateLines(),
                                          m_w.request.currentDuplicateNumber(), &overrideReason);
    m_session.recordDuplicateDecision(decision, candidates->currentRow(), overrideReason);
    switch (decision) {
    case IntakeSession::DuplicateDecision::Attach:
        attachToDuplicate();
        return;
    case IntakeSession::DuplicateDecision::GoBack:
        candidates->setFocus(Qt::OtherFocusReason);
        return;
    case IntakeSession::DuplicateDecision::None:
    case IntakeSession::DuplicateDecision::CreateAnyway:
        break;
    }
    auto created = m_session.submit(overrideReason);
    if (!created) {
        showProblem(created.error().code, created.error().message);
        return;
    }
    const QString number = created.value().number.display();
    const QString due = created.value().dueAt.isValid()
                            ? QLocale().toString(m_session.inCity(created.value().dueAt).date(),
                                                 QLocale::LongFormat)
                            : tr("no target date for this type");
    m_w.result.setText(tr("Request number <b>%1</b><br>Expected by: <b>%2</b>").arg(number, due));
    m_w.result.setProperty("number", number);
    m_w.result.show();
    QGuiApplication::clipboard()->setText(number);
    m_w.message.setText(tr("Saved. The number is on the clipboard; read it back to the caller."));
    m_w.message.setStyleSheet(QString());
    emit requestCreated(created.value().id);
    emit requestDone();
}

} // namespace civicdesk
