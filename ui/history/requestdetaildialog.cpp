#include "ui/history/requestdetaildialog.h"

#include "models/domain/requestnumber.h"
#include "models/itemmodels/requesttexts.h"
#include "models/itemmodels/timelinemodel.h"
#include "models/requests/historyservices.h"
#include "ui/sync/deliverystatelabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QTableView>
#include <QVBoxLayout>

namespace civicdesk {

RequestDetailDialog::RequestDetailDialog(HistoryServices &services, QString requestId,
                                         QWidget *parent)
    : QDialog(parent), m_services(services), m_requestId(std::move(requestId)),
      m_timeline(new TimelineModel(this)), m_title(new QLabel(this)), m_fields(new QFormLayout),
      m_callers(new QLabel(this)), m_timelineView(new QTableView(this)),
      m_noteLabel(new QLabel(this)), m_note(new QLineEdit(this)), m_notePublic(new QCheckBox(this)),
      m_addNote(new QPushButton(this)), m_statusLabel(new QLabel(this)),
      m_status(new QComboBox(this)), m_reason(new QComboBox(this)),
      m_changeStatus(new QPushButton(this)), m_message(new QLabel(this)),
      m_close(new QPushButton(this)), m_closeDuplicates(new QCheckBox(this)),
      m_parentLabel(new QLabel(this)), m_parentNumber(new QLineEdit(this)),
      m_link(new QPushButton(this)), m_unlink(new QPushButton(this)),
      m_callbackLabel(new QLabel(this)), m_callbackDue(new QDateTimeEdit(this)),
      m_callbackNote(new QLineEdit(this)), m_scheduleCallback(new QPushButton(this)),
      m_pendingCallbacks(new QComboBox(this)), m_callbackOutcome(new QComboBox(this)),
      m_callbackDone(new QPushButton(this))
{
    setObjectName(QStringLiteral("requestDetailDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_timeline->setDisplayTimeZone(services.cityZone);
    buildUi();
    retranslate();
    reload();
}

void RequestDetailDialog::buildUi()
{
    m_title->setObjectName(QStringLiteral("detailTitleLabel"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_callers->setObjectName(QStringLiteral("detailCallersLabel"));
    m_callers->setWordWrap(true);
    m_timelineView->setObjectName(QStringLiteral("timelineTableView"));
    m_timelineView->setModel(m_timeline);
    m_timelineView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_timelineView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_timelineView->setWordWrap(true);
    m_timelineView->verticalHeader()->hide();
    m_timelineView->horizontalHeader()->setSectionResizeMode(TimelineModel::What,
                                                             QHeaderView::Stretch);
    m_note->setObjectName(QStringLiteral("detailNoteLineEdit"));
    m_noteLabel->setBuddy(m_note);
    m_notePublic->setObjectName(QStringLiteral("detailNotePublicCheckBox"));
    m_addNote->setObjectName(QStringLiteral("detailAddNoteButton"));
    m_status->setObjectName(QStringLiteral("detailStatusComboBox"));
    m_statusLabel->setBuddy(m_status);
    m_reason->setObjectName(QStringLiteral("detailClosureReasonComboBox"));
    m_changeStatus->setObjectName(QStringLiteral("detailChangeStatusButton"));
    m_message->setObjectName(QStringLiteral("detailMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_close->setObjectName(QStringLiteral("detailCloseButton"));
    m_fields->setObjectName(QStringLiteral("detailFieldsLayout"));
    m_closeDuplicates->setObjectName(QStringLiteral("detailCloseDuplicatesCheckBox"));
    m_parentNumber->setObjectName(QStringLiteral("detailDuplicateOfLineEdit"));
    m_parentLabel->setBuddy(m_parentNumber);
    m_link->setObjectName(QStringLiteral("detailLinkDuplicateButton"));
    m_unlink->setObjectName(QStringLiteral("detailUnlinkDuplicateButton"));
    m_callbackDue->setObjectName(QStringLiteral("detailCallbackDueDateTimeEdit"));
    m_callbackDue->setCalendarPopup(true);
    m_callbackLabel->setBuddy(m_callbackDue);
    m_callbackNote->setObjectName(QStringLiteral("detailCallbackNoteLineEdit"));
    m_scheduleCallback->setObjectName(QStringLiteral("detailScheduleCallbackButton"));
    m_pendingCallbacks->setObjectName(QStringLiteral("detailPendingCallbackComboBox"));
    m_callbackOutcome->setObjectName(QStringLiteral("detailCallbackOutcomeComboBox"));
    m_callbackDone->setObjectName(QStringLiteral("detailCallbackDoneButton"));

    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_noteLabel);
    noteRow->addWidget(m_note, 1);
    noteRow->addWidget(m_notePublic);
    noteRow->addWidget(m_addNote);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_statusLabel);
    statusRow->addWidget(m_status);
    statusRow->addWidget(m_reason, 1);
    statusRow->addWidget(m_closeDuplicates);
    statusRow->addWidget(m_changeStatus);
    auto *linkRow = new QHBoxLayout;
    linkRow->addWidget(m_parentLabel);
    linkRow->addWidget(m_parentNumber, 1);
    linkRow->addWidget(m_link);
    linkRow->addWidget(m_unlink);
    auto *callbackRow = new QHBoxLayout;
    callbackRow->addWidget(m_callbackLabel);
    callbackRow->addWidget(m_callbackDue);
    callbackRow->addWidget(m_callbackNote, 1);
    callbackRow->addWidget(m_scheduleCallback);
    auto *pendingRow = new QHBoxLayout;
    pendingRow->addWidget(m_pendingCallbacks, 1);
    pendingRow->addWidget(m_callbackOutcome);
    pendingRow->addWidget(m_callbackDone);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_message, 1);
    bottom->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(m_fields);
    // With a central store: where this request's changes are (on this workstation, central, or
    // refused and why). Standalone there is nowhere else for them to be.
    if (m_services.centralStore)
        layout->addWidget(new DeliveryStateLabel(m_services.delivery, QStringLiteral("request"),
                                                 m_requestId, this));
    layout->addWidget(m_callers);
    layout->addWidget(m_timelineView, 1);
    layout->addLayout(noteRow);
    layout->addLayout(statusRow);
    layout->addLayout(linkRow);
    layout->addLayout(callbackRow);
    layout->addLayout(pendingRow);
    layout->addLayout(bottom);
    setTabOrder(m_note, m_notePublic);
    setTabOrder(m_notePublic, m_addNote);
    setTabOrder(m_addNote, m_status);
    setTabOrder(m_status, m_reason);
    setTabOrder(m_reason, m_closeDuplicates);
    setTabOrder(m_closeDuplicates, m_changeStatus);
    setTabOrder(m_changeStatus, m_parentNumber);
    setTabOrder(m_parentNumber, m_link);
    setTabOrder(m_link, m_unlink);
    setTabOrder(m_unlink, m_callbackDue);
    setTabOrder(m_callbackDue, m_callbackNote);
    setTabOrder(m_callbackNote, m_scheduleCallback);
    setTabOrder(m_scheduleCallback, m_pendingCallbacks);
    setTabOrder(m_pendingCallbacks, m_callbackOutcome);
    setTabOrder(m_callbackOutcome, m_callbackDone);
    setTabOrder(m_callbackDone, m_timelineView);
    resize(820, 720);

    connect(m_note, &QLineEdit::returnPressed, this, &RequestDetailDialog::addNote);
    connect(m_addNote, &QPushButton::clicked, this, &RequestDetailDialog::addNote);
    connect(m_changeStatus, &QPushButton::clicked, this, &RequestDetailDialog::changeStatus);
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        const bool closing = m_status->currentData().toString() == u"closed";
        m_reason->setEnabled(closing);
        m_closeDuplicates->setVisible(closing && m_openDuplicates > 0);
    });
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_parentNumber, &QLineEdit::returnPressed, this, &RequestDetailDialog::linkDuplicate);
    connect(m_link, &QPushButton::clicked, this, &RequestDetailDialog::linkDuplicate);
    connect(m_unlink, &QPushButton::clicked, this, &RequestDetailDialog::unlinkDuplicate);
    connect(m_callbackNote, &QLineEdit::returnPressed, this,
            &RequestDetailDialog::scheduleCallback);
    connect(m_scheduleCallback, &QPushButton::clicked, this,
            &RequestDetailDialog::scheduleCallback);
    connect(m_callbackDone, &QPushButton::clicked, this, &RequestDetailDialog::completeCallback);
}

void RequestDetailDialog::retranslate()
{
    m_noteLabel->setText(tr("&Note:"));
    m_note->setPlaceholderText(tr("What the caller said, or what was done"));
    m_notePublic->setText(tr("&Public (may be read to callers)"));
    m_addNote->setText(tr("&Add note"));
    m_statusLabel->setText(tr("S&tatus:"));
    m_changeStatus->setText(tr("&Change status"));
    m_close->setText(tr("Close"));
    m_timelineView->setAccessibleName(tr("Timeline"));
    const QSignalBlocker blocker(m_reason);
    m_reason->clear();
    const QStringList reasons = RequestActions::closureReasons();
    for (const QString &code : reasons)
        m_reason->addItem(requesttexts::closureReason(code), code);
    m_reason->setAccessibleName(tr("Closure reason"));
    m_parentLabel->setText(tr("D&uplicate of:"));
    m_parentNumber->setPlaceholderText(tr("Number of the request this one repeats"));
    m_link->setText(tr("&Link"));
    m_unlink->setText(tr("Unlin&k"));
    m_callbackLabel->setText(tr("Call&back by:"));
    m_callbackNote->setPlaceholderText(tr("What to tell or ask the caller"));
    m_scheduleCallback->setText(tr("&Schedule"));
    m_pendingCallbacks->setAccessibleName(tr("Callbacks waiting"));
    m_callbackDone->setText(tr("Mark d&one"));
    const QSignalBlocker outcomeBlocker(m_callbackOutcome);
    m_callbackOutcome->clear();
    const QStringList outcomes = RequestActions::callbackOutcomes();
    for (const QString &code : outcomes)
        m_callbackOutcome->addItem(requesttexts::callbackOutcome(code), code);
    m_callbackOutcome->setAccessibleName(tr("How the callback went"));
}

void RequestDetailDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        reload();
    }
    QDialog::changeEvent(event);
}

