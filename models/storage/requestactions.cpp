#include "storage/requestactions.h"

#include "domain/formvalidation.h"
#include "storage/database.h"
#include "storage/eventstore.h"
#include "storage/sql.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace civicdesk {

namespace {
class ActionText
{
    Q_DECLARE_TR_FUNCTIONS(RequestActions)
};
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
    if (from == to)
        return false;
    if (m_role == AgentRole::Supervisor)
        return true;
    return from == RequestStatus::Closed && to == RequestStatus::Open;
}

Status RequestActions::append(const QString &requestId, const QString &kind,
                              const QJsonObject &payload)
{
    auto device = m_database.deviceCode();
    if (!device)
        return device.error();
    auto r = m_events.append(Event::make(QStringLiteral("request"), requestId, kind, payload,
                                         m_agent, device.value(), m_clock()));
    if (!r)
        return r.error();
    return Ok{};
}

Status RequestActions::addNote(const QString &requestId, const QString &text, bool isPublic)
{
    const QString note = text.trimmed();
    if (note.isEmpty())
        return makeError(QStringLiteral("request.note"), ActionText::tr("Write the note first."));
    if (note.size() > MaxTextAnswerLength)
        return makeError(QStringLiteral("request.note"),
                         ActionText::tr("The note is too long: %1 characters, at most %2.")
                             .arg(note.size())
                             .arg(MaxTextAnswerLength));
    return append(requestId, QStringLiteral("request.note_added"),
                  {{QStringLiteral("text"), note}, {QStringLiteral("public"), isPublic}});
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

} // namespace civicdesk
