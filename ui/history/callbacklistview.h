#pragma once

#include "models/requests/callbackentry.h"

#include <QWidget>

class QLabel;
class QTableView;
class QTimeZone;

namespace civicdesk {

class CallbackListModel;

// Callbacks promised to callers and not yet made, the earliest due first: overdue ones lead,
// then those due within the hour. Enter or a double click opens the request, where the
// callback is marked done.
class CallbackListView : public QWidget
{
    Q_OBJECT

public:
    CallbackListView(const QTimeZone &cityZone, QWidget *parent = nullptr);

    void setEntries(QList<CallbackEntry> entries);
    CallbackListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

signals:
    void requestActivated(const QString &requestId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    CallbackListModel *m_model;
    QLabel *m_caption;
    QTableView *m_table;
};

} // namespace civicdesk
