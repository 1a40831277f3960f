#include "ui/supervisor/slaalertspanel.h"

#include "models/itemmodels/requesttexts.h"
#include "models/supervision/supervisionkpis.h"
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
    : QWidget(parent), m_context(context), m_department(new QComboBox(this)),
      m_type(new QComboBox(this)), m_which(new QComboBox(this)), m_summary(new QLabel(this)),
      m_table(new QTableWidget(this))
{
    setObjectName(QStringLiteral("slaAlertsPanel"));
    m_department->setObjectName(QStringLiteral("slaAlertDepartmentComboBox"));
    m_department->setAccessibleName(tr("Department of the alerts"));
    m_type->setObjectName(QStringLiteral("slaAlertTypeComboBox"));
    m_type->setAccessibleName(tr("Request type of the alerts"));
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
    labelled(tr("D&epartment:"), m_department);
    labelled(tr("T&ype:"), m_type);
    labelled(tr("&Show:"), m_which);
    queue->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(queue);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    setTabOrder(m_table, m_department);
    setTabOrder(m_department, m_type);
    setTabOrder(m_type, m_which);
    setFocusProxy(m_table);
    for (QComboBox *box : {m_department, m_type, m_which})
        connect(box, &QComboBox::currentIndexChanged, this, &SlaAlertsPanel::showAlerts);
}

void SlaAlertsPanel::refresh(const KpiFilter &filter, const QDateTime &now)
{
    using M = KpiCell::Metric;
    m_now = now.toSecsSinceEpoch();
    m_alerts.clear();
    m_cut = false;
    for (const M metric : {M::Overdue, M::DueSoon}) {
        auto lines = m_context.kpis.requestsBehind(filter, KpiCell{metric}, now);
        if (!lines) {
            m_summary->setText(lines.error().message);
            m_table->setRowCount(0);
            return;
        }
        m_cut = m_cut || lines.value().size() >= SupervisionKpis::DrillLimit;
        for (const KpiRequestLine &line : lines.value())
            m_alerts.append({line, metric == M::Overdue});
    }
    std::stable_sort(m_alerts.begin(), m_alerts.end(),
                     [](const Alert &a, const Alert &b) { return a.line.dueAt < b.line.dueAt; });
    fillChoices();
    showAlerts();
}

void SlaAlertsPanel::fillChoices()
{
    // The departments and types that have alerts now; the choice stays when it still has some.
    QMap<QString, QString> departments;
    QMap<QString, QString> types;
    for (const Alert &a : m_alerts) {
        departments.insert(departmentOf(a.line).toLower(), departmentOf(a.line));
        types.insert(a.line.typeName.toLower(), a.line.typeName);
    }
    const auto fill = [](QComboBox *box, const QString &all, const QMap<QString, QString> &items) {
        const QString current = box->currentData().toString();
        const QSignalBlocker block(box);
        box->clear();
        box->addItem(all, QString());
        for (const QString &item : items)
            box->addItem(item, item);
        box->setCurrentIndex(std::max(0, box->findData(current)));
    };
    fill(m_department, tr("All departments"), departments);
    fill(m_type, tr("All types"), types);
}

void SlaAlertsPanel::showAlerts()
{
    const QString department = m_department->currentData().toString();
    const QString type = m_type->currentData().toString();
    const int which = m_which->currentIndex();
    const QString current =
        m_table->currentRow() >= 0 && m_table->item(m_table->currentRow(), 1)
            ? m_table->item(m_table->currentRow(), 1)->data(Qt::UserRole).toString()
            : QString();
    QList<const Alert *> shown;
    QMap<QString, QPair<int, int>> perDepartment; // overdue, due soon
    for (const Alert &a : m_alerts) {
        if (!department.isEmpty() && departmentOf(a.line) != department)
            continue;
        if (!type.isEmpty() && a.line.typeName != type)
            continue;
        if ((which == OverdueOnly && !a.overdue) || (which == DueSoonOnly && a.overdue))
            continue;
        shown.append(&a);
        auto &counts = perDepartment[departmentOf(a.line)];
        (a.overdue ? counts.first : counts.second) += 1;
    }
    m_table->setRowCount(int(shown.size()));
    int select = shown.isEmpty() ? -1 : 0;
    for (int row = 0; row < shown.size(); ++row) {
        const Alert &a = *shown.at(row);
        const auto status = requestStatusFromName(a.line.status);
        const QString due = QLocale().toString(
            QDateTime::fromSecsSinceEpoch(a.line.dueAt, m_context.cityZone), QLocale::ShortFormat);
        const QStringList texts = {a.overdue ? tr("Overdue") : tr("Due soon"),
                                   a.line.number,
                                   a.line.typeName,
                                   departmentOf(a.line),
                                   status ? requesttexts::status(*status) : a.line.status,
                                   due,
                                   a.overdue ? tr("overdue by %1").arg(span(m_now - a.line.dueAt))
                                             : tr("%1 left").arg(span(a.line.dueAt - m_now))};
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

    QStringList parts;
    for (auto it = perDepartment.cbegin(); it != perDepartment.cend(); ++it)
        parts.append(tr("%1: %2 overdue, %3 due soon")
                         .arg(it.key())
                         .arg(it.value().first)
                         .arg(it.value().second));
    QString text = shown.isEmpty() ? tr("No request is overdue or due soon.")
                                   : tr("%n request(s) listed. ", nullptr, int(shown.size())) +
                                         parts.join(QStringLiteral(" · "));
    if (m_cut)
        text += u' ' + tr("Only the first %1 overdue and %1 due soon are listed.")
                           .arg(SupervisionKpis::DrillLimit);
    m_summary->setText(text);
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
