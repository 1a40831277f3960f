#include "ui/intake/intakepanel.h"

#include "models/city/cataloguerepository.h"
#include "models/intake/intakedraft.h"
#include "models/intake/intakerepository.h"
#include "models/intake/intakeservice.h"
#include "models/requests/requestrepository.h"
#include "ui/intake/callerbox.h"
#include "ui/intake/contactbar.h"
#include "ui/intake/knownissuebanner.h"
#include "ui/intake/locationbox.h"
#include "ui/intake/requestform.h"
#include "ui/intake/typepicker.h"
#include "ui/intake/wrapupbox.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSignalBlocker>
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
        if (m_transfer->text() != m_session->transferTo())
            m_transfer->setText(m_session->transferTo());
    });
    connect(m_session, &IntakeSession::stepNotRecorded, this, [this](const QString &message) {
        showMessage(tr("This step of the contact could not be recorded: %1").arg(message), true);
    });
    buildUi();
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
    // Contact
    m_contactBar = new ContactBar(this);
    m_channel = m_contactBar->channelCombo();
    m_startContact = m_contactBar->startButton();
    m_contactLabel = m_contactBar->timerLabel();
    m_endContact = m_contactBar->endButton();
    m_callRow = m_contactBar->callRow();
    m_callLabel = m_contactBar->callLabel();
    m_answerCall = m_contactBar->answerButton();
    m_hangUpCall = m_contactBar->hangUpButton();
    connect(m_channel, &QComboBox::currentIndexChanged, this, [this] {
        if (const auto channel = channelFromName(m_channel->currentData().toString()))
            m_session->setChannel(*channel);
    });
    layout->addWidget(m_contactBar);

    // Caller
    m_callerBox = new CallerBox(this);
    m_callerPhone = m_callerBox->phoneEdit();
    m_callerName = m_callerBox->nameEdit();
    m_callerEmail = m_callerBox->emailEdit();
    m_callerLanguage = m_callerBox->languageCombo();
    m_callerPreference = m_callerBox->preferenceCombo();
    m_callerMatches = m_callerBox->matchList();
    m_callerStatus = m_callerBox->statusLabel();
    connect(m_callerLanguage, &QComboBox::currentIndexChanged, this, [this] {
        const QString language = m_callerLanguage->currentData().toString();
        if (language.isEmpty())
            return;
        m_session->setCallerLanguage(language);
        emit callerLanguageChanged(language);
    });
    connect(m_callerPreference, &QComboBox::currentIndexChanged, this, [this] {
        if (m_callerPreference->currentIndex() >= 0)
            m_session->setCallerPreference(
                ContactPreference(m_callerPreference->currentData().toInt()));
    });
    connect(m_callerBox, &CallerBox::matchChosen, this, &IntakePanel::pickCaller);
    layout->addWidget(m_callerBox);

    // Request type
    layout->addWidget(m_types);

    // The request
    m_requestFrame = new QFrame(this);
    m_requestFrame->setObjectName(QStringLiteral("requestFrame"));
    m_requestFrame->setFrameShape(QFrame::StyledPanel);
    auto *requestLayout = new QVBoxLayout(m_requestFrame);
    m_emergency = bigLabel(m_requestFrame, QStringLiteral("emergencyLabel"));
    // The emergency script takes the focus: it is what the agent reads now.
    m_emergency->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_emergency->setStyleSheet(QStringLiteral("QLabel { background: #b00020; color: white; "
                                              "padding: 10px; font-size: 16px; }"));
    m_sensitive = bigLabel(m_requestFrame, QStringLiteral("sensitiveLabel"));
    m_sensitive->setStyleSheet(QStringLiteral("QLabel { background: #fff4e5; padding: 6px; }"));
    m_form = new RequestForm(m_requestFrame);
    m_description = new QPlainTextEdit(m_requestFrame);
    m_description->setObjectName(QStringLiteral("descriptionTextEdit"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().height() * 3 + 12);
    m_location = new LocationBox(m_ctx.addresses, m_ctx.districts, m_requestFrame);
    m_duplicates = new QListWidget(m_requestFrame);
    m_duplicates->setObjectName(QStringLiteral("duplicateListWidget"));
    m_duplicates->setMaximumHeight(m_duplicates->fontMetrics().height() * 5 + 8);
    m_attach = new QPushButton(m_requestFrame);
    m_attach->setObjectName(QStringLiteral("attachDuplicateButton"));
    m_submit = new QPushButton(m_requestFrame);
    m_submit->setObjectName(QStringLiteral("submitRequestButton"));
    m_submit->setDefault(true);
    requestLayout->addWidget(m_emergency);
    requestLayout->addWidget(m_sensitive);
    requestLayout->addWidget(m_form);
    auto *descriptionLabel = new QLabel(m_requestFrame);
    descriptionLabel->setObjectName(QStringLiteral("descriptionLabel"));
    descriptionLabel->setBuddy(m_description);
    requestLayout->addWidget(descriptionLabel);
    requestLayout->addWidget(m_description);
    auto *locationLabel = new QLabel(m_requestFrame);
    locationLabel->setObjectName(QStringLiteral("locationLabel"));
    locationLabel->setBuddy(m_location->addressEdit());
    requestLayout->addWidget(locationLabel);
    requestLayout->addWidget(m_location);
    m_duplicatesLabel = new QLabel(m_requestFrame);
    m_duplicatesLabel->setObjectName(QStringLiteral("duplicatesLabel"));
    m_duplicatesLabel->setWordWrap(true);
    m_knownIssue = new KnownIssueBanner(m_requestFrame);
    requestLayout->addWidget(m_knownIssue);
    connect(m_knownIssue, &KnownIssueBanner::attachRequested, this,
            [this](const QString &id, const QString &number) {
                syncForm();
                showAttached(m_session->attachToRequest(id, number));
            });
    requestLayout->addWidget(m_duplicatesLabel);
    requestLayout->addWidget(m_duplicates);
    requestLayout->addWidget(m_attach);
    requestLayout->addWidget(m_submit);
    m_sectionLabels << descriptionLabel << locationLabel;
    m_requestFrame->hide();
    layout->addWidget(m_requestFrame);

    m_message = bigLabel(this, QStringLiteral("intakeMessageLabel"));
    m_result = bigLabel(this, QStringLiteral("resultLabel"));
    m_result->setStyleSheet(QStringLiteral("QLabel { font-size: 20px; background: #e8f5e9; "
                                           "padding: 10px; }"));
    m_result->hide();
    layout->addWidget(m_message);
    layout->addWidget(m_result);

    // Wrap-up
    m_wrapUp = new WrapUpBox(this);
    m_outcome = m_wrapUp->outcomeCombo();
    m_transfer = m_wrapUp->transferEdit();
    m_notes = m_wrapUp->notesEdit();
    m_wrapUpMessage = m_wrapUp->messageLabel();
    m_finish = m_wrapUp->finishButton();
    m_wrapUp->hide();
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

    // The wheel scrolls the form; it changes a list's answer only when the list has focus.
    for (QComboBox *combo : {m_channel, m_callerLanguage, m_callerPreference, m_outcome}) {
        combo->setFocusPolicy(Qt::StrongFocus);
        combo->installEventFilter(this);
    }
    connect(qApp, &QApplication::focusChanged, this,
            [this](QWidget *, QWidget *now) { followFocus(now); });
    connect(m_location, &LocationBox::locationChanged, this, [this] { ensureVisible(m_location); });

    connect(m_types, &TypePicker::typeActivated, this, &IntakePanel::chooseCurrentType);
    connect(m_startContact, &QPushButton::clicked, this, &IntakePanel::startContact);
    connect(m_endContact, &QPushButton::clicked, this, &IntakePanel::beginWrapUp);
    connect(m_answerCall, &QPushButton::clicked, this, [this] {
        if (m_callState == CallState::Ringing)
            emit answerCallRequested(m_call.callId);
    });
    connect(m_hangUpCall, &QPushButton::clicked, this, [this] {
        if (m_callState == CallState::Ringing || m_callState == CallState::Talking)
            emit hangUpCallRequested(m_call.callId);
    });
    connect(m_finish, &QPushButton::clicked, this, &IntakePanel::finishContact);
    connect(m_submit, &QPushButton::clicked, this, &IntakePanel::submit);
    connect(m_attach, &QPushButton::clicked, this, &IntakePanel::attachToDuplicate);
    for (QLineEdit *edit : {m_callerPhone, m_callerName, m_callerEmail}) {
        connect(edit, &QLineEdit::textEdited, this, [this] {
            m_session->setCallerTyped(m_callerPhone->text(), m_callerName->text(),
                                      m_callerEmail->text());
            findCallers();
            scheduleDraftSave();
        });
    }
    connect(m_form, &RequestForm::answersChanged, this, [this] {
        m_session->setAnswers(m_form->answers());
        scheduleDraftSave();
    });
    connect(m_description, &QPlainTextEdit::textChanged, this, [this] {
        m_session->setDescription(m_description->toPlainText());
        scheduleDraftSave();
    });
    connect(m_location, &LocationBox::locationChanged, this, [this] {
        m_session->setLocation(m_location->location(), m_location->isOutsideCity());
        refreshDuplicates();
        scheduleDraftSave();
    });
    connect(m_location, &LocationBox::referralShown, this, [this] {
        m_session->referralShown(m_location->addressEdit()->text(), m_location->referralName());
    });
    connect(m_outcome, &QComboBox::currentIndexChanged, this, [this] {
        const QString outcome = m_outcome->currentData().toString();
        m_transfer->setEnabled(outcome.endsWith(u"transfer"));
        m_session->setOutcome(outcomeFromName(outcome));
    });
    connect(m_transfer, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_session->setTransferTo(text); });

    auto *submitShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    submitShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(submitShortcut, &QShortcut::activated, this, &IntakePanel::submit);
    auto *attachShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_D), this);
    attachShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(attachShortcut, &QShortcut::activated, this, &IntakePanel::attachToDuplicate);
    updateTabOrder();
}

