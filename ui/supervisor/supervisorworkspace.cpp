#include "ui/supervisor/supervisorworkspace.h"

#include "models/domain/contact.h"
#include "models/itemmodels/requesttexts.h"
#include "models/requests/historyservices.h"
#include "models/supervision/helpflags.h"
#include "models/supervision/kpi/backlogfigures.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "models/supervision/kpi/todayfigures.h"
#include "models/workstation/supervisionservices.h"
#include "ui/common/flowlayout.h"
#include "ui/supervisor/answerspanel.h"
#include "ui/supervisor/audittrailpanel.h"
#include "ui/supervisor/clusterspanel.h"
#include "ui/supervisor/drilldowndialog.h"
#include "ui/supervisor/drillwindows.h"
#include "ui/supervisor/exportactions.h"
#include "ui/supervisor/figurestree.h"
#include "ui/supervisor/kpitexts.h"
#include "ui/supervisor/lobbyfigurespanel.h"
#include "ui/supervisor/periodfields.h"
#include "ui/supervisor/phonefigurespanel.h"
#include "ui/supervisor/repeatlocationspanel.h"
#include "ui/supervisor/reviewpanel.h"
#include "ui/supervisor/teamspanel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace civicdesk {

namespace {

// Backlog table columns after type and department: what each counts.
struct BacklogColumn
{
    KpiCell::Metric metric;
    int bucket;
};
const QList<BacklogColumn> &backlogColumns()
{
    using M = KpiCell::Metric;
    static const QList<BacklogColumn> columns = {{M::Open, -1}, {M::Overdue, -1}, {M::DueSoon, -1},
                                                 {M::Age, 0},   {M::Age, 1},      {M::Age, 2},
                                                 {M::Age, 3}};
    return columns;
}
constexpr int BacklogFirstCount = 2;

QString count(qint64 n)
{
    return QLocale().toString(n);
}

} // namespace

bool SupervisorWorkspace::mayOpen(AgentRole role)
{
    return mayReviewAgents(role);
}

SupervisorWorkspace::SupervisorWorkspace(const SupervisorContext &context, QWidget *parent)
    : QDialog(parent), m_context(context), m_drills(new DrillWindows(context, this)),
      m_changes(new QTimer(this))
{
    // Closed: the keyboard is back where it was.
    connect(m_drills, &DrillWindows::drillClosed, this, [this] {
        activateWindow();
        m_tabs->currentWidget()->setFocus(Qt::OtherFocusReason);
    });
    connect(m_drills, &DrillWindows::requestChanged, this, &SupervisorWorkspace::refresh);
    setObjectName(QStringLiteral("supervisorWorkspace"));
    setWindowTitle(tr("Supervisor workspace"));
    buildUi();
    // Events written here or pulled from the central store: counted again once per burst.
    m_changes->setSingleShot(true);
    m_changes->setInterval(300);
    connect(m_changes, &QTimer::timeout, this, &SupervisorWorkspace::refresh);
    connect(&context.changes, &StoreChanges::applied, this,
            [this](const StoreChanges::Applied &) { m_changes->start(); });
    refresh();
    showHistory();
    resize(1280, 720);
}

SupervisorWorkspace::~SupervisorWorkspace() = default;

