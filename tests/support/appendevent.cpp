#include "tests/support/appendevent.h"

#include "models/domain/event.h"
#include "models/store/eventstore.h"

#include <QTest>

namespace civicdesk::test {

void appendEvent(EventStore &events, const QString &type, const QString &id, const QString &kind,
                 const QJsonObject &payload, const QString &actor, const QString &device,
                 const QDateTime &at)
{
    const auto r = events.append(Event::make(type, id, kind, payload, actor, device, at));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
}

void appendEvent(Database &db, const QString &type, const QString &id, const QString &kind,
                 const QJsonObject &payload, const QString &actor, const QString &device,
                 const QDateTime &at)
{
    EventStore events(db);
    appendEvent(events, type, id, kind, payload, actor, device, at);
}

void appendContact(EventStore &events, const QString &id, const QString &agent,
                   const QString &device, const QString &channel, const QDateTime &start,
                   const QString &outcome, int minutes)
{
    appendEvent(events, QStringLiteral("contact"), id, QStringLiteral("contact.started"),
                {{QStringLiteral("channel"), channel}}, agent, device, start);
    if (!outcome.isEmpty())
        appendEvent(events, QStringLiteral("contact"), id, QStringLiteral("contact.ended"),
                    {{QStringLiteral("outcome"), outcome}}, agent, device,
                    start.addSecs(minutes * 60));
}

} // namespace civicdesk::test