void RequestDetailDialog::reload()
{
    m_request = m_services.search.byId(m_requestId);
    if (!m_request) {
        m_title->setText(tr("This request is no longer in the store."));
        return;
    }
    const ServiceRequest &r = *m_request;
    setWindowTitle(tr("Request %1").arg(RequestNumber::published(r.number)));
    m_title->setText(
        tr("%1 · %2 · %3")
            .arg(RequestNumber::published(r.number), r.typeName, requesttexts::status(r)));
    showFields(r);
    QStringList callers;
    const QList<Caller> attached = m_services.history.callersOf(r.id);
    for (const Caller &c : attached) {
        QStringList parts;
        for (const QString &part : {c.name, c.phone, c.email}) {
            if (!part.isEmpty())
                parts.append(part);
        }
        callers.append(parts.join(QStringLiteral(", ")));
    }
    m_callers->setText(callers.isEmpty()
                           ? tr("Callers: none recorded (anonymous or imported).")
                           : tr("Callers: %1").arg(callers.join(QStringLiteral("; "))));
    const bool imported = m_services.search.origin(r.id) == u"import";
    m_timeline->setEntries(m_services.timeline.forRequest(r, imported));
    m_timelineView->resizeRowsToContents();
    showLinks();
    updateStatusChoices();
    updateFollowUps();
}

