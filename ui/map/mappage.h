#pragma once

#include <QWebEnginePage>

namespace civicdesk {

// The web page behind the map: console messages and script errors go to the civicdesk.map
// logging category, and it never navigates away from the bundled map page.
class MapPage : public QWebEnginePage
{
    Q_OBJECT

public:
    MapPage(QWebEngineProfile *profile, QObject *parent = nullptr);

protected:
    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString &message,
                                  int lineNumber, const QString &sourceId) override;
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;
};

} // namespace civicdesk
