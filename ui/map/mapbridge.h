#pragma once

#include <QObject>
#include <QString>

namespace civicdesk {

// The one object shared with the map page through QWebChannel, and the only C++/JavaScript
// surface. Signals in the first group go to the page; the invokable methods are what the page
// may call, each re-emitted as a typed signal of the second group for MapView. The bulk
// arguments are JSON text in the shapes of mapprotocol.h; protocolVersion is checked by both
// sides when the page starts.
class MapBridge : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int protocolVersion READ protocolVersion CONSTANT)

public:
    explicit MapBridge(QObject *parent = nullptr);
    int protocolVersion() const;

    // Called by the page.
    Q_INVOKABLE void hello(int version);
    Q_INVOKABLE void markerActivated(const QString &id);
    Q_INVOKABLE void clusterActivated(const QString &id);
    Q_INVOKABLE void locationChosen(double latitude, double longitude, const QString &how);
    Q_INVOKABLE void rendered(const QString &what, int count, double milliseconds);
    Q_INVOKABLE void reportError(const QString &message, const QString &source, int line);

signals:
    // To the page.
    void configured(const QString &configJson);
    void layerAdded(const QString &id, const QString &kind, const QString &title,
                    const QString &nameProperty);
    void basemapComplete();
    // The request markers changed: the page fetches markers/<sequence>.bin (markerpayload.h),
    // a replacement of all or a change to the previous ones, `total` markers after it. A small
    // payload (a sync's few changes) comes along as base64 in `inlined` instead: the page's
    // request to the scheme takes about 100 ms, the channel a few.
    void markersChanged(int sequence, bool replace, int total, const QString &inlined);
    void selectionChanged(const QString &selectionJson);
    void intakeLocationChanged(const QString &locationJson);
    void duplicatesChanged(const QString &duplicatesJson);
    void pickResolved(const QString &pickJson);
    void hotspotsChanged(const QString &hotspotsJson);
    void clustersChanged(const QString &clustersJson); // ui/map/clusteroverlay.h
    void viewRequested(double latitude, double longitude, int zoom);
    void focusRequested();
    // The view came on screen: the page answers rendered("shown") once it has painted the
    // basemap and the markers (a page prepared in the background only has to paint).
    void viewShown();

    // From the page, checked and typed.
    void pageReady();
    void pageFailed(const QString &reason);
    void pageMarkerActivated(const QString &id);
    void pageClusterActivated(const QString &id);
    void pageLocationChosen(double latitude, double longitude, bool byKeyboard);
    void pageRendered(const QString &what, int count, double milliseconds);
};

} // namespace civicdesk
