#include "ui/intake/intakepanel.h"

#include "models/city/cataloguerepository.h"
#include "models/domain/textmatch.h"
#include "models/intake/intakedraft.h"
#include "models/intake/intakerepository.h"
#include "models/intake/intakeservice.h"
#include "models/itemmodels/servicetypemodel.h"
#include "models/requests/requestrepository.h"
#include "ui/intake/locationbox.h"
#include "ui/intake/requestform.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace civicdesk {

namespace {

const QString draftId = QStringLiteral("intake");

// Every typed word must appear in the type's name, group, keywords or synonyms.
class TypeFilterProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setWords(const QString &text)
    {
        m_words = textmatch::fold(text).split(u' ', Qt::SkipEmptyParts);
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (m_words.isEmpty())
            return true;
        const QString text = textmatch::fold(
            sourceModel()->index(row, 0, parent).data(ServiceTypeModel::SearchTextRole).toString());
        return std::all_of(m_words.cbegin(), m_words.cend(),
                           [&text](const QString &w) { return text.contains(w); });
    }

private:
    QStringList m_words;
};

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
    : QWidget(parent), m_ctx(context), m_recorder(context.service),
      m_model(new ServiceTypeModel(context.catalogue, this)), m_proxy(new TypeFilterProxy(this))
{
    m_proxy->setSourceModel(m_model);
    buildUi();
    retranslate();
    m_clockTimer = new QTimer(this);
    m_clockTimer->setInterval(1000);
    connect(m_clockTimer, &QTimer::timeout, this, &IntakePanel::updateTimer);
    m_draftTimer = new QTimer(this);
    m_draftTimer->setSingleShot(true);
    m_draftTimer->setInterval(300);
    connect(m_draftTimer, &QTimer::timeout, this, &IntakePanel::saveDraft);
    if (m_proxy->rowCount() > 0)
        m_list->setCurrentIndex(m_proxy->index(0, 0));
    restoreDraft();
}

