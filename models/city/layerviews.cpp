#include "models/city/layerviews.h"

#include "models/city/layerrepository.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace civicdesk {

LayerViews::LayerViews(const LayerRepository &layers, QObject *parent)
    : QObject(parent), m_layers(layers)
{
    // Below the user interface's thread: a keystroke never waits for a layer.
    m_pool.setThreadPriority(QThread::LowPriority);
}

LayerViews::~LayerViews()
{
    // The watchers are children: they go first, so no result arrives at a dead object; the
    // workers own copies of what they work on.
    m_pool.clear();
    m_pool.waitForDone();
}

QString LayerViews::key(const QString &layerId, LayerDetail detail)
{
    return layersimplifier::nameOf(detail) + u'/' + layerId;
}

void LayerViews::prepare(const QStringList &first)
{
    QList<LayerInfo> layers = m_layers.layers();
    std::stable_partition(layers.begin(), layers.end(),
                          [&first](const LayerInfo &layer) { return first.contains(layer.id); });
    QHash<QString, QByteArray> stored;
    bool given = false;
    for (const LayerDetail detail : {LayerDetail::Overview, LayerDetail::Street}) {
        for (const LayerInfo &layer : layers) {
            const QString k = key(layer.id, detail);
            if (m_started.value(k))
                continue;
            if (auto view = m_layers.storedView(layer.id, detail)) {
                m_started.insert(k, true);
                m_views.insert(k, *view);
                given = true;
                emit viewReady(layer.id, detail, *view);
                continue;
            }
            if (!stored.contains(layer.id))
                stored.insert(layer.id, m_layers.compressedGeoJson(layer.id));
            m_started.insert(k, true);
            ++m_running;
            const int generation = m_generation;
            auto *watcher = new QFutureWatcher<QByteArray>(this);
            connect(watcher, &QFutureWatcher<QByteArray>::finished, this,
                    [this, watcher, generation, id = layer.id, detail] {
                        watcher->deleteLater();
                        if (generation != m_generation)
                            return;
                        const QByteArray json = watcher->result();
                        m_views.insert(key(id, detail), json);
                        --m_running;
                        emit viewReady(id, detail, json);
                        if (m_running == 0)
                            emit allReady();
                    });
            watcher->setFuture(
                QtConcurrent::run(&m_pool, [data = stored.value(layer.id),
                                            name = layer.nameProperty, kind = layer.kind, detail] {
                    return layersimplifier::viewOf(qUncompress(data), name, kind, detail);
                }));
        }
    }
    if (given && m_running == 0)
        emit allReady();
}

void LayerViews::invalidate()
{
    ++m_generation;
    m_views.clear();
    m_started.clear();
    m_running = 0;
}

void LayerViews::waitForDone()
{
    m_pool.waitForDone();
    while (m_running > 0) // the finished() of every watcher, posted to this thread
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
}

std::optional<QByteArray> LayerViews::view(const QString &layerId, LayerDetail detail) const
{
    const auto it = m_views.constFind(key(layerId, detail));
    if (it == m_views.cend())
        return std::nullopt;
    return it.value();
}

} // namespace civicdesk
