#include "ui/supervisor/clusterspanel.h"

#include "models/domain/supervision/clusterrulechange.h"
#include "models/requests/historyservices.h"
#include "models/workstation/supervisionservices.h"
#include "ui/supervisor/clusterrulehistory.h"
#include "ui/supervisor/drilldowndialog.h"
#include "ui/supervisor/knownissuedialog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace civicdesk {

namespace {

QTableWidgetItem *cell(const QString &text)
{
    return new QTableWidgetItem(text);
}

} // namespace

ClustersPanel::ClustersPanel(const SupervisorContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_watch(context.services.clusterWatch(context.clock)),
      m_knownIssues(context.services.knownIssues(context.agent, context.clock)),
      m_ruleLog(context.services.clusterRules(context.agent, context.clock)),
      m_status(new QLabel(this)), m_list(new QTableWidget(this)),
      m_requests(new QTableWidget(this)), m_post(new QPushButton(this)),
      m_showOnMap(new QPushButton(this)), m_ruleType(new QComboBox(this)),
      m_count(new QSpinBox(this)), m_metres(new QSpinBox(this)), m_hours(new QSpinBox(this)),
      m_saveRule(new QPushButton(this)), m_ruleMessage(new QLabel(this)),
      m_ruleHistory(new ClusterRuleHistory(m_ruleLog, context.cityZone, this)),
      m_issues(new QTableWidget(this)), m_withdraw(new QPushButton(this)), m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("clustersPanel"));
    buildUi();
    if (auto s = m_watch.start(); !s)
        m_status->setText(s.error().message);
    showClusters();
    showRule();
    showKnownIssues();
    connect(&context.changes, &StoreChanges::applied, this,
            [this](const StoreChanges::Applied &what) {
                if (what.touches(QStringLiteral("request")))
                    update();
                if (what.touches(QStringLiteral("known_issue")))
                    showKnownIssues();
                if (what.touches(clusterrulechange::entityType()))
                    rulesChanged();
            });
    // Requests grow older than the window without any event: look again every minute.
    m_tick->setInterval(60 * 1000);
    connect(m_tick, &QTimer::timeout, this, &ClustersPanel::update);
    m_tick->start();
}

