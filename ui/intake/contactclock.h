#pragma once

#include "models/domain/contact.h"

#include <QObject>

class QTimer;

namespace civicdesk {

class ContactBar;
class IntakeSession;

// The contact bar follows the session: Start and the channel while no contact runs, End while
// one does, and the timer line (channel and running time, or how long the last contact took).
class ContactClock : public QObject
{
    Q_OBJECT

public:
    ContactClock(IntakeSession &session, ContactBar &bar, QObject *parent = nullptr);

    // A contact started (the timer runs) or ended (Start and the channel are back).
    void setRunning(bool running);
    // The contact just ended after `seconds`: said until the next contact.
    void showEnded(qint64 seconds);
    // The next update says no contact is running (instead of how long the last one took).
    void forgetEnded() { m_endedShown = false; }
    void showChannel(Channel channel);
    void update();

private:
    IntakeSession &m_session;
    ContactBar &m_bar;
    QTimer *m_timer;
    bool m_endedShown = false;
};

} // namespace civicdesk
