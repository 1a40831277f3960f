#include "app/server/pendinganswer.h"

#include "app/server/httpreply.h"

namespace civicdesk::http {

PendingAnswer::PendingAnswer(QHttpServerResponder &&responder, QString line)
    : m_responder(std::move(responder)), m_socket(m_responder.socket()), m_line(std::move(line))
{
    m_timer.start();
}

std::shared_ptr<PendingAnswer> PendingAnswer::make(const QHttpServerRequest &request,
                                                   QHttpServerResponder &&responder)
{
    return std::shared_ptr<PendingAnswer>(
        new PendingAnswer(std::move(responder), requestLine(request)));
}

void PendingAnswer::reply(const QHttpServerResponse &response)
{
    if (m_answered)
        return;
    m_answered = true;
    logRequest(m_line, response, m_timer);
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        writeWhole(response, std::move(m_responder));
}

} // namespace civicdesk::http
