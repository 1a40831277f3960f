#pragma once

#include "models/supervision/kpi/kpireport.h"
#include "ui/common/settings.h"
#include "ui/supervisor/supervisorcontext.h"

#include <QHash>
#include <QWidget>
#include <memory>

class QLabel;
class QStackedWidget;
class QTimer;

namespace civicdesk {

class TodayFigures;
class BacklogFigures;

// The wall screen: today's figures in big, high-contrast type, a few pages that rotate, colour
// thresholds from the settings. No personal data: no agent, caller, phone or address, only
// counts, rates and department codes. Counts again shortly after every change to the store
// (an event written here or pulled from the central store) and every half minute (time moves
// requests into "overdue"); today's contact figures follow the events incrementally
// (TodayFigures). A page shows the phone system's figures of today (interval reports), one the
// walk-in lobby's (visitors, waits, time at the counter, no-shows; never a ticket or a name).
class Wallboard : public QWidget
{
    Q_OBJECT

public:
    enum class Level
    {
        Plain,
        Good,
        Warning,
        Alarm
    };
    Q_ENUM(Level)

    Wallboard(const SupervisorContext &context, const WallboardSettings &settings,
              QWidget *parent = nullptr);
    ~Wallboard() override;

    void refresh();
    void nextPage();
    int page() const;
    int pageCount() const;
    // A tile's figure and colour level, by key (contacts, handle, transfer, information, fcr,
    // opened, sla, open, overdue, due_soon, help; dept0..dept5 on the department page;
    // offered, service_level, abandoned, asa on the phone system's page; lobby_visitors,
    // lobby_unserved, lobby_wait, lobby_wait_p90, lobby_service, lobby_no_shows on the lobby's).
    QString figure(const QString &key) const;
    Level level(const QString &key) const;
    // Every text the wall shows (tests check it holds no personal data).
    QStringList texts() const;

private:
    struct Tile
    {
        QLabel *value = nullptr;
        QLabel *name = nullptr;
        Level level = Level::Plain;
        int page = 0;
    };
    QWidget *addPage(const QString &title, const QStringList &keys);
    void set(const QString &key, const QString &value, Level level, const QString &name = {});
    Level slaLevel(std::optional<double> rate) const;
    Level percentLevel(std::optional<double> rate, int green, int amber) const;
    Level countLevel(qint64 n, int amber, int red) const;
    void showPhone(const KpiPeriod &today);
    // Type sized to the screen (designed for 1920x1080), each page's figures made small enough
    // that the longest fits its third of the width: no figure runs into the next.
    void fitToScreen();
    void resizeEvent(QResizeEvent *event) override;
    void showLobby(const KpiPeriod &today);

    SupervisorContext m_context;
    WallboardSettings m_settings;
    QStackedWidget *m_pages;
    QLabel *m_updated;
    QHash<QString, Tile> m_tiles;
    QList<QLabel *> m_titles;
    QTimer *m_rotate;
    QTimer *m_changes;
    QTimer *m_tick;
    std::unique_ptr<TodayFigures> m_today;
    std::unique_ptr<BacklogFigures> m_backlog;
};

} // namespace civicdesk
