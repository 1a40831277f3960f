#include "ui/supervisor/slaalertspanel.h"

#include "models/itemmodels/requesttexts.h"
#include "models/requests/historyservices.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "ui/supervisor/drilldowndialog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace civicdesk {

namespace {

enum Which
{
    Both,
    OverdueOnly,
    DueSoonOnly
};

// "2 d 3 h", "3 h 20 min", "12 min": how far a due time is from now.
QString span(qint64 seconds)
{
    seconds = std::max<qint64>(seconds, 0);
    const qint64 minutes = seconds / 60;
    const qint64 hours = minutes / 60;
    const qint64 days = hours / 24;
    if (days > 0)
        return SlaAlertsPanel::tr("%1 d %2 h").arg(days).arg(hours % 24);
    if (hours > 0)
        return SlaAlertsPanel::tr("%1 h %2 min").arg(hours).arg(minutes % 60);
    return SlaAlertsPanel::tr("%1 min").arg(minutes);
}

QString departmentOf(const KpiRequestLine &line)
{
    return line.department.isEmpty() ? SlaAlertsPanel::tr("(none)") : line.department;
}

} // namespace

SlaAlertsPanel::SlaAlertsPanel(const SupervisorContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_which(new QComboBox(this)),
      m_summary(new QLabel(this)), m_table(new QTableWidget(this))
{
    setObjectName(QStringLiteral("slaAlertsPanel"));
    m_which->setObjectName(QStringLiteral("slaAlertWhichComboBox"));
    m_which->setAccessibleName(tr("Overdue, due soon or both"));
    m_which->addItems({tr("Overdue and due soon"), tr("Overdue only"), tr("Due soon only")});
    m_summary->setObjectName(QStringLiteral("slaAlertSummaryLabel"));
    m_summary->setWordWrap(true);

    m_table->setObjectName(QStringLiteral("slaAlertTable"));
    m_table->setAccessibleName(
        tr("Requests overdue or about to be; Enter opens a request and its timeline"));
    setUpRowList(m_table);
    m_table->setColumnCount(7);
    m_table->setHorizontalHeaderLabels({tr("Alert"), tr("Request"), tr("Type"), tr("Department"),
                                        tr("Status"), tr("Due"), tr("Overdue by / left")});
    connect(m_table, &QTableWidget::activated, this, [this](const QModelIndex &index) {
        if (QTableWidgetItem *item = m_table->item(index.row(), 1))
            emit requestChosen(item->data(Qt::UserRole).toString());
    });

    auto *queue = new QHBoxLayout;
    const auto labelled = [this, queue](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        queue->addWidget(label);
        queue->addWidget(field);
    };
    labelled(tr("Show:"), m_which);
    queue->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(queue);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    setTabOrder(m_table, m_which);
    setFocusProxy(m_table);
    connect(m_which, &QComboBox::currentIndexChanged, this, [this] {
        query();
        showAlerts();
    });
}

void SlaAlertsPanel::refresh(const KpiFilter &filter, const QDateTime &now, const KpiReport &report)
{
    m_filter = filter;
    m_now = now;
    m_backlog = report.backlog;
    query();
    showAlerts();
}

void SlaAlertsPanel::query()
{
    using M = KpiCell::Metric;
    m_alerts.clear();
    m_cut = false;
    m_error.clear();
    const int which = m_which->currentIndex();
    for (const M metric : {M::Overdue, M::DueSoon}) {
        if ((metric == M::Overdue && which == DueSoonOnly) ||
            (metric == M::DueSoon && which == OverdueOnly))
            continue;
        auto lines = m_context.kpis.requestsBehind(m_filter, KpiCell{metric}, m_now);
        if (!lines) {
            m_error = lines.error().message;
            m_alerts.clear();
            return;
        }
        m_cut = m_cut || lines.value().size() >= SupervisionKpis::DrillLimit;
        const ServiceNames names = m_context.history.catalogue.serviceNames();
        for (KpiRequestLine line : lines.value()) {
            line.typeName = names.shown(line.serviceCode, line.typeName); // the window's language
            m_alerts.append({line, metric == M::Overdue});
        }
    }
    std::stable_sort(m_alerts.begin(), m_alerts.end(),
                     [](const Alert &a, const Alert &b) { return a.line.dueAt < b.line.dueAt; });
}

void SlaAlertsPanel::showAlerts()
{
    const QString current =
        m_table->currentRow() >= 0 && m_table->item(m_table->currentRow(), 1)
            ? m_table->item(m_table->currentRow(), 1)->data(Qt::UserRole).toString()
            : QString();
    const qint64 now = m_now.toSecsSinceEpoch();
    m_table->setRowCount(int(m_alerts.size()));
    int select = m_alerts.isEmpty() ? -1 : 0;
    for (int row = 0; row < m_alerts.size(); ++row) {
        const Alert &a = m_alerts.at(row);
        const auto status = requestStatusFromName(a.line.status);
        const QString due = QLocale().toString(
            QDateTime::fromSecsSinceEpoch(a.line.dueAt, m_context.cityZone), QLocale::ShortFormat);
        const QStringList texts = {a.overdue ? tr("Overdue") : tr("Due soon"),
                                   a.line.number,
                                   a.line.typeName,
                                   departmentOf(a.line),
                                   status ? requesttexts::status(*status) : a.line.status,
                                   due,
                                   a.overdue ? tr("overdue by %1").arg(span(now - a.line.dueAt))
                                             : tr("%1 left").arg(span(a.line.dueAt - now))};
        for (int column = 0; column < texts.size(); ++column) {
            auto *item = new QTableWidgetItem(texts.at(column));
            if (a.overdue && column == 0)
                item->setForeground(QColor(0xb0, 0x00, 0x20));
            m_table->setItem(row, column, item);
        }
        m_table->item(row, 1)->setData(Qt::UserRole, a.line.id);
        if (a.line.id == current)
            select = row;
    }
    m_table->resizeColumnsToContents();
    if (select >= 0)
        m_table->setCurrentCell(select, 0);
    m_summary->setText(m_error.isEmpty() ? summaryText() : m_error);
}

QString SlaAlertsPanel::summaryText() const
{
    // The counts per department, from the backlog (whole, not the list's).
    const int which = m_which->currentIndex();
    QMap<QString, QPair<qint64, qint64>> perDepartment; // overdue, due soon
    for (const KpiBacklogRow &row : m_backlog) {
        auto &counts = perDepartment[row.department.isEmpty() ? tr("(none)") : row.department];
        counts.first += which == DueSoonOnly ? 0 : row.overdue;
        counts.second += which == OverdueOnly ? 0 : row.dueSoon;
    }
    QStringList parts;
    for (auto it = perDepartment.cbegin(); it != perDepartment.cend(); ++it) {
        if (it.value().first + it.value().second > 0)
            parts.append(tr("%1: %2 overdue, %3 due soon")
                             .arg(it.key(), QLocale().toString(it.value().first),
                                  QLocale().toString(it.value().second)));
    }
    if (m_alerts.isEmpty())
        return tr("No request is overdue or due soon.");
    QString text = parts.join(QStringLiteral(" · "));
    if (m_cut)
        text += u'\n' + tr("Listed: the %1 opened first of each kind (overdue, due soon).")
                            .arg(SupervisionKpis::DrillLimit);
    return text;
}

QStringList SlaAlertsPanel::shownRequests() const
{
    QStringList ids;
    for (int row = 0; row < m_table->rowCount(); ++row)
        ids.append(m_table->item(row, 1)->data(Qt::UserRole).toString());
    return ids;
}

QString SlaAlertsPanel::summary() const
{
    return m_summary->text();
}

} // namespace civicdesk
