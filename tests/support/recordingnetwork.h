#pragma once

#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QUrl>

namespace civicdesk::test {

// A network access manager that passes every request on and remembers its URL: what a client
// asked of the server, for tests that prove it asked nothing else.
class RecordingNetwork : public QNetworkAccessManager
{
public:
    QList<QUrl> urls;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *data) override
    {
        urls.append(request.url());
        return QNetworkAccessManager::createRequest(op, request, data);
    }
};

} // namespace civicdesk::test
