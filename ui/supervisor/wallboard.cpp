#include "ui/supervisor/wallboard.h"

#include "models/supervision/helpflags.h"
#include "models/supervision/kpi/backlogfigures.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "models/supervision/kpi/todayfigures.h"
#include "models/supervision/lobbyfigures.h"
#include "models/supervision/phone/phonefigures.h"
#include "models/workstation/supervisionservices.h"
#include "ui/supervisor/kpitexts.h"

#include <QFontMetrics>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QShortcut>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace civicdesk {

namespace {

constexpr int DepartmentTiles = 6;
constexpr int Columns = 3;
constexpr int Spacing = 30;
// Point sizes at 1920x1080.
constexpr double TitlePoints = 40, FigurePoints = 96, NamePoints = 26, UpdatedPoints = 18;

QString colour(Wallboard::Level level)
{
    switch (level) {
    case Wallboard::Level::Good:
        return QStringLiteral("#00e676");
    case Wallboard::Level::Warning:
        return QStringLiteral("#ffd600");
    case Wallboard::Level::Alarm:
        return QStringLiteral("#ff1744");
    case Wallboard::Level::Plain:
        break;
    }
    return QStringLiteral("#ffffff");
}

} // namespace

Wallboard::Wallboard(const SupervisorContext &context, const WallboardSettings &settings,
                     QWidget *parent)
    : QWidget(parent), m_context(context), m_settings(settings), m_pages(new QStackedWidget(this)),
      m_updated(new QLabel(this)), m_rotate(new QTimer(this)), m_changes(new QTimer(this)),
      m_tick(new QTimer(this))
{
    m_today = context.services.todayFigures(context.cityZone);
    m_backlog = context.services.backlogFigures();
    setObjectName(QStringLiteral("wallboard"));
    setWindowTitle(tr("CivicDesk wallboard"));
    setAccessibleName(tr("Wallboard"));
    setAutoFillBackground(true);
    setStyleSheet(QStringLiteral("QWidget#wallboard, QStackedWidget, QStackedWidget > QWidget "
                                 "{ background: #000000; } QLabel { color: #ffffff; }"));
    addPage(tr("Contacts today"),
            {QStringLiteral("contacts"), QStringLiteral("handle"), QStringLiteral("transfer"),
             QStringLiteral("information"), QStringLiteral("fcr"), QStringLiteral("help")});
    addPage(tr("Service requests"),
            {QStringLiteral("opened"), QStringLiteral("sla"), QStringLiteral("open"),
             QStringLiteral("overdue"), QStringLiteral("due_soon"), QStringLiteral("help")});
    QStringList departments;
    for (int i = 0; i < DepartmentTiles; ++i)
        departments.append(QStringLiteral("dept%1").arg(i));
    addPage(tr("Overdue requests by department"), departments);
    addPage(tr("Phone system today"), {QStringLiteral("offered"), QStringLiteral("service_level"),
                                       QStringLiteral("abandoned"), QStringLiteral("asa")});
    addPage(tr("Lobby today"), {QStringLiteral("lobby_visitors"), QStringLiteral("lobby_unserved"),
                                QStringLiteral("lobby_wait"), QStringLiteral("lobby_wait_p90"),
                                QStringLiteral("lobby_service"), QStringLiteral("lobby_no_shows")});
    m_updated->setObjectName(QStringLiteral("wallboardUpdatedLabel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 30, 40, 20);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_updated, 0, Qt::AlignRight);

    m_rotate->setInterval(m_settings.rotateSeconds * 1000);
    connect(m_rotate, &QTimer::timeout, this, &Wallboard::nextPage);
    m_rotate->start();
    // Within two seconds of an event reaching the store; once per burst.
    m_changes->setSingleShot(true);
    m_changes->setInterval(500);
    connect(m_changes, &QTimer::timeout, this, &Wallboard::refresh);
    connect(&context.changes, &StoreChanges::applied, this,
            [this](const StoreChanges::Applied &) { m_changes->start(); });
    m_tick->setInterval(30 * 1000);
    connect(m_tick, &QTimer::timeout, this, &Wallboard::refresh);
    m_tick->start();
    auto *quit = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q), this);
    connect(quit, &QShortcut::activated, this, &QWidget::close);
    refresh();
}

