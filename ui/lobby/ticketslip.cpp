#include "ui/lobby/ticketslip.h"

#include "ui/lobby/rollprinter.h"
#include "ui/lobby/visitortext.h"

#include <QLocale>
#include <QTextDocument>

namespace civicdesk {

namespace {

// Translated with the visitor's own translator, whatever the window's language.
const char *const Context = "civicdesk::TicketSlip";
const char *const Title = QT_TRANSLATE_NOOP("civicdesk::TicketSlip", "Your ticket number");
const char *const Reason = QT_TRANSLATE_NOOP("civicdesk::TicketSlip", "Reason: %1");
const char *const Taken = QT_TRANSLATE_NOOP("civicdesk::TicketSlip", "Taken at %1");
const char *const Ahead = QT_TRANSLATE_NOOP("civicdesk::TicketSlip", "People ahead of you: %1");
const char *const Wait =
    QT_TRANSLATE_NOOP("civicdesk::TicketSlip", "Expected wait: about %1 minutes");
const char *const WaitSoon =
    QT_TRANSLATE_NOOP("civicdesk::TicketSlip", "You will be called shortly");
const char *const Watch =
    QT_TRANSLATE_NOOP("civicdesk::TicketSlip", "Please wait until your number appears on the "
                                               "screen with the counter to go to.");

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString fileNameOf(const TicketSlip &slip)
{
    const QDateTime at = RollPrinter::inZone(slip.at, slip.timeZone);
    return QStringLiteral("%1-%2.pdf")
        .arg(at.date().toString(Qt::ISODate),
             slip.number.isEmpty() ? QStringLiteral("ticket") : slip.number);
}

} // namespace

int TicketSlipPrinter::numberPoints(const QString &number, int points)
{
    constexpr qsizetype Usual = 6; // "A012", "AB1000"
    return number.size() <= Usual ? points : int(points * Usual / number.size());
}

QString TicketSlipPrinter::html(const TicketSlip &slip)
{
    const VisitorText text(slip.language);
    const auto t = [&text](const char *source) { return text(Context, source); };
    const QLocale locale(slip.language == u"es" ? QLocale::Spanish : QLocale::English,
                         QLocale::UnitedStates);
    const QDateTime at = RollPrinter::inZone(slip.at, slip.timeZone);
    QString html = QStringLiteral(
        "<html><body style=\"font-family: sans-serif; font-size: 11pt\"><div align=\"center\">");
    html += QStringLiteral("<p><b>%1</b></p>").arg(esc(slip.cityName));
    html += QStringLiteral("<p>%1</p>").arg(esc(t(Title)));
    html += QStringLiteral("<p style=\"font-size: %1pt; font-weight: bold; margin: 0; "
                           "white-space: pre\">%2</p>")
                .arg(numberPoints(slip.number, 40))
                .arg(esc(slip.number));
    html += QStringLiteral("<p>%1<br/>%2</p>")
                .arg(esc(t(Reason)).arg(esc(slip.category)),
                     esc(t(Taken)).arg(esc(locale.toString(at, QLocale::ShortFormat))));
    const qint64 minutes = (slip.expectedWaitSeconds + 59) / 60;
    html += QStringLiteral("<p>%1<br/><b>%2</b></p>")
                .arg(esc(t(Ahead)).arg(locale.toString(slip.ahead)),
                     minutes <= 1 ? esc(t(WaitSoon)) : esc(t(Wait)).arg(locale.toString(minutes)));
    html += QStringLiteral("<p>%1</p></div></body></html>").arg(esc(t(Watch)));
    return html;
}

Status TicketSlipPrinter::printPdf(const TicketSlip &slip, const QString &path)
{
    return RollPrinter::printPdf(path, slip.number,
                                 [&slip](QTextDocument &doc) { doc.setHtml(html(slip)); });
}

TicketSlip slipOf(const IssuedTicket &issued, const LobbyService &lobby, const QString &cityName,
                  const QString &timeZone)
{
    TicketSlip slip;
    slip.language = issued.ticket.language;
    slip.cityName = cityName;
    slip.number = issued.ticket.number;
    slip.category = lobby.categoryName(issued.ticket.category, issued.ticket.language);
    slip.at = issued.ticket.issuedAt;
    slip.timeZone = timeZone;
    slip.ahead = issued.ahead;
    slip.expectedWaitSeconds = issued.estimatedWaitSeconds;
    return slip;
}

Result<QString> TicketSlipPrinter::printOrSave(const TicketSlip &slip, const QString &folder)
{
    return RollPrinter::printOrSave(folder, fileNameOf(slip), slip.number,
                                    [&slip](QTextDocument &doc) { doc.setHtml(html(slip)); });
}

} // namespace civicdesk
