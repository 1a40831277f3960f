#include "ui/intake/intakepanel.h"

#include "models/city/cataloguerepository.h"
#include "models/intake/intakerepository.h"
#include "models/intake/intakeservice.h"
#include "models/requests/requestrepository.h"
#include "ui/intake/callerbox.h"
#include "ui/intake/callercontroller.h"
#include "ui/intake/contactbar.h"
#include "ui/intake/contactclock.h"
#include "ui/intake/contactflow.h"
#include "ui/intake/draftkeeper.h"
#include "ui/intake/focusfollower.h"
#include "ui/intake/intakemessages.h"
#include "ui/intake/knownissuebanner.h"
#include "ui/intake/locationbox.h"
#include "ui/intake/nearbywatcher.h"
#include "ui/intake/requestbox.h"
#include "ui/intake/requestflow.h"
#include "ui/intake/requestform.h"
#include "ui/intake/requestsubmitter.h"
#include "ui/intake/typepicker.h"
#include "ui/intake/wrapupbox.h"
#include "ui/intake/wrapupcontroller.h"

#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QVBoxLayout>

namespace civicdesk {

namespace {

// Messages are selectable with the mouse but are no Tab stops: Tab goes from field to field.
QLabel *bigLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

IntakePanel::IntakePanel(IntakeContext context, QWidget *parent)
    : QWidget(parent), m_ctx(context),
      m_session(new IntakeSession(context.catalogue, context.requests, context.intake,
                                  context.service, this)),
      m_types(new TypePicker(context.catalogue, this))
{
    connect(m_session, &IntakeSession::callerChanged, this, &IntakePanel::callerChanged);
    connect(m_session, &IntakeSession::duplicatesChanged, this, &IntakePanel::duplicatesChanged);
    connect(m_session, &IntakeSession::stepNotRecorded, this, [this](const QString &message) {
        showMessage(tr("This step of the contact could not be recorded: %1").arg(message), true);
    });
    buildUi();
    connectFields();
    retranslate();
    restoreDraft();
}

void IntakePanel::buildUi()
{
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    m_contactBar = new ContactBar(this);
    m_callerBox = new CallerBox(this);
    m_request = new RequestBox(m_ctx.addresses, m_ctx.districts, this);
    m_request->hide();
    // Banners about the request (inserted by others) sit between the type and the form.
    m_banners = new QVBoxLayout;
    m_banners->setContentsMargins(0, 0, 0, 0);
    m_message = bigLabel(this, QStringLiteral("intakeMessageLabel"));
    m_result = bigLabel(this, QStringLiteral("resultLabel"));
    m_result->setStyleSheet(QStringLiteral("QLabel { font-size: 20px; background: #e8f5e9; "
                                           "padding: 10px; }"));
    m_result->hide();
    m_wrapUp = new WrapUpBox(this);
    m_wrapUp->hide();
    layout->addWidget(m_contactBar);
    layout->addWidget(m_callerBox);
    layout->addWidget(m_types);
    layout->addLayout(m_banners);
    layout->addWidget(m_request);
    layout->addWidget(m_message);
    layout->addWidget(m_result);
    layout->addWidget(m_wrapUp);
    layout->addStretch(1);

    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("intakeScrollArea"));
    m_scroll->setWidget(content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    // The scroll area is never a Tab stop of its own: Tab goes from field to field.
    m_scroll->setFocusPolicy(Qt::NoFocus);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_scroll);
    m_follower = new FocusFollower(*m_scroll, m_request->form());
    for (QComboBox *combo : {m_contactBar->channelCombo(), m_callerBox->languageCombo(),
                             m_callerBox->preferenceCombo(), m_wrapUp->outcomeCombo()})
        m_follower->guardWheel(combo);
    m_messages = new IntakeMessages(
        *m_message,
        {{m_callerBox, m_callerBox->statusLabel()}, {m_wrapUp, m_wrapUp->messageLabel()}},
        *m_follower, this);
    m_submitter = new RequestSubmitter(
        *m_session, {*m_request, *m_callerBox, *m_result, *m_message, *this}, *m_messages, this);
    connect(m_submitter, &RequestSubmitter::typeMissing, this, &IntakePanel::focusSearch);
    connect(m_submitter, &RequestSubmitter::requestCreated, this, &IntakePanel::requestCreated);

