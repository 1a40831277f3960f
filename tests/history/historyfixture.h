#pragma once

// A store with the fixture city (25 imported Boston requests) and a little local history made
// through the real services: agent1 takes Ana's call and files a bird-infestation request at
// 433 Cambridge St; agent2 takes Ben's call about the same problem and attaches him to it.

#include "models/domain/clock.h"
#include "models/intake/intakeservice.h"
#include "models/store/eventstore.h"
#include "tests/support/teststore.h"

#include <QDateTime>
#include <memory>

namespace civicdesk::test {

class HistoryFixture
{
public:
    HistoryFixture();

    Database &db() { return m_store.db(); }
    EventStore &events() { return *m_events; }
    QDateTime now() const { return m_now; }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }
    Clock clock()
    {
        return Clock([this] { return m_now; });
    }

    // Records a field change by `agent` as the projector would receive it from any workstation.
    void changeField(const QString &agent, const QString &field, const QString &after);
    int count(const QString &sql);

    QString anaId;
    QString benId;
    QString requestId;
    QString requestNumber; // compact
    QString agent1Contact;
    QString agent2Contact;
    static constexpr double Latitude = 42.3608;
    static constexpr double Longitude = -71.0659;
    static QString address() { return QStringLiteral("12 S Russell St, 02114"); }

private:
    TempStore m_store{TempStore::MiniCity};
    std::unique_ptr<EventStore> m_events;
    QDateTime m_now;
};

} // namespace civicdesk::test
