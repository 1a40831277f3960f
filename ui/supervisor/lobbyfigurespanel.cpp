#include "ui/supervisor/lobbyfigurespanel.h"

#include "models/domain/contact.h"
#include "models/itemmodels/requesttexts.h"
#include "ui/supervisor/drilldowndialog.h"
#include "ui/supervisor/kpitexts.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace civicdesk {

namespace {

QString count(qint64 n)
{
    return QLocale().toString(n);
}

QString stateText(const LobbyVisit &v)
{
    if (v.served())
        return v.outcome.isEmpty() ? LobbyFiguresPanel::tr("served")
                                   : LobbyFiguresPanel::tr("served: %1")
                                         .arg(requesttexts::outcome(outcomeFromName(v.outcome)));
    if (v.noShow())
        return LobbyFiguresPanel::tr("no-show");
    if (v.state == u"called")
        return LobbyFiguresPanel::tr("at the counter");
    if (v.state == u"parked")
        return LobbyFiguresPanel::tr("parked");
    return LobbyFiguresPanel::tr("waiting");
}

} // namespace

LobbyFiguresPanel::LobbyFiguresPanel(const LobbyFigures &figures, QWidget *parent)
    : QWidget(parent), m_figures(figures), m_error(new QLabel(this)), m_tree(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("lobbyFiguresPanel"));
    m_error->setObjectName(QStringLiteral("lobbyFiguresErrorLabel"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold"));
    m_error->setWordWrap(true);
    m_error->hide();
    auto *definition = new QLabel(
        tr("Visitors: tickets issued in the period (the city's local days). Wait: from the "
           "arrival to the first call. Service: from the call to the end of a served visit. "
           "90%: nine visits in ten took at most this long. A counter counts the visits it "
           "called last; a category, the visit's category now. Minutes:seconds."),
        this);
    definition->setObjectName(QStringLiteral("lobbyDefinitionLabel"));
    definition->setWordWrap(true);
    m_tree->setObjectName(QStringLiteral("lobbyFiguresTree"));
    m_tree->setAccessibleName(tr("Lobby figures; Enter lists the visits behind one"));
    m_tree->setColumnCount(8);
    m_tree->setHeaderLabels({tr("Figure"), tr("Visitors"), tr("Served"), tr("No-shows"),
                             tr("Average wait"), tr("90% wait"), tr("Average service"),
                             tr("90% service")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setUniformRowHeights(true);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QVariant index = item->data(0, Qt::UserRole);
        if (index.isValid())
            drill(index.toInt(), item->text(0));
    });
    setFocusProxy(m_tree);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_error);
    layout->addWidget(definition);
    layout->addWidget(m_tree, 1);
}

void LobbyFiguresPanel::refresh(const KpiFilter &filter)
{
    m_period = filter.period;
    auto visits = m_figures.visits(filter.period, filter.agent);
    if (!visits) {
        m_error->setText(visits.error().message);
        m_error->show();
        return;
    }
    m_error->hide();
    m_visits = visits.value();
    m_report = LobbyFigures::summarize(m_visits, m_period);
    show(m_report);
}

void LobbyFiguresPanel::show(const LobbyFiguresReport &r)
{
    using M = LobbyCell::Metric;
    QString current;
    if (QTreeWidgetItem *item = m_tree->currentItem())
        current = item->text(0);
    m_tree->clear();
    m_cells.clear();
    const auto section = [this](const QString &title) {
        auto *item = new QTreeWidgetItem(m_tree, {title});
        QFont bold = item->font(0);
        bold.setBold(true);
        item->setFont(0, bold);
        return item;
    };
    const auto add = [this](QTreeWidgetItem *parent, const QString &name, const QStringList &values,
                            const LobbyCell &cell) {
        auto *item = new QTreeWidgetItem(parent, QStringList{name} + values);
        item->setData(0, Qt::UserRole, int(m_cells.size()));
        for (int column = 1; column < m_tree->columnCount(); ++column)
            item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
        m_cells.append(cell);
        return item;
    };
    const auto times = [](const LobbyTimes &wait, const LobbyTimes &service) {
        return QStringList{
            kpitexts::duration(wait.average),
            kpitexts::duration(wait.p90 ? std::optional<double>(double(*wait.p90)) : std::nullopt),
            kpitexts::duration(service.average),
            kpitexts::duration(service.p90 ? std::optional<double>(double(*service.p90))
                                           : std::nullopt)};
    };

    QTreeWidgetItem *all = section(tr("Lobby visits"));
    add(all, tr("All visits"),
        QStringList{count(r.visitors), count(r.served), count(r.noShows)} +
            times(r.wait, r.service),
        {M::Visitors});
    add(all, tr("Called to a counter"), {count(r.called)}, {M::Called});
    add(all, tr("Served"), {QString(), count(r.served)}, {M::Served});
    add(all, tr("No-shows"), {QString(), QString(), count(r.noShows)}, {M::NoShows});
    add(all, tr("Not finished (waiting, at a counter or parked)"), {count(r.unserved)},
        {M::Unfinished});
    const std::optional<double> perHour = r.visitorsPerHour();
    add(all, tr("Visitors per hour (hours with arrivals: %n)", nullptr, int(r.openHours)),
        {perHour ? QLocale().toString(*perHour, 'f', 1) : kpitexts::duration(std::nullopt)},
        {M::Visitors});

    QTreeWidgetItem *hours = section(tr("Arrivals by hour"));
    for (int hour = 0; hour < 24; ++hour) {
        if (r.byHour[std::size_t(hour)] == 0)
            continue;
        add(hours,
            tr("%1:00–%2:00")
                .arg(hour, 2, 10, QLatin1Char('0'))
                .arg(hour + 1, 2, 10, QLatin1Char('0')),
            {count(r.byHour[std::size_t(hour)])}, {M::Hour, {}, hour});
    }

    const auto groups = [&](const QString &title, const QList<LobbyGroup> &list, M metric,
                            bool counter) {
        QTreeWidgetItem *parent = section(title);
        for (const LobbyGroup &g : list)
            add(parent, counter ? tr("Counter %1").arg(g.name) : g.name,
                QStringList{count(g.visitors), count(g.served), count(g.noShows)} +
                    times(g.wait, g.service),
                {metric, g.key});
    };
    groups(tr("By category"), r.byCategory, M::Category, false);
    groups(tr("By counter"), r.byCounter, M::Counter, true);

    m_tree->expandAll();
    for (int column = 1; column < m_tree->columnCount(); ++column)
        m_tree->resizeColumnToContents(column);
    QTreeWidgetItem *select = m_tree->topLevelItem(0)->child(0);
    if (!current.isEmpty()) {
        const QList<QTreeWidgetItem *> same =
            m_tree->findItems(current, Qt::MatchExactly | Qt::MatchRecursive);
        if (!same.isEmpty())
            select = same.first();
    }
    m_tree->setCurrentItem(select);
}

