#include "models/intake/intakeservice.h"

#include "models/store/database.h"
#include "models/store/eventstore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace civicdesk {

namespace {
class IntakeText
{
    Q_DECLARE_TR_FUNCTIONS(IntakeService)
};

QJsonObject answersJson(const Answers &answers)
{
    QJsonObject object;
    for (auto it = answers.cbegin(); it != answers.cend(); ++it)
        object.insert(it.key(), QJsonArray::fromStringList(it.value()));
    return object;
}
} // namespace

IntakeService::IntakeService(Database &database, EventStore &events, QString agent)
    : m_database(database), m_events(events), m_agent(std::move(agent))
{
}

QTimeZone IntakeService::cityZone() const
{
    const QTimeZone zone(m_database.meta(QStringLiteral("city_timezone")).toUtf8());
    return zone.isValid() ? zone : QTimeZone::systemTimeZone();
}

QDateTime IntakeService::inCity(const QDateTime &at) const
{
    return at.toTimeZone(cityZone());
}

Result<qint64> IntakeService::append(const QString &entityType, const QString &entityId,
                                     const QString &kind, const QJsonObject &payload)
{
    auto device = m_database.deviceCode();
    if (!device)
        return device.error();
    const Event event =
        Event::make(entityType, entityId, kind, payload, m_agent, device.value(), m_clock.now());
    if (m_sink) {
        if (auto s = m_sink(event); !s)
            return s.error();
        return qint64(0);
    }
    return m_events.append(event);
}

Result<QString> IntakeService::startContact(Channel channel, const ContactCall &call,
                                            const QString &callerId)
{
    QJsonObject payload{{QStringLiteral("channel"), channelName(channel)}};
    if (!callerId.isEmpty())
        payload.insert(QStringLiteral("caller_id"), callerId);
    if (!call.isEmpty()) {
        payload.insert(QStringLiteral("call_id"), call.callId);
        payload.insert(QStringLiteral("call_number"), call.number);
        payload.insert(QStringLiteral("call_number_raw"), call.rawNumber);
        payload.insert(QStringLiteral("call_dialled"), call.dialledNumber);
        payload.insert(QStringLiteral("call_queue"), call.queue);
        if (call.offeredAt.isValid())
            payload.insert(QStringLiteral("call_offered_at"),
                           call.offeredAt.toUTC().toString(Qt::ISODateWithMs));
    }
    const QString id = Event::newId();
    if (auto r = append(QStringLiteral("contact"), id, QStringLiteral("contact.started"), payload);
        !r)
        return r.error();
    return id;
}

Status IntakeService::endContact(const QString &contactId, Outcome outcome,
                                 const QString &transferTo, const QString &notes,
                                 const ContactCall &call)
{
    if ((outcome == Outcome::WarmTransfer || outcome == Outcome::ColdTransfer) &&
        transferTo.trimmed().isEmpty())
        return makeError(QStringLiteral("intake.transfer"),
                         IntakeText::tr("Say where the call was transferred to."));
    QJsonObject payload{{QStringLiteral("outcome"), outcomeName(outcome)},
                        {QStringLiteral("transfer_destination"), transferTo.trimmed()},
                        {QStringLiteral("notes"), notes.trimmed()}};
    if (call.endedAt.isValid())
        payload.insert(QStringLiteral("call_ended_at"),
                       call.endedAt.toUTC().toString(Qt::ISODateWithMs));
    if (call.endCause)
        payload.insert(QStringLiteral("call_end_cause"), callEndCauseName(*call.endCause));
    auto r = append(QStringLiteral("contact"), contactId, QStringLiteral("contact.ended"), payload);
    if (!r)
        return r.error();
    return Ok{};
}

Status IntakeService::recordCallEnded(const QString &contactId, const QString &callId,
                                      const QDateTime &at, CallEndCause cause)
{
    if (contactId.isEmpty() || !at.isValid())
        return makeError(QStringLiteral("intake.call"),
                         IntakeText::tr("The call's end names no contact or no time."));
    auto r = append(QStringLiteral("contact"), contactId, QStringLiteral("contact.call_ended"),
                    {{QStringLiteral("call_id"), callId},
                     {QStringLiteral("call_ended_at"), at.toUTC().toString(Qt::ISODateWithMs)},
                     {QStringLiteral("call_end_cause"), callEndCauseName(cause)}});
    if (!r)
        return r.error();
    return Ok{};
}

Status IntakeService::recordArticleOpened(const QString &contactId, const QString &articleId)
{
    auto r = append(QStringLiteral("contact"), contactId, QStringLiteral("contact.article_opened"),
                    {{QStringLiteral("article_id"), articleId}});
    if (!r)
        return r.error();
    return Ok{};
}

Status IntakeService::recordUnansweredSearch(const QString &contactId, const QString &query,
                                             const QString &language)
{
    auto r =
        append(QStringLiteral("contact"), contactId, QStringLiteral("contact.search_unanswered"),
               {{QStringLiteral("query"), query.trimmed().left(maxUnansweredSearchLength)},
                {QStringLiteral("language"), language}});
    if (!r)
        return r.error();
    return Ok{};
}

Status IntakeService::recordStep(const QString &contactId, const QString &step,
                                 const QJsonObject &detail)
{
    auto r = append(QStringLiteral("contact"), contactId, QStringLiteral("contact.step_recorded"),
                    {{QStringLiteral("step"), step}, {QStringLiteral("detail"), detail}});
    if (!r)
        return r.error();
    return Ok{};
}