QWidget *Wallboard::addPage(const QString &title, const QStringList &keys)
{
    auto *page = new QWidget(m_pages);
    auto *layout = new QVBoxLayout(page);
    auto *heading = new QLabel(title, page);
    QFont big = heading->font();
    big.setBold(true);
    heading->setFont(big);
    m_titles.append(heading);
    layout->addWidget(heading);
    auto *grid = new QGridLayout;
    grid->setSpacing(Spacing);
    for (int c = 0; c < Columns; ++c)
        grid->setColumnStretch(c, 1); // equal thirds, whatever the figures
    for (int i = 0; i < keys.size(); ++i) {
        Tile tile;
        tile.page = m_pages->count();
        tile.value = new QLabel(page);
        tile.value->setObjectName(u"wallboardValue_" + keys.at(i) + u'_' +
                                  QString::number(m_pages->count()));
        QFont figure = tile.value->font();
        figure.setBold(true);
        tile.value->setFont(figure);
        tile.name = new QLabel(page);
        tile.name->setWordWrap(true);
        grid->addWidget(tile.value, (i / Columns) * 2, i % Columns,
                        Qt::AlignLeft | Qt::AlignBottom);
        // The name takes its whole third, so it wraps only when it does not fit there
        // ("Average handle time" on one line, not three words a line).
        grid->addWidget(tile.name, (i / Columns) * 2 + 1, i % Columns, Qt::AlignTop);
        // The same figure may be on two pages: the key names the first, the page the others.
        const QString key = m_tiles.contains(keys.at(i))
                                ? keys.at(i) + u'@' + QString::number(m_pages->count())
                                : keys.at(i);
        m_tiles.insert(key, tile);
    }
    layout->addLayout(grid, 1);
    m_pages->addWidget(page);
    return page;
}

Wallboard::~Wallboard() = default;

Wallboard::Level Wallboard::slaLevel(std::optional<double> rate) const
{
    return percentLevel(rate, m_settings.slaGreenPercent, m_settings.slaAmberPercent);
}

Wallboard::Level Wallboard::percentLevel(std::optional<double> rate, int green, int amber) const
{
    if (!rate)
        return Level::Plain;
    if (*rate * 100.0 >= green)
        return Level::Good;
    if (*rate * 100.0 >= amber)
        return Level::Warning;
    return Level::Alarm;
}

Wallboard::Level Wallboard::countLevel(qint64 n, int amber, int red) const
{
    if (n >= red)
        return Level::Alarm;
    if (n >= amber)
        return Level::Warning;
    return Level::Good;
}

void Wallboard::set(const QString &key, const QString &value, Level level, const QString &name)
{
    for (auto it = m_tiles.begin(); it != m_tiles.end(); ++it) {
        if (it.key() != key && !it.key().startsWith(key + u'@'))
            continue;
        Tile &tile = it.value();
        tile.level = level;
        tile.value->setText(value);
        tile.value->setStyleSheet(QStringLiteral("color: %1").arg(colour(level)));
        if (!name.isEmpty())
            tile.name->setText(name);
    }
}