void SupervisorWorkspace::buildUi()
{
    const auto named = [](QWidget *w, const char *objectName, const QString &accessible) {
        w->setObjectName(QLatin1String(objectName));
        w->setAccessibleName(accessible);
    };
    const PeriodFields period = PeriodFields::make(this, QStringLiteral("kpi"), m_context.clock,
                                                   m_context.cityZone, [this] { refresh(); });
    m_period = period.choice;
    m_from = period.from;
    m_to = period.to;
    m_agent = new QComboBox(this);
    named(m_agent, "kpiAgentComboBox", tr("Agent"));
    m_agent->addItem(tr("All agents"), QString());
    for (const QString &agent : m_context.kpis.agents())
        m_agent->addItem(agent, agent);
    m_channel = new QComboBox(this);
    named(m_channel, "kpiChannelComboBox", tr("Channel"));
    m_channel->addItem(tr("All channels"), QString());
    for (Channel c : {Channel::Phone, Channel::WalkIn, Channel::Email, Channel::Web, Channel::Text,
                      Channel::Mail})
        m_channel->addItem(requesttexts::channel(channelName(c)), channelName(c));
    m_dueSoon = new QSpinBox(this);
    named(m_dueSoon, "kpiDueSoonSpinBox", tr("Due within (hours)"));
    m_dueSoon->setRange(1, KpiFilter::MaxDueSoonHours);
    m_dueSoon->setValue(4);
    m_dueSoon->setSuffix(tr(" h"));
    buildTeamAndPhone();
    // F5 anywhere in the workspace; the button's letters belong to the tabs and filters.
    m_refresh = new QPushButton(tr("Refresh"), this);
    named(m_refresh, "kpiRefreshButton", tr("Count again (F5)"));
    m_refresh->setAutoDefault(false);
    auto *refreshKey = new QShortcut(QKeySequence(Qt::Key_F5), this);
    connect(refreshKey, &QShortcut::activated, this, &SupervisorWorkspace::refresh);
    connect(refreshKey, &QShortcut::activated, this, &SupervisorWorkspace::showHistory);

    // One row that wraps where the window is too narrow for it (a long translation, a city's long
    // department names): each label stays beside its field, and nothing is cut or pushed past the
    // screen. Shown on the tabs the filters apply to (showFilterBarFor).
    m_filterBar = new QWidget(this);
    m_filterBar->setObjectName(QStringLiteral("kpiFilterBar"));
    auto *filters = new FlowLayout(m_filterBar);
    filters->setContentsMargins(0, 0, 0, 0);
    const auto labelled = [this, filters](const QString &text, QWidget *field) {
        auto *pair = new QWidget(m_filterBar);
        auto *row = new QHBoxLayout(pair);
        row->setContentsMargins(0, 0, 0, 0);
        auto *label = new QLabel(text, pair);
        label->setBuddy(field);
        row->addWidget(label);
        row->addWidget(field);
        filters->addWidget(pair);
    };
    labelled(tr("&Period:"), m_period);
    labelled(tr("&From:"), m_from);
    labelled(tr("&To:"), m_to);
    labelled(tr("&Due within:"), m_dueSoon);
    labelled(tr("A&gent:"), m_agent);
    labelled(tr("T&eam:"), m_team);
    labelled(tr("&Channel:"), m_channel);
    labelled(tr("Departme&nt:"), m_department);
    labelled(tr("T&ype:"), m_queueType);
    filters->addWidget(m_refresh);
    // CSV of the contacts or requests behind the figures, for the filter as shown.
    auto *exports = new ExportActions(
        m_context, [this] { return filter(); }, this);
    exports->setObjectName(QStringLiteral("exportActions"));
    filters->addWidget(exports->button());

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("kpiErrorLabel"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold"));
    m_error->hide();

    // Headline tiles.
    auto *tiles = new QGridLayout;
    const QStringList tileNames = {tr("Contacts"),      tr("Average handle time"),
                                   tr("Transfer rate"), tr("First-contact resolution"),
                                   tr("Information"),   tr("SLA met"),
                                   tr("Open requests"), tr("Overdue"),
                                   tr("Due soon"),      tr("Help flags")};
    for (int i = 0; i < tileNames.size(); ++i) {
        auto *name = new QLabel(tileNames.at(i), this);
        auto *value = new QLabel(this);
        value->setObjectName(QStringLiteral("kpiTile%1Label").arg(i));
        value->setAccessibleName(tileNames.at(i));
        QFont big = value->font();
        big.setPointSizeF(big.pointSizeF() * 1.8);
        big.setBold(true);
        value->setFont(big);
        // A long name ("Tiempo medio de atención") wraps rather than widening the window.
        name->setWordWrap(true);
        name->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
        tiles->addWidget(value, 0, i, Qt::AlignHCenter);
        tiles->addWidget(name, 1, i);
        tiles->setColumnStretch(i, 1);
        m_tiles.append(value);
    }
    auto *definition = new QLabel(kpitexts::fcrDefinition(), this);
    definition->setObjectName(QStringLiteral("fcrDefinitionLabel"));
    definition->setWordWrap(true);
    m_historyLine = new QLabel(this);
    m_historyLine->setObjectName(QStringLiteral("kpiHistoryLabel"));
    m_historyLine->setWordWrap(true);
    m_historyLine->setVisible(!m_context.centralStore);

    m_figures = new FiguresTree(this);
    named(m_figures, "kpiFiguresTree", tr("Figures; Enter lists what is behind one"));
    connect(m_figures, &FiguresTree::cellActivated, this, &SupervisorWorkspace::drill);

    m_backlog = new QTableWidget(this);
    named(m_backlog, "kpiBacklogTable",
          tr("Open requests by type and department; Enter lists the requests in a cell"));
    m_backlog->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_backlog->setSelectionMode(QAbstractItemView::SingleSelection);
    m_backlog->setTabKeyNavigation(false);
    m_backlog->verticalHeader()->hide();
    connect(m_backlog, &QTableWidget::activated, this,
            [this](const QModelIndex &index) { drillBacklogCell(index.row(), index.column()); });

    m_flags = new QTableWidget(this);
    named(m_flags, "helpFlagsTable", tr("Agents asking for a supervisor"));
    setUpRowList(m_flags);
    m_answer = new QPushButton(tr("A&nswer: I am on my way"), this);
    named(m_answer, "answerHelpFlagButton", tr("Answer the selected help flag"));
    m_answer->setAutoDefault(false);
    connect(m_answer, &QPushButton::clicked, this, &SupervisorWorkspace::answerHelpFlag);
    m_flagsPage = new QWidget(this);
    auto *flagsLayout = new QVBoxLayout(m_flagsPage);
    flagsLayout->addWidget(m_flags, 1);
    flagsLayout->addWidget(m_answer, 0, Qt::AlignLeft);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("supervisorTabWidget"));
    m_tabs->setAccessibleName(tr("Supervisor views"));
    m_tabs->addTab(m_figures, tr("F&igures"));
    m_tabs->addTab(m_backlog, tr("SLA &backlog"));
    buildLists(); // SLA alerts here; repeat locations and answers at the end
    m_tabs->addTab(m_flagsPage, tr("&Help flags"));
    m_reviews = new ReviewPanel(m_context.services, m_context.events, m_context.agent,
                                m_context.cityZone, m_context.clock, this);
    m_tabs->addTab(m_reviews, tr("&Quality review"));
    // The walk-in lobby's figures for the same period and agent.
    m_lobby = new LobbyFiguresPanel(m_context.lobbyFigures, this);
    m_tabs->addTab(m_lobby, tr("L&obby"));
    // Cluster alerts and known issues (issue 16, item 4).
    m_clusters = new ClustersPanel(m_context, this);
    m_tabs->addTab(m_clusters, tr("Cl&usters"));
    connect(m_clusters, &ClustersPanel::requestChosen, this, &SupervisorWorkspace::openRequest);
    // The phone system's interval reports, and the agents' teams (issue 16).
    m_tabs->addTab(m_phone, tr("Phone &system"));
    m_tabs->addTab(m_teams, tr("Tea&ms"));
    m_tabs->addTab(m_repeats, tr("&Repeat locations"));
    m_tabs->addTab(m_answers, tr("Ans&wers"));
    m_audit = new AuditTrailPanel(m_context, this);
    m_tabs->addTab(m_audit, tr("&Audit trail"));
    connect(m_audit, &AuditTrailPanel::requestChosen, this, &SupervisorWorkspace::openRequest);
    m_tabs->tabBar()->setObjectName(QStringLiteral("supervisorTabBar"));
    m_tabs->tabBar()->setAccessibleName(tr("Supervisor views"));
    // A tab chosen by its shortcut hands the focus to its list.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        showFilterBarFor(m_tabs->widget(index));
        refreshShownList();
        QWidget *page = m_tabs->widget(index);
        QWidget *list = page == m_flagsPage ? static_cast<QWidget *>(m_flags) : page;
        list->setFocus(Qt::TabFocusReason);
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_error);
    layout->addWidget(exports->statusLabel());
    // The headline figures, for the filter as shown: with the filters, on the figures' tabs.
    m_headline = new QWidget(this);
    m_headline->setObjectName(QStringLiteral("kpiHeadline"));
    auto *headline = new QVBoxLayout(m_headline);
    headline->setContentsMargins(0, 0, 0, 0);
    headline->addLayout(tiles);
    headline->addWidget(m_phoneLine);
    headline->addWidget(definition);
    headline->addWidget(m_historyLine);
    layout->addWidget(m_headline);
    layout->addWidget(m_tabs, 1);
    // The filters in the order they are shown, then the tabs.
    const QList<QWidget *> order = {
        m_period,  m_from,       m_to,        m_dueSoon, m_agent,           m_team,
        m_channel, m_department, m_queueType, m_refresh, exports->button(), m_tabs};
    for (int i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));

    connect(m_agent, &QComboBox::currentIndexChanged, this, &SupervisorWorkspace::refresh);
    connect(m_channel, &QComboBox::currentIndexChanged, this, &SupervisorWorkspace::refresh);
    connect(m_department, &QComboBox::currentIndexChanged, this, &SupervisorWorkspace::refresh);
    connect(m_queueType, &QComboBox::currentIndexChanged, this, &SupervisorWorkspace::refresh);
    connect(m_team, &QComboBox::currentIndexChanged, this, &SupervisorWorkspace::refresh);
    connect(m_dueSoon, &QSpinBox::valueChanged, this, &SupervisorWorkspace::refresh);
    connect(m_refresh, &QPushButton::clicked, this, &SupervisorWorkspace::refresh);
    connect(m_refresh, &QPushButton::clicked, this, &SupervisorWorkspace::showHistory);
    m_figures->setFocus();
}