Result<QString> IntakeService::saveCaller(const Caller &caller)
{
    if (const QList<CallerProblem> problems = validateCaller(caller); !problems.isEmpty())
        return makeError(u"intake." + problems.first().field, problems.first().message);
    const QString phone = caller.phone.isEmpty() ? QString() : Caller::normalizePhone(caller.phone);
    const QString email = Caller::normalizeEmail(caller.email);
    if (caller.name.trimmed().isEmpty() && phone.isEmpty() && email.isEmpty())
        return makeError(QStringLiteral("intake.caller"),
                         IntakeText::tr("Give at least a name, a phone number or an email "
                                        "address, or take the request anonymously."));
    const QString id = caller.id.isEmpty() ? Event::newId() : caller.id;
    static const char16_t *preferences[] = {u"phone", u"email", u"mail", u"none"};
    auto r = append(
        QStringLiteral("caller"), id, QStringLiteral("caller.upserted"),
        {{QStringLiteral("name"), caller.name.trimmed()},
         {QStringLiteral("phone"), phone},
         {QStringLiteral("email"), email},
         {QStringLiteral("language"), caller.language},
         {QStringLiteral("preference"), QString::fromUtf16(preferences[int(caller.preference)])}});
    if (!r)
        return r.error();
    return id;
}

Result<CreatedRequest> IntakeService::createRequest(const NewRequest &request)
{
    const ServiceType &type = request.type;
    if (type.emergency)
        return makeError(QStringLiteral("intake.emergency"), type.emergencyScript);
    const QList<FieldProblem> problems = validateAnswers(type, request.answers);
    if (!problems.isEmpty())
        return makeError(QStringLiteral("intake.answers"), problems.first().message);
    const IntakeLocation &where = request.location;
    if (type.locationRequired && where.address.trimmed().isEmpty() &&
        where.landmark.trimmed().isEmpty())
        return makeError(QStringLiteral("intake.location"),
                         IntakeText::tr("This request needs a location: an address, an "
                                        "intersection or a landmark."));
    if (type.contactRule == ContactRule::Require && request.callerId.isEmpty())
        return makeError(QStringLiteral("intake.caller"),
                         IntakeText::tr("This request type needs the caller's contact details "
                                        "so the department can follow up."));
    if (request.description.size() > MaxTextAnswerLength)
        return makeError(QStringLiteral("intake.description"),
                         IntakeText::tr("The description is too long: %1 characters, at most "
                                        "%2.")
                             .arg(request.description.size())
                             .arg(MaxTextAnswerLength));
    auto number = m_events.allocateRequestNumber();
    if (!number)
        return number.error();
    const QDateTime opened = m_clock.now();
    const QDateTime due = type.sla ? type.sla->dueFrom(opened) : QDateTime();
    QJsonObject payload{
        {QStringLiteral("number"), number.value().compact()},
        {QStringLiteral("service_code"), type.code},
        {QStringLiteral("type_name"), type.name},
        {QStringLiteral("description"), request.description.trimmed()},
        {QStringLiteral("address"),
         where.address.isEmpty() ? where.landmark.trimmed() : where.address},
        {QStringLiteral("neighborhood"), where.neighborhood},
        {QStringLiteral("ward"), where.ward},
        {QStringLiteral("precinct"), where.precinct},
        {QStringLiteral("zip"), where.zip},
        {QStringLiteral("channel"), channelName(request.channel)},
        {QStringLiteral("department_code"), type.departmentCode},
        {QStringLiteral("opened_at"), opened.toString(Qt::ISODate)},
        {QStringLiteral("attributes"), answersJson(answersToStore(type, request.answers))}};
    if (due.isValid())
        payload.insert(QStringLiteral("due_at"), due.toString(Qt::ISODate));
    if (where.latitude && where.longitude) {
        payload.insert(QStringLiteral("latitude"), *where.latitude);
        payload.insert(QStringLiteral("longitude"), *where.longitude);
    }
    if (!request.mediaUrl.isEmpty())
        payload.insert(QStringLiteral("media_url"), request.mediaUrl);
    if (!request.addressId.isEmpty())
        payload.insert(QStringLiteral("address_id"), request.addressId);
    // Sensitive types never store who reported.
    if (type.contactRule != ContactRule::Never && !request.callerId.isEmpty())
        payload.insert(QStringLiteral("caller_id"), request.callerId);
    const QString id = Event::newId();
    if (auto r = append(QStringLiteral("request"), id, QStringLiteral("request.created"), payload);
        !r)
        return r.error();
    if (const auto &o = request.duplicateOverride; !o.reason.trimmed().isEmpty()) {
        const QString text = IntakeText::tr("Created although open requests of this type were "
                                            "nearby (%1): %2.")
                                 .arg(o.candidates.join(QStringLiteral(", ")), o.reason.trimmed());
        if (auto r = append(QStringLiteral("request"), id, QStringLiteral("request.note_added"),
                            {{QStringLiteral("text"), text}, {QStringLiteral("public"), false}});
            !r)
            return r.error();
    }
    return CreatedRequest{id, number.value(), due};
}

Status IntakeService::attachCaller(const QString &requestId, const QString &callerId,
                                   const QString &note)
{
    if (!callerId.isEmpty()) {
        if (auto r = append(QStringLiteral("request"), requestId,
                            QStringLiteral("request.caller_attached"),
                            {{QStringLiteral("caller_id"), callerId},
                             {QStringLiteral("role"), QStringLiteral("requester")}});
            !r)
            return r.error();
    }
    const QString text = note.trimmed().isEmpty()
                             ? IntakeText::tr("Another caller reported the same problem.")
                             : note.trimmed();
    auto r = append(QStringLiteral("request"), requestId, QStringLiteral("request.note_added"),
                    {{QStringLiteral("text"), text}, {QStringLiteral("public"), false}});
    if (!r)
        return r.error();
    return Ok{};
}

} // namespace civicdesk
