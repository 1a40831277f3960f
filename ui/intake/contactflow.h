#pragma once

#include <QObject>

class QLabel;
class QWidget;

namespace civicdesk {

class CallerBox;
class CallPop;
class ContactBar;
class ContactClock;
class DraftKeeper;
class IntakeMessages;
class IntakeService;
class IntakeSession;
class NearbyWatcher;
class RequestBox;
class RequestFlow;
class RequestSubmitter;
class TypePicker;
class WrapUpBox;

// A contact from start to end on screen: started by Ctrl+N, at the lobby counter or by a call
// (the focus on the caller's phone, or on the type when the caller is known), the wrap-up, the
// finish that never drops a request left on the form, parking it for another agent, and the
// draft coming back. A contact ended or parked leaves nothing of its caller on screen.
class ContactFlow : public QObject
{
    Q_OBJECT

public:
    struct Widgets
    {
        ContactBar &contactBar;
        CallerBox &caller;
        TypePicker &types;
        RequestBox &request;
        WrapUpBox &wrapUp;
        QLabel &result; // the number read back
        QWidget &dialogParent;
    };
    struct Parts
    {
        ContactClock &clock;
        CallPop &callPop;
        RequestFlow &flow;
        RequestSubmitter &submitter;
        NearbyWatcher &nearby;
        DraftKeeper &drafts;
        IntakeMessages &messages;
    };
    ContactFlow(IntakeSession &session, const IntakeService &service, Widgets widgets, Parts parts,
                QObject *parent = nullptr);

    void startContact();
    // A visitor at the lobby counter, in their language; false (with the message shown) when a
    // contact is already running.
    bool startWalkIn(const QString &language);
    void beginWrapUp();
    void finishContact();
    // What is on screen becomes the present agent's draft and the screen empties; false (with
    // the message shown, nothing emptied) when it could not be kept.
    bool parkForAnotherAgent();
    // The signed-in agent's draft comes back on screen (none: nothing changes).
    void restoreDraft();
    // Nothing of the previous caller stays on screen: banner, messages, read-back, picks.
    void clearScreen();
    // The field where the agent's work goes on: Start contact while no contact runs; in a
    // running contact the caller's phone until a caller is given, then the type search until
    // a type is chosen, then the request's first field.
    QWidget *whereWorkContinues() const;

signals:
    // The views that showed the previous caller's things start clean.
    void contactReset();
    void locationCleared();
    // Fields came back from a draft: the Tab order is laid again.
    void formRestored();

private:
    // Nothing of the contact stays on screen (ended, or kept as a draft for later).
    void clearContactScreen();

    IntakeSession &m_session;
    const IntakeService &m_service;
    Widgets m_w;
    Parts m_p;
};

} // namespace civicdesk
