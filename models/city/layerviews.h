#pragma once

#include "models/city/layersimplifier.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <optional>

namespace civicdesk {

class LayerRepository;

// The map's simplified copies of the city's layers (see layersimplifier.h), one per layer and
// level of detail, kept in memory. The city import stores them beside each layer; prepare()
// reads those and makes the ones a store lacks (imported before, or synced from a central store
// without them) on worker threads, the overviews first (they are what the map draws first);
// viewReady() tells when each is there.
class LayerViews : public QObject
{
    Q_OBJECT

public:
    explicit LayerViews(const LayerRepository &layers, QObject *parent = nullptr);
    ~LayerViews() override;

    // Gives every view not given yet (again after invalidate()): the stored ones at once, the
    // others made in the background: the overviews of the layers in `first` (those a map draws
    // at once), the other overviews, then the street views. Reads the store on this thread,
    // simplifies on others; returns at once.
    void prepare(const QStringList &first = {});
    // Forgets every view (after an import or a sync changed the layers).
    void invalidate();
    // Waits until every view started so far is made (tests, benchmarks).
    void waitForDone();

    bool isPreparing() const { return m_running > 0; }
    // The view when made.
    std::optional<QByteArray> view(const QString &layerId, LayerDetail detail) const;

signals:
    void viewReady(const QString &layerId, civicdesk::LayerDetail detail, const QByteArray &json);
    void allReady();

private:
    static QString key(const QString &layerId, LayerDetail detail);

    const LayerRepository &m_layers;
    QThreadPool m_pool;
    QHash<QString, QByteArray> m_views;
    QHash<QString, bool> m_started;
    int m_generation = 0;
    int m_running = 0;
};

} // namespace civicdesk
