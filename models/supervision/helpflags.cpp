#include "models/supervision/helpflags.h"

#include "models/domain/event.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/store/sql.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace civicdesk {

namespace {
class Text
{
    Q_DECLARE_TR_FUNCTIONS(HelpFlags)
};
} // namespace

HelpFlags::HelpFlags(Database &database, EventStore &events, QString agent, Clock clock)
    : m_database(database), m_events(events), m_agent(std::move(agent)), m_clock(std::move(clock))
{
}

bool HelpFlags::mayRaise(AgentRole role)
{
    return mayRecordCalls(role);
}

bool HelpFlags::mayAnswer(AgentRole role)
{
    return mayReviewAgents(role);
}

Result<QString> HelpFlags::raise(const QString &contactId)
{
    for (const HelpFlag &flag : open()) {
        if (flag.agent == m_agent)
            return flag.id;
    }
    auto device = m_database.deviceCode();
    if (!device)
        return device.error();
    QJsonObject payload;
    if (!contactId.isEmpty())
        payload.insert(QStringLiteral("contact_id"), contactId);
    const Event event =
        Event::make(QStringLiteral("agent"), Event::newId(), QStringLiteral("agent.help_requested"),
                    payload, m_agent, device.value(), m_clock.now());
    if (auto r = m_events.append(event); !r)
        return r.error();
    return event.entityId;
}

Status HelpFlags::answer(const QString &flagId, const QString &note)
{
    if (note.trimmed().size() > MaxNoteLength)
        return makeError(
            QStringLiteral("help.note"),
            Text::tr("The note is too long: at most %1 characters.").arg(MaxNoteLength));
    QString agent;
    for (const HelpFlag &flag : open()) {
        if (flag.id == flagId)
            agent = flag.agent;
    }
    if (agent.isEmpty())
        return makeError(QStringLiteral("help.answered"),
                         Text::tr("This help flag is no longer open: someone answered it."));
    auto device = m_database.deviceCode();
    if (!device)
        return device.error();
    const Event event =
        Event::make(QStringLiteral("agent"), flagId, QStringLiteral("agent.help_answered"),
                    {{QStringLiteral("agent"), agent}, {QStringLiteral("note"), note.trimmed()}},
                    m_agent, device.value(), m_clock.now());
    if (auto r = m_events.append(event); !r)
        return r.error();
    return Ok{};
}

QList<HelpFlag> HelpFlags::open() const
{
    QList<HelpFlag> flags;
    QSqlQuery q(QSqlDatabase::database(m_database.connectionName()));
    if (!sql::exec(q, QStringLiteral("SELECT e.entity_id, e.actor, e.device, e.payload, "
                                     "e.client_time FROM events e WHERE e.entity_type = 'agent' "
                                     "AND e.kind = 'agent.help_requested' AND NOT EXISTS (SELECT "
                                     "1 FROM events a WHERE a.entity_type = 'agent' AND "
                                     "a.entity_id = e.entity_id AND a.kind = "
                                     "'agent.help_answered') ORDER BY e.client_time, e.seq")))
        return flags;
    while (q.next()) {
        const QJsonObject payload =
            QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
        flags.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                      payload.value(u"contact_id").toString(),
                      QDateTime::fromMSecsSinceEpoch(q.value(4).toLongLong(), Qt::UTC)});
    }
    return flags;
}

} // namespace civicdesk
