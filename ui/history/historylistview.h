#pragma once

#include "models/requests/historyentry.h"

#include <QWidget>

class QLabel;
class QTableView;
class QTimeZone;

namespace civicdesk {

class HistoryEntryModel;

// One of the views that follow the contact: a caption saying what it shows, and its rows.
// Enter or a double click on a row opens the request.
class HistoryListView : public QWidget
{
    Q_OBJECT

public:
    HistoryListView(const QString &objectNamePrefix, const QTimeZone &cityZone,
                    QWidget *parent = nullptr);

    void setEntries(QList<HistoryEntry> entries, const QString &caption);
    HistoryEntryModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

signals:
    void requestActivated(const QString &requestId);

private:
    HistoryEntryModel *m_model;
    QLabel *m_caption;
    QTableView *m_table;
};

} // namespace civicdesk
