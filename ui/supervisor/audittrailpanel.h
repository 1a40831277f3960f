#pragma once

#include "models/supervision/audit/audittrail.h"
#include "ui/supervisor/supervisorcontext.h"

#include <QWidget>

class QLabel;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace civicdesk {

// The workspace's audit trail: what supervisors, admins and request managers did in the last N
// days (models/supervision/audit/audittrail.h), the latest first — when, who, what, about which
// request — from this replica's event log. Enter on a request's row opens its timeline. Read
// again when shown and, while shown, when events reach the store.
class AuditTrailPanel : public QWidget
{
    Q_OBJECT

public:
    static constexpr int Limit = 1000;

    explicit AuditTrailPanel(const SupervisorContext &context, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    const QList<audittrail::Entry> &entries() const { return m_entries; }
    void refresh();

signals:
    void requestChosen(const QString &requestId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QString describe(const Event &event) const;

    SupervisorContext m_context;
    QSpinBox *m_days;
    QLabel *m_status;
    QTableWidget *m_table;
    QTimer *m_changes;
    QList<audittrail::Entry> m_entries;
};

} // namespace civicdesk