void IntakePanel::retranslate()
{
    const QStringList sections = {tr("&Description (what the caller sees or needs)"),
                                  tr("&Location")};
    for (int i = 0; i < m_sectionLabels.size() && i < sections.size(); ++i)
        m_sectionLabels.at(i)->setText(sections.at(i));
    updateCallRow();
    m_description->setAccessibleName(tr("Description"));
    m_duplicates->setAccessibleName(tr("Open requests of this type nearby"));
    updateDuplicatesLabel();
    m_attach->setText(tr("Attach the caller to the selected request (Ctrl+D)"));
    m_submit->setText(tr("Submit request (Ctrl+Enter)"));
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

bool IntakePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Wheel) {
        // Scrolling over the form never changes an answer: an unfocused list passes the wheel
        // to the scroll area.
        auto *combo = qobject_cast<QComboBox *>(watched);
        if (combo && !combo->hasFocus()) {
            QCoreApplication::sendEvent(m_scroll->verticalScrollBar(), event);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void IntakePanel::updateTabOrder()
{
    QList<QWidget *> chain = m_contactBar->focusChain();
    chain.append(m_callerBox->focusChain());
    chain << m_types->searchEdit() << m_types->listView() << m_emergency;
    chain.append(m_form->focusChain());
    chain << m_description;
    chain.append(m_location->focusChain());
    chain << m_knownIssue->attachButton() << m_duplicates << m_attach << m_submit;
    chain.append(m_wrapUp->focusChain());
    for (qsizetype i = 1; i < chain.size(); ++i)
        QWidget::setTabOrder(chain.at(i - 1), chain.at(i));
}

void IntakePanel::followFocus(QWidget *now)
{
    if (!now || !m_scroll->widget()->isAncestorOf(now))
        return;
    // A question is shown with its message under it.
    QWidget *target = now;
    for (QWidget *w = now; w && w != m_form; w = w->parentWidget()) {
        if (w->parentWidget() == m_form) {
            target = w;
            break;
        }
    }
    ensureVisible(target);
}

void IntakePanel::ensureVisible(QWidget *widget)
{
    const QPointer<QWidget> guard(widget);
    // The whole widget (QScrollArea::ensureWidgetVisible shows only a list's current row).
    const auto showWhole = [this](QWidget *w) {
        const QRect r(w->mapTo(m_scroll->widget(), QPoint(0, 0)), w->size());
        const int margin = 8;
        if (r.height() + 2 * margin <= m_scroll->viewport()->height())
            m_scroll->ensureVisible(r.center().x(), r.center().y(), r.width() / 2 + margin,
                                    r.height() / 2 + margin);
        else
            m_scroll->ensureVisible(r.left(), r.top(), margin, margin);
    };
    const auto reveal = [this, guard, showWhole] {
        if (!guard || !guard->isVisible())
            return;
        showWhole(guard);
        // The focused field wins when the two do not fit together.
        QWidget *focus = QApplication::focusWidget();
        if (focus && focus != guard && m_scroll->widget()->isAncestorOf(focus))
            showWhole(focus);
    };
    if (QLayout *layout = m_scroll->widget()->layout())
        layout->activate();
    reveal();
    // Widgets just shown get their place once the layout has run.
    QTimer::singleShot(0, this, reveal);
}

QWidget *IntakePanel::fieldFor(const QString &errorCode) const
{
    if (errorCode == u"intake.email")
        return m_callerEmail;
    if (errorCode == u"intake.name")
        return m_callerName;
    if (errorCode == u"intake.phone" || errorCode == u"intake.caller")
        return m_callerPhone;
    if (errorCode == u"intake.location")
        return m_location->addressEdit();
    if (errorCode == u"intake.description")
        return m_description;
    return nullptr;
}

void IntakePanel::updateDuplicatesLabel()
{
    if (!m_session->locationPlaced())
        m_duplicatesLabel->setText(tr("Open requests of this type nearby: shown once the "
                                      "address is chosen"));
    else if (m_duplicates->count() == 0)
        m_duplicatesLabel->setText(tr("Open requests of this type nearby: none"));
    else
        m_duplicatesLabel->setText(tr("Open requests of this type nearby (%n) — the caller may "
                                      "be reporting one of these:",
                                      nullptr, m_duplicates->count()));
}

IntakeSession::DuplicateDecision IntakePanel::askAboutDuplicates(QString *reason)
{
    using DuplicateDecision = IntakeSession::DuplicateDecision;
    if (m_duplicates->count() == 0)
        return DuplicateDecision::None;
    QListWidgetItem *current = m_duplicates->currentItem();
    if (!current)
        current = m_duplicates->item(0);
    QStringList lines;
    for (int i = 0; i < m_duplicates->count(); ++i)
        lines.append(m_duplicates->item(i)->text().toHtmlEscaped());
    QMessageBox box(
        QMessageBox::Question, tr("Open requests nearby"),
        tr("<p>There are open requests of this type nearby:</p><p>%1</p><p>Attach "
           "the caller to %2, or create a new request anyway (the reason is "
           "recorded with it)?</p>")
            .arg(lines.join(QStringLiteral("<br>")), current->data(Qt::UserRole + 1).toString()),
        QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("duplicatesMessageBox"));
    QPushButton *attach = box.addButton(
        tr("&Attach the caller to %1").arg(current->data(Qt::UserRole + 1).toString()),
        QMessageBox::AcceptRole);
    QPushButton *different =
        box.addButton(tr("Create anyway: a d&ifferent problem"), QMessageBox::ActionRole);
    QPushButton *elsewhere =
        box.addButton(tr("Create anyway: a different &spot"), QMessageBox::ActionRole);
    QPushButton *back = box.addButton(tr("&Go back"), QMessageBox::RejectRole);
    box.setDefaultButton(attach);
    box.setEscapeButton(back);
    box.exec();
    if (box.clickedButton() == attach) {
        m_duplicates->setCurrentItem(current);
        return DuplicateDecision::Attach;
    }
    if (box.clickedButton() == different) {
        *reason = tr("a different problem from the open requests nearby");
        return DuplicateDecision::CreateAnyway;
    }
    if (box.clickedButton() == elsewhere) {
        *reason = tr("a different spot from the open requests nearby");
        return DuplicateDecision::CreateAnyway;
    }
    return DuplicateDecision::GoBack;
}

void IntakePanel::chooseCurrentType()
{
    const auto type = m_ctx.catalogue.serviceType(m_types->currentCode());
    if (!type)
        return;
    setType(*type);
    scheduleDraftSave();
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
        m_session->setAnswers(m_form->answers());
    m_session->setDescription(m_description->toPlainText());
    m_session->setLocation(m_location->location(), m_location->isOutsideCity());
}

void IntakePanel::syncOutcome()
{
    const auto outcome = m_session->outcome();
    m_outcome->setCurrentIndex(outcome ? std::max(0, m_outcome->findData(outcomeName(*outcome)))
                                       : 0);
    m_transfer->setEnabled(m_outcome->currentData().toString().endsWith(u"transfer"));
}

void IntakePanel::setPickedLocation(const IntakeLocation &where)
{
    m_location->setLocation(where);
    m_session->setLocation(m_location->location(), m_location->isOutsideCity());
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
    m_requestFrame->show();
    m_form->setType(type);
    for (QComboBox *combo : m_form->findChildren<QComboBox *>()) {
        combo->setFocusPolicy(Qt::StrongFocus);
        combo->installEventFilter(this);
    }
    m_types->selectType(type.code);
    updateTabOrder();
    m_emergency->setVisible(type.emergency);
    m_emergency->setText(tr("EMERGENCY — do not take a request. %1").arg(type.emergencyScript));
    const bool sensitive = type.contactRule == ContactRule::Never;
    m_sensitive->setVisible(sensitive);
    m_sensitive->setText(tr("Confidential type: do not take the caller's name, phone or email. "
                            "Nothing identifying the caller is stored with this request."));
    for (QWidget *w : {static_cast<QWidget *>(m_form), static_cast<QWidget *>(m_description),
                       static_cast<QWidget *>(m_location), static_cast<QWidget *>(m_submit)})
        w->setEnabled(!type.emergency);
    for (QLineEdit *edit : {m_callerPhone, m_callerName, m_callerEmail})
        edit->setEnabled(!sensitive);
    if (type.emergency) {
        // The call goes to 911 (the session suggested the transfer): the script is read now.
        m_emergency->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (QWidget *first = m_form->firstField())
        first->setFocus(Qt::OtherFocusReason);
    else
        m_description->setFocus(Qt::OtherFocusReason);
    refreshDuplicates();
}

void IntakePanel::findCallers()
{
    m_callerMatches->clear();
    const QString text = m_session->callerSearchText();
    const QList<CallerMatch> matches = m_session->findCallers(8);
    showCallerMatches(matches);
    m_callerStatus->setText(m_session->callerId().isEmpty() && !text.isEmpty() && matches.isEmpty()
                                ? tr("New caller: saved with the request.")
                                : QString());
}

void IntakePanel::showCallerMatches(const QList<CallerMatch> &matches)
{
    m_callerBox->showMatches(matches);
}

void IntakePanel::pickCaller(int row)
{
    QListWidgetItem *item = m_callerMatches->item(row);
    if (!item)
        return;
    const auto caller = m_session->chooseCaller(item->data(Qt::UserRole).toString());
    if (!caller)
        return;
    showCaller(*caller);
    // The phone system's language (the IVR choice) is this call's: it stays.
    if (!m_presented.language.isEmpty() && m_callState != CallState::None)
        m_callerLanguage->setCurrentIndex(
            std::max(0, m_callerLanguage->findData(m_presented.language)));
    m_callerStatus->setText(tr("Returning caller: %1").arg(item->text()));
    m_types->searchEdit()->setFocus(Qt::OtherFocusReason);
    scheduleDraftSave();
}

void IntakePanel::showCaller(const Caller &caller)
{
    m_callerBox->showCaller(caller);
}

void IntakePanel::clearCaller()
{
    m_session->clearCaller();
    m_callerBox->clear();
}

void IntakePanel::refreshDuplicates()
{
    m_duplicates->clear();
    m_session->refreshDuplicates();
    const QDateTime now = m_ctx.service.now();
    for (const ServiceRequest &r : m_session->duplicates()) {
        const qint64 days = r.openedAt.daysTo(now);
        auto *item = new QListWidgetItem(
            tr("%1 · %2 · opened %n day(s) ago · %3", nullptr, int(days))
                .arg(r.number, r.status == RequestStatus::Open ? tr("open") : tr("in progress"),
                     r.address),
            m_duplicates);
        item->setData(Qt::UserRole, r.id);
        item->setData(Qt::UserRole + 1, r.number);
    }
    const auto &where = m_session->location();
    if (m_session->locationPlaced()) {
        emit locationChosen(*where->latitude, *where->longitude);
        emit locationEntered(*where->latitude, *where->longitude, where->address);
    } else {
        emit locationCleared();
    }
    m_knownIssue->showFor(m_ctx.intake.knownIssues(now), currentTypeCode(),
                          m_session->locationPlaced()
                              ? std::optional(std::pair(*where->latitude, *where->longitude))
                              : std::nullopt,
                          now);
    if (m_knownIssue->isVisible())
        ensureVisible(m_knownIssue); // the text, the script and its key in view
    m_duplicates->setVisible(m_duplicates->count() > 0);
    m_attach->setVisible(m_duplicates->count() > 0);
    if (m_duplicates->count() > 0)
        m_duplicates->setCurrentRow(0);
    updateDuplicatesLabel();
}

void IntakePanel::attachToDuplicate()
{
    QListWidgetItem *item = m_duplicates->currentItem();
    if (!item || !m_duplicates->isVisible())
        return;
    syncForm();
    showAttached(m_session->attachToDuplicate(m_duplicates->row(item)));
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
    if (!m_form->validate()) {
        // Each problem is under its field, and the focus is on the first one.
        clearMessages();
        return;
    }
    if (blocker == u"intake.outside_city") {
        m_location->addressEdit()->setFocus(Qt::OtherFocusReason);
        showMessage(tr("This place is outside the city: refer the caller instead of taking a "
                       "request."),
                    true, m_location);
        return;
    }
    m_session->recordFormSteps();
    QString overrideReason;
    const auto decision = askAboutDuplicates(&overrideReason);
    m_session->recordDuplicateDecision(decision, m_duplicates->currentRow(), overrideReason);
    switch (decision) {
    case IntakeSession::DuplicateDecision::Attach:
        attachToDuplicate();
        return;
    case IntakeSession::DuplicateDecision::GoBack:
        m_duplicates->setFocus(Qt::OtherFocusReason);
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
           !m_description->toPlainText().trimmed().isEmpty() || m_location->location().has_value();
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
    m_form->clear();
    m_description->clear();
    m_location->clear();
    m_duplicates->clear();
    m_duplicates->hide();
    m_attach->hide();
    m_knownIssue->clear();
    updateDuplicatesLabel();
    m_requestFrame->hide();
    m_types->clearSearch();
    m_types->searchEdit()->setFocus(Qt::OtherFocusReason);
    scheduleDraftSave();
}

bool IntakePanel::startWalkIn(const QString &language)
{
    if (m_session->contactRunning()) {
        showMessage(tr("A contact is already running; end it first (Ctrl+E)."), true);
        return false;
    }
    m_channel->setCurrentIndex(std::max(0, m_channel->findData(channelName(Channel::WalkIn))));
    m_callerLanguage->setCurrentIndex(std::max(0, m_callerLanguage->findData(language)));
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
    const bool onCall = m_callState == CallState::Ringing || m_callState == CallState::Talking;
    if (onCall) {
        m_channel->setCurrentIndex(std::max(0, m_channel->findData(channelName(Channel::Phone))));
        if (!m_call.answeredAt.isValid())
            m_call.answeredAt = m_ctx.service.now();
        m_callState = CallState::Talking;
    }
    // A new contact starts with no outcome: nothing is carried over from the previous one.
    auto id = m_session->startContact(onCall ? std::optional(m_call) : std::nullopt);
    if (!id) {
        showMessage(id.error().message, true);
        return;
    }
    m_contactEndedShown = false;
    m_startContact->setEnabled(false);
    m_channel->setEnabled(false);
    m_endContact->setEnabled(true);
    m_clockTimer->start();
    updateCallRow();
    if (onCall) {
        // The pop already cleared the previous caller and put this one on screen; a choice
        // among callers on a shared number stays open.
        updateTimer();
        if (m_callerMatches->isVisible())
            m_callerPhone->setFocus(Qt::OtherFocusReason);
        else if (!m_session->callerId().isEmpty())
            m_types->searchEdit()->setFocus(Qt::OtherFocusReason);
        else
            m_callerPhone->setFocus(Qt::OtherFocusReason);
        scheduleDraftSave();
        return;
    }
    // Nothing of the previous caller stays on screen: banner, messages, read-back, picks.
    m_result->hide();
    m_result->clear();
    clearMessages();
    m_callerMatches->clear();
    m_callerMatches->hide();
    if (!m_session->location())
        emit locationCleared();
    emit contactReset();
    updateTimer();
    m_callerPhone->setFocus(Qt::OtherFocusReason);
    scheduleDraftSave();
}

void IntakePanel::beginWrapUp()
{
    if (!m_session->contactRunning())
        return;
    m_wrapUp->show();
    m_outcome->setFocus(Qt::OtherFocusReason);
}

void IntakePanel::finishContact()
{
    syncForm();
    m_session->recordFormSteps();
    if (!m_session->outcome()) {
        m_outcome->setFocus(Qt::OtherFocusReason);
        showMessage(tr("Choose how the contact ended (the Outcome list)."), true, m_outcome);
        return;
    }
    // A request still on the form is never dropped silently (an emergency type cannot be
    // submitted: there is nothing to ask).
    if (m_session->hasUnsubmittedRequest()) {
        QMessageBox box(QMessageBox::Question, tr("Finish contact"),
                        tr("The request on the form was not submitted. Submit it now (then read "
                           "the number back and finish), discard it, or go back to it?"),
                        QMessageBox::NoButton, this);
        box.setObjectName(QStringLiteral("unsubmittedRequestMessageBox"));
        QPushButton *submitIt = box.addButton(tr("&Submit it"), QMessageBox::AcceptRole);
        QPushButton *discardIt = box.addButton(tr("&Discard it"), QMessageBox::DestructiveRole);
        QPushButton *back = box.addButton(tr("&Go back"), QMessageBox::RejectRole);
        box.setDefaultButton(back);
        box.setEscapeButton(back);
        box.exec();
        if (box.clickedButton() == submitIt) {
            m_wrapUp->hide();
            submit(); // on success the number is on screen to read back; finish after that
            return;
        }
        if (box.clickedButton() != discardIt) {
            m_wrapUp->hide();
            m_submit->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
    const auto ended = m_session->endContact(m_notes->toPlainText(), m_call);
    if (!ended) {
        m_transfer->setFocus(Qt::OtherFocusReason);
        showMessage(ended.error().message, true, m_transfer);
        return;
    }
    const qint64 seconds = ended.value();
    m_clockTimer->stop();
    m_wrapUp->hide();
    m_transfer->clear();
    m_notes->clear();
    m_callerBox->clear();
    m_startContact->setEnabled(true);
    m_channel->setEnabled(true);
    m_endContact->setEnabled(false);
    resetRequest();
    // The number read back belonged to this caller: it goes with them.
    m_result->hide();
    m_result->clear();
    clearMessages();
    emit locationCleared();
    emit contactReset();
    m_contactEndedShown = true;
    m_contactLabel->setText(tr("Contact ended after %1:%2.")
                                .arg(seconds / 60)
                                .arg(seconds % 60, 2, 10, QLatin1Char('0')));
    m_startContact->setFocus(Qt::OtherFocusReason);
    endCall();
}

void IntakePanel::endCall()
{
    m_call = ContactCall();
    m_presented = CallPresentation();
    m_callState = CallState::None;
    updateCallRow();
    // A call that rang during the contact is next.
    if (m_waitingCall)
        presentCall(*std::exchange(m_waitingCall, std::nullopt));
}

void IntakePanel::setTelephonyShown(bool shown)
{
    m_telephonyShown = shown;
    m_callRow->setVisible(shown);
    updateCallRow();
}

void IntakePanel::presentCall(const CallPresentation &call)
{
    if (call.call.callId.isEmpty() || call.call.callId == m_call.callId ||
        (m_waitingCall && m_waitingCall->call.callId == call.call.callId))
        return;
    // The agent is with someone: the new call waits (the phone keeps ringing meanwhile).
    if (m_session->contactRunning() || m_callState != CallState::None) {
        m_waitingCall = call;
        updateCallRow();
        return;
    }
    m_call = call.call;
    m_presented = call;
    m_callState = CallState::Ringing;
    m_callNote.clear();
    m_callNoteIsProblem = false;
    // Nothing of the previous caller stays on screen.
    m_contactEndedShown = false;
    m_result->hide();
    m_result->clear();
    clearMessages();
    clearCaller();
    emit contactReset();
    QWidget *focus = m_answerCall;
    switch (call.kind) {
    case CallPresentation::Kind::OneCaller:
        m_session->setCaller(call.callers.constFirst().caller);
        showCaller(call.callers.constFirst().caller);
        m_callerStatus->setText(
            tr("Returning caller: %1 · %n request(s) on file (shown in History).", nullptr,
               call.callers.constFirst().requestCount)
                .arg(call.callers.constFirst().caller.name.isEmpty()
                         ? tr("(no name)")
                         : call.callers.constFirst().caller.name));
        break;
    case CallPresentation::Kind::SeveralCallers:
        m_callerPhone->setText(call.phoneText);
        m_session->setCallerTyped(call.phoneText, QString(), QString());
        showCallerMatches(call.callers);
        m_callerStatus->setText(tr("%n caller(s) share this number: choose one with Up, Down and "
                                   "Enter, or type a new caller's name.",
                                   nullptr, int(call.callers.size())));
        focus = m_callerPhone;
        break;
    case CallPresentation::Kind::NewCaller:
        m_callerPhone->setText(call.phoneText);
        m_session->setCallerTyped(call.phoneText, QString(), QString());
        m_callerStatus->setText(tr("New caller: %1 is not on file; their details are saved with "
                                   "the request.")
                                    .arg(call.numberText));
        break;
    case CallPresentation::Kind::Withheld:
        m_callerStatus->setText(tr("Number withheld: this is an anonymous contact. Ask for a "
                                   "name or number only if the request needs one."));
        break;
    case CallPresentation::Kind::NoNumber:
        m_callerStatus->setText(tr("No number came with this call: an anonymous contact unless "
                                   "the caller gives their details."));
        break;
    }
    // The phone system's language (the IVR choice) sets the contact's and the knowledge
    // search's language.
    if (!call.language.isEmpty()) {
        if (const int index = m_callerLanguage->findData(call.language); index >= 0)
            m_callerLanguage->setCurrentIndex(index);
    }
    updateCallRow();
    ensureVisible(m_callRow);
    focus->setFocus(Qt::OtherFocusReason);
}

void IntakePanel::callAnswered(const QString &callId, const QDateTime &at)
{
    if (callId.isEmpty())
        return;
    if (callId != m_call.callId) {
        // Answered before the offer arrived (or an offer this desk never saw): the contact is
        // this call's anyway; busy with another one, it is left to the phone.
        if (m_session->contactRunning() || m_callState != CallState::None)
            return;
        m_call = ContactCall();
        m_call.callId = callId;
        m_presented = CallPresentation();
        m_presented.call = m_call;
        m_presented.numberText = tr("an unknown number");
        m_callState = CallState::Ringing;
    }
    if (m_callState != CallState::Ringing)
        return;
    m_call.answeredAt = at;
    if (!m_session->contactRunning())
        startContact(); // records the call; the timer runs from here
    else
        m_callState = CallState::Talking;
    updateCallRow();
}

void IntakePanel::callEnded(const QString &callId, const QDateTime &at,
                            std::optional<CallEndCause> cause, const QString &detail)
{
    if (m_waitingCall && m_waitingCall->call.callId == callId) {
        m_callNote = tr("Missed call from %1 at %2.")
                         .arg(m_waitingCall->numberText,
                              QLocale().toString(at.toLocalTime().time(), QLocale::ShortFormat));
        m_callNoteIsProblem = false;
        m_waitingCall.reset();
        updateCallRow();
        return;
    }
    if (callId.isEmpty() || callId != m_call.callId || m_callState == CallState::Ended)
        return;
    m_call.endedAt = at;
    m_call.endCause = cause;
    if (!m_session->contactRunning()) {
        // Never answered here: the pop goes, the agent sees what rang.
        m_callNote = tr("Missed call from %1 at %2.")
                         .arg(m_presented.numberText,
                              QLocale().toString(at.toLocalTime().time(), QLocale::ShortFormat));
        m_callNoteIsProblem = false;
        clearCaller();
        endCall();
        return;
    }
    m_callState = CallState::Ended;
    switch (cause.value_or(CallEndCause::Normal)) {
    case CallEndCause::Normal:
    case CallEndCause::Missed:
        m_callNote.clear();
        break;
    case CallEndCause::Busy:
        m_callNote = tr("The line was busy.");
        break;
    case CallEndCause::Rejected:
        m_callNote = tr("The call was declined.");
        break;
    case CallEndCause::Transferred:
        m_callNote = tr("The call was transferred.");
        break;
    case CallEndCause::Failed:
        m_callNote = tr("The call failed: %1").arg(detail);
        break;
    }
    m_callNoteIsProblem = false;
    updateCallRow();
    // The wrap-up comes up (the focus stays where the agent is typing).
    if (!m_wrapUp->isVisible()) {
        m_wrapUp->show();
        ensureVisible(m_wrapUp);
    }
    showMessage(tr("The call ended: choose the outcome and finish the contact."), false, m_outcome);
}

void IntakePanel::showCallProblem(const QString &message)
{
    m_callNote = message;
    m_callNoteIsProblem = true;
    updateCallRow();
}

void IntakePanel::updateCallRow()
{
    const QString who =
        m_presented.numberText.isEmpty() ? tr("an unknown number") : m_presented.numberText;
    const QString queue = m_presented.call.queue.isEmpty()
                              ? QString()
                              : tr(" (queue %1)").arg(m_presented.call.queue);
    QString text;
    switch (m_callState) {
    case CallState::None:
        text = m_callNote.isEmpty() ? tr("No call.") : QString();
        break;
    case CallState::Ringing:
        text = tr("Ringing: a call from %1%2.").arg(who, queue);
        break;
    case CallState::Talking:
        text = tr("On the call with %1%2.").arg(who, queue);
        break;
    case CallState::Ended:
        text = tr("The call with %1 ended.").arg(who);
        break;
    }
    if (m_waitingCall)
        text += u' ' + tr("Another call is ringing from %1: it comes up when this contact ends.")
                           .arg(m_waitingCall->numberText);
    if (!m_callNote.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(" ")) + m_callNote;
    m_callLabel->setText(text.trimmed());
    m_callLabel->setStyleSheet(m_callNoteIsProblem
                                   ? QStringLiteral("QLabel { color: #b00020; font-weight: bold; }")
                                   : QStringLiteral("QLabel { font-weight: bold; }"));
    m_answerCall->setEnabled(m_callState == CallState::Ringing);
    m_hangUpCall->setEnabled(m_callState == CallState::Ringing ||
                             m_callState == CallState::Talking);
}

void IntakePanel::updateTimer()
{
    if (!m_session->contactRunning()) {
        if (!m_contactEndedShown)
            m_contactLabel->setText(tr("No contact running"));
        return;
    }
    const qint64 seconds = m_session->elapsedSeconds();
    m_contactLabel->setText(tr("%1 contact · %2:%3")
                                .arg(m_channel->currentText())
                                .arg(seconds / 60)
                                .arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

void IntakePanel::showMessage(const QString &text, bool error, QWidget *about)
{
    const QString style =
        error ? QStringLiteral("QLabel { color: #b00020; font-weight: bold; }") : QString();
    const bool callerProblem =
        about && (about == m_callerPhone || about == m_callerName || about == m_callerEmail);
    const bool wrapUpProblem = about && m_wrapUp->isAncestorOf(about);
    QLabel *label = callerProblem ? m_callerStatus : wrapUpProblem ? m_wrapUpMessage : m_message;
    for (QLabel *other : {m_callerStatus, m_wrapUpMessage, m_message}) {
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
        ensureVisible(label);
}

void IntakePanel::clearMessages()
{
    for (QLabel *label : {m_callerStatus, m_wrapUpMessage, m_message}) {
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
    m_channel->setCurrentIndex(std::max(0, m_channel->findData(channelName(m_session->channel()))));
    if (m_session->contactRunning()) {
        m_startContact->setEnabled(false);
        m_channel->setEnabled(false);
        m_endContact->setEnabled(true);
        m_clockTimer->start();
    }
    m_callerPhone->setText(caller.phone);
    m_callerName->setText(caller.name);
    m_callerEmail->setText(caller.email);
    if (const auto &type = m_session->type()) {
        showType(*type);
        m_form->setAnswers(answers);
    }
    m_description->setPlainText(description);
    if (location)
        m_location->setLocation(*location);
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
