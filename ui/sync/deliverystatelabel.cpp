#include "ui/sync/deliverystatelabel.h"

#include "models/store/delivery.h"

namespace civicdesk {

DeliveryStateLabel::DeliveryStateLabel(const DeliveryReader &delivery, QString entityType,
                                       QString entityId, QWidget *parent)
    : QLabel(parent), m_delivery(delivery), m_entityType(std::move(entityType)),
      m_entityId(std::move(entityId))
{
    setObjectName(QStringLiteral("deliveryStateLabel"));
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, &DeliveryStateLabel::refresh);
    refresh();
}

void DeliveryStateLabel::refresh()
{
    const Delivery delivery = m_delivery.deliveryOf(m_entityType, m_entityId);
    switch (delivery.state) {
    case DeliveryState::Local:
        setText(delivery.waiting == 1
                    ? tr("Saved on this workstation (1 change not yet in the central store)")
                    : tr("Saved on this workstation (%1 changes not yet in the central store)")
                          .arg(delivery.waiting));
        setStyleSheet(QStringLiteral("color: #8a5a00;"));
        break;
    case DeliveryState::Central:
        setText(tr("In the central store"));
        setStyleSheet(QStringLiteral("color: #1b6e20;"));
        break;
    case DeliveryState::Rejected:
        setText(tr("Rejected by the central store: %1. Correct and resend it from Sync ▸ "
                   "Refused changes.")
                    .arg(delivery.reason));
        setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
        break;
    case DeliveryState::Imported:
        setText(tr("From the city's records"));
        setStyleSheet(QString());
        break;
    }
}

void DeliveryStateLabel::showEvent(QShowEvent *event)
{
    QLabel::showEvent(event);
    refresh();
    m_timer.start();
}

void DeliveryStateLabel::hideEvent(QHideEvent *event)
{
    m_timer.stop();
    QLabel::hideEvent(event);
}

} // namespace civicdesk
