#include "ui/intake/intakepanel.h"

#include "models/city/cataloguerepository.h"
#include "models/intake/intakerepository.h"
#include "models/intake/intakeservice.h"
#include "models/requests/requestrepository.h"
#include "ui/intake/callerbox.h"
#include "ui/intake/contactbar.h"
#include "ui/intake/focusfollower.h"
#include "ui/intake/intakedialogs.h"
#include "ui/intake/knownissuebanner.h"
#include "ui/intake/locationbox.h"
#include "ui/intake/requestbox.h"
#include "ui/intake/requestform.h"
#include "ui/intake/typepicker.h"
#include "ui/intake/wrapupbox.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QTimer>
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
    connect(m_session, &IntakeSession::outcomeChanged, this, &IntakePanel::syncOutcome);
    connect(m_session, &IntakeSession::transferChanged, this, [this] {
        if (m_wrapUp->transferEdit()->text() != m_session->transferTo())
            m_wrapUp->transferEdit()->setText(m_session->transferTo());
    });
    connect(m_session, &IntakeSession::stepNotRecorded, this, [this](const QString &message) {
        showMessage(tr("This step of the contact could not be recorded: %1").arg(message), true);
    });
    buildUi();
    connectFields();
    retranslate();
    m_clockTimer = new QTimer(this);
    m_clockTimer->setInterval(1000);
    connect(m_clockTimer, &QTimer::timeout, this, &IntakePanel::updateTimer);
    m_draftTimer = new QTimer(this);
    m_draftTimer->setSingleShot(true);
    m_draftTimer->setInterval(300);
    connect(m_draftTimer, &QTimer::timeout, this, &IntakePanel::saveDraft);
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

    m_callPop = new CallPop(*m_session, m_ctx.service, *m_contactBar, *m_callerBox, this);
    connect(m_callPop, &CallPop::screenCleared, this, [this] {
        m_contactEndedShown = false;
        clearScreen();
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
    m_knownIssue = new KnownIssueBanner(this);
    insertAboveRequest(m_knownIssue);
    connect(m_knownIssue, &KnownIssueBanner::attachRequested, this,
            [this](const QString &id, const QString &number) {
                syncForm();
                showAttached(m_session->attachToRequest(id, number));
            });

    auto *submitShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    submitShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(submitShortcut, &QShortcut::activated, this, &IntakePanel::submit);
    auto *attachShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_D), this);
    attachShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(attachShortcut, &QShortcut::activated, this, &IntakePanel::attachToDuplicate);
    updateTabOrder();
}