void ClustersPanel::buildUi()
{
    m_status->setObjectName(QStringLiteral("clustersStatus"));
    m_status->setWordWrap(true);

    m_list->setObjectName(QStringLiteral("clusterTable"));
    m_list->setAccessibleName(tr("Clusters of requests"));
    setUpRowList(m_list);
    m_list->setColumnCount(6);
    m_list->setHorizontalHeaderLabels(
        {tr("Type"), tr("Area"), tr("Requests"), tr("First"), tr("Last"), tr("Parent request")});
    m_list->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_list->horizontalHeader()->setStretchLastSection(false);
    connect(m_list, &QTableWidget::currentCellChanged, this, [this] { showRequests(); });
    // Enter on a cluster moves to its requests.
    connect(m_list, &QTableWidget::activated, this, [this] {
        if (m_requests->rowCount() > 0) {
            m_requests->setCurrentCell(0, 0);
            m_requests->setFocus(Qt::OtherFocusReason);
        }
    });

    m_requests->setObjectName(QStringLiteral("clusterRequestTable"));
    m_requests->setAccessibleName(tr("Requests of the selected cluster"));
    setUpRowList(m_requests);
    m_requests->setColumnCount(3);
    m_requests->setHorizontalHeaderLabels({tr("Request"), tr("Opened"), tr("Address")});
    connect(m_requests, &QTableWidget::activated, this, [this](const QModelIndex &index) {
        const QTableWidgetItem *item = m_requests->item(index.row(), 0);
        if (item)
            emit requestChosen(item->data(Qt::UserRole).toString());
    });

    m_post->setObjectName(QStringLiteral("postKnownIssueButton"));
    m_post->setText(tr("Post a &known issue…"));
    m_post->setAccessibleName(tr("Post a known issue about the selected cluster"));
    m_post->setAutoDefault(false);
    m_post->setEnabled(false);
    m_post->setVisible(KnownIssues::mayPost(m_context.role));
    connect(m_post, &QPushButton::clicked, this, &ClustersPanel::postKnownIssue);

    m_showOnMap->setObjectName(QStringLiteral("showClusterOnMapButton"));
    m_showOnMap->setText(tr("Show on the ma&p"));
    m_showOnMap->setAccessibleName(tr("Show the selected cluster on the map"));
    m_showOnMap->setAutoDefault(false);
    m_showOnMap->setEnabled(false);
    connect(m_showOnMap, &QPushButton::clicked, this, [this] {
        if (const Cluster *c = selected())
            emit shownOnMap(c->parent().id);
    });

    auto *ruleLabel = new QLabel(tr("Rule for t&ype:"), this);
    ruleLabel->setBuddy(m_ruleType);
    m_ruleType->setObjectName(QStringLiteral("clusterRuleTypeBox"));
    m_ruleType->setAccessibleName(tr("Cluster rule for"));
    m_count->setObjectName(QStringLiteral("clusterRuleCountBox"));
    m_count->setAccessibleName(tr("Requests that make a cluster"));
    m_count->setRange(ClusterRule::MinCount, ClusterRule::MaxCount);
    m_count->setSuffix(tr(" requests"));
    m_metres->setObjectName(QStringLiteral("clusterRuleMetresBox"));
    m_metres->setAccessibleName(tr("Within metres"));
    m_metres->setRange(int(ClusterRule::MinMetres), int(ClusterRule::MaxMetres));
    m_metres->setPrefix(tr("within "));
    m_metres->setSuffix(tr(" m"));
    m_hours->setObjectName(QStringLiteral("clusterRuleHoursBox"));
    m_hours->setAccessibleName(tr("In the last hours"));
    m_hours->setRange(ClusterRule::MinHours, ClusterRule::MaxHours);
    m_hours->setPrefix(tr("in "));
    m_hours->setSuffix(tr(" h"));
    m_saveRule->setObjectName(QStringLiteral("saveClusterRuleButton"));
    m_saveRule->setText(tr("Sa&ve rule"));
    m_saveRule->setAccessibleName(tr("Save the cluster rule"));
    m_saveRule->setAutoDefault(false);
    m_saveRule->setEnabled(mayReviewAgents(m_context.role));
    m_ruleMessage->setObjectName(QStringLiteral("clusterRuleMessage"));
    m_ruleMessage->setWordWrap(true);
    connect(m_ruleType, &QComboBox::currentIndexChanged, this, [this] {
        const ClusterRule rule =
            m_watch.detector().rules().rule(m_ruleType->currentData().toString());
        m_count->setValue(rule.count);
        m_metres->setValue(qRound(rule.metres));
        m_hours->setValue(rule.hours);
    });
    connect(m_saveRule, &QPushButton::clicked, this, &ClustersPanel::saveRule);

    m_issues->setObjectName(QStringLiteral("knownIssueTable"));
    m_issues->setAccessibleName(tr("Known issues in force"));
    setUpRowList(m_issues);
    m_issues->setColumnCount(5);
    m_issues->setHorizontalHeaderLabels(
        {tr("Known issue"), tr("Area"), tr("Until"), tr("Parent request"), tr("Posted by")});
    m_issues->setMaximumHeight(m_issues->fontMetrics().height() * 6);
    m_withdraw->setObjectName(QStringLiteral("withdrawKnownIssueButton"));
    m_withdraw->setText(tr("With&draw the known issue"));
    m_withdraw->setAccessibleName(tr("Withdraw the selected known issue"));
    m_withdraw->setAutoDefault(false);
    m_withdraw->setVisible(KnownIssues::mayPost(m_context.role));
    connect(m_withdraw, &QPushButton::clicked, this, &ClustersPanel::withdrawKnownIssue);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_post);
    actions->addWidget(m_showOnMap);
    actions->addStretch(1);
    auto *rule = new QHBoxLayout;
    rule->addWidget(ruleLabel);
    rule->addWidget(m_ruleType, 1);
    rule->addWidget(m_count);
    rule->addWidget(m_metres);
    rule->addWidget(m_hours);
    rule->addWidget(m_saveRule);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_list, 3);
    layout->addLayout(actions);
    layout->addWidget(m_requests, 2);
    layout->addLayout(rule);
    layout->addWidget(m_ruleMessage);
    layout->addWidget(m_ruleHistory);
    layout->addWidget(m_issues);
    layout->addWidget(m_withdraw, 0, Qt::AlignLeft);
    setFocusProxy(m_list);
    setTabOrder(m_list, m_post);
    setTabOrder(m_post, m_showOnMap);
    setTabOrder(m_showOnMap, m_requests);
    setTabOrder(m_requests, m_ruleType);
    setTabOrder(m_ruleType, m_count);
    setTabOrder(m_count, m_metres);
    setTabOrder(m_metres, m_hours);
    setTabOrder(m_hours, m_saveRule);
    setTabOrder(m_saveRule, m_ruleHistory);
    setTabOrder(m_ruleHistory, m_issues);
    setTabOrder(m_issues, m_withdraw);
}

