#pragma once

#include "models/domain/result.h"

#include <QObject>
#include <QString>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

namespace civicdesk {

class Database;

// The store's writes, off the HTTP event loop: one thread with a database connection of its
// own (Qt SQL connections belong to the thread that opened them) runs the jobs one at a time in
// the order they were submitted, and each job's answer runs back on the thread that submitted
// it. A commit that waits (a slow disk, a lock held by another process, PostgreSQL's fsync)
// then delays only the writes queued behind it, never the long-poll answers, pulls and sign-ins
// of the event loop. One writer per process keeps the order of the jobs; sequence numbers are
// still handed out under the store's write lock, so several processes on one store stay in
// commit order as before.
//
// A store that another connection cannot reach (an SQLite ":memory:" store) has no writer
// thread: its jobs run at once on the submitting thread, on the store given.
class StoreWriter : public QObject
{
public:
    // Runs on the writer thread with its own connection.
    using Job = std::function<void(Database &)>;
    // Runs back on the submitting thread once its job is done (it never leaves that thread).
    using Answer = std::function<void()>;

    // `pathOrUrl` as given to Database::open (the PostgreSQL URL with its password);
    // `inlineStore` is the store the jobs run on when no second connection can reach it. The
    // queue has no bound of its own: callers bound what they submit.
    StoreWriter(QString pathOrUrl, Database &inlineStore, QObject *parent = nullptr);
    // Finishes the jobs already queued (their answers are not run), then closes the connection.
    ~StoreWriter() override;

    // Opens the writer's connection on its thread; an error when the store cannot be opened.
    Status start();
    // Queues `job`; `answer` runs here once it is done.
    void submit(Job job, Answer answer);
    // Finishes the queued jobs and runs their answers here (at shutdown).
    void finish();
    // Jobs submitted whose answers have not run yet.
    int inFlight() const { return int(m_answers.size()); }
    bool threaded() const { return m_thread.joinable(); }
    // For a job whose write failed for the store's own reasons: true when `store` is
    // PostgreSQL and a fresh connection is open (its connection was lost: try once more).
    static bool reconnected(Database &store);

private:
    void run(std::shared_ptr<std::promise<Status>> opened);
    void stop();
    // A job is done: its answer runs on this object's thread (posted from any thread).
    void jobDone();

    QString m_pathOrUrl;
    Database &m_inlineStore;
    std::deque<Answer> m_answers; // in job order; touched on the submitting thread only
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<Job> m_jobs;
    bool m_busy = false;
    bool m_stopping = false;
};

} // namespace civicdesk