void Wallboard::refresh()
{
    const QDateTime now = m_context.clock.now();
    KpiFilter filter;
    filter.period = KpiPeriod::today(now, m_context.cityZone);
    filter.dueSoonHours = m_settings.dueSoonHours;
    // Today's contact figures follow the arriving events without counting the day again.
    if (auto s = m_today->update(now); !s) {
        m_updated->setText(s.error().message);
        return;
    }
    // And the SLA backlog follows them without scanning the open requests again.
    if (auto s = m_backlog->update(); !s) {
        m_updated->setText(s.error().message);
        return;
    }
    auto report = m_context.kpis.report(filter, now, m_today.get(), m_backlog.get());
    if (!report) {
        m_updated->setText(report.error().message);
        return;
    }
    const KpiReport &r = report.value();
    showPhone(filter.period);
    showLobby(filter.period);
    const QLocale locale;
    const qsizetype flags = m_context.helpFlags.open().size();
    set(QStringLiteral("contacts"), locale.toString(r.contacts), Level::Plain, tr("Contacts"));
    set(QStringLiteral("handle"), kpitexts::duration(r.averageHandleSeconds()), Level::Plain,
        tr("Average handle time"));
    set(QStringLiteral("transfer"), kpitexts::percent(r.transferRate()), Level::Plain,
        tr("Transferred"));
    set(QStringLiteral("information"), kpitexts::percent(r.informationShare()), Level::Plain,
        tr("Answered with information"));
    set(QStringLiteral("fcr"), kpitexts::percent(r.fcrRate()), Level::Plain,
        tr("Resolved at first contact"));
    set(QStringLiteral("help"), locale.toString(flags),
        flags >= m_settings.helpFlagsRed ? Level::Alarm : Level::Plain,
        tr("Agents asking for a supervisor"));
    set(QStringLiteral("opened"), locale.toString(r.requestsOpened), Level::Plain,
        tr("Requests opened"));
    set(QStringLiteral("sla"), kpitexts::percent(r.slaMetRate()), slaLevel(r.slaMetRate()),
        tr("Closed within SLA"));
    set(QStringLiteral("open"), locale.toString(r.open), Level::Plain, tr("Open requests"));
    set(QStringLiteral("overdue"), locale.toString(r.overdue),
        countLevel(r.overdue, m_settings.overdueAmber, m_settings.overdueRed),
        tr("Overdue requests"));
    set(QStringLiteral("due_soon"), locale.toString(r.dueSoon),
        r.dueSoon > 0 ? Level::Warning : Level::Good,
        tr("Due within %n hour(s)", nullptr, m_settings.dueSoonHours));

    // Overdue by department, the most first.
    QMap<QString, qint64> byDepartment;
    for (const KpiBacklogRow &row : r.backlog)
        byDepartment[row.department] += row.overdue;
    QList<std::pair<qint64, QString>> ranked;
    for (auto it = byDepartment.cbegin(); it != byDepartment.cend(); ++it) {
        if (it.value() > 0)
            ranked.append({it.value(), it.key()});
    }
    std::sort(ranked.begin(), ranked.end(),
              [](const auto &a, const auto &b) { return a.first > b.first; });
    for (int i = 0; i < DepartmentTiles; ++i) {
        const QString key = QStringLiteral("dept%1").arg(i);
        if (i < ranked.size()) {
            const auto &[n, department] = ranked.at(i);
            set(key, locale.toString(n),
                countLevel(n, m_settings.overdueAmber, m_settings.overdueRed),
                department.isEmpty() ? tr("No department") : department);
        } else {
            set(key, QString(), Level::Plain, QStringLiteral(" "));
        }
    }
    // The wall names the city as people say it, with the city's own clock; the zone's id
    // ("America/New_York") only when the store has no name for the city.
    const QString city = m_context.services.cityName().trimmed();
    m_updated->setText(
        tr("Today in %1 · updated %2 local time")
            .arg(city.isEmpty() ? QString::fromUtf8(m_context.cityZone.id()) : city,
                 locale.toString(now.toTimeZone(m_context.cityZone).time(), QLocale::ShortFormat)));
    fitToScreen();
}

void Wallboard::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitToScreen();
}

void Wallboard::fitToScreen()
{
    const double scale = std::clamp(std::min(width() / 1920.0, height() / 1080.0), 0.35, 3.0);
    const auto sized = [scale](QLabel *label, double points) {
        QFont font = label->font();
        font.setPointSizeF(points * scale);
        label->setFont(font);
    };
    for (QLabel *title : std::as_const(m_titles))
        sized(title, TitlePoints);
    sized(m_updated, UpdatedPoints);
    // The width of a third: the window less its margins and the page's, less the gaps.
    const QMargins outer = layout()->contentsMargins();
    const QMargins inner = m_pages->widget(0)->layout()->contentsMargins();
    const double column = (width() - outer.left() - outer.right() - inner.left() - inner.right() -
                           (Columns - 1) * Spacing) /
                          double(Columns);
    QList<double> pagePoints(m_pages->count(), FigurePoints * scale);
    for (const Tile &tile : std::as_const(m_tiles)) {
        QFont font = tile.value->font();
        font.setPointSizeF(FigurePoints * scale);
        const int wide = QFontMetrics(font).horizontalAdvance(tile.value->text());
        if (wide > column && column > 0)
            pagePoints[tile.page] =
                std::min(pagePoints.at(tile.page), FigurePoints * scale * column / wide);
    }
    for (const Tile &tile : std::as_const(m_tiles)) {
        sized(tile.value, pagePoints.at(tile.page) / scale);
        sized(tile.name, NamePoints);
    }
}

