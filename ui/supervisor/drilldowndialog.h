#pragma once

#include "models/supervision/kpi/kpireport.h"

#include <QDialog>
#include <QStringList>
#include <QTimeZone>

class QLabel;
class QPushButton;
class QSplitter;
class QTableWidget;

namespace civicdesk {

class ReplayPanel;

// A read-only list of rows: one row selected, arrows move, Tab leaves it.
void setUpRowList(QTableWidget *table);

// What is behind one number: the contacts or the requests it counts, oldest first. Enter on a
// request (or on a contact that made or joined one) asks for the request's detail; R (or
// Alt+R) on a contact replays its intake in a panel beside the list, which then follows the
// selected contact.
class DrillDownDialog : public QDialog
{
    Q_OBJECT

public:
    DrillDownDialog(const QString &title, const QTimeZone &zone, QWidget *parent = nullptr);

    void showContacts(const QList<KpiContactLine> &lines, int limit);
    void showRequests(const QList<KpiRequestLine> &lines, int limit);
    void showError(const QString &message);
    QTableWidget *table() const { return m_table; }
    int rowCount() const;
    // The panel R opens beside the list (the dialog takes it).
    void setReplayPanel(ReplayPanel *panel);
    ReplayPanel *replayPanel() const { return m_replay; }
    // Replays the selected contact's intake beside the list, the focus on its steps.
    void replaySelected();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

signals:
    void requestActivated(const QString &requestId);

private:
    void fill(const QStringList &headers, const QList<QStringList> &rows,
              const QStringList &requestOfRow, const QString &summary,
              const QStringList &contactOfRow = {});
    void activate(int row);
    QString time(qint64 secs) const;

    QTimeZone m_zone;
    QLabel *m_summary;
    QTableWidget *m_table;
    QStringList m_requestOfRow; // the request each row opens ("" = none)
    QStringList m_contactOfRow; // the contact each row replays ("" = none)
    QSplitter *m_splitter;
    QPushButton *m_replayButton;
    ReplayPanel *m_replay = nullptr;
};

} // namespace civicdesk
