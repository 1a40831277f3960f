#pragma once

#include <QLabel>
#include <QTimer>

namespace civicdesk {

class DeliveryReader;

// One line telling the agent where a request's changes are: saved on this workstation (and
// how many wait to be sent), in the central store, or rejected with the server's reason.
// Re-reads the state while shown, so it changes as sync goes on.
class DeliveryStateLabel : public QLabel
{
    Q_OBJECT

public:
    // `delivery`: handed over by the composition root (HistoryServices::delivery).
    DeliveryStateLabel(const DeliveryReader &delivery, QString entityType, QString entityId,
                       QWidget *parent = nullptr);

    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    const DeliveryReader &m_delivery;
    QString m_entityType;
    QString m_entityId;
    QTimer m_timer;
};

} // namespace civicdesk