void Wallboard::showPhone(const KpiPeriod &today)
{
    auto phone = m_context.services.phoneFigures(today);
    const PhoneFigures f = phone ? phone.value() : PhoneFigures{};
    const QLocale locale;
    set(QStringLiteral("offered"), f.isEmpty() ? tr("–") : locale.toString(f.total.offered),
        Level::Plain, tr("Calls offered (phone system)"));
    set(QStringLiteral("service_level"), kpitexts::percent(f.total.serviceLevel()),
        percentLevel(f.total.serviceLevel(), m_settings.serviceLevelGreenPercent,
                     m_settings.serviceLevelAmberPercent),
        f.thresholdSeconds > 0 ? tr("Answered within %1 s").arg(f.thresholdSeconds)
                               : tr("Answered within the threshold"));
    const auto abandon = f.total.abandonRate();
    set(QStringLiteral("abandoned"), kpitexts::percent(abandon),
        !abandon ? Level::Plain
                 : (*abandon * 100.0 > m_settings.abandonRedPercent
                        ? Level::Alarm
                        : (*abandon * 100.0 > m_settings.abandonAmberPercent ? Level::Warning
                                                                             : Level::Good)),
        tr("Abandoned"));
    set(QStringLiteral("asa"), kpitexts::duration(f.total.asaSeconds()), Level::Plain,
        tr("Average speed of answer"));
}

void Wallboard::showLobby(const KpiPeriod &today)
{
    // The walk-in lobby's day (models/supervision/lobbyfigures.h): counts and times only.
    auto lobby = m_context.lobbyFigures.report(today);
    const LobbyFiguresReport r = lobby ? lobby.value() : LobbyFiguresReport{};
    const QLocale locale;
    const auto seconds = [](std::optional<qint64> s) {
        return s ? std::optional<double>(double(*s)) : std::nullopt;
    };
    set(QStringLiteral("lobby_visitors"), locale.toString(r.visitors), Level::Plain,
        tr("Lobby visitors"));
    set(QStringLiteral("lobby_unserved"), locale.toString(r.unserved), Level::Plain,
        tr("Still in the lobby"));
    set(QStringLiteral("lobby_wait"), kpitexts::duration(r.wait.average), Level::Plain,
        tr("Average wait"));
    set(QStringLiteral("lobby_wait_p90"), kpitexts::duration(seconds(r.wait.p90)), Level::Plain,
        tr("Wait, 90th percentile"));
    set(QStringLiteral("lobby_service"), kpitexts::duration(r.service.average), Level::Plain,
        tr("Average time at the counter"));
    set(QStringLiteral("lobby_no_shows"), locale.toString(r.noShows),
        r.noShows > 0 ? Level::Warning : Level::Plain, tr("No-shows"));
}

void Wallboard::nextPage()
{
    m_pages->setCurrentIndex((m_pages->currentIndex() + 1) % m_pages->count());
}

int Wallboard::page() const
{
    return m_pages->currentIndex();
}

int Wallboard::pageCount() const
{
    return m_pages->count();
}

QString Wallboard::figure(const QString &key) const
{
    return m_tiles.contains(key) ? m_tiles.value(key).value->text() : QString();
}

Wallboard::Level Wallboard::level(const QString &key) const
{
    return m_tiles.contains(key) ? m_tiles.value(key).level : Level::Plain;
}

QStringList Wallboard::texts() const
{
    QStringList all;
    for (const QLabel *label : findChildren<QLabel *>())
        all.append(label->text());
    return all;
}

} // namespace civicdesk