void IntakePanel::buildUi()
{
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    auto section = [this, layout](const QString &objectName) {
        auto *label = new QLabel(this);
        label->setObjectName(objectName);
        QFont font = label->font();
        font.setBold(true);
        label->setFont(font);
        layout->addWidget(label);
        m_sectionLabels.append(label);
        return label;
    };

    // Contact
    section(QStringLiteral("contactSectionLabel"));
    auto *contactRow = new QHBoxLayout;
    m_channel = new QComboBox(this);
    m_channel->setObjectName(QStringLiteral("channelComboBox"));
    m_startContact = new QPushButton(this);
    m_startContact->setObjectName(QStringLiteral("startContactButton"));
    m_contactLabel = new QLabel(this);
    m_contactLabel->setObjectName(QStringLiteral("contactTimerLabel"));
    m_endContact = new QPushButton(this);
    m_endContact->setObjectName(QStringLiteral("endContactButton"));
    m_endContact->setEnabled(false);
    contactRow->addWidget(m_channel);
    contactRow->addWidget(m_startContact);
    contactRow->addWidget(m_contactLabel, 1);
    contactRow->addWidget(m_endContact);
    layout->addLayout(contactRow);
    // The call the phone offered (telephony): its state, Answer and Hang up.
    m_callRow = new QWidget(this);
    m_callRow->setObjectName(QStringLiteral("callRow"));
    auto *callRow = new QHBoxLayout(m_callRow);
    callRow->setContentsMargins(0, 0, 0, 0);
    m_callLabel = new QLabel(m_callRow);
    m_callLabel->setObjectName(QStringLiteral("callStatusLabel"));
    m_callLabel->setWordWrap(true);
    m_answerCall = new QPushButton(m_callRow);
    m_answerCall->setObjectName(QStringLiteral("answerCallButton"));
    m_hangUpCall = new QPushButton(m_callRow);
    m_hangUpCall->setObjectName(QStringLiteral("hangUpCallButton"));
    callRow->addWidget(m_callLabel, 1);
    callRow->addWidget(m_answerCall);
    callRow->addWidget(m_hangUpCall);
    layout->addWidget(m_callRow);
    m_callRow->hide();

    // Caller
    section(QStringLiteral("callerSectionLabel"));
    auto *callerForm = new QFormLayout;
    m_callerPhone = new QLineEdit(this);
    m_callerPhone->setObjectName(QStringLiteral("callerPhoneLineEdit"));
    m_callerName = new QLineEdit(this);
    m_callerName->setObjectName(QStringLiteral("callerNameLineEdit"));
    m_callerEmail = new QLineEdit(this);
    m_callerEmail->setObjectName(QStringLiteral("callerEmailLineEdit"));
    m_callerLanguage = new QComboBox(this);
    m_callerLanguage->setObjectName(QStringLiteral("callerLanguageComboBox"));
    connect(m_callerLanguage, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_callerLanguage->currentData().toString().isEmpty())
            emit callerLanguageChanged(m_callerLanguage->currentData().toString());
    });
    m_callerPreference = new QComboBox(this);
    m_callerPreference->setObjectName(QStringLiteral("callerPreferenceComboBox"));
    m_callerMatches = new QListWidget(this);
    m_callerMatches->setObjectName(QStringLiteral("callerMatchList"));
    m_callerMatches->setMaximumHeight(m_callerMatches->fontMetrics().height() * 4 + 8);
    m_callerMatches->hide();
    m_callerStatus = new QLabel(this);
    m_callerStatus->setObjectName(QStringLiteral("callerStatusLabel"));
    m_callerStatus->setWordWrap(true);
    for (QWidget *field :
         {static_cast<QWidget *>(m_callerPhone), static_cast<QWidget *>(m_callerName),
          static_cast<QWidget *>(m_callerEmail), static_cast<QWidget *>(m_callerLanguage),
          static_cast<QWidget *>(m_callerPreference)}) {
        auto *label = new QLabel(this);
        label->setBuddy(field);
        callerForm->addRow(label, field);
        m_fieldLabels.append(label);
    }
    layout->addLayout(callerForm);
    layout->addWidget(m_callerMatches);
    layout->addWidget(m_callerStatus);

    // Request type
    m_searchLabel = section(QStringLiteral("typeSectionLabel"));
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("typeSearchLineEdit"));
    m_search->setClearButtonEnabled(true);
    m_searchLabel->setBuddy(m_search);
    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("typeListView"));
    m_list->setModel(m_proxy);
    m_list->setUniformItemSizes(true);
    m_list->setMinimumHeight(m_list->fontMetrics().height() * 7);
    m_detail = new QTextBrowser(this);
    m_detail->setObjectName(QStringLiteral("typeDetailBrowser"));
    m_detail->setMaximumHeight(m_detail->fontMetrics().height() * 9);
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    layout->addWidget(m_detail);

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
    m_wrapUp = new QFrame(this);
    m_wrapUp->setObjectName(QStringLiteral("wrapUpFrame"));
    m_wrapUp->setFrameShape(QFrame::StyledPanel);
    auto *wrapLayout = new QFormLayout(m_wrapUp);
    m_outcome = new QComboBox(m_wrapUp);
    m_outcome->setObjectName(QStringLiteral("outcomeComboBox"));
    m_transfer = new QLineEdit(m_wrapUp);
    m_transfer->setObjectName(QStringLiteral("transferLineEdit"));
    m_notes = new QPlainTextEdit(m_wrapUp);
    m_notes->setObjectName(QStringLiteral("wrapUpNotesEdit"));
    m_notes->setTabChangesFocus(true);
    m_notes->setFixedHeight(m_notes->fontMetrics().height() * 3 + 12);
    m_finish = new QPushButton(m_wrapUp);
    m_finish->setObjectName(QStringLiteral("finishContactButton"));
    for (QWidget *field : {static_cast<QWidget *>(m_outcome), static_cast<QWidget *>(m_transfer),
                           static_cast<QWidget *>(m_notes)}) {
        auto *label = new QLabel(m_wrapUp);
        label->setBuddy(field);
        wrapLayout->addRow(label, field);
        m_fieldLabels.append(label);
    }
    m_wrapUpMessage = bigLabel(m_wrapUp, QStringLiteral("wrapUpMessageLabel"));
    wrapLayout->addRow(m_wrapUpMessage);
    wrapLayout->addRow(m_finish);
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

    // The type's details are read, not visited: Tab goes from the search to the questions.
    m_detail->setFocusPolicy(Qt::NoFocus);
    // The wheel scrolls the form; it changes a list's answer only when the list has focus.
    for (QComboBox *combo : {m_channel, m_callerLanguage, m_callerPreference, m_outcome}) {
        combo->setFocusPolicy(Qt::StrongFocus);
        combo->installEventFilter(this);
    }
    connect(qApp, &QApplication::focusChanged, this,
            [this](QWidget *, QWidget *now) { followFocus(now); });
    connect(m_location, &LocationBox::locationChanged, this, [this] { ensureVisible(m_location); });

    m_search->installEventFilter(this);
    m_callerPhone->installEventFilter(this);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        static_cast<TypeFilterProxy *>(m_proxy)->setWords(text);
        if (m_proxy->rowCount() > 0)
            m_list->setCurrentIndex(m_proxy->index(0, 0));
        else
            showTypeDetail({});
    });
    connect(m_search, &QLineEdit::returnPressed, this, &IntakePanel::chooseCurrentType);
    connect(m_list, &QListView::activated, this, [this] { chooseCurrentType(); });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showTypeDetail(current); });
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
    // Window-wide: the phone is answered from wherever the agent is typing (only with a phone:
    // the shortcuts live on the call row, hidden without one).
    auto *answerShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), m_callRow);
    answerShortcut->setContext(Qt::WindowShortcut);
    connect(answerShortcut, &QShortcut::activated, m_answerCall, &QPushButton::click);
    auto *hangUpShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H), m_callRow);
    hangUpShortcut->setContext(Qt::WindowShortcut);
    connect(hangUpShortcut, &QShortcut::activated, m_hangUpCall, &QPushButton::click);
    connect(m_finish, &QPushButton::clicked, this, &IntakePanel::finishContact);
    connect(m_submit, &QPushButton::clicked, this, &IntakePanel::submit);
    connect(m_attach, &QPushButton::clicked, this, &IntakePanel::attachToDuplicate);
    for (QLineEdit *edit : {m_callerPhone, m_callerName, m_callerEmail}) {
        connect(edit, &QLineEdit::textEdited, this, [this] {
            m_callerId.clear();
            findCallers();
            scheduleDraftSave();
        });
    }
    connect(m_callerMatches, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { pickCaller(m_callerMatches->row(item)); });
    connect(m_form, &RequestForm::answersChanged, this, &IntakePanel::scheduleDraftSave);
    connect(m_description, &QPlainTextEdit::textChanged, this, &IntakePanel::scheduleDraftSave);
    connect(m_location, &LocationBox::locationChanged, this, [this] {
        refreshDuplicates();
        scheduleDraftSave();
    });
    connect(m_location, &LocationBox::referralShown, this, [this] {
        suggestOutcome(Outcome::Referred);
        IntakeLocation typed;
        typed.address = m_location->addressEdit()->text().trimmed();
        recordStep(m_recorder.locationSet(typed, true, m_location->referralName()));
    });
    connect(m_outcome, &QComboBox::currentIndexChanged, this, [this] {
        const QString outcome = m_outcome->currentData().toString();
        m_transfer->setEnabled(outcome.endsWith(u"transfer"));
    });

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
    const QStringList sections = {tr("Contact"), tr("Caller"), tr("Request &type:"),
                                  tr("&Description (what the caller sees or needs)"),
                                  tr("&Location")};
    for (int i = 0; i < m_sectionLabels.size() && i < sections.size(); ++i)
        m_sectionLabels.at(i)->setText(sections.at(i));
    const QStringList fields = {tr("&Phone:"),          tr("N&ame:"),         tr("E&mail:"),
                                tr("Lan&guage:"),       tr("Contact &by:"),   tr("&Outcome:"),
                                tr("Transfe&rred to:"), tr("Wrap-&up notes:")};
    for (int i = 0; i < m_fieldLabels.size() && i < fields.size(); ++i)
        m_fieldLabels.at(i)->setText(fields.at(i));
    const int channel = std::max(0, m_channel->currentIndex());
    m_channel->clear();
    const QList<std::pair<Channel, QString>> channels = {
        {Channel::Phone, tr("Phone")},       {Channel::WalkIn, tr("Walk-in")},
        {Channel::Email, tr("Email")},       {Channel::Web, tr("Web")},
        {Channel::Text, tr("Text message")}, {Channel::Mail, tr("Mail")}};
    for (const auto &[value, text] : channels)
        m_channel->addItem(text, channelName(value));
    m_channel->setCurrentIndex(channel);
    m_channel->setAccessibleName(tr("Contact channel"));
    m_startContact->setText(tr("Start contact (Ctrl+N)"));
    m_endContact->setText(tr("End contact (Ctrl+E)"));
    m_answerCall->setText(tr("Answer (Ctrl+Shift+P)"));
    m_answerCall->setAccessibleName(tr("Answer the call"));
    m_hangUpCall->setText(tr("Hang up (Ctrl+Shift+H)"));
    m_hangUpCall->setAccessibleName(tr("Hang up the call"));
    m_callLabel->setAccessibleName(tr("Call"));
    updateCallRow();
    m_callerPhone->setPlaceholderText(tr("Phone, e.g. (617) 555-0100"));
    m_callerPhone->setAccessibleName(tr("Caller phone"));
    m_callerName->setPlaceholderText(tr("Name (leave empty for an anonymous caller)"));
    m_callerName->setAccessibleName(tr("Caller name"));
    m_callerEmail->setPlaceholderText(tr("Email"));
    m_callerEmail->setAccessibleName(tr("Caller email"));
    const QString language = m_callerLanguage->currentData().toString();
    m_callerLanguage->clear();
    m_callerLanguage->addItem(tr("English"), QStringLiteral("en"));
    m_callerLanguage->addItem(tr("Spanish"), QStringLiteral("es"));
    m_callerLanguage->setCurrentIndex(std::max(0, m_callerLanguage->findData(language)));
    m_callerLanguage->setAccessibleName(tr("Caller's language"));
    const QVariant preference = m_callerPreference->currentData();
    m_callerPreference->clear();
    m_callerPreference->addItem(tr("Phone call"), int(ContactPreference::Phone));
    m_callerPreference->addItem(tr("Email"), int(ContactPreference::Email));
    m_callerPreference->addItem(tr("Mail"), int(ContactPreference::Mail));
    m_callerPreference->addItem(tr("No follow-up wanted"), int(ContactPreference::None));
    m_callerPreference->setCurrentIndex(std::max(0, m_callerPreference->findData(preference)));
    m_callerPreference->setAccessibleName(tr("Contact by"));
    m_callerMatches->setAccessibleName(tr("Callers found"));
    m_search->setPlaceholderText(tr("Type a name or keyword, e.g. pothole, trash, rodent"));
    m_search->setAccessibleName(tr("Search request types"));
    m_list->setAccessibleName(tr("Request types"));
    m_detail->setAccessibleName(tr("Request type details"));
    m_description->setAccessibleName(tr("Description"));
    m_duplicates->setAccessibleName(tr("Open requests of this type nearby"));
    updateDuplicatesLabel();
    m_attach->setText(tr("Attach the caller to the selected request (Ctrl+D)"));
    m_submit->setText(tr("Submit request (Ctrl+Enter)"));
    const int outcome = std::max(0, m_outcome->currentIndex());
    m_outcome->clear();
    // No default: the outcome follows what happened in this contact, or the agent chooses it.
    m_outcome->addItem(tr("— choose how the contact ended —"), QString());
    const QList<std::pair<Outcome, QString>> outcomes = {
        {Outcome::InformationGiven, tr("Information given")},
        {Outcome::RequestCreated, tr("Service request created")},
        {Outcome::AttachedToExisting, tr("Caller attached to an existing request")},
        {Outcome::WarmTransfer, tr("Warm transfer")},
        {Outcome::ColdTransfer, tr("Cold transfer")},
        {Outcome::Complaint, tr("Complaint or comment")},
        {Outcome::CallerHungUp, tr("Caller hung up")},
        {Outcome::Referred, tr("Referred elsewhere")}};
    for (const auto &[value, text] : outcomes)
        m_outcome->addItem(text, outcomeName(value));
    m_outcome->setCurrentIndex(outcome);
    m_outcome->setAccessibleName(tr("Outcome"));
    m_transfer->setPlaceholderText(tr("Transferred to (department and number)"));
    m_transfer->setAccessibleName(tr("Transferred to"));
    m_notes->setPlaceholderText(tr("Wrap-up notes"));
    m_notes->setAccessibleName(tr("Wrap-up notes"));
    m_finish->setText(tr("Finish contact"));
    updateTimer();
    showTypeDetail(m_list->currentIndex());
}

void IntakePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void IntakePanel::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

int IntakePanel::visibleTypeCount() const
{
    return m_proxy->rowCount();
}

QString IntakePanel::currentTypeCode() const
{
    return m_type ? m_type->code
                  : m_list->currentIndex().data(ServiceTypeModel::CodeRole).toString();
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
        return QWidget::eventFilter(watched, event);
    }
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const int key = static_cast<QKeyEvent *>(event)->key();
    if (watched == m_search && (key == Qt::Key_Down || key == Qt::Key_Up ||
                                key == Qt::Key_PageDown || key == Qt::Key_PageUp)) {
        const int rows = m_proxy->rowCount();
        if (rows == 0)
            return true;
        const int step = key == Qt::Key_Down       ? 1
                         : key == Qt::Key_Up       ? -1
                         : key == Qt::Key_PageDown ? 10
                                                   : -10;
        const int row = std::clamp(m_list->currentIndex().row() + step, 0, rows - 1);
        m_list->setCurrentIndex(m_proxy->index(row, 0));
        return true;
    }
    if (watched == m_callerPhone && m_callerMatches->isVisible()) {
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            const int row =
                std::clamp(m_callerMatches->currentRow() + (key == Qt::Key_Down ? 1 : -1), 0,
                           m_callerMatches->count() - 1);
            m_callerMatches->setCurrentRow(row);
            return true;
        }
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            pickCaller(std::max(0, m_callerMatches->currentRow()));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void IntakePanel::updateTabOrder()
{
    QList<QWidget *> chain = {m_channel,        m_startContact,     m_endContact,    m_answerCall,
                              m_hangUpCall,     m_callerPhone,      m_callerName,    m_callerEmail,
                              m_callerLanguage, m_callerPreference, m_callerMatches, m_search,
                              m_list,           m_emergency};
    chain.append(m_form->focusChain());
    chain << m_description;
    chain.append(m_location->focusChain());
    chain << m_duplicates << m_attach << m_submit << m_outcome << m_transfer << m_notes << m_finish;
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

void IntakePanel::selectTypeInList(const QString &code)
{
    const auto find = [this, &code] {
        for (int row = 0; row < m_proxy->rowCount(); ++row) {
            const QModelIndex index = m_proxy->index(row, 0);
            if (index.data(ServiceTypeModel::CodeRole).toString() == code)
                return index;
        }
        return QModelIndex();
    };
    QModelIndex index = find();
    if (!index.isValid()) {
        m_search->clear(); // the search hid it
        index = find();
    }
    if (index.isValid()) {
        m_list->setCurrentIndex(index);
        m_list->scrollTo(index);
    }
}

QWidget *IntakePanel::callerField(const QString &errorCode) const
{
    if (errorCode == u"intake.email")
        return m_callerEmail;
    if (errorCode == u"intake.name")
        return m_callerName;
    return m_callerPhone;
}

void IntakePanel::updateDuplicatesLabel()
{
    const auto where = m_location->location();
    const bool placed = where && where->latitude && where->longitude;
    if (!placed)
        m_duplicatesLabel->setText(tr("Open requests of this type nearby: shown once the "
                                      "address is chosen"));
    else if (m_duplicates->count() == 0)
        m_duplicatesLabel->setText(tr("Open requests of this type nearby: none"));
    else
        m_duplicatesLabel->setText(tr("Open requests of this type nearby (%n) — the caller may "
                                      "be reporting one of these:",
                                      nullptr, m_duplicates->count()));
}

IntakePanel::DuplicateDecision IntakePanel::askAboutDuplicates(QString *reason)
{
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

void IntakePanel::showTypeDetail(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid()) {
        m_detail->setHtml(tr("<p>No request type matches. Try another word, or pick "
                             "<i>General request</i>.</p>"));
        return;
    }
    const auto type =
        m_ctx.catalogue.serviceType(proxyIndex.data(ServiceTypeModel::CodeRole).toString());
    if (!type)
        return;
    QString html = u"<h3>" + type->name.toHtmlEscaped() + u"</h3><p>" +
                   type->description.toHtmlEscaped() + u"</p><p><b>" + tr("Department:") + u"</b> ";
    const auto department = m_ctx.catalogue.department(type->departmentCode);
    html += department ? department->name.toHtmlEscaped() : tr("not assigned");
    html += u"<br><b>" + tr("Service level:") + u"</b> " + ServiceTypeModel::slaText(type->sla);
    if (type->sla && type->sla->source == u"history")
        html += u' ' + tr("(from the city's past target dates)");
    html += u"<br><small>" +
            tr("%n question(s)", nullptr,
               int(std::count_if(type->attributes.cbegin(), type->attributes.cend(),
                                 [](const ServiceAttribute &a) { return a.variable; }))) +
            u" · " + tr("Enter to start this request") + u"</small></p>";
    m_detail->setHtml(html);
}

void IntakePanel::chooseCurrentType()
{
    const QModelIndex index = m_list->currentIndex();
    if (!index.isValid())
        return;
    const auto type =
        m_ctx.catalogue.serviceType(index.data(ServiceTypeModel::CodeRole).toString());
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
    if (m_contactId.isEmpty())
        return;
    if (const Status s = m_ctx.service.recordArticleOpened(m_contactId, articleId); !s)
        showMessage(s.error().message, true);
}

void IntakePanel::recordUnansweredSearch(const QString &query, const QString &language)
{
    if (m_contactId.isEmpty())
        return;
    if (const Status s = m_ctx.service.recordUnansweredSearch(m_contactId, query, language); !s)
        showMessage(s.error().message, true);
}

void IntakePanel::recordReadBack(const QString &number, const QString &requestId)
{
    recordStep(m_recorder.readBack(number, requestId));
}

void IntakePanel::recordFormSteps()
{
    recordStep(m_recorder.callerDetailsTaken(!m_callerName->text().trimmed().isEmpty(),
                                             !m_callerPhone->text().trimmed().isEmpty(),
                                             !m_callerEmail->text().trimmed().isEmpty()));
    if (m_type)
        recordStep(m_recorder.answersChanged(*m_type, m_form->answers()));
    if (const auto where = m_location->location(); where && !m_location->isOutsideCity())
        recordStep(m_recorder.locationSet(*where, false, QString()));
}

void IntakePanel::recordStep(const Status &status)
{
    if (!status)
        showMessage(
            tr("This step of the contact could not be recorded: %1").arg(status.error().message),
            true);
}

void IntakePanel::setPickedLocation(const IntakeLocation &where)
{
    m_location->setLocation(where);
    refreshDuplicates();
    scheduleDraftSave();
}

void IntakePanel::setType(const ServiceType &type)
{
    if (m_type)
        recordFormSteps(); // the answers given before the change stay in the record
    m_type = type;
    recordStep(m_recorder.typeChosen(type));
    m_result->hide();
    m_message->clear();
    m_requestFrame->show();
    m_form->setType(type);
    for (QComboBox *combo : m_form->findChildren<QComboBox *>()) {
        combo->setFocusPolicy(Qt::StrongFocus);
        combo->installEventFilter(this);
    }
    selectTypeInList(type.code);
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
        // The call goes to 911: the wrap-up says so unless the agent chose otherwise.
        suggestOutcome(Outcome::WarmTransfer);
        if (m_transfer->text().trimmed().isEmpty())
            m_transfer->setText(QStringLiteral("911"));
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
    QString text = m_callerPhone->text().trimmed();
    if (text.isEmpty())
        text = m_callerEmail->text().trimmed();
    if (text.isEmpty() && m_callerName->text().trimmed().size() >= 3)
        text = m_callerName->text().trimmed();
    const QList<CallerMatch> matches =
        text.isEmpty() ? QList<CallerMatch>() : m_ctx.intake.findCallers(text, 8);
    showCallerMatches(matches);
    m_callerStatus->setText(m_callerId.isEmpty() && !text.isEmpty() && matches.isEmpty()
                                ? tr("New caller: saved with the request.")
                                : QString());
}

void IntakePanel::showCallerMatches(const QList<CallerMatch> &matches)
{
    m_callerMatches->clear();
    for (const CallerMatch &m : matches) {
        auto *item = new QListWidgetItem(
            tr("%1 · %2 · %n request(s)", nullptr, m.requestCount)
                .arg(m.caller.name.isEmpty() ? tr("(no name)") : m.caller.name,
                     m.caller.phone.isEmpty() ? m.caller.email : m.caller.phone),
            m_callerMatches);
        item->setData(Qt::UserRole, m.caller.id);
    }
    m_callerMatches->setVisible(!matches.isEmpty());
    if (!matches.isEmpty())
        m_callerMatches->setCurrentRow(0);
}

void IntakePanel::pickCaller(int row)
{
    QListWidgetItem *item = m_callerMatches->item(row);
    if (!item)
        return;
    const auto caller = m_ctx.intake.caller(item->data(Qt::UserRole).toString());
    if (!caller)
        return;
    fillCaller(*caller);
    // The phone system's language (the IVR choice) is this call's: it stays.
    if (!m_presented.language.isEmpty() && m_callState != CallState::None)
        m_callerLanguage->setCurrentIndex(
            std::max(0, m_callerLanguage->findData(m_presented.language)));
    m_callerStatus->setText(tr("Returning caller: %1").arg(item->text()));
    m_search->setFocus(Qt::OtherFocusReason);
    scheduleDraftSave();
}

void IntakePanel::fillCaller(const Caller &caller)
{
    m_callerId = caller.id;
    emit callerChanged(m_callerId);
    m_callerPhone->setText(caller.phone);
    m_callerName->setText(caller.name);
    m_callerEmail->setText(caller.email);
    m_callerLanguage->setCurrentIndex(std::max(0, m_callerLanguage->findData(caller.language)));
    m_callerPreference->setCurrentIndex(
        std::max(0, m_callerPreference->findData(int(caller.preference))));
    m_callerMatches->hide();
}

void IntakePanel::clearCaller()
{
    m_callerId.clear();
    emit callerChanged(QString());
    for (QLineEdit *edit : {m_callerPhone, m_callerName, m_callerEmail})
        edit->clear();
    m_callerLanguage->setCurrentIndex(0);
    m_callerPreference->setCurrentIndex(0);
    m_callerMatches->clear();
    m_callerMatches->hide();
    m_callerStatus->clear();
}

Result<QString> IntakePanel::ensureCaller()
{
    if (m_type && m_type->contactRule == ContactRule::Never)
        return QString();
    Caller caller;
    caller.id = m_callerId;
    caller.phone = m_callerPhone->text().trimmed();
    caller.name = m_callerName->text().trimmed();
    caller.email = m_callerEmail->text().trimmed();
    caller.language = m_callerLanguage->currentData().toString();
    caller.preference = ContactPreference(m_callerPreference->currentData().toInt());
    if (caller.phone.isEmpty() && caller.name.isEmpty() && caller.email.isEmpty())
        return QString(); // anonymous
    auto saved = m_ctx.service.saveCaller(caller);
    if (saved)
        recordStep(m_recorder.callerDetailsTaken(!caller.name.isEmpty(), !caller.phone.isEmpty(),
                                                 !caller.email.isEmpty()));
    if (saved)
        m_callerId = saved.value();
    if (saved)
        emit callerChanged(m_callerId);
    return saved;
}

void IntakePanel::refreshDuplicates()
{
    m_duplicates->clear();
    const auto where = m_location->location();
    const bool possible = m_type && where && where->latitude && where->longitude;
    if (possible) {
        const QDateTime now = m_ctx.service.now();
        const QList<ServiceRequest> found = m_ctx.requests.openNear(
            m_type->code, *where->latitude, *where->longitude, m_type->duplicateRadiusMeters,
            now.addDays(-m_type->duplicateWindowDays));
        for (const ServiceRequest &r : found) {
            const qint64 days = r.openedAt.daysTo(now);
            auto *item = new QListWidgetItem(
                tr("%1 · %2 · opened %n day(s) ago · %3", nullptr, int(days))
                    .arg(r.number, r.status == RequestStatus::Open ? tr("open") : tr("in progress"),
                         r.address),
                m_duplicates);
            item->setData(Qt::UserRole, r.id);
            item->setData(Qt::UserRole + 1, r.number);
        }
    }
    QStringList ids;
    QStringList numbers;
    for (int i = 0; i < m_duplicates->count(); ++i) {
        ids.append(m_duplicates->item(i)->data(Qt::UserRole).toString());
        numbers.append(m_duplicates->item(i)->data(Qt::UserRole + 1).toString());
    }
    recordStep(m_recorder.duplicatesShown(ids, numbers));
    emit duplicatesChanged(ids);
    if (where && where->latitude && where->longitude)
        emit locationChosen(*where->latitude, *where->longitude);
    else
        emit locationCleared();
    if (where && where->latitude && where->longitude)
        emit locationEntered(*where->latitude, *where->longitude, where->address);
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
    auto caller = ensureCaller();
    if (!caller) {
        QWidget *field = callerField(caller.error().code);
        field->setFocus(Qt::OtherFocusReason);
        showMessage(caller.error().message, true, field);
        return;
    }
    const Status s = m_ctx.service.attachCaller(item->data(Qt::UserRole).toString(), caller.value(),
                                                m_description->toPlainText());
    if (!s) {
        showMessage(s.error().message, true);
        return;
    }
    m_lastNumber = item->data(Qt::UserRole + 1).toString();
    recordStep(m_recorder.callerAttached(item->data(Qt::UserRole).toString(), m_lastNumber));
    m_result->setText(tr("Caller added to existing request <b>%1</b>. Read it back to the "
                         "caller.")
                          .arg(item->data(Qt::UserRole + 1).toString()));
    m_result->show();
    m_outcome->setCurrentIndex(m_outcome->findData(outcomeName(Outcome::AttachedToExisting)));
    resetRequest();
}

void IntakePanel::submit()
{
    if (!m_type) {
        showMessage(tr("Choose a request type first (Ctrl+1)."), true);
        focusSearch();
        return;
    }
    if (m_type->emergency) {
        showMessage(m_type->emergencyScript, true);
        return;
    }
    if (!m_form->validate()) {
        // Each problem is under its field, and the focus is on the first one.
        clearMessages();
        return;
    }
    if (m_location->isOutsideCity()) {
        m_location->addressEdit()->setFocus(Qt::OtherFocusReason);
        showMessage(tr("This place is outside the city: refer the caller instead of taking a "
                       "request."),
                    true, m_location);
        return;
    }
    recordFormSteps();
    QString overrideReason;
    const DuplicateDecision decision = askAboutDuplicates(&overrideReason);
    if (decision != DuplicateDecision::None) {
        static const QString names[] = {QString(), QStringLiteral("attach"),
                                        QStringLiteral("create_anyway"), QStringLiteral("go_back")};
        const QListWidgetItem *current = m_duplicates->currentItem();
        recordStep(m_recorder.duplicateDecision(
            names[int(decision)], current ? current->data(Qt::UserRole).toString() : QString(),
            current ? current->data(Qt::UserRole + 1).toString() : QString(), overrideReason));
    }
    switch (decision) {
    case DuplicateDecision::Attach:
        attachToDuplicate();
        return;
    case DuplicateDecision::GoBack:
        m_duplicates->setFocus(Qt::OtherFocusReason);
        return;
    case DuplicateDecision::None:
    case DuplicateDecision::CreateAnyway:
        break;
    }
    auto caller = ensureCaller();
    if (!caller) {
        QWidget *field = callerField(caller.error().code);
        field->setFocus(Qt::OtherFocusReason);
        showMessage(caller.error().message, true, field);
        return;
    }
    NewRequest request;
    request.type = *m_type;
    request.answers = m_form->answers();
    request.description = m_description->toPlainText();
    request.location = m_location->location().value_or(IntakeLocation{});
    request.callerId = caller.value();
    request.channel = channelFromName(m_channel->currentData().toString()).value_or(Channel::Phone);
    if (!overrideReason.isEmpty()) {
        for (int i = 0; i < m_duplicates->count(); ++i)
            request.duplicateOverride.candidates.append(
                m_duplicates->item(i)->data(Qt::UserRole + 1).toString());
        request.duplicateOverride.reason = overrideReason;
    }
    auto created = m_ctx.service.createRequest(request);
    if (!created) {
        QWidget *about = nullptr;
        if (created.error().code == u"intake.location")
            about = m_location->addressEdit();
        else if (created.error().code == u"intake.caller")
            about = m_callerPhone;
        else if (created.error().code == u"intake.description")
            about = m_description;
        if (about)
            about->setFocus(Qt::OtherFocusReason);
        showMessage(created.error().message, true, about);
        return;
    }
    const QString number = created.value().number.display();
    m_lastNumber = number;
    recordStep(m_recorder.requestCreated(
        created.value().id, number, m_type->code,
        request.location.address.isEmpty() ? request.location.landmark : request.location.address));
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
    m_outcome->setCurrentIndex(m_outcome->findData(outcomeName(Outcome::RequestCreated)));
    emit requestCreated(created.value().id);
    resetRequest();
}

bool IntakePanel::hasUnfinishedWork() const
{
    return !m_contactId.isEmpty() || m_type || !m_description->toPlainText().trimmed().isEmpty() ||
           m_location->location().has_value();
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
    m_recorder.resetRequest();
    m_type.reset();
    m_form->clear();
    m_description->clear();
    m_location->clear();
    m_duplicates->clear();
    m_duplicates->hide();
    m_attach->hide();
    updateDuplicatesLabel();
    m_requestFrame->hide();
    m_search->clear();
    m_search->setFocus(Qt::OtherFocusReason);
    scheduleDraftSave();
}

bool IntakePanel::startWalkIn(const QString &language)
{
    if (!m_contactId.isEmpty()) {
        showMessage(tr("A contact is already running; end it first (Ctrl+E)."), true);
        return false;
    }
    m_channel->setCurrentIndex(std::max(0, m_channel->findData(channelName(Channel::WalkIn))));
    m_callerLanguage->setCurrentIndex(std::max(0, m_callerLanguage->findData(language)));
    startContact();
    return !m_contactId.isEmpty();
}

void IntakePanel::startContact()
{
    if (!m_contactId.isEmpty()) {
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
    const auto channel =
        channelFromName(m_channel->currentData().toString()).value_or(Channel::Phone);
    auto id = onCall ? m_ctx.service.startContact(channel, m_call, m_callerId)
                     : m_ctx.service.startContact(channel);
    if (!id) {
        showMessage(id.error().message, true);
        return;
    }
    m_contactId = id.value();
    m_recorder.setContact(m_contactId);
    m_lastNumber.clear();
    m_contactEndedShown = false;
    // A new contact starts with no outcome: nothing is carried over from the previous one.
    m_outcome->setCurrentIndex(0);
    m_transfer->clear();
    m_contactStarted = m_ctx.service.now();
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
        else if (!m_callerId.isEmpty())
            m_search->setFocus(Qt::OtherFocusReason);
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
    if (!m_location->location())
        emit locationCleared();
    emit contactReset();
    updateTimer();
    m_callerPhone->setFocus(Qt::OtherFocusReason);
    scheduleDraftSave();
}

void IntakePanel::beginWrapUp()
{
    if (m_contactId.isEmpty())
        return;
    m_wrapUp->show();
    m_outcome->setFocus(Qt::OtherFocusReason);
}

void IntakePanel::suggestOutcome(Outcome outcome)
{
    // What happened decides, unless the agent chose already.
    if (m_outcome->currentData().toString().isEmpty())
        m_outcome->setCurrentIndex(m_outcome->findData(outcomeName(outcome)));
}

void IntakePanel::finishContact()
{
    recordFormSteps();
    const auto outcome = outcomeFromName(m_outcome->currentData().toString());
    if (!outcome) {
        m_outcome->setFocus(Qt::OtherFocusReason);
        showMessage(tr("Choose how the contact ended (the Outcome list)."), true, m_outcome);
        return;
    }
    // A request still on the form is never dropped silently (an emergency type cannot be
    // submitted: there is nothing to ask).
    if ((m_type && !m_type->emergency) || !m_description->toPlainText().trimmed().isEmpty()) {
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
    const Status s = m_ctx.service.endContact(m_contactId, *outcome, m_transfer->text(),
                                              m_notes->toPlainText(), m_call);
    if (!s) {
        m_transfer->setFocus(Qt::OtherFocusReason);
        showMessage(s.error().message, true, m_transfer);
        return;
    }
    const qint64 seconds = m_contactStarted.secsTo(m_ctx.service.now());
    m_contactId.clear();
    m_recorder.setContact(QString());
    m_callerId.clear();
    emit callerChanged(QString());
    m_clockTimer->stop();
    m_wrapUp->hide();
    m_transfer->clear();
    m_notes->clear();
    for (QLineEdit *edit : {m_callerPhone, m_callerName, m_callerEmail})
        edit->clear();
    m_callerLanguage->setCurrentIndex(0);
    m_callerPreference->setCurrentIndex(0);
    m_callerMatches->clear();
    m_callerMatches->hide();
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
    discardDraft();
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
    if (!m_contactId.isEmpty() || m_callState != CallState::None) {
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
        fillCaller(call.callers.constFirst().caller);
        m_callerStatus->setText(
            tr("Returning caller: %1 · %n request(s) on file (shown in History).", nullptr,
               call.callers.constFirst().requestCount)
                .arg(call.callers.constFirst().caller.name.isEmpty()
                         ? tr("(no name)")
                         : call.callers.constFirst().caller.name));
        break;
    case CallPresentation::Kind::SeveralCallers:
        m_callerPhone->setText(call.phoneText);
        showCallerMatches(call.callers);
        m_callerStatus->setText(tr("%n caller(s) share this number: choose one with Up, Down and "
                                   "Enter, or type a new caller's name.",
                                   nullptr, int(call.callers.size())));
        focus = m_callerPhone;
        break;
    case CallPresentation::Kind::NewCaller:
        m_callerPhone->setText(call.phoneText);
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
        if (!m_contactId.isEmpty() || m_callState != CallState::None)
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
    if (m_contactId.isEmpty())
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
    if (m_contactId.isEmpty()) {
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
    if (m_contactId.isEmpty()) {
        if (!m_contactEndedShown)
            m_contactLabel->setText(tr("No contact running"));
        return;
    }
    const qint64 seconds = std::max<qint64>(0, m_contactStarted.secsTo(m_ctx.service.now()));
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
    recordFormSteps();
    IntakeDraft draft;
    draft.contactId = m_contactId;
    draft.contactStarted = m_contactStarted;
    draft.channel = m_channel->currentData().toString();
    draft.callerId = m_callerId;
    draft.callerPhone = m_callerPhone->text();
    draft.callerName = m_callerName->text();
    draft.callerEmail = m_callerEmail->text();
    draft.description = m_description->toPlainText();
    if (m_type) {
        draft.typeCode = m_type->code;
        draft.answers = m_form->answers();
    }
    draft.location = m_location->location();
    if (draft.isEmpty()) {
        discardDraft();
        return;
    }
    const Status saved = m_ctx.intake.saveDraft({draftId, m_contactId, QStringLiteral("intake"),
                                                 draft.toJson(), QDateTime::currentDateTimeUtc()});
    if (!saved)
        showMessage(tr("Your work could not be saved as a draft: %1").arg(saved.error().message),
                    true);
}

void IntakePanel::discardDraft()
{
    if (const Status s = m_ctx.intake.removeDraft(draftId); !s)
        showMessage(s.error().message, true);
}

void IntakePanel::restoreDraft()
{
    const QList<Draft> drafts = m_ctx.intake.drafts();
    const auto it = std::find_if(drafts.cbegin(), drafts.cend(),
                                 [](const Draft &d) { return d.id == draftId; });
    if (it == drafts.cend())
        return;
    const IntakeDraft draft = IntakeDraft::fromJson(it->payload);
    m_channel->setCurrentIndex(std::max(0, m_channel->findData(draft.channel)));
    m_contactId = draft.contactId;
    m_recorder.setContact(m_contactId);
    if (!m_contactId.isEmpty()) {
        m_contactStarted = draft.contactStarted;
        m_startContact->setEnabled(false);
        m_channel->setEnabled(false);
        m_endContact->setEnabled(true);
        m_clockTimer->start();
    }
    m_callerId = draft.callerId;
    emit callerChanged(m_callerId);
    m_callerPhone->setText(draft.callerPhone);
    m_callerName->setText(draft.callerName);
    m_callerEmail->setText(draft.callerEmail);
    if (!draft.typeCode.isEmpty()) {
        if (const auto type = m_ctx.catalogue.serviceType(draft.typeCode)) {
            setType(*type);
            m_form->setAnswers(draft.answers);
        }
    }
    m_description->setPlainText(draft.description);
    if (draft.location)
        m_location->setLocation(*draft.location);
    // The candidates are looked up again: others may have reported the same place meanwhile.
    refreshDuplicates();
    updateTabOrder();
    updateTimer();
    showMessage(tr("Restored unsaved work from %1.")
                    .arg(QLocale().toString(it->updatedAt.toLocalTime(), QLocale::ShortFormat)),
                false);
}

} // namespace civicdesk
