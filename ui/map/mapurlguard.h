#pragma once

#include <QString>
#include <QWebEngineUrlRequestInterceptor>

namespace civicdesk {

// Keeps the map offline: the page may load its own resources (qrc:, data:, blob:) and, only
// when a tile server is configured, that server's host. Everything else is blocked and logged.
class MapUrlGuard : public QWebEngineUrlRequestInterceptor
{
    Q_OBJECT

public:
    MapUrlGuard(QString tileHost, QObject *parent = nullptr);
    void interceptRequest(QWebEngineUrlRequestInfo &info) override;

private:
    const QString m_tileHost; // "" = no network at all
};

} // namespace civicdesk