void ClustersPanel::update()
{
    auto changed = m_watch.update();
    if (!changed) {
        m_status->setText(changed.error().message);
        return;
    }
    if (changed.value())
        showClusters();
}

const Cluster *ClustersPanel::selected() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_clusters.size() ? &m_clusters.at(row) : nullptr;
}

void ClustersPanel::showClusters()
{
    const int keepKey = selected() ? selected()->key : 0;
    m_clusters = m_watch.clusters();
    const QSignalBlocker block(m_list);
    m_list->setRowCount(int(m_clusters.size()));
    int keepRow = m_clusters.isEmpty() ? -1 : 0;
    const auto time = [this](const QDateTime &t) {
        return QLocale().toString(t.toTimeZone(m_context.cityZone), QLocale::ShortFormat);
    };
    // The types in the window's language.
    const ServiceNames names = m_context.history.catalogue.serviceNames();
    for (int row = 0; row < m_clusters.size(); ++row) {
        const Cluster &c = m_clusters.at(row);
        if (c.key == keepKey)
            keepRow = row;
        m_list->setItem(row, 0, cell(names.shown(c.serviceCode, c.typeName)));
        m_list->setItem(
            row, 1, cell(tr("within %1 m of %2").arg(qRound(c.metres)).arg(c.parent().address)));
        m_list->setItem(row, 2, cell(QLocale().toString(c.requests.size())));
        m_list->setItem(row, 3, cell(time(c.first())));
        m_list->setItem(row, 4, cell(time(c.last())));
        m_list->setItem(row, 5, cell(c.parent().number));
    }
    m_list->resizeColumnsToContents();
    if (keepRow >= 0)
        m_list->setCurrentCell(keepRow, 0);
    m_status->setText(
        m_clusters.isEmpty()
            ? tr("No clusters: no type has enough open requests close together right now.")
            : tr("%n cluster(s) of requests right now.", nullptr, int(m_clusters.size())));
    showRequests();
    // The rule box offers the default, the types with their own rule and the clustered types.
    const QString current = m_ruleType->currentData().toString();
    QList<std::pair<QString, QString>> types;
    for (auto it = m_watch.detector().rules().byType.begin();
         it != m_watch.detector().rules().byType.end(); ++it)
        types.append({it.key(), it.key()});
    for (const Cluster &c : m_clusters)
        types.append({c.serviceCode, names.shown(c.serviceCode, c.typeName)});
    std::sort(types.begin(), types.end());
    const QSignalBlocker blockRules(m_ruleType);
    m_ruleType->clear();
    m_ruleType->addItem(tr("Every other type (city-wide default)"), QString());
    for (const auto &[code, name] : types) {
        if (m_ruleType->findData(code) >= 0) {
            // A clustered type's name is better than its code.
            if (name != code)
                m_ruleType->setItemText(m_ruleType->findData(code), name);
            continue;
        }
        m_ruleType->addItem(name, code);
    }
    m_ruleType->setCurrentIndex(std::max(0, m_ruleType->findData(current)));
    if (m_ruleType->currentData().toString() != current)
        showRule();
}

bool ClustersPanel::selectCluster(const QString &parentRequestId)
{
    update();
    for (int row = 0; row < m_clusters.size(); ++row) {
        if (m_clusters.at(row).parent().id != parentRequestId)
            continue;
        m_list->setCurrentCell(row, 0);
        m_list->setFocus(Qt::OtherFocusReason);
        return true;
    }
    m_status->setText(tr("That cluster has ended: its requests were closed or grew older than "
                         "the rule's window."));
    return false;
}