    m_callPop = new CallPop(*m_session, m_ctx.service, *m_contactBar, *m_callerBox, this);
    connect(m_callPop, &CallPop::screenCleared, this, [this] {
        m_clock->forgetEnded();
        m_contact->clearScreen();
    });
    connect(m_callPop, &CallPop::contactWanted, this, &IntakePanel::startContact);
    connect(m_callPop, &CallPop::wrapUpWanted, this, [this] {
        // The wrap-up comes up (the focus stays where the agent is typing).
        if (!m_wrapUp->isVisible()) {
            m_wrapUp->show();
            m_follower->ensureVisible(m_wrapUp);
        }
        showMessage(tr("The call ended: choose the outcome and finish the contact."), false,
                    m_wrapUp->outcomeCombo());
    });
    connect(m_callPop, &CallPop::problem, this,
            [this](const QString &message) { showMessage(message, true); });
    connect(m_callPop, &CallPop::answerRequested, this, &IntakePanel::answerCallRequested);
    connect(m_callPop, &CallPop::hangUpRequested, this, &IntakePanel::hangUpCallRequested);
    connect(m_callPop, &CallPop::transferRequested, this, &IntakePanel::transferCallRequested);
    connect(m_callPop, &CallPop::dialRequested, this, &IntakePanel::dialRequested);

    // A known issue posted by a supervisor for this type at this place (issue 16).
    m_knownIssue = new KnownIssueBanner(m_ctx.service.cityZone(), this);
    insertAboveRequest(m_knownIssue);
    m_nearby = new NearbyWatcher(
        *m_session, m_ctx.service, m_ctx.intake, *m_request, *m_knownIssue, *m_follower,
        [this] { return currentTypeCode(); }, this);
    connect(m_nearby, &NearbyWatcher::locationChosen, this, &IntakePanel::locationChosen);
    connect(m_nearby, &NearbyWatcher::locationEntered, this, &IntakePanel::locationEntered);
    connect(m_nearby, &NearbyWatcher::locationCleared, this, &IntakePanel::locationCleared);
    m_drafts = new DraftKeeper(*m_session, *m_request, this);
    connect(m_drafts, &DraftKeeper::problem, this,
            [this](const QString &message) { showMessage(message, true); });
    m_flow =
        new RequestFlow(m_ctx.catalogue, *m_session,
                        {*m_types, *m_request, *m_callerBox, *m_knownIssue, *m_result, *m_message},
                        *m_follower, *m_nearby, *m_drafts, this);
    connect(m_flow, &RequestFlow::formChanged, this, &IntakePanel::updateTabOrder);
    connect(m_submitter, &RequestSubmitter::requestDone, m_flow, &RequestFlow::reset);
    connect(m_knownIssue, &KnownIssueBanner::attachRequested, m_submitter,
            &RequestSubmitter::attachTo);

    auto *submitShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    submitShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(submitShortcut, &QShortcut::activated, this, &IntakePanel::submit);
    auto *attachShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_D), this);
    attachShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(attachShortcut, &QShortcut::activated, m_submitter,
            &RequestSubmitter::attachToDuplicate);
    updateTabOrder();
}

void IntakePanel::connectFields()
{
    m_clock = new ContactClock(*m_session, *m_contactBar, this);
    m_wrapUpController = new WrapUpController(*m_session, *m_wrapUp, this);
    m_contact = new ContactFlow(
        *m_session, m_ctx.service,
        {*m_contactBar, *m_callerBox, *m_types, *m_request, *m_wrapUp, *m_result, *this},
        {*m_clock, *m_callPop, *m_flow, *m_submitter, *m_nearby, *m_drafts, *m_messages}, this);
    connect(m_contact, &ContactFlow::contactReset, this, &IntakePanel::contactReset);
    connect(m_contact, &ContactFlow::locationCleared, this, &IntakePanel::locationCleared);
    connect(m_contact, &ContactFlow::formRestored, this, &IntakePanel::updateTabOrder);
    auto *caller = new CallerController(
        *m_session, *m_callerBox, [this] { return m_callPop->callLanguage(); }, this);
    connect(caller, &CallerController::languageChanged, this, &IntakePanel::callerLanguageChanged);
    connect(caller, &CallerController::edited, m_drafts, &DraftKeeper::schedule);
    connect(caller, &CallerController::callerChosen, this, [this] {
        m_types->searchEdit()->setFocus(Qt::OtherFocusReason);
        m_drafts->schedule();
    });
    connect(m_contactBar->startButton(), &QPushButton::clicked, this, &IntakePanel::startContact);
    connect(m_contactBar, &ContactBar::typedToStart, this, [this](const QString &text) {
        startContact();
        if (auto *field = qobject_cast<QLineEdit *>(QApplication::focusWidget());
            field && m_session->contactRunning())
            field->insert(text);
    });
    connect(m_contactBar->endButton(), &QPushButton::clicked, this, &IntakePanel::beginWrapUp);
    connect(m_wrapUp->finishButton(), &QPushButton::clicked, m_contact,
            &ContactFlow::finishContact);
    connect(m_request->submitButton(), &QPushButton::clicked, this, &IntakePanel::submit);
    connect(m_request->attachButton(), &QPushButton::clicked, m_submitter,
            &RequestSubmitter::attachToDuplicate);
}