// "Duplicate of …" and "Duplicates: …" as links that open the other request.
void RequestDetailDialog::showLinks()
{
    const auto link = [](const LinkedRequest &r) -> QString {
        const QString number = RequestNumber::published(r.number).toHtmlEscaped();
        const QString text = r.typeName.isEmpty()
                                 ? number
                                 : tr("%1 (%2)").arg(number, requesttexts::status(r.status));
        return u"<a href=\"" + r.id.toHtmlEscaped() + u"\">" + text + u"</a>";
    };
    const auto add = [this](const QString &label, const QString &html, const QString &name) {
        auto *text = new QLabel(html, this);
        text->setObjectName(name);
        text->setWordWrap(true);
        text->setTextFormat(Qt::RichText);
        text->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
        connect(text, &QLabel::linkActivated, this, &RequestDetailDialog::requestLinkActivated);
        m_fields->addRow(label, text);
    };
    if (const auto parent = m_services.duplicates.parentOf(m_requestId))
        add(tr("Duplicate of:"), link(*parent), QStringLiteral("detailDuplicateOfLabel"));
    const QList<LinkedRequest> duplicates = m_services.duplicates.duplicatesOf(m_requestId);
    m_openDuplicates = 0;
    QStringList links;
    for (const LinkedRequest &d : duplicates) {
        links.append(link(d));
        if (d.status != RequestStatus::Closed && !d.typeName.isEmpty())
            ++m_openDuplicates;
    }
    if (!links.isEmpty())
        add(tr("Duplicates:"), links.join(QStringLiteral(", ")),
            QStringLiteral("detailDuplicatesLabel"));
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

void RequestDetailDialog::showFields(const ServiceRequest &r)
{
    while (m_fields->rowCount() > 0)
        m_fields->removeRow(0);
    const QLocale locale;
    const auto when = [&](const QDateTime &t) {
        return t.isValid() ? locale.toString(m_services.cityZone.isValid()
                                                 ? t.toTimeZone(m_services.cityZone)
                                                 : t.toLocalTime(),
                                             QLocale::ShortFormat)
                           : QString();
    };
    const auto add = [this](const QString &label, const QString &value, const QString &name) {
        if (value.isEmpty())
            return;
        auto *text = new QLabel(value, this);
        text->setObjectName(name);
        text->setWordWrap(true);
        text->setTextFormat(Qt::PlainText);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_fields->addRow(label, text);
    };
    add(tr("Number:"), RequestNumber::published(r.number), QStringLiteral("detailNumberLabel"));
    add(tr("Type:"),
        r.serviceCode.isEmpty() ? r.typeName : tr("%1 (%2)").arg(r.typeName, r.serviceCode),
        QStringLiteral("detailTypeLabel"));
    add(tr("Status:"), requesttexts::status(r), QStringLiteral("detailStatusLabel"));
    add(tr("Status note:"), r.statusNote, QStringLiteral("detailStatusNoteLabel"));
    add(tr("Closure reason:"), requesttexts::closureReason(r.closureReason),
        QStringLiteral("detailClosureLabel"));
    add(tr("SLA:"),
        r.dueAt.isValid()
            ? tr("%1, due %2").arg(requesttexts::sla(r.slaState(m_services.now())), when(r.dueAt))
            : requesttexts::sla(SlaState::NoTarget),
        QStringLiteral("detailSlaLabel"));
    add(tr("Opened:"), when(r.openedAt), QStringLiteral("detailOpenedLabel"));
    add(tr("Closed:"), when(r.closedAt), QStringLiteral("detailClosedLabel"));
    add(tr("Channel:"), requesttexts::channel(r.channel), QStringLiteral("detailChannelLabel"));
    add(tr("Address:"), r.address, QStringLiteral("detailAddressLabel"));
    QStringList district;
    for (const QString &part : {r.neighborhood, r.ward, r.precinct, r.zip}) {
        if (!part.isEmpty())
            district.append(part);
    }
    add(tr("District:"), district.join(QStringLiteral(" · ")),
        QStringLiteral("detailDistrictLabel"));
    // Written for the agent: the department's name, and each answer as its question and the
    // chosen labels, in the form's order (codes only for what the catalogue no longer knows).
    const auto department = m_services.catalogue.department(r.departmentCode);
    add(tr("Department:"), department ? department->name : r.departmentCode,
        QStringLiteral("detailDepartmentLabel"));
    add(tr("Description:"), r.description, QStringLiteral("detailDescriptionLabel"));
    QStringList answers;
    QSet<QString> shown;
    const auto type = m_services.catalogue.serviceType(r.serviceCode);
    const QList<ServiceAttribute> attributes = type ? type->attributes : QList<ServiceAttribute>();
    for (const ServiceAttribute &attribute : attributes) {
        const auto answer = r.attributes.constFind(attribute.code);
        if (answer == r.attributes.cend() || answer->isEmpty())
            continue;
        QStringList labels;
        for (const QString &value : *answer) {
            const auto known =
                std::find_if(attribute.values.cbegin(), attribute.values.cend(),
                             [&value](const AttributeValue &v) { return v.key == value; });
            labels.append(known != attribute.values.cend() ? known->name : value);
        }
        answers.append(attribute.description + u' ' + labels.join(QStringLiteral(", ")));
        shown.insert(attribute.code);
    }
    for (auto it = r.attributes.cbegin(); it != r.attributes.cend(); ++it) {
        if (!shown.contains(it.key()) && !it.value().isEmpty())
            answers.append(it.key() + u": " + it.value().join(QStringLiteral(", ")));
    }
    add(tr("Answers:"), answers.join(u'\n'), QStringLiteral("detailAnswersLabel"));
}

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