void IntakePanel::connectFields()
{
    QComboBox *channel = m_contactBar->channelCombo();
    connect(channel, &QComboBox::currentIndexChanged, this, [this, channel] {
        if (const auto value = channelFromName(channel->currentData().toString()))
            m_session->setChannel(*value);
    });
    QComboBox *language = m_callerBox->languageCombo();
    connect(language, &QComboBox::currentIndexChanged, this, [this, language] {
        const QString code = language->currentData().toString();
        if (code.isEmpty())
            return;
        m_session->setCallerLanguage(code);
        emit callerLanguageChanged(code);
    });
    QComboBox *preference = m_callerBox->preferenceCombo();
    connect(preference, &QComboBox::currentIndexChanged, this, [this, preference] {
        if (preference->currentIndex() >= 0)
            m_session->setCallerPreference(ContactPreference(preference->currentData().toInt()));
    });
    connect(m_callerBox, &CallerBox::matchChosen, this, &IntakePanel::pickCaller);
    for (QLineEdit *edit :
         {m_callerBox->phoneEdit(), m_callerBox->nameEdit(), m_callerBox->emailEdit()}) {
        connect(edit, &QLineEdit::textEdited, this, [this] {
            m_session->setCallerTyped(m_callerBox->phoneEdit()->text(),
                                      m_callerBox->nameEdit()->text(),
                                      m_callerBox->emailEdit()->text());
            findCallers();
            scheduleDraftSave();
        });
    }
    connect(m_types, &TypePicker::typeActivated, this, &IntakePanel::chooseCurrentType);
    connect(m_contactBar->startButton(), &QPushButton::clicked, this, &IntakePanel::startContact);
    connect(m_contactBar->endButton(), &QPushButton::clicked, this, &IntakePanel::beginWrapUp);
    connect(m_wrapUp->finishButton(), &QPushButton::clicked, this, &IntakePanel::finishContact);
    connect(m_request->submitButton(), &QPushButton::clicked, this, &IntakePanel::submit);
    connect(m_request->attachButton(), &QPushButton::clicked, this,
            &IntakePanel::attachToDuplicate);
    connect(m_request->form(), &RequestForm::answersChanged, this, [this] {
        m_session->setAnswers(m_request->form()->answers());
        scheduleDraftSave();
    });
    connect(m_request->descriptionEdit(), &QPlainTextEdit::textChanged, this, [this] {
        m_session->setDescription(m_request->descriptionEdit()->toPlainText());
        scheduleDraftSave();
    });
    LocationBox *location = m_request->locationBox();
    connect(location, &LocationBox::locationChanged, this, [this, location] {
        m_follower->ensureVisible(location);
        m_session->setLocation(location->location(), location->isOutsideCity());
        refreshDuplicates();
        scheduleDraftSave();
    });
    connect(location, &LocationBox::referralShown, this, [this, location] {
        m_session->referralShown(location->addressEdit()->text(), location->referralName());
    });
    QComboBox *outcome = m_wrapUp->outcomeCombo();
    connect(outcome, &QComboBox::currentIndexChanged, this, [this, outcome] {
        const QString name = outcome->currentData().toString();
        m_wrapUp->transferEdit()->setEnabled(name.endsWith(u"transfer"));
        m_session->setOutcome(outcomeFromName(name));
    });
    connect(m_wrapUp->transferEdit(), &QLineEdit::textChanged, this,
            [this](const QString &text) { m_session->setTransferTo(text); });
}

void IntakePanel::retranslate()
{
    m_callPop->retranslate();
    syncOutcome();
    updateTimer();
}

void IntakePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
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

QWidget *IntakePanel::fieldFor(const QString &errorCode) const
{
    if (errorCode == u"intake.email")
        return m_callerBox->emailEdit();
    if (errorCode == u"intake.name")
        return m_callerBox->nameEdit();
    if (errorCode == u"intake.phone" || errorCode == u"intake.caller")
        return m_callerBox->phoneEdit();
    if (errorCode == u"intake.location")
        return m_request->locationBox()->addressEdit();
    if (errorCode == u"intake.description")
        return m_request->descriptionEdit();
    return nullptr;
}

void IntakePanel::chooseCurrentType()
{
    if (const auto type = m_ctx.catalogue.serviceType(m_types->currentCode())) {
        setType(*type);
        scheduleDraftSave();
    }
}

