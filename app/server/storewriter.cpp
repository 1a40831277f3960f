#include "app/server/storewriter.h"

#include "models/store/database.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <future>

namespace civicdesk {

namespace {

// An SQLite store in memory exists for its one connection only.
bool sharedByConnections(const QString &pathOrUrl)
{
    return !pathOrUrl.isEmpty() && pathOrUrl != u":memory:";
}

} // namespace

StoreWriter::StoreWriter(QString pathOrUrl, Database &inlineStore, QObject *parent)
    : QObject(parent), m_pathOrUrl(std::move(pathOrUrl)), m_inlineStore(inlineStore)
{
}

StoreWriter::~StoreWriter()
{
    stop();
}

Status StoreWriter::start()
{
    if (!sharedByConnections(m_pathOrUrl) || m_thread.joinable())
        return Ok{};
    auto opened = std::make_shared<std::promise<Status>>();
    std::future<Status> outcome = opened->get_future();
    m_thread = std::thread([this, opened] { run(opened); });
    Status status = outcome.get();
    if (!status) {
        m_thread.join();
        m_thread = std::thread();
    }
    return status;
}

void StoreWriter::run(std::shared_ptr<std::promise<Status>> opened)
{
    auto database = Database::open(m_pathOrUrl);
    if (!database) {
        opened->set_value(database.error());
        return;
    }
    opened->set_value(Ok{});
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
        if (m_jobs.empty())
            break; // stopping, and every queued job is done
        Job job = std::move(m_jobs.front());
        m_jobs.pop_front();
        m_busy = true;
        lock.unlock();
        job(*database.value());
        job = nullptr; // what it holds is let go here, on this thread
        jobDone();
        lock.lock();
        m_busy = false;
        if (m_jobs.empty())
            m_idle.notify_all();
    }
    lock.unlock();
    database.value().reset(); // closed on the thread that opened it
}

void StoreWriter::submit(Job job, Answer answer)
{
    m_answers.push_back(std::move(answer));
    if (!m_thread.joinable()) {
        job(m_inlineStore);
        jobDone();
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void StoreWriter::jobDone()
{
    QMetaObject::invokeMethod(
        this,
        [this] {
            // Jobs finish in the order they were queued: this one's answer is the oldest.
            Answer answer = std::move(m_answers.front());
            m_answers.pop_front();
            if (answer)
                answer();
        },
        Qt::QueuedConnection);
}

void StoreWriter::finish()
{
    if (m_thread.joinable()) {
        std::unique_lock lock(m_mutex);
        m_idle.wait(lock, [this] { return m_jobs.empty() && !m_busy; });
    }
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

bool StoreWriter::reconnected(Database &store)
{
    return store.dialect() == Dialect::Postgres && store.reconnect();
}

void StoreWriter::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

} // namespace civicdesk
