#include "models/requests/requestactions.h"

#include "models/domain/text/formvalidation.h"
#include "models/requests/callbackrepository.h"
#include "models/requests/historyrepository.h"
#include "models/requests/requestduplicates.h"
#include "models/requests/requestsearchrepository.h"
#include "models/requests/statusreadback.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/store/projections/requestlinkprojection.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QTimeZone>

namespace civicdesk {

namespace {
class ActionText
{
    Q_DECLARE_TR_FUNCTIONS(RequestActions)
};

Result<QString> checkedNote(const QString &text)
{
    const QString note = text.trimmed();
    if (note.size() > MaxTextAnswerLength)
        return makeError(QStringLiteral("request.note"),
                         ActionText::tr("The note is too long: %1 characters, at most %2.")
                             .arg(note.size())
                             .arg(MaxTextAnswerLength));
    return note;
}
} // namespace

RequestActions::RequestActions(Database &database, EventStore &events, QString agent,
                               AgentRole role)
    : m_database(database), m_events(events), m_agent(std::move(agent)), m_role(role)
{
}

QStringList RequestActions::closureReasons()
{
    return {QStringLiteral("resolved"),         QStringLiteral("duplicate"),
            QStringLiteral("no_action_needed"), QStringLiteral("referred"),
            QStringLiteral("unable_to_locate"), QStringLiteral("invalid")};
}

bool RequestActions::mayChangeStatus(RequestStatus from, RequestStatus to) const
{
    return mayChangeRequestStatus(m_role, from, to);
}

Status RequestActions::append(const QString &requestId, const QString &kind,
                              const QJsonObject &payload)
{
    auto device = m_database.deviceCode();
    if (!device)
        return device.error();
    auto r = m_events.append(Event::make(QStringLiteral("request"), requestId, kind, payload,
                                         m_agent, device.value(), m_clock.now()));
    if (!r)
        return r.error();
    return Ok{};
}

Status RequestActions::addNote(const QString &requestId, const QString &text, bool isPublic)
{
    if (text.trimmed().isEmpty())
        return makeError(QStringLiteral("request.note"), ActionText::tr("Write the note first."));
    const auto note = checkedNote(text);
    if (!note)
        return note.error();
    return append(requestId, QStringLiteral("request.note_added"),
                  {{QStringLiteral("text"), note.value()}, {QStringLiteral("public"), isPublic}});
}

Status RequestActions::changeStatus(const QString &requestId, RequestStatus to,
                                    const QString &closureReason)
{
    QSqlQuery q(QSqlDatabase::database(m_database.connectionName()));
    if (auto s =
            sql::exec(q, QStringLiteral("SELECT status FROM requests WHERE id = ?"), {requestId});
        !s)
        return s;
    if (!q.next())
        return makeError(QStringLiteral("request.unknown"),
                         ActionText::tr("This request is not in the store."));
    const RequestStatus from =
        requestStatusFromName(q.value(0).toString()).value_or(RequestStatus::Open);
    if (from == to)
        return makeError(QStringLiteral("request.status"),
                         ActionText::tr("The request already has this status."));
    if (!mayChangeStatus(from, to))
        return makeError(QStringLiteral("request.role"),
                         ActionText::tr("Your role cannot make this change: call takers add "
                                        "notes and reopen closed requests; a supervisor sets "
                                        "requests in progress and closes them."));
    QJsonObject payload{{QStringLiteral("status"), requestStatusName(to)},
                        {QStringLiteral("previous_status"), requestStatusName(from)}};
    if (to == RequestStatus::Closed) {
        if (!closureReasons().contains(closureReason))
            return makeError(QStringLiteral("request.closure_reason"),
                             ActionText::tr("Choose why the request is closed."));
        payload.insert(QStringLiteral("closure_reason"), closureReason);
    }
    if (from == RequestStatus::Closed)
        payload.insert(QStringLiteral("reopened"), true);
    return append(requestId, QStringLiteral("request.status_changed"), payload);
}

QDateTime RequestActions::suggestedCallbackTime(const QDateTime &now)
{
    constexpr int OpensHour = 9;
    constexpr int ClosesHour = 17;
    QDateTime at = now.addSecs(2 * 3600);
    const QTime rounded(at.time().hour(), at.time().minute() / 15 * 15);
    const int minutes = rounded.hour() * 60 + rounded.minute() +
                        (at.time().minute() % 15 || at.time().second() ? 15 : 0);
    at = QDateTime(at.date(), QTime(0, 0), at.timeZone()).addSecs(qint64(minutes) * 60);
    const auto working = [](const QDate &day) { return day.dayOfWeek() <= 5; };
    if (working(at.date()) && at.time() >= QTime(OpensHour, 0) && at.time() <= QTime(ClosesHour, 0))
        return at;
    QDate day = at.date();
    if (!working(day) || at.time() > QTime(ClosesHour, 0))
        day = day.addDays(1);
    while (!working(day))
        day = day.addDays(1);
    return QDateTime(day, QTime(OpensHour, 0), at.timeZone());
}

QStringList RequestActions::callbackOutcomes()
{
    return requestlinkprojection::callbackOutcomes();
}

Result<int> RequestActions::closeOpenDuplicates(const QString &parentId)
{
    if (!mayManageRequests(m_role))
        return makeError(QStringLiteral("request.role"),
                         ActionText::tr("Only a supervisor closes requests."));
    int closed = 0;
    const QList<LinkedRequest> duplicates = RequestDuplicates(m_database).duplicatesOf(parentId);
    for (const LinkedRequest &d : duplicates) {
        if (d.status == RequestStatus::Closed || d.typeName.isEmpty())
            continue;
        if (auto s = changeStatus(d.id, RequestStatus::Closed, QStringLiteral("duplicate")); !s)
            return s.error();
        ++closed;
    }
    return closed;
}

Status RequestActions::linkDuplicate(const QString &duplicateId, const QString &parentNumber)
{
    if (!mayLinkDuplicates())
        return makeError(QStringLiteral("request.role"),
                         ActionText::tr("Your role cannot link duplicates."));
    const RequestSearchRepository requests(m_database);
    const auto duplicate = requests.byId(duplicateId);
    if (!duplicate)
        return makeError(QStringLiteral("request.unknown"),
                         ActionText::tr("This request is not in the store."));
    auto found = StatusReadback(m_database).lookUp(parentNumber);
    if (!found)
        return found.error();
    const ServiceRequest &parent = found.value().request;
    if (parent.id == duplicateId)
        return makeError(QStringLiteral("request.duplicate_self"),
                         ActionText::tr("A request cannot be a duplicate of itself."));
    const RequestDuplicates links(m_database);
    if (const auto current = links.parentOf(duplicateId))
        return makeError(QStringLiteral("request.duplicate_linked"),
                         ActionText::tr("This request is already a duplicate of %1; a "
                                        "supervisor unlinks it first.")
                             .arg(current->number));
    if (const auto grandparent = links.parentOf(parent.id))
        return makeError(QStringLiteral("request.duplicate_chain"),
                         ActionText::tr("%1 is itself a duplicate of %2: link this request to "
                                        "%2.")
                             .arg(parent.number, grandparent->number));
    if (!links.duplicatesOf(duplicateId).isEmpty())
        return makeError(QStringLiteral("request.duplicate_chain"),
                         ActionText::tr("Other requests are duplicates of this one: link %1 "
                                        "to this request instead.")
                             .arg(parent.number));
    return append(duplicateId, QStringLiteral("request.duplicate_linked"),
                  {{QStringLiteral("number"), duplicate->number},
                   {QStringLiteral("parent_id"), parent.id},
                   {QStringLiteral("parent_number"), parent.number}});
}

Status RequestActions::unlinkDuplicate(const QString &duplicateId)
{
    if (!mayUnlinkDuplicates())
        return makeError(QStringLiteral("request.role"),
                         ActionText::tr("Only a supervisor unlinks a duplicate: ask one, or add "
                                        "a note saying why the link is wrong."));
    const auto parent = RequestDuplicates(m_database).parentOf(duplicateId);
    const auto duplicate = RequestSearchRepository(m_database).byId(duplicateId);
    if (!parent || !duplicate)
        return makeError(QStringLiteral("request.duplicate_none"),
                         ActionText::tr("This request is not linked as a duplicate."));
    return append(duplicateId, QStringLiteral("request.duplicate_unlinked"),
                  {{QStringLiteral("number"), duplicate->number},
                   {QStringLiteral("parent_id"), parent->id},
                   {QStringLiteral("parent_number"), parent->number}});
}

Result<QString> RequestActions::scheduleCallback(const QString &requestId, const QDateTime &dueAt,
                                                 const QString &note)
{
    const auto request = RequestSearchRepository(m_database).byId(requestId);
    if (!request)
        return makeError(QStringLiteral("request.unknown"),
                         ActionText::tr("This request is not in the store."));
    if (!dueAt.isValid() || dueAt <= m_clock.now())
        return makeError(QStringLiteral("callback.due"),
                         ActionText::tr("Choose when to call back: a time after now."));
    if (note.trimmed().isEmpty())
        return makeError(QStringLiteral("callback.note"),
                         ActionText::tr("Write what to tell or ask the caller when you call "
                                        "back."));
    const auto checked = checkedNote(note);
    if (!checked)
        return checked.error();
    std::optional<Caller> callee;
    const QList<Caller> callers = HistoryRepository(m_database).callersOf(requestId);
    for (const Caller &c : callers) {
        if (!c.phone.isEmpty()) {
            callee = c;
            break;
        }
    }
    if (!callee)
        return makeError(QStringLiteral("callback.phone"),
                         ActionText::tr("No caller with a phone number is attached to this "
                                        "request: attach the caller first."));
    const QString callbackId = Event::newId();
    const Status s = append(requestId, QStringLiteral("request.callback_scheduled"),
                            {{QStringLiteral("callback_id"), callbackId},
                             {QStringLiteral("number"), request->number},
                             {QStringLiteral("due_at"), dueAt.toUTC().toString(Qt::ISODateWithMs)},
                             {QStringLiteral("note"), checked.value()},
                             {QStringLiteral("caller_id"), callee->id},
                             {QStringLiteral("caller_name"), callee->name},
                             {QStringLiteral("phone"), callee->phone}});
    if (!s)
        return s.error();
    return callbackId;
}

Status RequestActions::completeCallback(const QString &callbackId, const QString &outcome,
                                        const QString &note)
{
    const auto callback = CallbackRepository(m_database).byId(callbackId);
    if (!callback)
        return makeError(QStringLiteral("callback.unknown"),
                         ActionText::tr("This callback is not in the store."));
    if (callback->isDone())
        return makeError(
            QStringLiteral("callback.done"),
            ActionText::tr("This callback was already marked done by %1.").arg(callback->doneBy));
    if (!callbackOutcomes().contains(outcome))
        return makeError(QStringLiteral("callback.outcome"),
                         ActionText::tr("Choose how the callback went."));
    const auto checked = checkedNote(note);
    if (!checked)
        return checked.error();
    return append(callback->requestId, QStringLiteral("request.callback_done"),
                  {{QStringLiteral("callback_id"), callbackId},
                   {QStringLiteral("number"), callback->requestNumber},
                   {QStringLiteral("outcome"), outcome},
                   {QStringLiteral("note"), checked.value()}});
}

} // namespace civicdesk
