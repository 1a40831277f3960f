#include "ui/map/mapwarmup.h"

#include "ui/map/maplogging.h"
#include "ui/map/mapview.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QEvent>

namespace civicdesk {

MapWarmUp::MapWarmUp(MapView *map, int idleMs, QObject *parent) : QObject(parent), m_map(map)
{
    m_idle.setSingleShot(true);
    m_idle.setInterval(idleMs);
    connect(&m_idle, &QTimer::timeout, this, &MapWarmUp::startMap);
    QCoreApplication::instance()->installEventFilter(this);
    m_idle.start();
}

MapWarmUp::~MapWarmUp()
{
    if (QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
}

bool MapWarmUp::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::ShortcutOverride:
    case QEvent::InputMethod:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::Wheel:
        if (!m_started)
            m_idle.start(); // the agent is at work: count again from now
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void MapWarmUp::startMap()
{
    QCoreApplication::instance()->removeEventFilter(this);
    // A map the agent closed (its dock hidden, not merely behind another tab) stays unbuilt:
    // it starts when it is opened again, and costs nothing meanwhile.
    for (const QWidget *w = m_map; w; w = w->parentWidget()) {
        if (qobject_cast<const QDockWidget *>(w) && w->isHidden()) {
            qCDebug(lcMap) << "the map is closed: not prepared in the background";
            return;
        }
    }
    m_started = true;
    if (m_map && !m_map->isStarted()) {
        qCDebug(lcMap) << "preparing the map in the background";
        m_map->start();
    }
    emit started();
}

} // namespace civicdesk
