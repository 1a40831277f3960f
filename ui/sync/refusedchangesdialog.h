#pragma once

#include "models/sync/syncstore.h"

#include <QDialog>

class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace civicdesk {

class EventStore;

// The changes the central store refused, each with its reason. The agent picks one, corrects
// its values and resends it as a new change; nothing refused is ever dropped silently.
class RefusedChangesDialog : public QDialog
{
    Q_OBJECT

public:
    RefusedChangesDialog(SyncStore &sync, EventStore &events, QWidget *parent = nullptr);

    void reload();

private:
    void showSelected();
    void resend();

    SyncStore &m_sync;
    EventStore &m_events;
    QList<RejectedEvent> m_rejected;
    QListWidget *m_list;
    QLabel *m_reason;
    QFormLayout *m_fields;
    QList<std::pair<QString, QLineEdit *>> m_editors;
    QLabel *m_message;
    QPushButton *m_resend;
};

} // namespace civicdesk
