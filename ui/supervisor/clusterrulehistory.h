#pragma once

#include "models/alerts/clusterrulelog.h"

#include <QTableWidget>
#include <QTimeZone>

namespace civicdesk {

// The audit trail of the cluster rules under the Clusters tab's rule row: every change, the
// latest first (when, who, which type, the rule before and after), from the cluster.rules_set
// events this store holds, its own and those pulled from the central store.
class ClusterRuleHistory : public QTableWidget
{
    Q_OBJECT

public:
    ClusterRuleHistory(const ClusterRuleLog &log, QTimeZone cityZone, QWidget *parent = nullptr);

    void refresh();
    const QList<ClusterRuleChange> &changes() const { return m_changes; }

private:
    QString ruleText(const ClusterRule &rule) const;

    const ClusterRuleLog &m_log;
    QTimeZone m_cityZone;
    QList<ClusterRuleChange> m_changes;
};

} // namespace civicdesk
