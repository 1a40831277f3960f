#pragma once

// The base of the IntakeSession suites (tst_intakesession, tst_intakedrafts): the call taker's
// contact without widgets, a desk (the store's services and a session over them) on a fresh
// SQLite store with the mini city pack for each case, and the places and earlier requests the
// cases use.

#include "models/city/cataloguerepository.h"
#include "models/domain/intakestep.h"
#include "models/domain/requestnumber.h"
#include "models/intake/intakerepository.h"
#include "models/intake/intakeservice.h"
#include "models/intake/intakesession.h"
#include "models/requests/historyrepository.h"
#include "models/requests/requestrepository.h"
#include "models/requests/requesttimeline.h"
#include "models/store/eventstore.h"
#include "tests/support/teststore.h"

#include <QTest>

namespace civicdesk::test {

// One desk: the store's services and a session over them.
struct IntakeDesk
{
    explicit IntakeDesk(Database &db, const QDateTime *now)
        : events(db), service(db, events, QStringLiteral("ana")), catalogue(db), requests(db),
          intake(db), session(catalogue, requests, intake, service)
    {
        events.setRole(AgentRole::CallTaker);
        service.setClock([now] { return *now; });
    }
    EventStore events;
    IntakeService service;
    CatalogueRepository catalogue;
    RequestRepository requests;
    IntakeRepository intake;
    IntakeSession session;
};

inline IntakeLocation acornStreet()
{
    IntakeLocation where;
    where.address = QStringLiteral("1 A Acorn St, 02108");
    where.latitude = 42.3576;
    where.longitude = -71.0685;
    return where;
}

inline IntakeLocation tenASt()
{
    IntakeLocation where;
    where.address = QStringLiteral("10 A St, 02127");
    where.latitude = 42.3409;
    where.longitude = -71.0568;
    return where;
}

class IntakeSessionTest : public QObject
{
protected:
    using Desk = IntakeDesk;

    std::unique_ptr<test::TempStore> m_store;
    QDateTime m_now = QDateTime(QDate(2026, 12, 1), QTime(15, 0), Qt::UTC);

    std::optional<Contact> contact(const QString &id)
    {
        const auto entry = HistoryRepository(m_store->db()).contactEntry(id);
        return entry ? std::optional(entry->contact) : std::nullopt;
    }

    QList<IntakeStepKind> stepKinds(Desk &desk, const QString &contactId)
    {
        QList<IntakeStepKind> kinds;
        const auto steps =
            intakeStepsFromEvents(desk.events.eventsFor(QStringLiteral("contact"), contactId));
        for (const IntakeStep &s : steps)
            kinds.append(s.kind);
        return kinds;
    }

    // A street light out at 10 A St reported by an earlier caller.
    QString earlierStreetLight(Desk &desk)
    {
        NewRequest earlier;
        earlier.type = *desk.catalogue.serviceType(QStringLiteral("STRLGTOUT"));
        earlier.location = tenASt();
        earlier.description = QStringLiteral("Dark since Monday");
        auto created = desk.service.createRequest(earlier);
        return created ? created.value().id : QString();
    }

    // A fresh store with the mini city for each case.
    void freshStore()
    {
        m_store = miniCityStore();
        QVERIFY(m_store);
    }
};

} // namespace civicdesk::test
