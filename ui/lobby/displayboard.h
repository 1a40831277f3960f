#pragma once

#include <QWidget>
#include <optional>

class QLabel;
class QTimer;

namespace civicdesk {

class CallOut;
class LobbyRepository;
class StoreChanges;

// The lobby's second screen: now serving (ticket and counter) and the last few called, numbers
// only (never names), large, white and yellow on black, in English and Spanish at once (whatever
// the PC's own language). Before anyone is called it shows only the invitation to take a
// ticket. Its type is sized for a 1366x768 screen and grows with a larger one. It follows the
// store: a call made here or pulled from the central store shows at once.
class DisplayBoard : public QWidget
{
    Q_OBJECT

public:
    static constexpr int RecentCount = 6;

    DisplayBoard(const LobbyRepository &lobby, StoreChanges &changes, QWidget *parent = nullptr);

    // What the board shows now (for tests): "B012 3" lines, the newest first.
    QStringList shownCalls() const;
    void refresh();
    // Speaks each new call (and recall) from now on; null: silent (the default).
    void setCallOut(CallOut *callOut) { m_callOut = callOut; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    const LobbyRepository &m_lobby;
    double m_scale = 1.0; // the screen's size against the 1366x768 the sizes are for
    QWidget *m_calls;
    QLabel *m_nowTicket;
    QLabel *m_nowCounter;
    QList<QLabel *> m_recent;
    QLabel *m_empty;
    QTimer *m_timer;
    CallOut *m_callOut = nullptr;
    std::optional<QString> m_lastCall; // the newest call shown (ticket and time), once known
};

} // namespace civicdesk
