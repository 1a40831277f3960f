#include "ui/history/statusreadbackbox.h"

#include "models/itemmodels/requesttexts.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace civicdesk {

StatusReadbackBox::StatusReadbackBox(const StatusReadback &readback, const QTimeZone &cityZone,
                                     QWidget *parent)
    : QWidget(parent), m_readback(readback), m_zone(cityZone), m_label(new QLabel(this)),
      m_number(new QLineEdit(this)), m_details(new QPushButton(this)), m_result(new QLabel(this)),
      m_confirmLabel(new QLabel(this)), m_confirm(new QLineEdit(this))
{
    m_confirm->setObjectName(QStringLiteral("readbackConfirmLineEdit"));
    m_confirm->setClearButtonEnabled(true);
    m_confirmLabel->setBuddy(m_confirm);
    m_confirmLabel->hide();
    m_confirm->hide();
    m_number->setObjectName(QStringLiteral("readbackNumberLineEdit"));
    m_number->setClearButtonEnabled(true);
    m_label->setBuddy(m_number);
    m_details->setObjectName(QStringLiteral("readbackDetailsButton"));
    m_details->setEnabled(false);
    m_result->setObjectName(QStringLiteral("readbackResultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_result->hide();
    auto *row = new QHBoxLayout;
    row->addWidget(m_label);
    row->addWidget(m_number, 1);
    row->addWidget(m_details);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_result);
    auto *confirmRow = new QHBoxLayout;
    confirmRow->addWidget(m_confirmLabel);
    confirmRow->addWidget(m_confirm, 1);
    layout->addLayout(confirmRow);
    connect(m_number, &QLineEdit::returnPressed, this, &StatusReadbackBox::lookUp);
    connect(m_confirm, &QLineEdit::returnPressed, this, &StatusReadbackBox::confirm);
    connect(m_details, &QPushButton::clicked, this, [this] {
        if (!m_foundId.isEmpty())
            emit detailRequested(m_foundId);
    });
    retranslate();
}

void StatusReadbackBox::retranslate()
{
    m_label->setText(tr("Status of:"));
    m_number->setPlaceholderText(tr("Request number the caller reads out, then Enter"));
    m_number->setAccessibleName(tr("Status of request number"));
    m_details->setText(tr("Details…"));
    m_confirmLabel->setText(tr("Confirm with:"));
    m_confirm->setPlaceholderText(tr("The street address or the date the caller gives"));
}

void StatusReadbackBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void StatusReadbackBox::focusNumber()
{
    m_number->setFocus(Qt::ShortcutFocusReason);
    m_number->selectAll();
}

void StatusReadbackBox::clear()
{
    m_number->clear();
    m_foundId.clear();
    m_details->setEnabled(false);
    m_result->clear();
    m_result->hide();
    m_pending.reset();
    m_confirm->clear();
    m_confirm->hide();
    m_confirmLabel->hide();
}

QString StatusReadbackBox::resultText() const
{
    return m_result->text();
}

QString StatusReadbackBox::date(const QDateTime &time) const
{
    return QLocale().toString(m_zone.isValid() ? time.toTimeZone(m_zone).date()
                                               : time.toLocalTime().date(),
                              QLocale::LongFormat);
}

QString StatusReadbackBox::phrase(const ReadBack &found) const
{
    const ServiceRequest &r = found.request;
    const QString type = m_names.shown(r.serviceCode, r.typeName);
    QStringList sentences;
    const QString what = r.address.isEmpty()
                             ? tr("Request %1, %2, was opened on %3.")
                                   .arg(found.displayNumber, type, date(r.openedAt))
                             : tr("Request %1, %2 at %3, was opened on %4.")
                                   .arg(found.displayNumber, type, r.address, date(r.openedAt));
    sentences.append(what);
    const QDateTime now = m_clock.now();
    switch (r.status) {
    case RequestStatus::Open:
        sentences.append(tr("It is open and waiting for the department."));
        break;
    case RequestStatus::InProgress:
        sentences.append(tr("The department is working on it."));
        break;
    case RequestStatus::Closed:
        sentences.append(r.closedAt.isValid() ? tr("It was closed on %1.").arg(date(r.closedAt))
                                              : tr("It is closed."));
        if (!r.closureReason.isEmpty())
            sentences.append(tr("Reason: %1.").arg(requesttexts::closureReason(r.closureReason)));
        break;
    }
    if (const QString word = requesttexts::status(r); word != requesttexts::status(r.status))
        sentences.append(r.statusNote.trimmed().isEmpty()
                             ? tr("The city's record says \u201c%1\u201d.").arg(r.sourceStatus)
                             : tr("The city's record says \u201c%1\u201d: %2")
                                   .arg(r.sourceStatus, r.statusNote.trimmed()));
    if (r.status != RequestStatus::Closed) {
        if (!r.dueAt.isValid())
            sentences.append(tr("This type of request has no target date."));
        else if (r.dueAt < now)
            sentences.append(tr("It was expected by %1 and is overdue; I will flag it to the "
                                "department.")
                                 .arg(date(r.dueAt)));
        else
            sentences.append(tr("It is expected to be resolved by %1.").arg(date(r.dueAt)));
    }
    if (found.latestPublicNote)
        sentences.append(
            tr("Latest update, %1: %2")
                .arg(date(found.latestPublicNote->time), found.latestPublicNote->text));
    else
        sentences.append(tr("There is no public update yet."));
    return sentences.join(u' ');
}

void StatusReadbackBox::lookUp()
{
    const Result<ReadBack> found = m_readback.lookUp(m_number->text());
    m_result->show();
    m_pending.reset();
    m_confirm->clear();
    m_confirm->hide();
    m_confirmLabel->hide();
    if (found && !found.value().checked) {
        // Nothing is read before the second detail matches.
        m_pending = found.value();
        m_foundId.clear();
        m_details->setEnabled(false);
        m_result->setProperty("error", false);
        m_result->setText(tr("City case number %1 has no check character: one wrong digit finds "
                             "someone else's request. Ask the caller for the street address or "
                             "the date they reported it, type it under \"Confirm with\" and "
                             "press Enter.")
                              .arg(found.value().displayNumber));
        m_confirmLabel->show();
        m_confirm->show();
        m_confirm->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (!found) {
        m_foundId.clear();
        m_details->setEnabled(false);
        m_result->setProperty("error", true);
        m_result->setText(found.error().message);
        m_number->selectAll();
        return;
    }
    showFound(found.value());
}

void StatusReadbackBox::confirm()
{
    if (!m_pending)
        return;
    if (!StatusReadback::confirms(m_pending->request, m_confirm->text(), m_zone)) {
        m_result->setProperty("error", true);
        m_result->setText(tr("\"%1\" does not match case %2: do not read it. Ask the caller to "
                             "read the number again, or for the address or date once more.")
                              .arg(m_confirm->text().trimmed(), m_pending->displayNumber));
        m_confirm->selectAll();
        return;
    }
    const ReadBack found = *m_pending;
    m_pending.reset();
    m_confirm->hide();
    m_confirmLabel->hide();
    m_number->setFocus(Qt::OtherFocusReason);
    showFound(found);
}

void StatusReadbackBox::showFound(const ReadBack &found)
{
    m_foundId = found.request.id;
    m_details->setEnabled(true);
    m_result->setProperty("error", false);
    m_result->setText(phrase(found));
    emit requestFound(m_foundId);
}

} // namespace civicdesk