KpiFilter SupervisorWorkspace::filter() const
{
    KpiFilter f;
    f.period = KpiPeriod::days(m_from->date(), m_to->date(), m_context.cityZone);
    f.agent = m_agent->currentData().toString();
    f.channel = m_channel->currentData().toString();
    f.department = m_department->currentData().toString();
    f.serviceCode = m_queueType->currentData().toString();
    f.team = m_team->currentData().toString();
    f.dueSoonHours = m_dueSoon->value();
    return f;
}

void SupervisorWorkspace::refresh()
{
    const QDateTime now = m_context.clock.now();
    // Today's contact figures and the SLA backlog follow the arriving events (no recount).
    auto today = m_today->update(now);
    auto backlog = today ? m_backlogFigures->update() : Result<int>(0);
    if (!today || !backlog) {
        m_error->setText(!today ? today.error().message : backlog.error().message);
        m_error->show();
        return;
    }
    fillQueues();
    auto report = m_context.kpis.report(filter(), now, m_today.get(), m_backlogFigures.get());
    if (!report) {
        m_error->setText(report.error().message);
        m_error->show();
        return;
    }
    m_error->hide();
    m_report = report.value();
    // The figures by type name the types in the window's language.
    const ServiceNames names = m_context.history.catalogue.serviceNames();
    for (KpiRequestTypeRow &row : m_report.requestsByType)
        row.typeName = names.shown(row.serviceCode, row.typeName);
    for (KpiBacklogRow &row : m_report.backlog)
        row.typeName = names.shown(row.serviceCode, row.typeName);
    m_lobby->refresh(filter());
    m_phone->refresh(filter().period);
    m_phoneLine->setText(kpitexts::phoneSummary(m_phone->figures()));
    showReport();
    refreshShownList();
}

