#pragma once

#include "models/domain/result.h"

#include <QObject>

class QLabel;
class QWidget;

namespace civicdesk {

class CallerBox;
class IntakeMessages;
class IntakeSession;
class RequestBox;

// The answers, description and place on the form become the session's.
void copyFormToSession(const RequestBox &request, IntakeSession &session);

// Submitting the request on the form, or attaching the caller to an open request: the checks
// in order (a type, not an emergency, the form's own, inside the city), the question about open
// requests nearby (attach, or create anyway with a reason), and the number and expected date to
// read back (the number also on the clipboard). A problem puts the focus on its field.
class RequestSubmitter : public QObject
{
    Q_OBJECT

public:
    struct Widgets
    {
        RequestBox &request;
        CallerBox &caller;
        QLabel &result;  // the number to read back
        QLabel &message; // the line under Submit
        QWidget &dialogParent;
    };
    RequestSubmitter(IntakeSession &session, Widgets widgets, IntakeMessages &messages,
                     QObject *parent = nullptr);

    void submit();
    // The caller joins the candidate selected in the list nearby (Ctrl+D).
    void attachToDuplicate();
    // The caller joins request `requestId` (a known issue's).
    void attachTo(const QString &requestId, const QString &number);
    // The field a problem is about (by its error code), nullptr for none.
    QWidget *fieldFor(const QString &errorCode) const;

signals:
    // Nothing to submit yet: the agent chooses a type.
    void typeMissing();
    void requestCreated(const QString &requestId);
    // The request on the form is done with (created or attached): the form empties.
    void requestDone();

private:
    // The caller was attached to an existing request (or why not).
    void showAttached(const Status &status);
    void showProblem(const QString &code, const QString &message);

    IntakeSession &m_session;
    Widgets m_w;
    IntakeMessages &m_messages;
};

} // namespace civicdesk