void IntakePanel::startRequestOfType(const QString &serviceCode)
{
    const auto type = m_ctx.catalogue.serviceType(serviceCode);
    if (!type) {
        showMessage(tr("The request type %1 is not in the catalogue.").arg(serviceCode), true);
        return;
    }
    setType(*type);
    scheduleDraftSave();
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

void IntakePanel::syncForm()
{
    if (m_session->type())
        m_session->setAnswers(m_request->form()->answers());
    m_session->setDescription(m_request->descriptionEdit()->toPlainText());
    const LocationBox *location = m_request->locationBox();
    m_session->setLocation(location->location(), location->isOutsideCity());
}

void IntakePanel::syncOutcome()
{
    QComboBox *outcomes = m_wrapUp->outcomeCombo();
    const auto outcome = m_session->outcome();
    outcomes->setCurrentIndex(outcome ? std::max(0, outcomes->findData(outcomeName(*outcome))) : 0);
    m_wrapUp->transferEdit()->setEnabled(outcomes->currentData().toString().endsWith(u"transfer"));
}

void IntakePanel::setPickedLocation(const IntakeLocation &where)
{
    LocationBox *location = m_request->locationBox();
    location->setLocation(where);
    m_session->setLocation(location->location(), location->isOutsideCity());
    refreshDuplicates();
    scheduleDraftSave();
}

void IntakePanel::setType(const ServiceType &type)
{
    syncForm(); // the answers given before the change stay in the record
    m_session->setType(type);
    showType(type);
}

void IntakePanel::showType(const ServiceType &type)
{
    m_result->hide();
    m_message->clear();
    m_request->show();
    m_request->showType(type);
    for (QComboBox *combo : m_request->form()->findChildren<QComboBox *>())
        m_follower->guardWheel(combo);
    m_types->selectType(type.code);
    m_types->setCollapsed(true);
    updateTabOrder();
    for (QLineEdit *edit :
         {m_callerBox->phoneEdit(), m_callerBox->nameEdit(), m_callerBox->emailEdit()})
        edit->setEnabled(type.contactRule != ContactRule::Never);
    if (type.emergency) {
        // The call goes to 911 (the session suggested the transfer): the script is read now.
        m_request->emergencyLabel()->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (QWidget *first = m_request->form()->firstField())
        first->setFocus(Qt::OtherFocusReason);
    else
        m_request->descriptionEdit()->setFocus(Qt::OtherFocusReason);
    refreshDuplicates();
}

void IntakePanel::findCallers()
{
    const QString text = m_session->callerSearchText();
    const QList<CallerMatch> matches = m_session->findCallers(8);
    m_callerBox->showMatches(matches);
    m_callerBox->statusLabel()->setText(m_session->callerId().isEmpty() && !text.isEmpty() &&
                                                matches.isEmpty()
                                            ? tr("New caller: saved with the request.")
                                            : QString());
}

void IntakePanel::pickCaller(int row)
{
    QListWidgetItem *item = m_callerBox->matchList()->item(row);
    if (!item)
        return;
    const auto caller = m_session->chooseCaller(item->data(Qt::UserRole).toString());
    if (!caller)
        return;
    m_callerBox->showCaller(*caller);
    // The phone system's language (the IVR choice) is this call's: it stays.
    if (const QString language = m_callPop->callLanguage(); !language.isEmpty())
        m_callerBox->setLanguage(language);
    m_callerBox->statusLabel()->setText(tr("Returning caller: %1").arg(item->text()));
    m_types->searchEdit()->setFocus(Qt::OtherFocusReason);
    scheduleDraftSave();
}

void IntakePanel::clearCaller()
{
    m_session->clearCaller();
    m_callerBox->clear();
}

void IntakePanel::clearScreen()
{
    m_result->hide();
    m_result->clear();
    clearMessages();
    m_callerBox->showMatches({});
    emit contactReset();
}

void IntakePanel::refreshDuplicates()
{
    m_session->refreshDuplicates();
    m_request->showDuplicates(m_session->duplicates(), m_ctx.service.now(),
                              m_session->locationPlaced());
    const auto &where = m_session->location();
    if (m_session->locationPlaced()) {
        emit locationChosen(*where->latitude, *where->longitude);
        emit locationEntered(*where->latitude, *where->longitude, where->address);
    } else {
        emit locationCleared();
    }
    const QDateTime now = m_ctx.service.now();
    m_knownIssue->showFor(m_ctx.intake.knownIssues(now), currentTypeCode(),
                          m_session->locationPlaced()
                              ? std::optional(std::pair(*where->latitude, *where->longitude))
                              : std::nullopt,
                          now);
    if (m_knownIssue->isVisible())
        m_follower->ensureVisible(m_knownIssue); // the text, the script and its key in view
}

void IntakePanel::attachToDuplicate()
{
    QListWidget *list = m_request->duplicateList();
    if (!list->currentItem() || !list->isVisible())
        return;
    syncForm();
    showAttached(m_session->attachToDuplicate(list->currentRow()));
}

void IntakePanel::showAttached(const Status &s)
{
    if (!s) {
        QWidget *field = fieldFor(s.error().code);
        if (field)
            field->setFocus(Qt::OtherFocusReason);
        showMessage(s.error().message, true, field);
        return;
    }
    m_result->setText(tr("Caller added to existing request <b>%1</b>. Read it back to the "
                         "caller.")
                          .arg(m_session->lastNumber()));
    m_result->show();
    resetRequest();
}

void IntakePanel::submit()
{
    syncForm();
    const QString blocker = m_session->submitBlocker().value_or(QString());
    if (blocker == u"intake.no_type") {
        showMessage(tr("Choose a request type first (Ctrl+1)."), true);
        focusSearch();
        return;
    }
    if (blocker == u"intake.emergency") {
        showMessage(m_session->type()->emergencyScript, true);
        return;
    }
    if (!m_request->form()->validate()) {
        // Each problem is under its field, and the focus is on the first one.
        clearMessages();
        return;
    }
    if (blocker == u"intake.outside_city") {
        m_request->locationBox()->addressEdit()->setFocus(Qt::OtherFocusReason);
        showMessage(tr("This place is outside the city: refer the caller instead of taking a "
                       "request."),
                    true, m_request->locationBox());
        return;
    }
    m_session->recordFormSteps();
    QListWidget *candidates = m_request->duplicateList();
    if (candidates->count() > 0 && !candidates->currentItem())
        candidates->setCurrentRow(0);
    QString overrideReason;
    const auto decision = IntakeDialogs::askAboutDuplicates(
        this, m_request->duplicateLines(), m_request->currentDuplicateNumber(), &overrideReason);
    m_session->recordDuplicateDecision(decision, candidates->currentRow(), overrideReason);
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
    auto created = m_session->submit(overrideReason);
    if (!created) {
        QWidget *about = fieldFor(created.error().code);
        if (about)
            about->setFocus(Qt::OtherFocusReason);
        showMessage(created.error().message, true, about);
        return;
    }
    const QString number = created.value().number.display();
    const QString due =
        created.value().dueAt.isValid()
            ? QLocale().toString(created.value().dueAt.toLocalTime().date(), QLocale::LongFormat)
            : tr("no target date for this type");
    m_result->setText(tr("Request number <b>%1</b><br>Expected by: <b>%2</b>").arg(number, due));
    m_result->setProperty("number", number);
    m_result->show();
    QGuiApplication::clipboard()->setText(number);
    m_message->setText(tr("Saved. The number is on the clipboard; read it back to the caller."));
    m_message->setStyleSheet(QString());
    emit requestCreated(created.value().id);
    resetRequest();
}

bool IntakePanel::hasUnfinishedWork() const
{
    return m_session->contactRunning() || m_session->type() ||
           !m_request->descriptionEdit()->toPlainText().trimmed().isEmpty() ||
           m_request->locationBox()->location().has_value();
}

void IntakePanel::keepAsDraft()
{
    m_draftTimer->stop();
    saveDraft();
}

void IntakePanel::discardUnfinishedWork()
{
    m_draftTimer->stop();
    discardDraft();
}

void IntakePanel::resetRequest()
{
    m_session->resetRequest();
    m_request->clear();
    m_knownIssue->clear();
    m_request->hide();
    m_types->clearSearch();
    m_types->setCollapsed(false);
    m_types->searchEdit()->setFocus(Qt::OtherFocusReason);
    scheduleDraftSave();
}

bool IntakePanel::startWalkIn(const QString &language)
{
    if (m_session->contactRunning()) {
        showMessage(tr("A contact is already running; end it first (Ctrl+E)."), true);
        return false;
    }
    QComboBox *channel = m_contactBar->channelCombo();
    channel->setCurrentIndex(std::max(0, channel->findData(channelName(Channel::WalkIn))));
    m_callerBox->setLanguage(language);
    startContact();
    return m_session->contactRunning();
}

void IntakePanel::startContact()
{
    if (m_session->contactRunning()) {
        showMessage(tr("A contact is already running; end it first (Ctrl+E)."), true);
        return;
    }
    // A ringing or answered call is the contact's: it is taken on the phone, with its call.
    const std::optional<ContactCall> call = m_callPop->takeForContact(m_ctx.service.now());
    QComboBox *channel = m_contactBar->channelCombo();
    if (call)
        channel->setCurrentIndex(std::max(0, channel->findData(channelName(Channel::Phone))));
    // A new contact starts with no outcome: nothing is carried over from the previous one.
    auto id = m_session->startContact(call);
    if (!id) {
        showMessage(id.error().message, true);
        return;
    }
    m_contactEndedShown = false;
    m_contactBar->startButton()->setEnabled(false);
    channel->setEnabled(false);
    m_contactBar->endButton()->setEnabled(true);
    m_clockTimer->start();
    updateTimer();
    scheduleDraftSave();
    if (call) {
        // The pop already cleared the previous caller and put this one on screen; a choice
        // among callers on a shared number stays open.
        if (m_callerBox->matchList()->isVisible() || m_session->callerId().isEmpty())
            m_callerBox->phoneEdit()->setFocus(Qt::OtherFocusReason);
        else
            m_types->searchEdit()->setFocus(Qt::OtherFocusReason);
        return;
    }
    clearScreen();
    if (!m_session->location())
        emit locationCleared();
    m_callerBox->phoneEdit()->setFocus(Qt::OtherFocusReason);
}

void IntakePanel::beginWrapUp()
{
    if (!m_session->contactRunning())
        return;
    m_wrapUp->show();
    m_wrapUp->outcomeCombo()->setFocus(Qt::OtherFocusReason);
}

void IntakePanel::finishContact()
{
    syncForm();
    m_session->recordFormSteps();
    if (!m_session->outcome()) {
        m_wrapUp->outcomeCombo()->setFocus(Qt::OtherFocusReason);
        showMessage(tr("Choose how the contact ended (the Outcome list)."), true,
                    m_wrapUp->outcomeCombo());
        return;
    }
    // A request still on the form is never dropped silently (an emergency type cannot be
    // submitted: there is nothing to ask).
    if (m_session->hasUnsubmittedRequest()) {
        const auto choice = IntakeDialogs::askAboutUnsubmitted(this);
        if (choice == IntakeDialogs::Unsubmitted::Submit) {
            m_wrapUp->hide();
            submit(); // on success the number is on screen to read back; finish after that
            return;
        }
        if (choice == IntakeDialogs::Unsubmitted::GoBack) {
            m_wrapUp->hide();
            m_request->submitButton()->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
    const QString contactId = m_session->contactId();
    const auto ended =
        m_session->endContact(m_wrapUp->notesEdit()->toPlainText(), m_callPop->call());
    if (!ended) {
        m_wrapUp->transferEdit()->setFocus(Qt::OtherFocusReason);
        showMessage(ended.error().message, true, m_wrapUp->transferEdit());
        return;
    }
    const qint64 seconds = ended.value();
    clearContactScreen();
    m_contactEndedShown = true;
    m_contactBar->timerLabel()->setText(tr("Contact ended after %1:%2.")
                                            .arg(seconds / 60)
                                            .arg(seconds % 60, 2, 10, QLatin1Char('0')));
    m_contactBar->startButton()->setFocus(Qt::OtherFocusReason);
    // A call still on the line is followed: its end goes on this contact.
    m_callPop->contactFinished(contactId);
}

void IntakePanel::clearContactScreen()
{
    m_clockTimer->stop();
    m_wrapUp->hide();
    m_wrapUp->transferEdit()->clear();
    m_wrapUp->notesEdit()->clear();
    m_callerBox->clear();
    m_contactBar->startButton()->setEnabled(true);
    m_contactBar->channelCombo()->setEnabled(true);
    m_contactBar->endButton()->setEnabled(false);
    resetRequest();
    // The number read back belonged to this caller: it goes with them.
    clearScreen();
    emit locationCleared();
}

bool IntakePanel::parkForAnotherAgent()
{
    m_draftTimer->stop();
    syncForm();
    m_session->recordFormSteps();
    if (const Status parked = m_session->park(); !parked) {
        showMessage(tr("Your work could not be kept as your draft: %1").arg(parked.error().message),
                    true);
        return false;
    }
    clearContactScreen();
    // Emptying the fields scheduled a save: it would be the next agent's, of nothing.
    m_draftTimer->stop();
    m_contactEndedShown = false;
    updateTimer();
    return true;
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

void IntakePanel::updateTimer()
{
    QLabel *label = m_contactBar->timerLabel();
    if (!m_session->contactRunning()) {
        if (!m_contactEndedShown)
            label->setText(tr("No contact running"));
        return;
    }
    const qint64 seconds = m_session->elapsedSeconds();
    label->setText(tr("%1 contact · %2:%3")
                       .arg(m_contactBar->channelCombo()->currentText())
                       .arg(seconds / 60)
                       .arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

void IntakePanel::showMessage(const QString &text, bool error, QWidget *about)
{
    const QString style =
        error ? QStringLiteral("QLabel { color: #b00020; font-weight: bold; }") : QString();
    const bool callerProblem = about && m_callerBox->isAncestorOf(about);
    const bool wrapUpProblem = about && m_wrapUp->isAncestorOf(about);
    QLabel *label = callerProblem   ? m_callerBox->statusLabel()
                    : wrapUpProblem ? m_wrapUp->messageLabel()
                                    : m_message;
    for (QLabel *other : {m_callerBox->statusLabel(), m_wrapUp->messageLabel(), m_message}) {
        if (other != label && other->property("error").toBool()) {
            other->clear();
            other->setProperty("error", false);
            other->setStyleSheet(QString());
        }
    }
    label->setText(text);
    label->setProperty("error", error);
    label->setStyleSheet(style);
    if (!text.isEmpty())
        m_follower->ensureVisible(label);
}

void IntakePanel::clearMessages()
{
    for (QLabel *label : {m_callerBox->statusLabel(), m_wrapUp->messageLabel(), m_message}) {
        label->clear();
        label->setProperty("error", false);
        label->setStyleSheet(QString());
    }
}

void IntakePanel::scheduleDraftSave()
{
    m_draftTimer->start();
}

void IntakePanel::saveDraft()
{
    syncForm();
    if (const Status saved = m_session->saveDraft(); !saved)
        showMessage(tr("Your work could not be saved as a draft: %1").arg(saved.error().message),
                    true);
}

void IntakePanel::discardDraft()
{
    if (const Status s = m_session->discardDraft(); !s)
        showMessage(s.error().message, true);
}

void IntakePanel::restoreDraft()
{
    const auto savedAt = m_session->restoreDraft();
    if (!savedAt)
        return;
    const Caller caller = m_session->caller();
    const Answers answers = m_session->answers();
    const QString description = m_session->description();
    const auto location = m_session->location();
    QComboBox *channel = m_contactBar->channelCombo();
    channel->setCurrentIndex(std::max(0, channel->findData(channelName(m_session->channel()))));
    if (m_session->contactRunning()) {
        m_contactBar->startButton()->setEnabled(false);
        channel->setEnabled(false);
        m_contactBar->endButton()->setEnabled(true);
        m_clockTimer->start();
    }
    m_callerBox->phoneEdit()->setText(caller.phone);
    m_callerBox->nameEdit()->setText(caller.name);
    m_callerBox->emailEdit()->setText(caller.email);
    if (const auto &type = m_session->type()) {
        showType(*type);
        m_request->form()->setAnswers(answers);
    }
    m_request->descriptionEdit()->setPlainText(description);
    if (location)
        m_request->locationBox()->setLocation(*location);
    syncForm();
    // The candidates are looked up again: others may have reported the same place meanwhile.
    refreshDuplicates();
    updateTabOrder();
    updateTimer();
    showMessage(tr("Restored unsaved work from %1.")
                    .arg(QLocale().toString(savedAt->toLocalTime(), QLocale::ShortFormat)),
                false);
}

} // namespace civicdesk
