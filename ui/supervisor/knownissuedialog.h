#pragma once

#include "models/alerts/clusterdetector.h"
#include "models/domain/supervision/knownissue.h"

#include <QDialog>
#include <QTimeZone>

class QLabel;
class QPlainTextEdit;
class QSpinBox;

namespace civicdesk {

class KnownIssues;

// Posts a known issue from a cluster: what agents should know and what they say to callers
// (both filled in from the cluster, to be edited), and when it expires. The area, type and
// parent request are the cluster's. Nothing is written until it is accepted by the store's
// checks; a refusal is shown here and the dialog stays.
class KnownIssueDialog : public QDialog
{
    Q_OBJECT

public:
    KnownIssueDialog(const Cluster &cluster, KnownIssues &issues, const QTimeZone &zone,
                     const QDateTime &now, QWidget *parent = nullptr);

    QPlainTextEdit *agentTextEdit() const { return m_agentText; }
    QPlainTextEdit *scriptEdit() const { return m_script; }
    QSpinBox *hoursBox() const { return m_hours; }
    QString postedId() const { return m_postedId; }

    void accept() override;

private:
    Cluster m_cluster;
    KnownIssues &m_issues;
    QDateTime m_now;
    QPlainTextEdit *m_agentText;
    QPlainTextEdit *m_script;
    QSpinBox *m_hours;
    QLabel *m_error;
    QString m_postedId;
};

} // namespace civicdesk
