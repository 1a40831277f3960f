#include "ui/cti/callcontroller.h"

#include "models/cti/screenpop.h"
#include "models/cti/telephonyadapter.h"
#include "ui/intake/intakepanel.h"

#include <QLabel>
#include <QMainWindow>
#include <QStatusBar>

namespace civicdesk {

CallController::CallController(TelephonyAdapter &adapter, IntakePanel &intake,
                               const IntakeRepository &callers, const NumberingPlan &plan,
                               QMainWindow &window)
    : QObject(&window), m_adapter(adapter), m_intake(intake), m_callers(callers), m_plan(plan),
      m_status(new QLabel(&window)), m_intakeShown(&intake)
{
    m_status->setObjectName(QStringLiteral("phoneStatusLabel"));
    window.statusBar()->addWidget(m_status);
    m_intake.setTelephonyShown(true);
    connect(&m_adapter, &TelephonyAdapter::offered, this, &CallController::pop);
    connect(&m_adapter, &TelephonyAdapter::answered, &m_intake, &IntakePanel::callAnswered);
    connect(&m_adapter, &TelephonyAdapter::ended, this, [this](const CallEnd &end) {
        m_intake.callEnded(end.callId, end.at, end.cause, end.detail);
    });
    connect(&m_adapter, &TelephonyAdapter::stateChanged, this, &CallController::showState);
    connect(&m_adapter, &TelephonyAdapter::commandFailed, &m_intake, &IntakePanel::showCallProblem);
    connect(&m_intake, &IntakePanel::answerCallRequested, &m_adapter, &TelephonyAdapter::answer);
    connect(&m_intake, &IntakePanel::hangUpCallRequested, &m_adapter, &TelephonyAdapter::hangUp);
    connect(&m_intake, &IntakePanel::transferCallRequested, &m_adapter,
            &TelephonyAdapter::transfer);
    connect(&m_intake, &IntakePanel::dialRequested, &m_adapter, &TelephonyAdapter::dial);
    showState();
}

QLabel *CallController::statusLabel() const
{
    return m_status.data();
}

CallController::~CallController()
{
    delete m_status.data();
    if (m_intakeShown) {
        m_intakeShown->setPhoneReady(true);
        m_intakeShown->setTelephonyShown(false);
    }
}

void CallController::pop(const CallOffer &offer)
{
    const ScreenPop pop = screenPopFor(offer, m_callers);
    CallPresentation shown;
    shown.call = pop.contactCall();
    shown.callers = pop.callers;
    shown.language = offer.language;
    PhoneNumber withoutExtension = offer.caller;
    withoutExtension.extension.clear();
    shown.phoneText = offer.caller.isNumber() ? withoutExtension.display(m_plan) : QString();
    shown.numberText = offer.caller.display(m_plan);
    switch (pop.kind) {
    case ScreenPop::Kind::OneCaller:
        shown.kind = CallPresentation::Kind::OneCaller;
        break;
    case ScreenPop::Kind::SeveralCallers:
        shown.kind = CallPresentation::Kind::SeveralCallers;
        break;
    case ScreenPop::Kind::NewCaller:
        shown.kind = CallPresentation::Kind::NewCaller;
        // A short code or an unreadable number is shown, never put into the phone field.
        if (!offer.caller.isNumber())
            shown.phoneText.clear();
        break;
    case ScreenPop::Kind::Anonymous:
        shown.kind = offer.caller.kind == PhoneNumber::Kind::Withheld
                         ? CallPresentation::Kind::Withheld
                         : CallPresentation::Kind::NoNumber;
        shown.numberText = offer.caller.kind == PhoneNumber::Kind::Withheld
                               ? tr("a withheld number")
                               : tr("an unknown number");
        break;
    }
    m_intake.presentCall(shown);
    emit popped(offer.callId);
}

void CallController::showState()
{
    const QString where = m_adapter.description();
    QString text;
    switch (m_adapter.state()) {
    case LinkState::Off:
        text = tr("Phone: off");
        break;
    case LinkState::Connecting:
        text = tr("Phone: connecting to %1…").arg(where);
        break;
    case LinkState::Connected:
        text = tr("Phone: connected");
        break;
    case LinkState::Retrying:
        text = tr("Phone: not connected (%1), trying again in %2 s; type the caller's number by "
                  "hand")
                   .arg(m_adapter.stateDetail())
                   .arg((m_adapter.retryDelayMs() + 999) / 1000);
        break;
    }
    m_status->setText(text);
    m_status->setToolTip(where);
    // The desk's call commands follow the link (the reason is on the disabled buttons).
    const LinkState state = m_adapter.state();
    m_intake.setPhoneReady(state == LinkState::Connected,
                           state == LinkState::Retrying ? m_adapter.stateDetail() : QString());
    m_status->setAccessibleName(text);
}

} // namespace civicdesk
