#pragma once

#include "models/requests/maprequestrepository.h"
#include "models/store/newestqueryreader.h"

#include <QObject>
#include <memory>

namespace civicdesk {

class Database;

// Reads the map's located requests off the UI thread: a thread with its own connection to the
// store (the store's NewestQueryReader) answers each load(), so the window, and the map page it
// serves, never wait for 16,000 rows. Only the newest load is answered; older ones still queued are
// skipped and late answers dropped. A store without a file (":memory:") or on PostgreSQL is read in
// load() itself, answering before it returns.
class MapRequestLoader : public QObject
{
    Q_OBJECT

public:
    explicit MapRequestLoader(const Database &database, QObject *parent = nullptr);

    void load(const MapRequestFilter &filter);
    // Drops the answers to every load so far.
    void cancel();
    bool isThreaded() const { return m_reader.isThreaded(); }

signals:
    void loaded(const QList<civicdesk::MapRequestPoint> &points);
    void failed(const QString &message);

private:
    std::unique_ptr<MapRequestRepository> m_here; // not threaded
    NewestQueryReader<MapRequestRepository> m_reader;
};

} // namespace civicdesk