void LobbyFiguresPanel::drill(int cellIndex, const QString &title)
{
    if (m_dialog)
        m_dialog->close(); // deleted on close
    const QList<LobbyVisit> visits =
        LobbyFigures::behind(m_visits, m_cells.at(cellIndex), m_period);
    m_dialog = new QDialog(this);
    m_dialog->setObjectName(QStringLiteral("lobbyVisitsDialog"));
    m_dialog->setWindowTitle(tr("Visits: %1").arg(title));
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QObject::destroyed, this, [this, d = m_dialog] {
        if (m_dialog == d) {
            m_dialog = nullptr;
            m_visitsTable = nullptr;
        }
    });
    connect(m_dialog, &QDialog::finished, this, [this] {
        window()->activateWindow();
        m_tree->setFocus(Qt::OtherFocusReason);
    });
    auto *summary =
        new QLabel(tr("%n visit(s), in arrival order", nullptr, int(visits.size())), m_dialog);
    summary->setObjectName(QStringLiteral("lobbyVisitsSummaryLabel"));
    m_visitsTable = new QTableWidget(m_dialog);
    m_visitsTable->setObjectName(QStringLiteral("lobbyVisitsTable"));
    m_visitsTable->setAccessibleName(tr("The visits behind %1").arg(title));
    setUpRowList(m_visitsTable);
    const QStringList headers = {tr("Ticket"),  tr("Category"), tr("Arrived"), tr("Called"),
                                 tr("Counter"), tr("Agent"),    tr("Wait"),    tr("Service"),
                                 tr("Recalls"), tr("State")};
    m_visitsTable->setColumnCount(int(headers.size()));
    m_visitsTable->setHorizontalHeaderLabels(headers);
    m_visitsTable->setRowCount(int(visits.size()));
    const auto time = [this](qint64 ms) {
        if (ms <= 0)
            return QString();
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms, m_period.zone),
                                  QLocale::ShortFormat);
    };
    const auto seconds = [](std::optional<qint64> s) {
        return s ? kpitexts::duration(double(*s)) : QString();
    };
    for (int row = 0; row < visits.size(); ++row) {
        const LobbyVisit &v = visits.at(row);
        const QStringList cells = {v.number,
                                   v.categoryName.isEmpty() ? v.category : v.categoryName,
                                   time(v.issuedAt),
                                   time(v.firstCalledAt),
                                   v.counter,
                                   v.agent,
                                   seconds(v.waitSeconds()),
                                   seconds(v.serviceSeconds()),
                                   count(v.recalls),
                                   stateText(v)};
        for (int column = 0; column < cells.size(); ++column)
            m_visitsTable->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    m_visitsTable->resizeColumnsToContents();
    if (!visits.isEmpty())
        m_visitsTable->setCurrentCell(0, 0);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, m_dialog);
    QPushButton *close = buttons->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("lobbyVisitsCloseButton"));
    close->setAccessibleName(tr("Close the list"));
    close->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, m_dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(m_dialog);
    layout->addWidget(summary);
    layout->addWidget(m_visitsTable, 1);
    layout->addWidget(buttons);
    m_dialog->resize(960, 480);
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    m_visitsTable->setFocus();
}

} // namespace civicdesk
