#pragma once

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace civicdesk {

class RequestListModel;

// Search across all history: number, address or type words; the caller's phone; the type;
// status; opening dates. The table sorts by any column (in the store) and loads as it scrolls;
// searches run on the model's search thread, so typing never waits for the store.
class HistorySearchView : public QWidget
{
    Q_OBJECT

public:
    HistorySearchView(RequestListModel *model, QWidget *parent = nullptr);

    void focusFilter();
    void applyFilter();
    QTableView *table() const { return m_table; }

signals:
    void requestActivated(const QString &requestId);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void updateCount();

    RequestListModel *m_model;
    QLabel *m_filterLabel;
    QLineEdit *m_filter;
    QComboBox *m_status;
    QLabel *m_phoneLabel;
    QLineEdit *m_phone;
    QLabel *m_typeLabel;
    QLineEdit *m_type;
    QLabel *m_fromLabel;
    QDateEdit *m_from;
    QLabel *m_toLabel;
    QDateEdit *m_to;
    QLabel *m_countLabel;
    QTableView *m_table;
    QTimer *m_debounce;
    QString m_error;
};

} // namespace civicdesk
