#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;
class QTimeZone;

namespace civicdesk {

class RequestListModel;
class RequestRepository;

// The history area: every request in the local store, newest first, fetched as the agent
// scrolls; filter by number, address or type words and by status.
class HistoryPanel : public QWidget
{
    Q_OBJECT

public:
    HistoryPanel(const RequestRepository &requests, const QTimeZone &cityZone,
                 QWidget *parent = nullptr);

    void focusFilter();
    RequestListModel *model() const { return m_model; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void applyFilter();
    void updateCount();

    RequestListModel *m_model;
    QLabel *m_filterLabel;
    QLineEdit *m_filter;
    QComboBox *m_status;
    QLabel *m_countLabel;
    QTableView *m_table;
    QTimer *m_debounce;
};

} // namespace civicdesk
