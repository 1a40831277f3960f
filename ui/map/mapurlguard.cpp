#include "ui/map/mapurlguard.h"

#include "ui/map/maplogging.h"
#include "ui/map/mapschemehandler.h"

namespace civicdesk {

MapUrlGuard::MapUrlGuard(QString tileHost, QObject *parent)
    : QWebEngineUrlRequestInterceptor(parent), m_tileHost(std::move(tileHost).toLower())
{
}

void MapUrlGuard::interceptRequest(QWebEngineUrlRequestInfo &info)
{
    const QUrl url = info.requestUrl();
    const QString scheme = url.scheme();
    if (scheme == u"qrc" || scheme == u"data" || scheme == u"blob" ||
        scheme == QLatin1String(MapSchemeHandler::schemeName()))
        return;
    if (!m_tileHost.isEmpty() && (scheme == u"https" || scheme == u"http") &&
        url.host().toLower() == m_tileHost)
        return;
    qCWarning(lcMap) << "blocked a map request to" << url.toDisplayString();
    info.block(true);
}

} // namespace civicdesk
