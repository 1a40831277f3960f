#pragma once

#include <QObject>

class QTimer;

namespace civicdesk {

class IntakeSession;
class RequestBox;

// The agent's work kept as their draft while they type (a moment after the last change), so a
// crash or a power cut loses nothing; kept or dropped at once when the window closes.
class DraftKeeper : public QObject
{
    Q_OBJECT

public:
    DraftKeeper(IntakeSession &session, const RequestBox &request, QObject *parent = nullptr);

    // Something changed: saved shortly (one save for a burst of keys).
    void schedule();
    // No save is pending any more (what is on screen is not this agent's to keep).
    void cancel();
    void saveNow();
    void discard();

signals:
    // The draft could not be saved or dropped: why, for the agent.
    void problem(const QString &message);

private:
    IntakeSession &m_session;
    const RequestBox &m_request;
    QTimer *m_timer;
};

} // namespace civicdesk
