#pragma once

#include "models/domain/intakestep.h"
#include "models/domain/result.h"
#include "models/domain/servicetype.h"
#include "models/domain/text/formvalidation.h"

#include <QStringList>

namespace civicdesk {

class IntakeService;
struct IntakeLocation;

// Records what the call taker does during one contact as steps (domain/intakestep.h), each a
// contact.step_recorded event with its time, so a supervisor can replay the intake and a
// practice run can be scored from it. No widgets: the intake panel tells it what happened; it
// leaves out what did not change (the same type again, an answer typed back as it was). Nothing
// is recorded while no contact runs.
class IntakeRecorder
{
public:
    explicit IntakeRecorder(IntakeService &service);

    // The running contact (empty: none). A new contact starts with nothing remembered.
    void setContact(const QString &contactId);
    QString contact() const { return m_contact; }
    // The request on the form was submitted or cleared: the next type is a first choice.
    void resetRequest();

    Status typeChosen(const ServiceType &type);
    // The answers on the form now: one Answer step per question whose answer changed.
    Status answersChanged(const ServiceType &type, const Answers &answers);
    Status locationSet(const IntakeLocation &location, bool outsideCity, const QString &referral);
    // Which of the caller's details are on the form or saved (never the details themselves);
    // recorded when that changes.
    Status callerDetailsTaken(bool name, bool phone, bool email);
    Status duplicatesShown(const QStringList &requestIds, const QStringList &numbers);
    Status duplicateDecision(const QString &decision, const QString &requestId,
                             const QString &number, const QString &reason);
    Status requestCreated(const QString &requestId, const QString &number,
                          const QString &serviceCode, const QString &address);
    Status callerAttached(const QString &requestId, const QString &number);
    Status readBack(const QString &number, const QString &requestId);

private:
    Status record(IntakeStepKind kind, const QJsonObject &detail);

    IntakeService &m_service;
    QString m_contact;
    QString m_typeCode;
    Answers m_answers;
    QString m_locationKey;
    QStringList m_duplicates;
    int m_callerTaken = 0;
};

} // namespace civicdesk
