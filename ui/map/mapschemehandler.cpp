#include "ui/map/mapschemehandler.h"

#include "ui/map/maplogging.h"

#include <QBuffer>
#include <QFile>
#include <QRegularExpression>
#include <QWebEngineUrlRequestJob>
#include <QWebEngineUrlScheme>

namespace civicdesk {

namespace {

const QString Host = QStringLiteral("map");
const QStringList Levels = {QStringLiteral("overview"), QStringLiteral("street")};

// The resource behind a static path of the page, or "" for a path that is not one.
QString resourceFor(const QString &path)
{
    static const QRegularExpression allowed(QStringLiteral(
        R"(^/(map\.(html|js|css)|(pagetools|basemap|requestgrid|requests|chosenplaces|picking|hotspots|clusterlayer)\.js|qwebchannel\.js|leaflet/([A-Za-z0-9_-]+/)?[A-Za-z0-9_.-]+\.(js|css|png))$)"));
    if (!allowed.match(path).hasMatch())
        return {};
    if (path == u"/qwebchannel.js")
        return QStringLiteral(":/qtwebchannel/qwebchannel.js");
    return u":/map" + path;
}

// /page.js: every script of the page in one response, in the order the page needs them. Each
// script the page loads waits for a round trip to this handler on the UI thread, which on a busy
// machine took about 0.4 s apiece; one bundle takes one. Each script stays served on its own
// (for the tests, and to read it).
const QByteArray &pageScripts()
{
    static const QByteArray bundle = [] {
        QByteArray all;
        for (const char *path :
             {"/leaflet/leaflet.min.js", "/qwebchannel.js", "/pagetools.js", "/basemap.js",
              "/requestgrid.js", "/requests.js", "/chosenplaces.js", "/picking.js", "/hotspots.js",
              "/clusterlayer.js", "/map.js"}) {
            QFile file(resourceFor(QLatin1String(path)));
            if (!file.open(QIODevice::ReadOnly))
                qFatal("the map page's script %s is missing from the resources", path);
            all += "// " + QByteArray(path) + '\n' + file.readAll() + "\n;\n";
        }
        return all;
    }();
    return bundle;
}

// Chromium reads the custom schemes when the web engine starts, which may be as early as the
// QApplication: every program that links the map (it uses MapView, so this file is linked)
// registers the scheme before main() runs.
void registerAtStartUp()
{
    MapSchemeHandler::registerScheme();
}
Q_CONSTRUCTOR_FUNCTION(registerAtStartUp)

QByteArray contentTypeOf(const QString &path)
{
    if (path.endsWith(u".html"))
        return QByteArrayLiteral("text/html;charset=utf-8");
    if (path.endsWith(u".js"))
        return QByteArrayLiteral("text/javascript;charset=utf-8");
    if (path.endsWith(u".css"))
        return QByteArrayLiteral("text/css;charset=utf-8");
    if (path.endsWith(u".png"))
        return QByteArrayLiteral("image/png");
    return QByteArrayLiteral("application/json");
}

} // namespace

MapSchemeHandler::MapSchemeHandler(QObject *parent) : QWebEngineUrlSchemeHandler(parent) {}

MapSchemeHandler::~MapSchemeHandler()
{
    for (const Waiting &w : std::as_const(m_waiting)) {
        if (w.job)
            w.job->fail(QWebEngineUrlRequestJob::RequestAborted);
    }
}

QByteArray MapSchemeHandler::schemeName()
{
    return QByteArrayLiteral("civicdesk-map");
}

void MapSchemeHandler::registerScheme()
{
    if (isRegistered())
        return;
    QWebEngineUrlScheme scheme(schemeName());
    scheme.setSyntax(QWebEngineUrlScheme::Syntax::Host);
    scheme.setDefaultPort(QWebEngineUrlScheme::PortUnspecified);
    // Local and secure like qrc:, and the page may fetch() its layers from its own origin.
    scheme.setFlags(QWebEngineUrlScheme::SecureScheme | QWebEngineUrlScheme::LocalScheme |
                    QWebEngineUrlScheme::LocalAccessAllowed | QWebEngineUrlScheme::CorsEnabled);
    QWebEngineUrlScheme::registerScheme(scheme);
}

bool MapSchemeHandler::isRegistered()
{
    return QWebEngineUrlScheme::schemeByName(schemeName()).name() == schemeName();
}

QUrl MapSchemeHandler::pageUrl()
{
    return QUrl(QString::fromLatin1(schemeName()) + u"://" + Host + u"/map.html");
}

void MapSchemeHandler::expectLayers(const QStringList &ids)
{
    m_expected = QSet<QString>(ids.cbegin(), ids.cend());
    for (auto it = m_layers.begin(); it != m_layers.end();) {
        if (m_expected.contains(it.key().section(u'/', 0, -2)))
            ++it;
        else
            it = m_layers.erase(it);
    }
}

void MapSchemeHandler::setLayerData(const QString &id, const QString &level, const QByteArray &json)
{
    if (!m_expected.contains(id))
        return;
    const QString key = id + u'/' + level;
    m_layers.insert(key, json);
    for (qsizetype i = 0; i < m_waiting.size();) {
        if (m_waiting.at(i).key != key) {
            ++i;
            continue;
        }
        const Waiting w = m_waiting.takeAt(i);
        if (w.job)
            reply(w.job, contentTypeOf(QStringLiteral(".json")), json);
    }
}

void MapSchemeHandler::setMarkers(int sequence, const QByteArray &payload, bool replace)
{
    constexpr int KeptBeforeAReplacement = 3;
    if (replace) {
        while (!m_markers.isEmpty() && m_markers.firstKey() < sequence - KeptBeforeAReplacement)
            m_markers.erase(m_markers.begin());
    }
    m_markers.insert(sequence, payload);
}

void MapSchemeHandler::reply(QWebEngineUrlRequestJob *job, const QByteArray &contentType,
                             const QByteArray &data)
{
    auto *buffer = new QBuffer;
    buffer->setData(data);
    buffer->open(QIODevice::ReadOnly);
    connect(job, &QObject::destroyed, buffer, &QObject::deleteLater);
    job->reply(contentType, buffer);
}

void MapSchemeHandler::requestStarted(QWebEngineUrlRequestJob *job)
{
    const QUrl url = job->requestUrl();
    if (job->requestMethod() != "GET" || url.host() != Host) {
        qCWarning(lcMap) << "refused a map request:" << job->requestMethod()
                         << url.toDisplayString();
        job->fail(QWebEngineUrlRequestJob::RequestDenied);
        return;
    }
    const QString path = url.path();
    qCDebug(lcMap) << "serving" << path;
    const QStringList parts = path.split(u'/');
    // "/layers/<id>/<level>.json"
    if (parts.size() == 4 && parts.at(1) == u"layers" && parts.at(3).endsWith(u".json")) {
        const QString id = parts.at(2);
        const QString level = parts.at(3).chopped(5);
        if (m_expected.contains(id) && Levels.contains(level)) {
            const QString key = id + u'/' + level;
            if (const auto it = m_layers.constFind(key); it != m_layers.cend())
                reply(job, contentTypeOf(path), it.value());
            else
                m_waiting.append({job, key});
            return;
        }
    } else if (parts.size() == 3 && parts.at(1) == u"markers" && parts.at(2).endsWith(u".bin")) {
        // "/markers/<sequence>.bin"
        bool ok = false;
        const int sequence = parts.at(2).chopped(4).toInt(&ok);
        if (const auto it = m_markers.constFind(sequence); ok && it != m_markers.cend()) {
            reply(job, QByteArrayLiteral("application/octet-stream"), it.value());
            return;
        }
    } else if (path == u"/page.js") {
        reply(job, contentTypeOf(path), pageScripts());
        return;
    } else if (const QString resource = resourceFor(path); !resource.isEmpty()) {
        QFile file(resource);
        if (file.open(QIODevice::ReadOnly)) {
            reply(job, contentTypeOf(path), file.readAll());
            return;
        }
    }
    qCWarning(lcMap) << "the map page asked for an unknown path:" << url.toDisplayString();
    job->fail(QWebEngineUrlRequestJob::UrlNotFound);
}

} // namespace civicdesk
