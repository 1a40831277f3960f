#include "ui/supervisor/figurestree.h"

#include "models/domain/contact.h"
#include "models/itemmodels/requesttexts.h"
#include "ui/supervisor/kpitexts.h"

#include <QHeaderView>
#include <QLocale>

namespace civicdesk {

namespace {

QString count(qint64 n)
{
    return QLocale().toString(n);
}

} // namespace

FiguresTree::FiguresTree(QWidget *parent) : QTreeWidget(parent)
{
    setColumnCount(2);
    setHeaderLabels({tr("Figure"), tr("Value")});
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setStretchLastSection(false);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QVariant index = item->data(0, Qt::UserRole);
        if (index.isValid())
            emit cellActivated(m_cells.at(index.toInt()), item->text(0));
    });
}

QTreeWidgetItem *FiguresTree::section(const QString &title)
{
    auto *item = new QTreeWidgetItem(this, {title});
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    return item;
}

void FiguresTree::addFigure(QTreeWidgetItem *section, const QString &name, const QString &value,
                            const KpiCell &cell)
{
    auto *item = new QTreeWidgetItem(section, {name, value});
    item->setData(0, Qt::UserRole, int(m_cells.size()));
    item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    m_cells.append(cell);
}

void FiguresTree::showReport(const KpiReport &r, int dueSoonHours)
{
    using M = KpiCell::Metric;
    // Keep the agent's place across a refresh.
    QString current;
    if (QTreeWidgetItem *item = currentItem())
        current = item->text(0);
    clear();
    m_cells.clear();
    const auto of = [](qint64 part, std::optional<double> share) {
        return tr("%1 (%2)").arg(kpitexts::percent(share), QLocale().toString(part));
    };

    QTreeWidgetItem *contacts = section(tr("Contacts"));
    addFigure(contacts, tr("All contacts"), count(r.contacts), {M::Contacts});
    for (const KpiCount &c : r.byChannel)
        addFigure(contacts, tr("Channel: %1").arg(requesttexts::channel(c.key)), count(c.count),
                  {M::Channel, c.key});
    for (const KpiCount &c : r.byOutcome)
        addFigure(contacts,
                  tr("Outcome: %1")
                      .arg(c.key.isEmpty() ? tr("still running")
                                           : requesttexts::outcome(outcomeFromName(c.key))),
                  count(c.count), {M::Outcome, c.key});
    for (int hour = 0; hour < 24; ++hour) {
        if (r.byHour[std::size_t(hour)] == 0)
            continue;
        addFigure(contacts,
                  tr("Hour %1:00–%2:00")
                      .arg(hour, 2, 10, QLatin1Char('0'))
                      .arg(hour + 1, 2, 10, QLatin1Char('0')),
                  count(r.byHour[std::size_t(hour)]), {M::Hour, {}, hour});
    }

    QTreeWidgetItem *handling = section(tr("Handling (ended contacts)"));
    addFigure(handling, tr("Ended contacts"), count(r.ended), {M::Ended});
    addFigure(handling, tr("Average handle time (minutes:seconds)"),
              kpitexts::duration(r.averageHandleSeconds()), {M::Ended});
    addFigure(handling, tr("Transfer rate"), of(r.transfers, r.transferRate()), {M::Transfers});
    addFigure(handling, tr("Information given"), of(r.information, r.informationShare()),
              {M::Information});
    addFigure(handling, tr("Request created or joined"), of(r.requestContacts, r.requestShare()),
              {M::RequestContacts});

    QTreeWidgetItem *fcr = section(tr("First-contact resolution"));
    addFigure(fcr, tr("Resolved at first contact"), of(r.fcrEligible - r.fcrRepeated, r.fcrRate()),
              {M::FcrEligible});
    addFigure(fcr, tr("Contacts counted"), count(r.fcrEligible), {M::FcrEligible});
    addFigure(fcr, tr("Caller came back within %1 days").arg(FcrRepeatDays), count(r.fcrRepeated),
              {M::FcrRepeated});

    QTreeWidgetItem *opened = section(tr("Requests opened"));
    addFigure(opened, tr("All requests opened"), count(r.requestsOpened), {M::RequestsOpened});
    for (const KpiRequestTypeRow &row : r.requestsByType) {
        KpiCell cell{M::RequestsOpened};
        cell.serviceCode = row.serviceCode;
        cell.department = row.department.isEmpty() ? QStringLiteral("-") : row.department;
        addFigure(opened,
                  row.department.isEmpty() ? row.typeName
                                           : tr("%1 — %2").arg(row.typeName, row.department),
                  count(row.count), cell);
    }

    QTreeWidgetItem *sla = section(tr("Service-request SLA"));
    addFigure(sla, tr("SLA met (closed in the period on time)"), of(r.slaMet, r.slaMetRate()),
              {M::SlaClosed});
    addFigure(sla, tr("Closed after the due time"), count(r.slaClosed - r.slaMet), {M::SlaMissed});
    addFigure(sla, tr("Open now"), count(r.open), {M::Open});
    addFigure(sla, tr("Overdue now"), count(r.overdue), {M::Overdue});
    addFigure(sla, tr("Due within %n hour(s)", nullptr, dueSoonHours), count(r.dueSoon),
              {M::DueSoon});

    expandAll();
    resizeColumnToContents(1);
    QTreeWidgetItem *select = topLevelItem(0)->child(0);
    if (!current.isEmpty()) {
        const QList<QTreeWidgetItem *> same =
            findItems(current, Qt::MatchExactly | Qt::MatchRecursive);
        if (!same.isEmpty())
            select = same.first();
    }
    setCurrentItem(select);
}

} // namespace civicdesk
