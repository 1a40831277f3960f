#pragma once

#include "models/domain/result.h"
#include "models/lobby/lobbyservice.h"

#include <QDateTime>
#include <QString>

namespace civicdesk {

// The ticket a visitor takes from the kiosk, in the visitor's language: the number (large),
// the reason, the time, the people ahead and the expected wait; never the visitor's name.
struct TicketSlip
{
    QString language = QStringLiteral("en"); // en or es
    QString cityName = QString();
    QString number = QString();
    QString category = QString(); // the reason as shown
    QDateTime at = QDateTime();
    QString timeZone = QString(); // IANA zone of the city; empty: local time
    int ahead = 0;
    qint64 expectedWaitSeconds = 0;
};

// The slip of a ticket just issued, in the visitor's language (the ticket's), with the reason
// as the city names it in that language.
TicketSlip slipOf(const IssuedTicket &issued, const LobbyService &lobby, const QString &cityName,
                  const QString &timeZone);

// Lays out and prints kiosk tickets through the RollPrinter (the default printer, or an 80 mm
// PDF when none is set).
class TicketSlipPrinter
{
public:
    static QString html(const TicketSlip &slip);
    static Status printPdf(const TicketSlip &slip, const QString &path);
    // Answers where it went: the printer, or the PDF's path in `folder`.
    static Result<QString> printOrSave(const TicketSlip &slip, const QString &folder);
    // The size a ticket number is shown at where `points` suits "A012": a longer one (a number
    // given offline, B012-K7QMX) smaller, so it stays whole on one line of the slip, the kiosk
    // and the board.
    static int numberPoints(const QString &number, int points);
};

} // namespace civicdesk