void ClustersPanel::showRequests()
{
    const Cluster *c = selected();
    m_post->setEnabled(c != nullptr);
    m_showOnMap->setEnabled(c != nullptr);
    m_requests->setRowCount(c ? int(c->requests.size()) : 0);
    if (!c)
        return;
    for (int row = 0; row < c->requests.size(); ++row) {
        const ClusterRequest &r = c->requests.at(row);
        QTableWidgetItem *number = cell(row == 0 ? tr("%1 (parent)").arg(r.number) : r.number);
        number->setData(Qt::UserRole, r.id);
        m_requests->setItem(row, 0, number);
        m_requests->setItem(row, 1,
                            cell(QLocale().toString(r.createdAt.toTimeZone(m_context.cityZone),
                                                    QLocale::ShortFormat)));
        m_requests->setItem(row, 2, cell(r.address));
    }
    m_requests->resizeColumnsToContents();
}

void ClustersPanel::showRule()
{
    const ClusterRule rule = m_watch.detector().rules().rule(m_ruleType->currentData().toString());
    m_count->setValue(rule.count);
    m_metres->setValue(qRound(rule.metres));
    m_hours->setValue(rule.hours);
}

void ClustersPanel::saveRule()
{
    const ClusterRule rule{m_count->value(), double(m_metres->value()), m_hours->value()};
    const QString code = m_ruleType->currentData().toString();
    const QString name = code.isEmpty() ? QString() : m_ruleType->currentText();
    if (auto changed = m_ruleLog.change(code, name, rule); !changed) {
        m_ruleMessage->setText(changed.error().message);
        return;
    }
    // The event's store change has counted again under the new rules (rulesChanged).
    m_ruleMessage->setText(tr("Saved for every workstation: %1 now makes a cluster with %n "
                              "request(s) within %2 m in %3 h.",
                              nullptr, rule.count)
                               .arg(m_ruleType->currentText())
                               .arg(qRound(rule.metres))
                               .arg(rule.hours));
}

void ClustersPanel::rulesChanged()
{
    if (auto s = m_watch.reload(); !s) {
        m_ruleMessage->setText(s.error().message);
        return;
    }
    showClusters();
    showRule();
    m_ruleHistory->refresh();
}

void ClustersPanel::postKnownIssue()
{
    const Cluster *c = selected();
    if (!c)
        return;
    if (m_dialog)
        m_dialog->deleteLater();
    m_dialog =
        new KnownIssueDialog(*c, m_knownIssues, m_context.cityZone, m_context.clock.now(), this);
    connect(m_dialog, &QDialog::accepted, this, [this] {
        m_status->setText(tr("Known issue posted: every agent sees it when they take this type "
                             "in this area."));
    });
    connect(m_dialog, &QDialog::finished, this, [this] {
        window()->activateWindow();
        m_list->setFocus(Qt::OtherFocusReason);
    });
    m_dialog->open();
}

void ClustersPanel::showKnownIssues()
{
    const QList<KnownIssue> issues = m_knownIssues.inForce();
    m_issues->setRowCount(int(issues.size()));
    for (int row = 0; row < issues.size(); ++row) {
        const KnownIssue &k = issues.at(row);
        QTableWidgetItem *first = cell(k.typeName);
        first->setData(Qt::UserRole, k.id);
        first->setToolTip(k.agentText);
        m_issues->setItem(row, 0, first);
        m_issues->setItem(row, 1,
                          cell(tr("within %1 m of the parent request").arg(qRound(k.metres))));
        m_issues->setItem(row, 2,
                          cell(QLocale().toString(k.expiresAt.toTimeZone(m_context.cityZone),
                                                  QLocale::ShortFormat)));
        m_issues->setItem(row, 3, cell(k.parentNumber));
        m_issues->setItem(row, 4, cell(k.postedBy));
    }
    m_issues->resizeColumnsToContents();
    if (!issues.isEmpty() && m_issues->currentRow() < 0)
        m_issues->setCurrentCell(0, 0);
    m_withdraw->setEnabled(!issues.isEmpty());
}

void ClustersPanel::withdrawKnownIssue()
{
    const QTableWidgetItem *item = m_issues->item(std::max(0, m_issues->currentRow()), 0);
    if (!item)
        return;
    if (auto s = m_knownIssues.withdraw(item->data(Qt::UserRole).toString()); !s) {
        m_status->setText(s.error().message);
        return;
    }
    m_status->setText(tr("Known issue withdrawn: agents no longer see it."));
    showKnownIssues();
}

} // namespace civicdesk
