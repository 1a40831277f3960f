#include "models/store/newestqueryreader.h"

#include "models/store/database.h"

#include <QObject>
#include <QThread>

namespace civicdesk {

// The thread's side: its own connection, opened by the first query, and the context made from
// it; both go on the thread, the context before the connection it reads.
class NewestQueryThread::Worker : public QObject
{
public:
    Worker(QString file, MakeContext makeContext)
        : m_file(std::move(file)), m_makeContext(std::move(makeContext))
    {
    }
    ~Worker() override
    {
        m_context.reset();
        m_database.reset();
    }

    void run(const Job &job, bool open)
    {
        if (!m_context && open) {
            auto opened = Database::open(m_file);
            if (!opened) {
                const Error error = opened.error();
                job(nullptr, &error);
                return;
            }
            m_database = std::move(opened).value();
            m_context = m_makeContext(*m_database);
        }
        job(m_context.get(), nullptr);
    }

private:
    QString m_file;
    MakeContext m_makeContext;
    std::unique_ptr<Database> m_database;
    std::shared_ptr<void> m_context;
};

NewestQueryThread::NewestQueryThread(QString storeFile, QString threadName, MakeContext makeContext)
    : m_file(std::move(storeFile)), m_threadName(std::move(threadName)),
      m_makeContext(std::move(makeContext)), m_home(std::make_unique<QObject>())
{
}

NewestQueryThread::~NewestQueryThread()
{
    if (m_thread) {
        m_state->newest.store(~quint64(0)); // skip whatever is still queued
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
    }
    // Answers already on their way home are deleted with m_home, unseen.
}

void NewestQueryThread::start()
{
    // Started by the first query: a search never used costs no thread.
    m_thread = new QThread;
    m_thread->setObjectName(m_threadName);
    m_worker = new Worker(m_file, m_makeContext);
    m_worker->moveToThread(m_thread);
    QObject::connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

void NewestQueryThread::post(quint64 generation, Job job)
{
    if (!m_thread) {
        if (generation == 0)
            return; // no query has made a context yet
        start();
    }
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, state = m_state, generation, job = std::move(job)] {
            if (generation != 0 && generation != state->newest.load()) {
                ++state->skipped; // a newer query was asked before this one's turn
                return;
            }
            worker->run(job, generation != 0);
        },
        Qt::QueuedConnection);
}

void NewestQueryThread::deliverHome(quint64 generation, std::function<void()> deliver)
{
    // m_home lives until the thread has stopped, so it is there for every answer sent to it.
    QMetaObject::invokeMethod(
        m_home.get(),
        [state = m_state, generation, deliver = std::move(deliver)] {
            if (generation != state->newest.load()) {
                ++state->dropped;
                return;
            }
            deliver();
        },
        Qt::QueuedConnection);
}

} // namespace civicdesk
