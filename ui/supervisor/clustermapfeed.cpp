#include "ui/supervisor/clustermapfeed.h"

#include "models/domain/supervision/clusterrulechange.h"
#include "models/requests/historyservices.h"
#include "models/workstation/supervisionservices.h"
#include "ui/map/mapview.h"

#include <QLocale>
#include <QTimer>

namespace civicdesk {

ClusterMapFeed::ClusterMapFeed(const SupervisorContext &context, MapView *map, QObject *parent)
    : QObject(parent), m_context(context), m_map(map),
      m_watch(context.services.clusterWatch(context.clock)), m_tick(new QTimer(this))
{
    if (auto s = m_watch.start(); !s)
        qWarning("cluster alerts on the map: %s", qPrintable(s.error().message));
    m_clusters = m_watch.clusters();
    show(false);
    connect(&context.changes, &StoreChanges::applied, this,
            [this](const StoreChanges::Applied &what) {
                if (what.touches(QStringLiteral("request")))
                    update();
                if (what.touches(clusterrulechange::entityType()))
                    reload();
            });
    connect(m_map, &MapView::clusterActivated, this, [this](const QString &id) {
        m_selected = id;
        show(false);
        emit clusterChosen(id);
    });
    m_tick->setInterval(60 * 1000);
    connect(m_tick, &QTimer::timeout, this, &ClusterMapFeed::update);
    m_tick->start();
}

void ClusterMapFeed::update()
{
    auto changed = m_watch.update();
    if (!changed || !changed.value())
        return;
    m_clusters = m_watch.clusters();
    show(false);
}

void ClusterMapFeed::reload()
{
    if (!m_watch.reload())
        return;
    m_clusters = m_watch.clusters();
    show(false);
}

bool ClusterMapFeed::select(const QString &parentRequestId)
{
    update();
    const bool known = std::any_of(m_clusters.begin(), m_clusters.end(), [&](const Cluster &c) {
        return c.parent().id == parentRequestId;
    });
    m_selected = known ? parentRequestId : QString();
    show(known);
    return known;
}

void ClusterMapFeed::show(bool pan)
{
    QList<MapCluster> shown;
    shown.reserve(m_clusters.size());
    const QLocale locale;
    const ServiceNames names = m_context.history.catalogue.serviceNames();
    for (const Cluster &c : std::as_const(m_clusters)) {
        MapCluster m;
        m.id = c.parent().id;
        m.latitude = c.latitude;
        m.longitude = c.longitude;
        m.metres = c.metres;
        m.count = int(c.requests.size());
        m.label =
            tr("%1: %n request(s) within %2 m since %3 (parent request %4)", nullptr, m.count)
                .arg(names.shown(c.serviceCode, c.typeName), locale.toString(qRound(c.metres)),
                     locale.toString(c.first().toTimeZone(m_context.cityZone).time(),
                                     QLocale::ShortFormat),
                     c.parent().number);
        shown.append(m);
    }
    m_map->setClusters(shown, m_selected, pan);
}

} // namespace civicdesk
