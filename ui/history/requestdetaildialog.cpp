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
#include <QPushButton>
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
    m_title->setText(tr("%1 · %2 · %3")
                         .arg(RequestNumber::published(r.number),
                              m_services.catalogue.serviceNames().shown(r.serviceCode, r.typeName),
                              requesttexts::status(r)));
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

} // namespace civicdesk
