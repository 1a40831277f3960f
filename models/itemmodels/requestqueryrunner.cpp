#include "models/itemmodels/requestqueryrunner.h"

#include "models/itemmodels/requestqueryworker.h"
#include "models/requests/requestsearchrepository.h"
#include "models/store/database.h"

#include <QThread>

namespace civicdesk {

RequestQueryRunner::RequestQueryRunner(const Database &database, Mode mode, QObject *parent)
    : QObject(parent), m_latest(std::make_shared<std::atomic<quint64>>(0)),
      m_skipped(std::make_shared<std::atomic<int>>(0))
{
    const QString path = database.path();
    if (mode == Mode::CallingThread || path.isEmpty() || path == u":memory:") {
        m_search = std::make_unique<RequestSearchRepository>(database);
        return;
    }
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("civicdesk-history-search"));
    m_worker = new RequestQueryWorker(path, m_latest, m_skipped);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

RequestQueryRunner::~RequestQueryRunner()
{
    if (m_thread) {
        m_latest->store(~quint64(0)); // skip whatever is still queued
        m_thread->quit();
        m_thread->wait();
    }
}

void RequestQueryRunner::run(const RequestQuery &query)
{
    m_latest->store(query.generation);
    if (!m_worker) {
        emit finished(RequestQueryWorker::answer(*m_search, query));
        return;
    }
    // The answer comes back to this object's thread; it is dropped with this object if it
    // arrives after it is gone.
    QMetaObject::invokeMethod(
        m_worker,
        [this, worker = m_worker, query] {
            auto answer = worker->run(query);
            if (!answer)
                return;
            QMetaObject::invokeMethod(
                this,
                [this, generation = query.generation, answer = *std::move(answer)] {
                    if (answer)
                        emit finished(answer.value());
                    else
                        emit failed(generation, answer.error().message);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace civicdesk
