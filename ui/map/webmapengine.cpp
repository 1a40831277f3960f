#include "ui/map/webmapengine.h"

#include "ui/map/maplogging.h"
#include "ui/map/mappage.h"
#include "ui/map/mapschemehandler.h"
#include "ui/map/mapurlguard.h"

#include <QColor>
#include <QCoreApplication>
#include <QWebChannel>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineView>

namespace civicdesk {

WebMapEngine::WebMapEngine(const Setup &setup)
    : m_scheme(new MapSchemeHandler),
      // An off-the-record profile: no cache or cookies on disk, nothing shared with other pages.
      m_profile(new QWebEngineProfile), m_page(new MapPage(m_profile)),
      m_channel(new QWebChannel(m_page)), m_view(new QWebEngineView(setup.parent))
{
    m_profile->setUrlRequestInterceptor(new MapUrlGuard(setup.tileHost, m_profile));
    m_profile->installUrlSchemeHandler(MapSchemeHandler::schemeName(), m_scheme);
    m_page->settings()->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, false);
    m_page->settings()->setAttribute(QWebEngineSettings::FocusOnNavigationEnabled, false);
    m_page->setBackgroundColor(QColor(0xdc, 0xda, 0xd3));
    m_channel->registerObject(QStringLiteral("mapBridge"), setup.bridge);
    m_page->setWebChannel(m_channel);
    QObject::connect(m_page, &QWebEnginePage::loadFinished, m_page, [](bool ok) {
        if (!ok)
            qCWarning(lcMap) << "the map page failed to load";
    });
    QObject::connect(m_page, &QWebEnginePage::renderProcessTerminated, m_page,
                     [ended = setup.rendererEnded](
                         QWebEnginePage::RenderProcessTerminationStatus status, int exitCode) {
                         qCWarning(lcMap) << "map renderer ended, status" << int(status)
                                          << "exit code" << exitCode;
                         if (ended)
                             ended();
                     });
    m_view->setObjectName(QStringLiteral("mapWebView"));
    m_view->setPage(m_page);
    m_view->setAccessibleName(setup.accessibleName);
    m_view->setAccessibleDescription(setup.accessibleDescription);
}

WebMapEngine::~WebMapEngine()
{
    // The view and the page go before their profile, the profile before its scheme handler.
    delete m_view;
    delete m_page;
    delete m_profile;
    delete m_scheme;
}

QWidget *WebMapEngine::widget() const
{
    return m_view;
}

void WebMapEngine::expectLayers(const QStringList &ids)
{
    m_scheme->expectLayers(ids);
}

void WebMapEngine::setLayerData(const QString &id, const QString &level, const QByteArray &json)
{
    m_scheme->setLayerData(id, level, json);
}

void WebMapEngine::setMarkers(int sequence, const QByteArray &payload, bool replace)
{
    m_scheme->setMarkers(sequence, payload, replace);
}

void WebMapEngine::load()
{
    m_page->load(MapSchemeHandler::pageUrl());
}

void WebMapEngine::reload()
{
    m_page->triggerAction(QWebEnginePage::Reload);
}

} // namespace civicdesk

// The module's entry point (mapengine.h). The page's URL scheme is registered when the module is
// loaded, before any profile exists (Chromium reads the schemes once, when its first profile is
// made); a program that made a web engine profile before loading the module gets an error, and
// so does one that did not ask for shared OpenGL contexts before its QApplication.
extern "C" Q_DECL_EXPORT civicdesk::MapEngine *
civicdesk_create_map_engine(const civicdesk::MapEngine::Setup &setup, QString *error)
{
    using civicdesk::MapSchemeHandler;
    // QtWebEngine loaded after the QApplication was made (this module) shares the widgets'
    // OpenGL contexts only when the program asked for that before making it; otherwise it
    // crashes making its first page.
    if (!QCoreApplication::testAttribute(Qt::AA_ShareOpenGLContexts)) {
        *error = QCoreApplication::translate("MapEngine",
                                             "This program did not set Qt::AA_ShareOpenGLContexts "
                                             "before making its QApplication, which the map's "
                                             "web engine needs.");
        return nullptr;
    }
    if (!MapSchemeHandler::isRegistered()) {
        *error = QCoreApplication::translate("MapEngine",
                                             "The map's URL scheme could not be registered with "
                                             "the web engine.");
        return nullptr;
    }
    return new civicdesk::WebMapEngine(setup);
}
