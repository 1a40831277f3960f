#pragma once

#include <QLabel>
#include <QTimer>

namespace civicdesk {

class Database;

// One line telling the agent where a request's changes are: saved on this workstation (and
// how many wait to be sent), in the central store, or rejected with the server's reason.
// Re-reads the state while shown, so it changes as sync goes on.
class DeliveryStateLabel : public QLabel
{
    Q_OBJECT

public:
    DeliveryStateLabel(Database &database, QString entityType, QString entityId,
                       QWidget *parent = nullptr);

    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    Database &m_database;
    QString m_entityType;
    QString m_entityId;
    QTimer m_timer;
};

} // namespace civicdesk
