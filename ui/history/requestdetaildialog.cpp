#include "history/requestdetaildialog.h"

#include "history/historyservices.h"
#include "itemmodels/requesttexts.h"
#include "itemmodels/timelinemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
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
      m_close(new QPushButton(this))
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

    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_noteLabel);
    noteRow->addWidget(m_note, 1);
    noteRow->addWidget(m_notePublic);
    noteRow->addWidget(m_addNote);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_statusLabel);
    statusRow->addWidget(m_status);
    statusRow->addWidget(m_reason, 1);
    statusRow->addWidget(m_changeStatus);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_message, 1);
    bottom->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(m_fields);
    layout->addWidget(m_callers);
    layout->addWidget(m_timelineView, 1);
    layout->addLayout(noteRow);
    layout->addLayout(statusRow);
    layout->addLayout(bottom);
    setTabOrder(m_note, m_notePublic);
    setTabOrder(m_notePublic, m_addNote);
    setTabOrder(m_addNote, m_status);
    setTabOrder(m_status, m_reason);
    setTabOrder(m_reason, m_changeStatus);
    setTabOrder(m_changeStatus, m_timelineView);
    resize(760, 640);

    connect(m_note, &QLineEdit::returnPressed, this, &RequestDetailDialog::addNote);
    connect(m_addNote, &QPushButton::clicked, this, &RequestDetailDialog::addNote);
    connect(m_changeStatus, &QPushButton::clicked, this, &RequestDetailDialog::changeStatus);
    connect(m_status, &QComboBox::currentIndexChanged, this,
            [this] { m_reason->setEnabled(m_status->currentData().toString() == u"closed"); });
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
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
    setWindowTitle(tr("Request %1").arg(r.number));
    m_title->setText(tr("%1 · %2 · %3").arg(r.number, r.typeName, requesttexts::status(r.status)));
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
    updateStatusChoices();
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
    add(tr("Number:"), r.number, QStringLiteral("detailNumberLabel"));
    add(tr("Type:"),
        r.serviceCode.isEmpty() ? r.typeName : tr("%1 (%2)").arg(r.typeName, r.serviceCode),
        QStringLiteral("detailTypeLabel"));
    add(tr("Status:"), requesttexts::status(r.status), QStringLiteral("detailStatusLabel"));
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
    add(tr("Department:"), r.departmentCode, QStringLiteral("detailDepartmentLabel"));
    add(tr("Description:"), r.description, QStringLiteral("detailDescriptionLabel"));
    QStringList answers;
    for (auto it = r.attributes.cbegin(); it != r.attributes.cend(); ++it)
        answers.append(it.key() + u": " + it.value().join(QStringLiteral(", ")));
    answers.sort();
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
    showMessage(tr("Note added."), false);
    reload();
    emit requestChanged(m_requestId);
}

void RequestDetailDialog::changeStatus()
{
    const auto to = requestStatusFromName(m_status->currentData().toString());
    if (!to)
        return;
    const Status s =
        m_services.actions.changeStatus(m_requestId, *to, m_reason->currentData().toString());
    if (!s) {
        showMessage(s.error().message, true);
        return;
    }
    showMessage(tr("Status changed to %1.").arg(requesttexts::status(*to)), false);
    reload();
    emit requestChanged(m_requestId);
}

void RequestDetailDialog::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setProperty("error", error);
}

} // namespace civicdesk