void SupervisorWorkspace::showHistory()
{
    // Imported history changes only with a city import or a first sync, not with the arriving
    // events: read when the workspace opens and on Refresh, not on every burst (a whole scan).
    if (m_context.centralStore)
        return;
    auto history = m_context.kpis.history(m_context.cityZone);
    m_historyLine->setText(history ? SupervisionKpis::historyNote(history.value())
                                   : history.error().message);
}

void SupervisorWorkspace::showReport()
{
    const KpiReport &r = m_report;
    const QList<HelpFlag> flags = m_context.helpFlags.open();
    const QStringList values = {count(r.contacts),
                                kpitexts::duration(r.averageHandleSeconds()),
                                kpitexts::percent(r.transferRate()),
                                kpitexts::percent(r.fcrRate()),
                                kpitexts::percent(r.informationShare()),
                                kpitexts::percent(r.slaMetRate()),
                                count(r.open),
                                count(r.overdue),
                                count(r.dueSoon),
                                count(flags.size())};
    for (int i = 0; i < m_tiles.size(); ++i)
        m_tiles.at(i)->setText(values.at(i));
    m_figures->showReport(m_report, m_dueSoon->value());
    showBacklog();
    showHelpFlags();
}

void SupervisorWorkspace::showBacklog()
{
    const QPoint current(m_backlog->currentColumn(), m_backlog->currentRow());
    m_backlog->clear();
    m_backlog->setColumnCount(BacklogFirstCount + int(backlogColumns().size()));
    m_backlog->setHorizontalHeaderLabels({tr("Type"), tr("Department"), tr("Open"), tr("Overdue"),
                                          tr("Due soon"), tr("0–2 days"), tr("3–7 days"),
                                          tr("8–30 days"), tr("Over 30 days")});
    m_backlog->setRowCount(int(m_report.backlog.size()));
    for (int row = 0; row < m_report.backlog.size(); ++row) {
        const KpiBacklogRow &b = m_report.backlog.at(row);
        const QList<qint64> counts = {b.open,    b.overdue, b.dueSoon, b.ages[0],
                                      b.ages[1], b.ages[2], b.ages[3]};
        m_backlog->setItem(row, 0, new QTableWidgetItem(b.typeName));
        m_backlog->setItem(row, 1, new QTableWidgetItem(b.department));
        for (int i = 0; i < counts.size(); ++i) {
            auto *item = new QTableWidgetItem(count(counts.at(i)));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_backlog->setItem(row, BacklogFirstCount + i, item);
        }
    }
    m_backlog->resizeColumnsToContents();
    if (m_backlog->rowCount() > 0)
        m_backlog->setCurrentCell(qBound(0, current.y(), m_backlog->rowCount() - 1),
                                  qMax(BacklogFirstCount, current.x()));
}

