// The counter's printouts at the end of a visit: the receipt of the requests it made, in the
// visitor's language, or the handout of the public articles opened for an information visit.

#include "models/domain/requestnumber.h"
#include "models/requests/requestrepository.h"
#include "ui/lobby/counterpanel.h"
#include "ui/lobby/handout.h"

namespace civicdesk {

Status CounterPanel::printReceipt(const LobbyTicket &ticket)
{
    Receipt receipt = m_ctx.city;
    receipt.training = m_training;
    receipt.language = ticket.language;
    receipt.ticketNumber = ticket.number;
    receipt.counter = ticket.counter;
    receipt.at = QDateTime::currentDateTimeUtc();
    for (const QString &id : m_requestIds) {
        const auto request = m_ctx.requests.byId(id);
        if (!request)
            continue;
        const auto number = RequestNumber::parse(request->number);
        // The type as the visitor reads it, when the city names it in their language.
        const QString type =
            m_ctx.lobby.repository().typeNameIn(request->serviceCode, ticket.language);
        receipt.requests.append({number ? number.value().display() : request->number,
                                 type.isEmpty() ? request->typeName : type, request->address,
                                 request->dueAt});
    }
    // No printer set: a PDF the agent can print or send.
    const auto where = ReceiptPrinter::printOrSave(
        receipt, m_receiptFolder, QStringLiteral("%1-%2.pdf").arg(ticket.day, ticket.number));
    if (!where)
        return where.error();
    m_lastReceipt = where.value();
    return Ok{};
}

Result<QString> CounterPanel::printHandout(const LobbyTicket &ticket, const QString &contactId)
{
    Handout handout;
    handout.articles = m_ctx.lobby.repository().articlesOpened(contactId, ticket.language);
    if (handout.articles.isEmpty())
        return QString();
    handout.language = ticket.language;
    handout.training = m_training;
    handout.cityName = m_ctx.city.cityName;
    handout.phone = m_ctx.city.phone;
    handout.web = m_ctx.city.web;
    handout.timeZone = m_ctx.city.timeZone;
    handout.ticketNumber = ticket.number;
    handout.counter = ticket.counter;
    handout.at = QDateTime::currentDateTimeUtc();
    const auto where = HandoutPrinter::printOrSave(
        handout, m_receiptFolder,
        QStringLiteral("%1-%2-handout.pdf").arg(ticket.day, ticket.number));
    if (where)
        m_lastReceipt = where.value();
    return where;
}

} // namespace civicdesk
