#include "ui/map/mappage.h"

#include "ui/map/maplogging.h"
#include "ui/map/mapschemehandler.h"

namespace civicdesk {

MapPage::MapPage(QWebEngineProfile *profile, QObject *parent) : QWebEnginePage(profile, parent) {}

void MapPage::javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString &message,
                                       int lineNumber, const QString &sourceId)
{
    const QString where = sourceId + u':' + QString::number(lineNumber);
    switch (level) {
    case ErrorMessageLevel:
        qCWarning(lcMap).noquote() << "page error:" << message << where;
        break;
    case WarningMessageLevel:
        qCWarning(lcMap).noquote() << "page warning:" << message << where;
        break;
    case InfoMessageLevel:
        qCDebug(lcMap).noquote() << "page:" << message << where;
        break;
    }
}

bool MapPage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    Q_UNUSED(type);
    if (!isMainFrame || url.scheme() == u"qrc" ||
        url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment) == MapSchemeHandler::pageUrl())
        return true;
    qCWarning(lcMap) << "refused to leave the map page for" << url.toDisplayString();
    return false;
}

} // namespace civicdesk