void SupervisorWorkspace::showHelpFlags()
{
    const QList<HelpFlag> flags = m_context.helpFlags.open();
    const int current = m_flags->currentRow();
    m_flags->clear();
    m_flags->setColumnCount(4);
    m_flags->setHorizontalHeaderLabels(
        {tr("Agent"), tr("Raised"), tr("Workstation"), tr("Lobby counter")});
    m_flags->setRowCount(int(flags.size()));
    for (int row = 0; row < flags.size(); ++row) {
        const HelpFlag &f = flags.at(row);
        auto *agent = new QTableWidgetItem(f.agent);
        agent->setData(Qt::UserRole, f.id);
        m_flags->setItem(row, 0, agent);
        m_flags->setItem(row, 1,
                         new QTableWidgetItem(QLocale().toString(
                             f.raisedAt.toTimeZone(m_context.cityZone), QLocale::ShortFormat)));
        m_flags->setItem(row, 2, new QTableWidgetItem(f.device));
        m_flags->setItem(row, 3, new QTableWidgetItem(f.counter));
    }
    m_flags->resizeColumnsToContents();
    if (!flags.isEmpty())
        m_flags->setCurrentCell(qBound(0, current, int(flags.size()) - 1), 0);
    m_answer->setEnabled(!flags.isEmpty() && HelpFlags::mayAnswer(m_context.role));
    m_tabs->setTabText(m_tabs->indexOf(m_flagsPage),
                       flags.isEmpty() ? tr("&Help flags")
                                       : tr("&Help flags (%1)").arg(flags.size()));
}

void SupervisorWorkspace::drill(const KpiCell &cell, const QString &title)
{
    const KpiFilter f = filter();
    if (cell.isContactMetric())
        m_drills->showContacts(title, m_context.kpis.contactsBehind(f, cell));
    else
        m_drills->showRequests(title,
                               m_context.kpis.requestsBehind(f, cell, m_context.clock.now()));
}

void SupervisorWorkspace::drillBacklogCell(int row, int column)
{
    if (row < 0 || row >= m_report.backlog.size())
        return;
    const KpiBacklogRow &b = m_report.backlog.at(row);
    const int index = qMax(0, column - BacklogFirstCount);
    const BacklogColumn &what = backlogColumns().at(index);
    KpiCell cell{what.metric};
    cell.bucket = what.bucket;
    cell.serviceCode = b.serviceCode;
    cell.department = b.department.isEmpty() ? QStringLiteral("-") : b.department;
    const QString title =
        tr("%1, %2: %3")
            .arg(b.typeName, b.department,
                 m_backlog->horizontalHeaderItem(BacklogFirstCount + index)->text());
    drill(cell, title);
}

void SupervisorWorkspace::answerHelpFlag()
{
    QTableWidgetItem *item = m_flags->item(m_flags->currentRow(), 0);
    if (!item)
        return;
    if (auto s = m_context.helpFlags.answer(item->data(Qt::UserRole).toString()); !s) {
        m_error->setText(s.error().message);
        m_error->show();
    }
    showReport();
    m_flags->setFocus();
}

void SupervisorWorkspace::openRequest(const QString &requestId)
{
    m_drills->openRequest(requestId);
}

DrillDownDialog *SupervisorWorkspace::drillDown() const
{
    return m_drills->drillDown();
}

RequestDetailDialog *SupervisorWorkspace::requestDetail() const
{
    return m_drills->requestDetail();
}

void SupervisorWorkspace::showCluster(const QString &parentRequestId)
{
    m_tabs->setCurrentWidget(m_clusters);
    m_clusters->selectCluster(parentRequestId);
}

} // namespace civicdesk
