#pragma once

#include "ui/map/mapengine.h"

class QWebChannel;
class QWebEngineProfile;

namespace civicdesk {

class MapPage;
class MapSchemeHandler;

// MapEngine on QtWebEngine, in libcivicdesk-mapengine.so: an off-the-record profile that serves
// the page from MapSchemeHandler and lets it reach nothing else but the tile server
// (MapUrlGuard), the page (MapPage) with the bridge on its web channel, and its view.
class WebMapEngine : public MapEngine
{
public:
    explicit WebMapEngine(const Setup &setup);
    ~WebMapEngine() override;

    QWidget *widget() const override;
    QWebEngineView *webView() const override { return m_view; }
    void expectLayers(const QStringList &ids) override;
    void setLayerData(const QString &id, const QString &level, const QByteArray &json) override;
    void setMarkers(int sequence, const QByteArray &payload, bool replace) override;
    void load() override;
    void reload() override;

private:
    MapSchemeHandler *m_scheme;
    QWebEngineProfile *m_profile;
    MapPage *m_page;
    QWebChannel *m_channel;
    QWebEngineView *m_view;
};

} // namespace civicdesk
