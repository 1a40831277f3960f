#include "tests/history/historyfixture.h"

#include "models/city/cataloguerepository.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

namespace civicdesk::test {

namespace {
template <typename T> T must(Result<T> result)
{
    if (!result)
        qFatal("fixture: %s", qPrintable(result.error().message));
    return std::move(result).value();
}
} // namespace

HistoryFixture::HistoryFixture()
    : m_events(std::make_unique<EventStore>(m_store.db())),
      m_now(QDateTime(QDate(2024, 3, 4), QTime(14, 0), Qt::UTC))
{
    const auto type = CatalogueRepository(db()).serviceType(QStringLiteral("BIRDINFEST"));
    if (!type)
        qFatal("fixture: no BIRDINFEST type");

    IntakeService agent1(db(), *m_events, QStringLiteral("agent1"));
    agent1.setClock(clock());
    agent1Contact = must(agent1.startContact(Channel::Phone));
    advance(30);
    Caller ana;
    ana.name = QStringLiteral("Ana Ruiz");
    ana.phone = QStringLiteral("(617) 555-0142");
    anaId = must(agent1.saveCaller(ana));
    NewRequest request;
    request.type = *type;
    request.description = QStringLiteral("Pigeons nesting over the door");
    request.location.address = address();
    request.location.latitude = Latitude;
    request.location.longitude = Longitude;
    request.location.neighborhood = QStringLiteral("Beacon Hill");
    request.callerId = anaId;
    advance(60);
    const CreatedRequest created = must(agent1.createRequest(request));
    requestId = created.id;
    requestNumber = created.number.compact();
    advance(30);
    must(agent1.endContact(agent1Contact, Outcome::RequestCreated, {}, QStringLiteral("Filed")));

    advance(3600);
    IntakeService agent2(db(), *m_events, QStringLiteral("agent2"));
    agent2.setClock(clock());
    agent2Contact = must(agent2.startContact(Channel::Phone));
    Caller ben;
    ben.name = QStringLiteral("Ben Ode");
    ben.phone = QStringLiteral("617.555.0199");
    benId = must(agent2.saveCaller(ben));
    advance(60);
    must(agent2.attachCaller(requestId, benId, {}));
    must(agent2.endContact(agent2Contact, Outcome::AttachedToExisting, {}, {}));
    advance(60);
}

void HistoryFixture::changeField(const QString &agent, const QString &field, const QString &after)
{
    const QString device = must(db().deviceCode());
    must(m_events->append(
        Event::make(QStringLiteral("request"), requestId, QStringLiteral("request.field_changed"),
                    {{QStringLiteral("field"), field}, {QStringLiteral("after"), after}}, agent,
                    device, m_now)));
    advance(60);
}

int HistoryFixture::count(const QString &sql)
{
    const qint64 n = scalar(db(), sql);
    if (n < 0)
        qFatal("query failed: %s", qPrintable(sql));
    return int(n);
}

} // namespace civicdesk::test
