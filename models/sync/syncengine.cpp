#include "models/sync/syncengine.h"

#include "models/store/database.h"
#include "models/sync/syncclient.h"
#include "models/sync/synclogging.h"

#include <QElapsedTimer>
#include <algorithm>

namespace civicdesk {

SyncEngine::SyncEngine(Database &database, SyncClient &client, QObject *parent)
    : QObject(parent), m_store(database), m_client(client)
{
    connect(&m_scheduler, &SyncScheduler::pushDue, this, &SyncEngine::runPush);
    connect(&m_scheduler, &SyncScheduler::pullDue, this, &SyncEngine::runPull);
    // The agent's own changes are pushed at once (while the engine runs).
    connect(&database.changes(), &StoreChanges::applied, this,
            [this](const StoreChanges::Applied &what) {
                if (what.origin == StoreChanges::Origin::Local)
                    notifyLocalChange();
            });
}

SyncEngine::~SyncEngine()
{
    stop();
}

void SyncEngine::start()
{
    m_connection = SyncStatus::Connection::Connecting;
    m_pullMore = true;
    m_scheduler.start();
    publish();
}

void SyncEngine::stop()
{
    m_scheduler.stop();
    m_client.abort();
    m_pullCall = 0;
}

void SyncEngine::notifyLocalChange()
{
    m_scheduler.localChange();
    publish();
}

void SyncEngine::notifyReconnected()
{
    // A long poll held across a network change is likely on a dead connection: ask again.
    if (m_pullCall) {
        m_client.cancel(std::exchange(m_pullCall, 0));
        m_pullMore = true;
        m_scheduler.pullFinished(true, true, 0);
    }
    m_scheduler.reconnected();
}

SyncStatus SyncEngine::status() const
{
    SyncStatus status;
    status.connection = m_connection;
    status.waiting = m_store.pendingCount();
    status.rejected = m_store.rejectedCount();
    status.lastSuccess = m_store.lastSuccess();
    status.lastError = m_lastError;
    return status;
}

void SyncEngine::publish()
{
    emit statusChanged(status());
}

void SyncEngine::reached()
{
    const bool wasOffline = m_connection == SyncStatus::Connection::Offline;
    m_connection = SyncStatus::Connection::Online;
    m_lastError.clear();
    if (auto s = m_store.setLastSuccess(QDateTime::currentDateTimeUtc()); !s)
        qCWarning(lcSync) << "cannot record the last sync:" << s.error().message;
    if (wasOffline)
        m_scheduler.reconnected();
}

void SyncEngine::failed(const Error &error)
{
    m_lastError = error.message;
    if (error.code == u"auth") {
        qCInfo(lcSync) << "token refused: sign-in needed;" << m_store.pendingCount()
                       << "changes kept";
        m_connection = SyncStatus::Connection::SignedOut;
        m_scheduler.stop();
        m_client.abort();
        m_pullCall = 0;
        publish();
        emit authenticationRequired();
        return;
    }
    if (error.code == u"network" || error.code == u"timeout")
        m_connection = SyncStatus::Connection::Offline;
}

int SyncEngine::serverAskedToWait(const Error &error) const
{
    // A store that cannot be reached (503) or a limit (429) says when to come back; a refused
    // connection or a timeout has no answer to ask anything.
    return error.code == u"server" || error.code == u"throttled" ? m_client.retryAfterMs() : 0;
}

void SyncEngine::runPush()
{
    const QList<Event> batch = m_store.pendingBatch(m_batchSize);
    if (batch.isEmpty()) {
        m_scheduler.pushFinished(true, false);
        return;
    }
    m_scheduler.pushStarted();
    m_client.push(batch, [this, batch](Result<PushResult> r) {
        if (!r) {
            qCInfo(lcSync) << "push of" << batch.size() << "failed:" << r.error().code
                           << r.error().message;
            if (r.error().code == u"too_large" && m_batchSize > 1) {
                m_batchSize = std::max(1, m_batchSize / 2);
                m_scheduler.pushFinished(true, true);
                return;
            }
            QStringList ids;
            for (const Event &e : batch)
                ids.append(e.id);
            if (auto s = m_store.recordFailure(ids, r.error().message); !s)
                qCWarning(lcSync) << s.error().message;
            failed(r.error());
            if (r.error().code != u"auth") {
                m_scheduler.pushFinished(false, false, serverAskedToWait(r.error()));
                publish();
            }
            return;
        }
        if (auto s = m_store.acknowledge(r.value().accepted, r.value().rejected); !s) {
            qCWarning(lcSync) << "cannot record the acknowledgement:" << s.error().message;
            m_lastError = s.error().message;
            m_scheduler.pushFinished(false, false);
            publish();
            return;
        }
        if (!r.value().rejected.isEmpty())
            qCInfo(lcSync) << r.value().rejected.size() << "events rejected by the server";
        reached();
        m_scheduler.pushFinished(true, m_store.pendingCount() > 0);
        publish();
    });
}

void SyncEngine::runPull()
{
    const qint64 after = m_store.cursor();
    const int wait = m_pullMore ? 0 : m_longPollSeconds;
    m_scheduler.pullStarted();
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    m_pullCall =
        m_client.pull(after, m_pullLimit, wait, [this, after, wait, clock](Result<PullResult> r) {
            m_pullCall = 0;
            if (!r) {
                qCInfo(lcSync) << "pull failed:" << r.error().code << r.error().message;
                failed(r.error());
                if (r.error().code != u"auth") {
                    m_pullMore = true;
                    m_scheduler.pullFinished(false, false, clock->elapsed(),
                                             serverAskedToWait(r.error()));
                    publish();
                }
                return;
            }
            const QList<SequencedEvent> &events = r.value().events;
            // Past the events left out for this reader too (other agents' reviews), never back.
            const qint64 cursor =
                std::max({after, r.value().through, events.isEmpty() ? after : events.last().seq});
            auto applied = m_store.applyRemote(events, cursor);
            if (!applied) {
                qCWarning(lcSync) << "cannot apply remote events:" << applied.error().message;
                m_lastError = applied.error().message;
                m_scheduler.pullFinished(false, false, clock->elapsed());
                publish();
                return;
            }
            m_pullMore = r.value().more;
            reached();
            if (applied.value() > 0)
                emit remoteApplied(applied.value());
            // After events, or a catch-up pull that did not ask to wait, the long poll follows at
            // once; only a long poll that came back early and empty waits out the interval.
            m_scheduler.pullFinished(true, !events.isEmpty() || m_pullMore || wait == 0,
                                     clock->elapsed());
            publish();
        });
}

} // namespace civicdesk
