#include "ui/supervisor/repeatlocationspanel.h"

#include "models/supervision/kpi/supervisionkpis.h"
#include "ui/supervisor/drilldowndialog.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace civicdesk {

RepeatLocationsPanel::RepeatLocationsPanel(const SupervisorContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_summary(new QLabel(this)),
      m_table(new QTableWidget(this))
{
    setObjectName(QStringLiteral("repeatLocationsPanel"));
    m_summary->setObjectName(QStringLiteral("repeatLocationsSummaryLabel"));
    m_summary->setWordWrap(true);
    auto *definition = new QLabel(
        tr("A repeat location is an address at which two or more requests were opened in the "
           "period (the same address whatever the letter case; requests without an address are "
           "not counted)."),
        this);
    definition->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("repeatLocationsTable"));
    m_table->setAccessibleName(
        tr("Addresses with repeat requests; Enter lists the requests at one"));
    setUpRowList(m_table);
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels(
        {tr("Address"), tr("Requests"), tr("Open"), tr("Types"), tr("First"), tr("Last")});
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch); // the types
    connect(m_table, &QTableWidget::activated, this, [this](const QModelIndex &index) {
        KpiCell cell{KpiCell::Metric::RepeatLocation};
        QString title = tr("Requests at an address with repeat requests");
        if (index.row() > 0 && index.row() <= m_report.rows.size()) {
            const RepeatLocation &location = m_report.rows.at(index.row() - 1);
            cell.key = location.key;
            title = tr("Requests at %1").arg(location.address);
        }
        emit drill(cell, title);
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(definition);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    setFocusProxy(m_table);
}

void RepeatLocationsPanel::refresh(const KpiFilter &filter)
{
    auto report = m_context.kpis.repeatLocations(filter);
    if (!report) {
        m_report = {};
        return showReport(report.error().message);
    }
    m_report = report.value();
    showReport({});
}

void RepeatLocationsPanel::showReport(const QString &error)
{
    const int current = m_table->currentRow();
    const QLocale locale;
    const auto time = [this, &locale](qint64 secs) {
        return locale.toString(QDateTime::fromSecsSinceEpoch(secs, m_context.cityZone),
                               QLocale::ShortFormat);
    };
    m_table->setRowCount(int(m_report.rows.size()) + 1);
    const auto put = [this](int row, const QStringList &texts) {
        for (int column = 0; column < texts.size(); ++column) {
            auto *item = new QTableWidgetItem(texts.at(column));
            if (column == 1 || column == 2)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, column, item);
        }
    };
    put(0, {tr("All addresses with repeat requests (%L1)").arg(m_report.locations),
            locale.toString(m_report.requests), QString(), QString(), QString(), QString()});
    for (int i = 0; i < m_report.rows.size(); ++i) {
        const RepeatLocation &location = m_report.rows.at(i);
        QStringList types;
        for (const KpiCount &type : location.types)
            types.append(tr("%1 %L2").arg(type.key).arg(type.count));
        put(i + 1, {location.address, locale.toString(location.requests),
                    locale.toString(location.open), types.join(QStringLiteral(", ")),
                    time(location.firstOpenedAt), time(location.lastOpenedAt)});
    }
    m_table->resizeColumnsToContents();
    m_table->setCurrentCell(qBound(0, current, m_table->rowCount() - 1), 0);
    if (!error.isEmpty())
        m_summary->setText(error);
    else if (m_report.locations == 0)
        m_summary->setText(tr("No address has two requests in this period."));
    else
        m_summary->setText(
            tr("%n address(es) with repeat requests; %1 requests at them.", nullptr,
               int(m_report.locations))
                .arg(QLocale().toString(m_report.requests)) +
            (m_report.rows.size() < m_report.locations
                 ? u' ' + tr("The %1 with the most requests are listed.").arg(m_report.rows.size())
                 : QString()));
}

} // namespace civicdesk
