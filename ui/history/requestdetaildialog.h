#pragma once

#include "models/domain/servicerequest.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace civicdesk {

class HistoryServices;
class TimelineModel;

// One request in full: every field, the callers attached, its duplicate links (both ways) and
// callbacks, and its timeline from the event log (or the city's records for imported history).
// The agent adds notes, links it as a duplicate of another request, schedules a callback and
// marks it done, and, as the role allows, changes the status (closing a parent may close its
// open duplicates too) or unlinks a duplicate; each action is one event. Shown without
// blocking (show(), never exec()), so the call goes on and tests drive it like any widget.
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
    // The agent followed a link to a related request (the parent or a duplicate).
    void requestLinkActivated(const QString &requestId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void retranslate();
    void showFields(const ServiceRequest &request);
    void showLinks();
    void updateStatusChoices();
    void updateFollowUps();
    void addNote();
    void changeStatus();
    void linkDuplicate();
    void unlinkDuplicate();
    void scheduleCallback();
    void completeCallback();
    void changed(const QString &message);
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
    QCheckBox *m_closeDuplicates;
    QLabel *m_parentLabel;
    QLineEdit *m_parentNumber;
    QPushButton *m_link;
    QPushButton *m_unlink;
    QLabel *m_callbackLabel;
    QDateTimeEdit *m_callbackDue;
    QLineEdit *m_callbackNote;
    QPushButton *m_scheduleCallback;
    QComboBox *m_pendingCallbacks;
    QComboBox *m_callbackOutcome;
    QPushButton *m_callbackDone;
    int m_openDuplicates = 0;
};

} // namespace civicdesk
