#include "models/requests/maprequestloader.h"

#include "models/store/database.h"

#include <QThread>

namespace civicdesk {

// The thread's side: its own connection, opened on the first load.
class MapRequestLoader::Worker : public QObject
{
public:
    explicit Worker(QString path) : m_path(std::move(path)) {}
    // The repository goes before the connection it reads.
    ~Worker() override
    {
        m_requests.reset();
        m_database.reset();
    }

    Result<QList<MapRequestPoint>> located(const MapRequestFilter &filter)
    {
        if (!m_requests) {
            auto opened = Database::open(m_path);
            if (!opened)
                return Result<QList<MapRequestPoint>>(opened.error());
            m_database = std::move(opened).value();
            m_requests = std::make_unique<MapRequestRepository>(*m_database);
        }
        return Result<QList<MapRequestPoint>>(m_requests->located(filter));
    }

private:
    QString m_path;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<MapRequestRepository> m_requests;
};

MapRequestLoader::MapRequestLoader(const Database &database, QObject *parent)
    : QObject(parent), m_latest(std::make_shared<std::atomic<quint64>>(0))
{
    const QString path = database.path();
    if (database.dialect() != Dialect::Sqlite || path.isEmpty() || path == u":memory:")
        m_here = std::make_unique<MapRequestRepository>(database);
    else
        m_path = path;
}

void MapRequestLoader::startThread()
{
    // Started by the first load: a map never shown costs no thread.
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("civicdesk-map-requests"));
    m_worker = new Worker(m_path);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

MapRequestLoader::~MapRequestLoader()
{
    if (m_thread) {
        m_latest->store(~quint64(0)); // skip whatever is still queued
        m_thread->quit();
        m_thread->wait();
    }
}

void MapRequestLoader::cancel()
{
    m_latest->store(m_latest->load() + 1);
}

void MapRequestLoader::load(const MapRequestFilter &filter)
{
    const quint64 generation = m_latest->load() + 1;
    m_latest->store(generation);
    if (m_here) {
        emit loaded(m_here->located(filter));
        return;
    }
    if (!m_thread)
        startThread();
    // The answer comes back to this object's thread; it is dropped with this object if it
    // arrives after it is gone, and when a newer load was asked for meanwhile.
    QMetaObject::invokeMethod(
        m_worker,
        [this, worker = m_worker, latest = m_latest, generation, filter] {
            if (latest->load() != generation)
                return;
            auto points = worker->located(filter);
            QMetaObject::invokeMethod(
                this,
                [this, generation, points = std::move(points)] {
                    if (m_latest->load() != generation)
                        return;
                    if (points)
                        emit loaded(points.value());
                    else
                        emit failed(points.error().message);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace civicdesk
