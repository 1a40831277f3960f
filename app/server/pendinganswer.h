#pragma once

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QPointer>
#include <QTcpSocket>
#include <memory>

namespace civicdesk::http {

// A request answered after its handler has returned (a sign-in checked on a worker, a push
// written by the store writer). Qt HTTP Server reuses the request once the handler returns, so
// this keeps what the answer needs: the responder, the connection, the log line and the clock.
class PendingAnswer
{
public:
    static std::shared_ptr<PendingAnswer> make(const QHttpServerRequest &request,
                                               QHttpServerResponder &&responder);
    // Logs the answer and writes it, unless the client has gone meanwhile. Once only.
    void reply(const QHttpServerResponse &response);

private:
    PendingAnswer(QHttpServerResponder &&responder, QString line);

    QHttpServerResponder m_responder;
    QPointer<QTcpSocket> m_socket;
    QString m_line;
    QElapsedTimer m_timer;
    bool m_answered = false;
};

} // namespace civicdesk::http
