#pragma once

#include "models/domain/result.h"

#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>

class QObject;
class QThread;

namespace civicdesk {

class Database;

// The part of NewestQueryReader that is not a template: the reader thread, its own connection
// to the store, the generations and the way home.
class NewestQueryThread
{
public:
    // The thread's context (a repository with its caches), made from the thread's connection.
    using MakeContext = std::function<std::shared_ptr<void>(const Database &)>;
    // Run on the thread: the context, or nullptr and the reason the connection did not open.
    using Job = std::function<void(void *context, const Error *openError)>;

    NewestQueryThread(QString storeFile, QString threadName, MakeContext makeContext);
    ~NewestQueryThread();
    NewestQueryThread(const NewestQueryThread &) = delete;
    NewestQueryThread &operator=(const NewestQueryThread &) = delete;

    bool isThreaded() const { return !m_file.isEmpty(); }
    quint64 newest() const { return m_state->newest.load(); }
    quint64 supersede() { return ++m_state->newest; }
    int skipped() const { return m_state->skipped.load(); }
    int dropped() const { return m_state->dropped.load(); }

    // Queues `job` on the thread (started and its connection opened by the first query). A job
    // with a generation is skipped when a newer one was asked before its turn; a job without
    // (0) runs only on a context already made.
    void post(quint64 generation, Job job);
    // Called on the thread: `deliver` runs on the thread that made the reader, unless a newer
    // query was asked by then or the reader is gone.
    void deliverHome(quint64 generation, std::function<void()> deliver);

private:
    struct State
    {
        std::atomic<quint64> newest{0};
        std::atomic<int> skipped{0};
        std::atomic<int> dropped{0};
    };
    class Worker;
    void start();

    QString m_file;
    QString m_threadName;
    MakeContext m_makeContext;
    std::shared_ptr<State> m_state = std::make_shared<State>();
    std::unique_ptr<QObject> m_home; // lives on the thread that made the reader
    QThread *m_thread = nullptr;
    Worker *m_worker = nullptr; // lives on m_thread, deleted there
};

// "The newest query wins", once for every search that runs while the agent types (the knowledge
// search, the history search, the map's requests): a reader thread with its own connection to
// the store (one named connection per thread, opened by the first query) answers the queries in
// turn on its own `Context` (e.g. a repository, made from that connection, with its caches).
// Every ask() supersedes the queries asked before it: one still queued when its turn comes is
// skipped, and an answer that comes back after a newer query was asked is dropped, so the
// results of a superseded query never reach the caller. Answers arrive on the thread that made
// the reader. Destroying the reader while a query runs is safe: everything is superseded, the
// running query is waited for and its answer dropped.
//
// A store the thread cannot open a connection of its own to (":memory:", PostgreSQL), or
// Mode::CallingThread, has no thread: ask() reads `here` (the caller's context) and answers
// before it returns.
template <typename Context> class NewestQueryReader
{
public:
    enum class Mode
    {
        Background,
        CallingThread
    };

    // `here` is read when there is no thread (it may be null when threadable() gives a file); it
    // must outlive the reader.
    NewestQueryReader(const QString &storePath, const QString &threadName, const Context *here,
                      Mode mode = Mode::Background)
        : m_here(here), m_thread(threadable(storePath, mode), threadName, [](const Database &db) {
              return std::static_pointer_cast<void>(std::make_shared<Context>(db));
          })
    {
    }

    // The store's file when a thread can read it on a connection of its own, else empty.
    static QString threadable(const QString &storePath, Mode mode = Mode::Background)
    {
        if (mode == Mode::CallingThread || storePath.isEmpty() || storePath == u":memory:" ||
            storePath.startsWith(u"postgresql:"))
            return {};
        return storePath;
    }

    bool isThreaded() const { return m_thread.isThreaded(); }
    // The generation of the newest query asked (or superseded).
    quint64 newest() const { return m_thread.newest(); }
    // Supersedes every query asked so far (their answers will not come); returns its generation.
    quint64 supersede() { return m_thread.supersede(); }
    // Queries skipped on the thread because a newer one was asked before their turn.
    int skipped() const { return m_thread.skipped(); }
    // Answers dropped because a newer query was asked while they were on their way.
    int dropped() const { return m_thread.dropped(); }

    // Asks `query` (run with the thread's context) as the newest query and returns its
    // generation; `answered` gets its result on the thread that made the reader, or never.
    template <typename Query, typename Answered> quint64 ask(Query query, Answered answered)
    {
        using Answer = std::invoke_result_t<Query, const Context &>;
        const quint64 generation = m_thread.supersede();
        if (!m_thread.isThreaded()) {
            answered(Result<Answer>(query(*m_here)));
            return generation;
        }
        NewestQueryThread *thread = &m_thread;
        m_thread.post(generation, [thread, generation, query = std::move(query),
                                   answered = std::move(answered)](void *context,
                                                                   const Error *openError) {
            auto result = context ? Result<Answer>(query(*static_cast<const Context *>(context)))
                                  : Result<Answer>(*openError);
            thread->deliverHome(generation,
                                [answered, result = std::move(result)] { answered(result); });
        });
        return generation;
    }

    // Runs `work` on the context queries read (the thread's, once a query made it, or `here`),
    // after the queries asked so far: to forget a cache after the store changed.
    template <typename Work> void onContext(Work work)
    {
        if (!m_thread.isThreaded()) {
            work(*m_here);
            return;
        }
        m_thread.post(0, [work = std::move(work)](void *context, const Error *) {
            if (context)
                work(*static_cast<const Context *>(context));
        });
    }

private:
    const Context *m_here;
    NewestQueryThread m_thread;
};

} // namespace civicdesk