void IntakePanel::retranslate()
{
    m_callPop->retranslate();
    m_wrapUpController->showOutcome();
    m_clock->update();
}

void IntakePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void IntakePanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_shownOnce)
        return;
    m_shownOnce = true;
    // Nothing had the focus when the window first came up: keys typed went nowhere. The focus
    // is drawn from the start (styles draw a button's focus only after a key moved it).
    if (QWidget *field = m_contact->whereWorkContinues())
        field->setFocus(Qt::OtherFocusReason);
    window()->setAttribute(Qt::WA_KeyboardFocusChange);
}

void IntakePanel::focusSearch()
{
    m_types->focusSearch();
}

int IntakePanel::visibleTypeCount() const
{
    return m_types->visibleTypeCount();
}

QString IntakePanel::currentTypeCode() const
{
    return m_session->type() ? m_session->type()->code : m_types->currentCode();
}

void IntakePanel::insertAboveRequest(QWidget *banner)
{
    m_banners->addWidget(banner);
}

void IntakePanel::updateTabOrder()
{
    QList<QWidget *> chain = m_contactBar->focusChain();
    chain.append(m_callerBox->focusChain());
    chain << m_types->searchEdit() << m_types->listView();
    if (m_knownIssue)
        chain << m_knownIssue->attachButton();
    chain.append(m_request->focusChain());
    chain.append(m_wrapUp->focusChain());
    for (qsizetype i = 1; i < chain.size(); ++i)
        QWidget::setTabOrder(chain.at(i - 1), chain.at(i));
}

void IntakePanel::chooseCurrentType()
{
    m_flow->chooseCurrentType();
}

void IntakePanel::startRequestOfType(const QString &serviceCode)
{
    const auto type = m_ctx.catalogue.serviceType(serviceCode);
    if (!type) {
        showMessage(tr("The request type %1 is not in the catalogue.").arg(serviceCode), true);
        return;
    }
    m_flow->setType(*type);
    m_drafts->schedule();
}

void IntakePanel::recordArticleOpened(const QString &articleId)
{
    if (const Status s = m_session->recordArticleOpened(articleId); !s)
        showMessage(s.error().message, true);
}

void IntakePanel::recordUnansweredSearch(const QString &query, const QString &language)
{
    if (const Status s = m_session->recordUnansweredSearch(query, language); !s)
        showMessage(s.error().message, true);
}

void IntakePanel::recordReadBack(const QString &number, const QString &requestId)
{
    m_session->recordReadBack(number, requestId);
}

void IntakePanel::setPickedLocation(const IntakeLocation &where)
{
    m_flow->setPickedLocation(where);
}

void IntakePanel::submit()
{
    m_submitter->submit();
}

bool IntakePanel::hasUnfinishedWork() const
{
    return m_session->contactRunning() || m_session->type() ||
           !m_request->descriptionEdit()->toPlainText().trimmed().isEmpty() ||
           m_request->locationBox()->location().has_value();
}

void IntakePanel::keepAsDraft()
{
    m_drafts->saveNow();
}

void IntakePanel::discardUnfinishedWork()
{
    m_drafts->discard();
}

bool IntakePanel::startWalkIn(const QString &language)
{
    return m_contact->startWalkIn(language);
}

void IntakePanel::startContact()
{
    m_contact->startContact();
}

void IntakePanel::beginWrapUp()
{
    m_contact->beginWrapUp();
}

bool IntakePanel::parkForAnotherAgent()
{
    return m_contact->parkForAnotherAgent();
}

void IntakePanel::setTelephonyShown(bool shown)
{
    m_callPop->setShown(shown);
}

bool IntakePanel::telephonyShown() const
{
    return m_callPop->shown();
}

void IntakePanel::setPhoneReady(bool ready, const QString &reason)
{
    m_callPop->setPhoneReady(ready, reason);
}

void IntakePanel::presentCall(const CallPresentation &call)
{
    m_callPop->present(call);
}

void IntakePanel::callAnswered(const QString &callId, const QDateTime &at)
{
    m_callPop->answered(callId, at);
}

void IntakePanel::callEnded(const QString &callId, const QDateTime &at,
                            std::optional<CallEndCause> cause, const QString &detail)
{
    m_callPop->ended(callId, at, cause, detail);
}

void IntakePanel::showCallProblem(const QString &message)
{
    m_callPop->showProblem(message);
}

const ContactCall &IntakePanel::currentCall() const
{
    return m_callPop->call();
}

void IntakePanel::showMessage(const QString &text, bool error, QWidget *about)
{
    m_messages->show(text, error, about);
}

void IntakePanel::restoreDraft()
{
    m_contact->restoreDraft();
}

} // namespace civicdesk
