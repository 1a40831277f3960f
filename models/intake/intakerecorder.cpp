#include "models/intake/intakerecorder.h"

#include "models/intake/intakeservice.h"

#include <QJsonArray>

namespace civicdesk {

IntakeRecorder::IntakeRecorder(IntakeService &service) : m_service(service) {}

void IntakeRecorder::setContact(const QString &contactId)
{
    m_contact = contactId;
    m_callerTaken = 0;
    m_typeCode.clear();
    resetRequest();
}

void IntakeRecorder::resetRequest()
{
    // A type chosen after a submit is a new request's first choice, not a change.
    m_typeCode.clear();
    m_answers.clear();
    m_locationKey.clear();
    m_duplicates.clear();
}

Status IntakeRecorder::record(IntakeStepKind kind, const QJsonObject &detail)
{
    if (m_contact.isEmpty())
        return Ok{};
    return m_service.recordStep(m_contact, intakeStepKindName(kind), detail);
}

Status IntakeRecorder::typeChosen(const ServiceType &type)
{
    if (type.code == m_typeCode)
        return Ok{};
    const QString previous = m_typeCode;
    m_typeCode = type.code;
    // Answers belonged to the previous type's form.
    m_answers.clear();
    return record(IntakeStepKind::TypeChosen, {{QStringLiteral("service_code"), type.code},
                                               {QStringLiteral("type_name"), type.name},
                                               {QStringLiteral("previous"), previous}});
}

Status IntakeRecorder::answersChanged(const ServiceType &type, const Answers &answers)
{
    const Answers now = answersToStore(type, answers);
    for (const ServiceAttribute &attribute : type.attributes) {
        if (!attribute.variable)
            continue;
        const QStringList values = now.value(attribute.code);
        const QStringList before = m_answers.value(attribute.code);
        if (values == before)
            continue;
        if (values.isEmpty())
            m_answers.remove(attribute.code);
        else
            m_answers.insert(attribute.code, values);
        if (auto s = record(IntakeStepKind::Answer,
                            {{QStringLiteral("code"), attribute.code},
                             {QStringLiteral("question"), attribute.description},
                             {QStringLiteral("values"), QJsonArray::fromStringList(values)},
                             {QStringLiteral("previous"), QJsonArray::fromStringList(before)}});
            !s)
            return s;
    }
    return Ok{};
}

Status IntakeRecorder::locationSet(const IntakeLocation &location, bool outsideCity,
                                   const QString &referral)
{
    const QString key = location.address + u'|' + location.landmark + u'|' +
                        (outsideCity ? u'1' : u'0') + u'|' + referral;
    if (key == m_locationKey)
        return Ok{};
    m_locationKey = key;
    QJsonObject detail{{QStringLiteral("address"), location.address},
                       {QStringLiteral("landmark"), location.landmark},
                       {QStringLiteral("outside_city"), outsideCity},
                       {QStringLiteral("referral"), referral}};
    if (location.latitude && location.longitude) {
        detail.insert(QStringLiteral("latitude"), *location.latitude);
        detail.insert(QStringLiteral("longitude"), *location.longitude);
    }
    return record(IntakeStepKind::Location, detail);
}

Status IntakeRecorder::callerDetailsTaken(bool name, bool phone, bool email)
{
    const int taken = (name ? 1 : 0) | (phone ? 2 : 0) | (email ? 4 : 0);
    if (taken == m_callerTaken)
        return Ok{};
    m_callerTaken = taken;
    if (taken == 0)
        return Ok{};
    return record(IntakeStepKind::CallerDetails, {{QStringLiteral("name"), name},
                                                  {QStringLiteral("phone"), phone},
                                                  {QStringLiteral("email"), email}});
}

Status IntakeRecorder::duplicatesShown(const QStringList &requestIds, const QStringList &numbers)
{
    if (requestIds == m_duplicates)
        return Ok{};
    m_duplicates = requestIds;
    if (requestIds.isEmpty())
        return Ok{};
    return record(IntakeStepKind::DuplicatesShown,
                  {{QStringLiteral("request_ids"), QJsonArray::fromStringList(requestIds)},
                   {QStringLiteral("numbers"), QJsonArray::fromStringList(numbers)}});
}

Status IntakeRecorder::duplicateDecision(const QString &decision, const QString &requestId,
                                         const QString &number, const QString &reason)
{
    return record(IntakeStepKind::DuplicateDecision, {{QStringLiteral("decision"), decision},
                                                      {QStringLiteral("request_id"), requestId},
                                                      {QStringLiteral("number"), number},
                                                      {QStringLiteral("reason"), reason}});
}

Status IntakeRecorder::requestCreated(const QString &requestId, const QString &number,
                                      const QString &serviceCode, const QString &address)
{
    return record(IntakeStepKind::RequestCreated, {{QStringLiteral("request_id"), requestId},
                                                   {QStringLiteral("number"), number},
                                                   {QStringLiteral("service_code"), serviceCode},
                                                   {QStringLiteral("address"), address}});
}

Status IntakeRecorder::callerAttached(const QString &requestId, const QString &number)
{
    return record(IntakeStepKind::CallerAttached,
                  {{QStringLiteral("request_id"), requestId}, {QStringLiteral("number"), number}});
}

Status IntakeRecorder::readBack(const QString &number, const QString &requestId)
{
    return record(IntakeStepKind::ReadBack,
                  {{QStringLiteral("number"), number}, {QStringLiteral("request_id"), requestId}});
}

} // namespace civicdesk
