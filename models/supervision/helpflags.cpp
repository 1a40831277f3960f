#include "models/supervision/helpflags.h"

#include "models/domain/event.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/store/latestevents.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <algorithm>

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

Result<QString> HelpFlags::raise(const QString &contactId, const QString &counter)
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
    if (!counter.trimmed().isEmpty())
        payload.insert(QStringLiteral("counter"), counter.trimmed());
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
    // In the log's order: an answer is written only after its request reached the supervisor,
    // so it follows the request in every store, whatever the workstations' clocks say.
    const auto latest = latestevents::read(
        m_database.connectionName(), QStringLiteral("agent"),
        {QStringLiteral("agent.help_requested"), QStringLiteral("agent.help_answered")},
        latestevents::Order::Log);
    if (!latest)
        return flags;
    for (const Event &event : latest.value()) {
        if (event.kind == u"agent.help_requested")
            flags.append({event.entityId, event.actor, event.device,
                          event.payload.value(u"contact_id").toString(),
                          event.payload.value(u"counter").toString(), event.clientTime});
    }
    std::stable_sort(flags.begin(), flags.end(),
                     [](const HelpFlag &a, const HelpFlag &b) { return a.raisedAt < b.raisedAt; });
    return flags;
}

} // namespace civicdesk
