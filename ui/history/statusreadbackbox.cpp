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
      m_number(new QLineEdit(this)), m_details(new QPushButton(this)), m_result(new QLabel(this))
{
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
    connect(m_number, &QLineEdit::returnPressed, this, &StatusReadbackBox::lookUp);
    connect(m_details, &QPushButton::clicked, this, [this] {
        if (!m_foundId.isEmpty())
            emit detailRequested(m_foundId);
    });
    retranslate();
}

void StatusReadbackBox::retranslate()
{
    m_label->setText(tr("&Status of:"));
    m_number->setPlaceholderText(tr("Request number the caller reads out, then Enter"));
    m_number->setAccessibleName(tr("Request number for status read-back"));
    m_details->setText(tr("&Details…"));
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
    QStringList sentences;
    const QString what =
        r.address.isEmpty()
            ? tr("Request %1, %2, was opened on %3.")
                  .arg(found.displayNumber, r.typeName, date(r.openedAt))
            : tr("Request %1, %2 at %3, was opened on %4.")
                  .arg(found.displayNumber, r.typeName, r.address, date(r.openedAt));
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
    if (!found) {
        m_foundId.clear();
        m_details->setEnabled(false);
        m_result->setProperty("error", true);
        m_result->setText(found.error().message);
        m_number->selectAll();
        return;
    }
    m_foundId = found.value().request.id;
    m_details->setEnabled(true);
    m_result->setProperty("error", false);
    m_result->setText(phrase(found.value()));
    emit requestFound(m_foundId);
}

} // namespace civicdesk
