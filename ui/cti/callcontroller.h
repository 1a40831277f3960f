#pragma once

#include "models/cti/callevents.h"

#include <QObject>
#include <QPointer>

class QLabel;
class QMainWindow;

namespace civicdesk {

class IntakePanel;
class IntakeRepository;
class TelephonyAdapter;

// The phone on the agent's screen: each call the adapter reports is looked up in the local
// replica (models/cti screenPopFor) and popped into intake; Answer and Hang up go back to the
// phone; the link's state is in the status bar. Built by the composition root when a telephony
// endpoint is configured.
class CallController : public QObject
{
    Q_OBJECT

public:
    CallController(TelephonyAdapter &adapter, IntakePanel &intake, const IntakeRepository &callers,
                   const NumberingPlan &plan, QMainWindow &window);
    // The phone leaves the screen: its status bar entry goes, the call row hides (when the
    // window is still there; the adapter is no longer used).
    ~CallController() override;

    QLabel *statusLabel() const;

signals:
    // The caller is on screen (for measurements: the time from the phone's offer to here).
    void popped(const QString &callId);

private:
    void pop(const CallOffer &offer);
    void showState();

    TelephonyAdapter &m_adapter;
    IntakePanel &m_intake;
    const IntakeRepository &m_callers;
    NumberingPlan m_plan;
    QPointer<QLabel> m_status;
    QPointer<IntakePanel> m_intakeShown;
};

} // namespace civicdesk
