#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace civicdesk {

class MapView;

// Prepares the map in the background once the workstation's window has been idle for a while:
// its web engine started and its page loaded with the basemap and the request markers, all
// while the map's tab stays hidden, so that bringing the tab to the front only paints
// (Chromium's own start takes seconds on a desk PC). Idle means no key, mouse button or wheel
// anywhere in the program for `idleMs`: the first keystrokes of a call never wait for it. From
// then on the map holds its memory (the web engine's processes) as if it had been opened. A map
// whose dock the agent closed is left alone.
class MapWarmUp : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultIdle = 3000; // ms

    // Starts counting at once; `map` may be deleted meanwhile.
    explicit MapWarmUp(MapView *map, int idleMs = DefaultIdle, QObject *parent = nullptr);
    ~MapWarmUp() override;

    bool hasStarted() const { return m_started; }

signals:
    // The map's web engine was started in the background (or had been already).
    void started();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void startMap();

    QPointer<MapView> m_map;
    QTimer m_idle;
    bool m_started = false;
};

} // namespace civicdesk
