#pragma once

#include "domain/servicerequest.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace civicdesk {

class HistoryServices;
class TimelineModel;

// One request in full: every field, the callers attached, and its timeline from the event log
// (or the city's records for imported history). The agent adds notes and, as the role allows,
// changes the status; each action is one event. Shown without blocking (show(), never exec()),
// so the call goes on and tests drive it like any widget.
class RequestDetailDialog : public QDialog
{
    Q_OBJECT

public:
    RequestDetailDialog(HistoryServices &services, QString requestId, QWidget *parent = nullptr);

    QString requestId() const { return m_requestId; }
    TimelineModel *timeline() const { return m_timeline; }
    // Reads the request, its callers and its timeline again.
    void reload();

signals:
    void requestChanged(const QString &requestId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void retranslate();
    void showFields(const ServiceRequest &request);
    void updateStatusChoices();
    void addNote();
    void changeStatus();
    void showMessage(const QString &text, bool error);

    HistoryServices &m_services;
    QString m_requestId;
    std::optional<ServiceRequest> m_request;
    TimelineModel *m_timeline;
    QLabel *m_title;
    QFormLayout *m_fields;
    QLabel *m_callers;
    QTableView *m_timelineView;
    QLabel *m_noteLabel;
    QLineEdit *m_note;
    QCheckBox *m_notePublic;
    QPushButton *m_addNote;
    QLabel *m_statusLabel;
    QComboBox *m_status;
    QComboBox *m_reason;
    QPushButton *m_changeStatus;
    QLabel *m_message;
    QPushButton *m_close;
};

} // namespace civicdesk
