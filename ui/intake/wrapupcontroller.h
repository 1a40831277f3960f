#pragma once

#include <QObject>

namespace civicdesk {

class IntakeSession;
class WrapUpBox;

// The wrap-up bound to the session: the Outcome list shows the session's outcome (which follows
// what happened in the contact) and the agent's choice becomes it; "Transferred to" is open for
// the transfer outcomes only and follows the session's suggestion (911 for an emergency type).
class WrapUpController : public QObject
{
    Q_OBJECT

public:
    WrapUpController(IntakeSession &session, WrapUpBox &box, QObject *parent = nullptr);

    // The list shows the session's outcome (again after a language change).
    void showOutcome();

private:
    void updateTransferField();

    IntakeSession &m_session;
    WrapUpBox &m_box;
};

} // namespace civicdesk
