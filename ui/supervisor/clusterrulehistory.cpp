#include "ui/supervisor/clusterrulehistory.h"

#include "ui/supervisor/drilldowndialog.h"

#include <QHeaderView>
#include <QLocale>

namespace civicdesk {

ClusterRuleHistory::ClusterRuleHistory(const ClusterRuleLog &log, QTimeZone cityZone,
                                       QWidget *parent)
    : QTableWidget(parent), m_log(log), m_cityZone(std::move(cityZone))
{
    setObjectName(QStringLiteral("clusterRuleHistoryTable"));
    setAccessibleName(tr("Changes of the cluster rules, the latest first"));
    setUpRowList(this);
    setColumnCount(5);
    setHorizontalHeaderLabels({tr("Changed"), tr("By"), tr("Rule for"), tr("Before"), tr("After")});
    horizontalHeader()->setStretchLastSection(true);
    setMaximumHeight(fontMetrics().height() * 6);
    refresh();
}

QString ClusterRuleHistory::ruleText(const ClusterRule &rule) const
{
    return tr("%n request(s) within %1 m in %2 h", nullptr, rule.count)
        .arg(QLocale().toString(qRound(rule.metres)))
        .arg(rule.hours);
}

void ClusterRuleHistory::refresh()
{
    m_changes = m_log.history();
    setRowCount(int(m_changes.size()));
    const QLocale locale;
    for (int row = 0; row < m_changes.size(); ++row) {
        const ClusterRuleChange &c = m_changes.at(row);
        const QString what = c.serviceCode.isEmpty() ? tr("Every other type (city-wide default)")
                             : c.typeName.isEmpty()  ? c.serviceCode
                                                     : c.typeName;
        const QStringList cells = {
            locale.toString(c.at.toTimeZone(m_cityZone), QLocale::ShortFormat), c.actor, what,
            ruleText(c.before), ruleText(c.after)};
        for (int column = 0; column < cells.size(); ++column)
            setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    resizeColumnsToContents();
    if (!m_changes.isEmpty() && currentRow() < 0)
        setCurrentCell(0, 0);
}

} // namespace civicdesk
