#include "ui/supervisor/phonefigurespanel.h"

#include "models/supervision/phone/phoneintervalimport.h"
#include "models/workstation/supervisionservices.h"
#include "ui/supervisor/drilldowndialog.h"
#include "ui/supervisor/kpitexts.h"

#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace civicdesk {

PhoneFiguresPanel::PhoneFiguresPanel(const SupervisorContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_table(new QTableWidget(this)),
      m_status(new QLabel(this)), m_import(new QPushButton(tr("Load the inter&val report…"), this))
{
    setObjectName(QStringLiteral("phoneFiguresPanel"));
    auto *definition = new QLabel(kpitexts::phoneDefinition(), this);
    definition->setObjectName(QStringLiteral("phoneDefinitionLabel"));
    definition->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("phoneFiguresTable"));
    m_table->setAccessibleName(tr("Phone system figures by queue"));
    setUpRowList(m_table);
    m_table->setColumnCount(7);
    m_table->setHorizontalHeaderLabels({tr("Queue"), tr("Offered"), tr("Answered"), tr("Abandoned"),
                                        tr("Service level"), tr("Abandon rate"),
                                        tr("Average speed of answer")});
    // The figures and their titles whole ("Nivel de servicio"), the queue's name gives way.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_status->setObjectName(QStringLiteral("phoneImportStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_import->setObjectName(QStringLiteral("phoneImportButton"));
    m_import->setAccessibleName(tr("Load the phone system's interval report (CSV)"));
    m_import->setAutoDefault(false);
    m_import->setVisible(mayReviewAgents(m_context.role));
    connect(m_import, &QPushButton::clicked, this, &PhoneFiguresPanel::chooseFile);
    m_choose = [this] {
        return QFileDialog::getOpenFileName(this, tr("The phone system's interval report"),
                                            QString(), tr("CSV files (*.csv);;All files (*)"));
    };
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(definition);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_import, 0, Qt::AlignLeft);
    setFocusProxy(m_table);
}

void PhoneFiguresPanel::refresh(const KpiPeriod &period)
{
    m_period = period;
    auto figures = m_context.services.phoneFigures(period);
    if (!figures) {
        m_status->setText(figures.error().message);
        return;
    }
    m_figures = figures.value();
    QList<std::pair<QString, PhoneCounts>> rows;
    if (!m_figures.isEmpty())
        rows.append({tr("All queues"), m_figures.total});
    for (auto it = m_figures.byQueue.cbegin(); it != m_figures.byQueue.cend(); ++it)
        rows.append({it.key(), it.value()});
    const int current = m_table->currentRow();
    m_table->setRowCount(int(rows.size()));
    const QLocale locale;
    for (int r = 0; r < rows.size(); ++r) {
        const PhoneCounts &c = rows.at(r).second;
        const QStringList cells = {rows.at(r).first,
                                   locale.toString(c.offered),
                                   locale.toString(c.answered),
                                   locale.toString(c.abandoned),
                                   kpitexts::serviceLevel(c, m_figures.thresholdSeconds),
                                   kpitexts::percent(c.abandonRate()),
                                   kpitexts::duration(c.asaSeconds())};
        for (int col = 0; col < cells.size(); ++col) {
            auto *item = new QTableWidgetItem(cells.at(col));
            if (col > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, col, item);
        }
    }
    if (!rows.isEmpty())
        m_table->setCurrentCell(std::clamp(current, 0, int(rows.size()) - 1), 0);
}

bool PhoneFiguresPanel::importFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_status->setStyleSheet(QStringLiteral("color: #b00020"));
        m_status->setText(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    auto summary = m_context.services.phoneImport(m_context.agent, m_context.clock)
                       .import(file, m_context.cityZone);
    if (!summary) {
        m_status->setStyleSheet(QStringLiteral("color: #b00020"));
        m_status->setText(summary.error().message);
        return false;
    }
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Imported %n interval(s) of %1.", nullptr, summary.value().intervals)
                          .arg(summary.value().queues.join(QStringLiteral(", "))));
    refresh(m_period);
    emit imported();
    return true;
}

QString PhoneFiguresPanel::status() const
{
    return m_status->text();
}

void PhoneFiguresPanel::chooseFile()
{
    const QString path = m_choose();
    if (!path.isEmpty())
        importFile(path);
}

} // namespace civicdesk
