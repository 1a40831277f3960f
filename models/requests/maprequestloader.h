#pragma once

#include "models/requests/maprequestrepository.h"

#include <QObject>
#include <atomic>
#include <memory>

class QThread;

namespace civicdesk {

class Database;

// Reads the map's located requests off the UI thread: a thread with its own connection to the
// store answers each load(), so the window, and the map page it serves, never wait for 16,000
// rows. Only the newest load is answered; older ones still queued are skipped and late answers
// dropped. A store without a file (":memory:") or on PostgreSQL is read in load() itself,
// answering before it returns.
class MapRequestLoader : public QObject
{
    Q_OBJECT

public:
    explicit MapRequestLoader(const Database &database, QObject *parent = nullptr);
    ~MapRequestLoader() override;

    void load(const MapRequestFilter &filter);
    // Drops the answers to every load so far.
    void cancel();
    bool isThreaded() const { return !m_here; }

signals:
    void loaded(const QList<civicdesk::MapRequestPoint> &points);
    void failed(const QString &message);

private:
    class Worker;
    void startThread();

    std::unique_ptr<MapRequestRepository> m_here; // not threaded
    QString m_path;                               // threaded: the store's file
    QThread *m_thread = nullptr;
    Worker *m_worker = nullptr; // lives on m_thread, deleted there
    std::shared_ptr<std::atomic<quint64>> m_latest;
};

} // namespace civicdesk
