#pragma once

#include <QWidget>

class QLabel;
class QTimer;

namespace civicdesk {

class LobbyRepository;
class StoreChanges;

// The lobby's second screen: now serving (ticket and counter) and the last few called, numbers
// only (never names), large, white and yellow on black, in English and Spanish at once. It
// follows the store: a call made here or pulled from the central store shows at once.
class DisplayBoard : public QWidget
{
    Q_OBJECT

public:
    static constexpr int RecentCount = 6;

    DisplayBoard(const LobbyRepository &lobby, StoreChanges &changes, QWidget *parent = nullptr);

    // What the board shows now (for tests): "B012 3" lines, the newest first.
    QStringList shownCalls() const;
    void refresh();

private:
    const LobbyRepository &m_lobby;
    QLabel *m_nowTicket;
    QLabel *m_nowCounter;
    QList<QLabel *> m_recent;
    QLabel *m_empty;
    QTimer *m_timer;
};

} // namespace civicdesk
