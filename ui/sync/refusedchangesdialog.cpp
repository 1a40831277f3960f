#include "ui/sync/refusedchangesdialog.h"

#include "models/store/eventstore.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace civicdesk {

RefusedChangesDialog::RefusedChangesDialog(SyncStore &sync, EventStore &events, QWidget *parent)
    : QDialog(parent), m_sync(sync), m_events(events), m_list(new QListWidget(this)),
      m_reason(new QLabel(this)), m_fields(new QFormLayout), m_message(new QLabel(this)),
      m_resend(new QPushButton(tr("&Resend corrected"), this))
{
    setObjectName(QStringLiteral("refusedChangesDialog"));
    setWindowTitle(tr("Changes refused by the central store"));
    m_list->setObjectName(QStringLiteral("refusedChangesListWidget"));
    m_reason->setObjectName(QStringLiteral("refusedReasonLabel"));
    m_reason->setWordWrap(true);
    m_reason->setTextFormat(Qt::PlainText);
    m_message->setObjectName(QStringLiteral("refusedMessageLabel"));
    m_message->setTextFormat(Qt::PlainText);
    m_resend->setObjectName(QStringLiteral("refusedResendButton"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_resend, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_reason);
    layout->addLayout(m_fields);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, &RefusedChangesDialog::showSelected);
    connect(m_resend, &QPushButton::clicked, this, &RefusedChangesDialog::resend);
    resize(640, 480);
    reload();
}

void RefusedChangesDialog::reload()
{
    m_rejected = m_sync.rejected();
    m_list->clear();
    for (const RejectedEvent &r : std::as_const(m_rejected)) {
        const QString number = r.event.payload.value(u"number").toString();
        m_list->addItem(
            tr("%1 · %2 %3 · %4")
                .arg(QLocale().toString(r.rejectedAt.toLocalTime(), QLocale::ShortFormat),
                     r.event.kind, number.isEmpty() ? r.event.entityId : number, r.reason.message));
    }
    if (m_rejected.isEmpty())
        m_message->setText(tr("No refused changes: everything was accepted."));
    m_list->setCurrentRow(m_rejected.isEmpty() ? -1 : 0);
    showSelected();
}

void RefusedChangesDialog::showSelected()
{
    while (m_fields->rowCount() > 0)
        m_fields->removeRow(0);
    m_editors.clear();
    const int row = m_list->currentRow();
    m_resend->setEnabled(row >= 0);
    if (row < 0 || row >= m_rejected.size()) {
        m_reason->clear();
        return;
    }
    const RejectedEvent &r = m_rejected.at(row);
    m_reason->setText(tr("Reason: %1%2")
                          .arg(r.reason.message, r.reason.field.isEmpty()
                                                     ? QString()
                                                     : tr(" (field %1)").arg(r.reason.field)));
    // Text and number values can be corrected here; structured ones are resent as they are.
    for (auto it = r.event.payload.constBegin(); it != r.event.payload.constEnd(); ++it) {
        if (!it.value().isString() && !it.value().isDouble())
            continue;
        auto *edit = new QLineEdit(it.value().isString() ? it.value().toString()
                                                         : QString::number(it.value().toDouble()),
                                   this);
        edit->setObjectName(u"refusedField_" + it.key());
        m_fields->addRow(it.key(), edit);
        m_editors.append({it.key(), edit});
    }
}

void RefusedChangesDialog::resend()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_rejected.size())
        return;
    const RejectedEvent &r = m_rejected.at(row);
    QJsonObject payload = r.event.payload;
    for (const auto &[key, edit] : std::as_const(m_editors)) {
        if (payload.value(key).isDouble())
            payload.insert(key, edit->text().toDouble());
        else
            payload.insert(key, edit->text());
    }
    auto resent = m_sync.resend(m_events, r.event.id, payload);
    if (!resent) {
        m_message->setText(resent.error().message);
        return;
    }
    reload();
    m_message->setText(tr("Resent: it will be delivered with the next sync."));
}

} // namespace civicdesk
