#include "ui/supervisor/myfiguresdialog.h"

#include "models/supervision/kpi/supervisionkpis.h"
#include "models/workstation/supervisionservices.h"
#include "ui/supervisor/drillwindows.h"
#include "ui/supervisor/figurestree.h"
#include "ui/supervisor/kpitexts.h"
#include "ui/supervisor/periodfields.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QVBoxLayout>

namespace civicdesk {

MyFiguresDialog::MyFiguresDialog(const SupervisorContext &context, QWidget *parent)
    : QDialog(parent), m_context(context), m_own(context.kpis, context.role, context.agent),
      m_error(new QLabel(this)), m_figures(new FiguresTree(this)),
      m_drills(new DrillWindows(context, this)), m_changes(new QTimer(this))
{
    setObjectName(QStringLiteral("myFiguresDialog"));
    setWindowTitle(tr("My figures — %1").arg(context.agent));
    const PeriodFields period = PeriodFields::make(this, QStringLiteral("myFigures"), context.clock,
                                                   context.cityZone, [this] { refresh(); });
    m_period = period.choice;
    m_from = period.from;
    m_to = period.to;
    m_error->setObjectName(QStringLiteral("myFiguresErrorLabel"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold"));
    m_error->setWordWrap(true);
    m_error->hide();
    m_figures->setObjectName(QStringLiteral("myFiguresTree"));
    m_figures->setAccessibleName(tr("Your figures; Enter lists what is behind one"));
    auto *definition = new QLabel(kpitexts::fcrDefinition(), this);
    definition->setWordWrap(true);

    auto *row = new QHBoxLayout;
    const auto labelled = [this, row](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        row->addWidget(label);
        row->addWidget(field);
    };
    labelled(tr("&Period:"), m_period);
    labelled(tr("&From:"), m_from);
    labelled(tr("&To:"), m_to);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_error);
    layout->addWidget(m_figures, 1);
    layout->addWidget(definition);
    setTabOrder(m_period, m_from);
    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_figures);

    connect(m_figures, &FiguresTree::cellActivated, this, &MyFiguresDialog::drill);
    connect(m_drills, &DrillWindows::drillClosed, this, [this] {
        activateWindow();
        m_figures->setFocus(Qt::OtherFocusReason);
    });
    // The agent's own work written here or pulled from the central store: counted again once
    // per burst.
    m_changes->setSingleShot(true);
    m_changes->setInterval(300);
    connect(m_changes, &QTimer::timeout, this, &MyFiguresDialog::refresh);
    connect(&context.changes, &StoreChanges::applied, this, [this](const StoreChanges::Applied &) {
        if (isVisible())
            m_changes->start();
    });
    refresh();
    m_figures->setFocus();
    resize(720, 620);
}

KpiFilter MyFiguresDialog::filter() const
{
    return m_own.filter(KpiPeriod::days(m_from->date(), m_to->date(), m_context.cityZone));
}

void MyFiguresDialog::refresh()
{
    auto report = m_own.report(filter(), m_context.clock.now());
    if (!report) {
        m_error->setText(report.error().message);
        m_error->show();
        return;
    }
    m_error->hide();
    m_report = report.value();
    m_figures->showReport(m_report, filter().dueSoonHours);
}

void MyFiguresDialog::drill(const KpiCell &cell, const QString &title)
{
    const KpiFilter f = filter();
    if (cell.isContactMetric())
        m_drills->showContacts(title, m_own.contactsBehind(f, cell));
    else
        m_drills->showRequests(title, m_own.requestsBehind(f, cell, m_context.clock.now()));
}

DrillDownDialog *MyFiguresDialog::drillDown() const
{
    return m_drills->drillDown();
}

RequestDetailDialog *MyFiguresDialog::requestDetail() const
{
    return m_drills->requestDetail();
}

} // namespace civicdesk
