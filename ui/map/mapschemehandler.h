#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QPointer>
#include <QSet>
#include <QUrl>
#include <QWebEngineUrlSchemeHandler>

class QWebEngineUrlRequestJob;

namespace civicdesk {

// Serves the map page to its QWebEngineView under civicdesk-map://map/: the page itself
// (html, script, style, Leaflet) from the program's resources, and the city's layers as the
// page asks for them (/layers/<id>/<level>.json) and the request markers
// (/markers/<sequence>.bin, see markerpayload.h) from memory, so megabytes of GeoJSON and
// thousands of markers never go through the web channel. A layer the map view announced but whose
// data is still being made is answered when it arrives. Anything else is refused: unknown paths,
// other hosts, methods other than GET.
class MapSchemeHandler : public QWebEngineUrlSchemeHandler
{
    Q_OBJECT

public:
    explicit MapSchemeHandler(QObject *parent = nullptr);
    ~MapSchemeHandler() override;

    static QByteArray schemeName(); // "civicdesk-map"
    // Must run before the QApplication is made (Chromium reads schemes at start-up); done for
    // every program that links this file, before main().
    static void registerScheme();
    static bool isRegistered();
    static QUrl pageUrl(); // civicdesk-map://map/map.html

    // The layers the page may ask for; forgets the data of any other.
    void expectLayers(const QStringList &ids);
    // The data of one layer at one level ("overview", "street"); answers whoever waits for it.
    void setLayerData(const QString &id, const QString &level, const QByteArray &json);
    int waitingCount() const { return int(m_waiting.size()); }
    // One marker payload. A replacement makes the payloads before it unneeded: all but the last
    // few (which the page may be fetching) are forgotten.
    void setMarkers(int sequence, const QByteArray &payload, bool replace);
    QByteArray markers(int sequence) const { return m_markers.value(sequence); }

    void requestStarted(QWebEngineUrlRequestJob *job) override;

private:
    struct Waiting
    {
        QPointer<QWebEngineUrlRequestJob> job;
        QString key;
    };

    static void reply(QWebEngineUrlRequestJob *job, const QByteArray &contentType,
                      const QByteArray &data);

    QSet<QString> m_expected;
    QHash<QString, QByteArray> m_layers; // "<id>/<level>"
    QList<Waiting> m_waiting;
    QMap<int, QByteArray> m_markers; // by sequence
};

} // namespace civicdesk
