#include "ui/lobby/receipt.h"

#include "ui/lobby/qrimage.h"
#include "ui/lobby/rollprinter.h"
#include "ui/lobby/visitortext.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTextDocument>
#include <QUrl>

namespace civicdesk {

namespace {

// The receipt's strings, translated with the receipt's own translator (the visitor's language).
const char *const Context = "civicdesk::Receipt";
const char *const Title = QT_TRANSLATE_NOOP("civicdesk::Receipt", "Your service request receipt");
const char *const TitleNone =
    QT_TRANSLATE_NOOP("civicdesk::Receipt", "Your visit to the service counter");
const char *const Ticket = QT_TRANSLATE_NOOP("civicdesk::Receipt", "Ticket");
const char *const Counter = QT_TRANSLATE_NOOP("civicdesk::Receipt", "Counter");
const char *const Date = QT_TRANSLATE_NOOP("civicdesk::Receipt", "Date");
const char *const Number = QT_TRANSLATE_NOOP("civicdesk::Receipt", "Request number");
const char *const Type = QT_TRANSLATE_NOOP("civicdesk::Receipt", "Type");
const char *const Address = QT_TRANSLATE_NOOP("civicdesk::Receipt", "Address");
const char *const Expected = QT_TRANSLATE_NOOP("civicdesk::Receipt", "Expected by");
const char *const NoDate = QT_TRANSLATE_NOOP("civicdesk::Receipt", "no set date");
const char *const CheckStatus = QT_TRANSLATE_NOOP("civicdesk::Receipt", "How to check the status");
const char *const Call = QT_TRANSLATE_NOOP("civicdesk::Receipt", "Call %1 and give the request "
                                                                 "number.");
const char *const Online = QT_TRANSLATE_NOOP("civicdesk::Receipt", "Online: %1");
const char *const Scan = QT_TRANSLATE_NOOP("civicdesk::Receipt", "Scan to see the status of %1.");
const char *const Thanks = QT_TRANSLATE_NOOP("civicdesk::Receipt", "Thank you for visiting.");

class ReceiptText
{
public:
    explicit ReceiptText(const QString &language) : m_text(language) {}
    QString operator()(const char *source) const { return m_text(Context, source); }

private:
    VisitorText m_text;
};

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString qrName(int index)
{
    return QStringLiteral("qr%1.png").arg(index);
}

// The document with its QR images, `qrSide` device pixels.
void build(const Receipt &r, QTextDocument &doc, int qrSide)
{
    doc.setHtml(ReceiptPrinter::html(r, qrSide));
    for (int i = 0; i < r.requests.size(); ++i) {
        const QString link = ReceiptPrinter::statusLink(r, r.requests.at(i).number);
        if (!link.isEmpty())
            doc.addResource(QTextDocument::ImageResource, QUrl(qrName(i)), qrImage(link, 6));
    }
}

} // namespace

QString ReceiptPrinter::statusLink(const Receipt &receipt, const QString &number)
{
    if (receipt.training)
        return {};
    if (receipt.statusUrl.isEmpty())
        return {};
    QString link = receipt.statusUrl;
    return link.replace(QStringLiteral("{number}"),
                        QString::fromUtf8(QUrl::toPercentEncoding(number)));
}

QString ReceiptPrinter::html(const Receipt &r, int qrSide)
{
    const ReceiptText t(r.language);
    const QLocale locale(r.language == u"es" ? QLocale::Spanish : QLocale::English,
                         QLocale::UnitedStates);
    // In practice mode the training line opens and closes the receipt.
    const QString training = VisitorText(r.language).trainingParagraph(r.training);
    QString html =
        QStringLiteral("<html><body style=\"font-family: sans-serif; font-size: 10pt\">");
    html += training;
    html += QStringLiteral("<h2 style=\"margin-bottom: 0\">%1</h2>").arg(esc(r.cityName));
    html += QStringLiteral("<h3>%1</h3>").arg(esc(t(r.requests.isEmpty() ? TitleNone : Title)));
    html +=
        QStringLiteral("<p>%1: <b>%2</b> &nbsp; %3: <b>%4</b><br/>%5: %6</p>")
            .arg(esc(t(Ticket)), esc(r.ticketNumber), esc(t(Counter)), esc(r.counter), esc(t(Date)),
                 esc(locale.toString(RollPrinter::inZone(r.at, r.timeZone), QLocale::LongFormat)));
    for (int i = 0; i < r.requests.size(); ++i) {
        const ReceiptRequest &q = r.requests.at(i);
        html += QStringLiteral("<hr/><p>%1: <b style=\"font-size: 14pt\">%2</b><br/>%3: %4")
                    .arg(esc(t(Number)), esc(q.number), esc(t(Type)), esc(q.type));
        if (!q.address.isEmpty())
            html += QStringLiteral("<br/>%1: %2").arg(esc(t(Address)), esc(q.address));
        html +=
            QStringLiteral("<br/>%1: %2</p>")
                .arg(esc(t(Expected)),
                     q.expected.isValid()
                         ? esc(locale.toString(RollPrinter::inZone(q.expected, r.timeZone).date(),
                                               QLocale::LongFormat))
                         : esc(t(NoDate)));
        const QString link = statusLink(r, q.number);
        if (!link.isEmpty())
            html += QStringLiteral("<p><img src=\"%1\" width=\"%2\" height=\"%2\"/><br/>%3</p>")
                        .arg(qrName(i))
                        .arg(qrSide)
                        .arg(esc(t(Scan)).arg(esc(q.number)));
    }
    html += QStringLiteral("<hr/><p><b>%1</b>").arg(esc(t(CheckStatus)));
    if (!r.phone.isEmpty())
        html += QStringLiteral("<br/>%1").arg(esc(t(Call)).arg(esc(r.phone)));
    if (!r.web.isEmpty())
        html += QStringLiteral("<br/>%1").arg(esc(t(Online)).arg(esc(r.web)));
    html += QStringLiteral("</p><p>%1</p>").arg(esc(t(Thanks)));
    return html + training + QStringLiteral("</body></html>");
}

Status ReceiptPrinter::print(const Receipt &receipt, QPrinter &printer)
{
    // CSS pixels (1/96 inch): QR codes 29 mm wide.
    return RollPrinter::print(printer,
                              [&receipt](QTextDocument &doc) { build(receipt, doc, 110); });
}

Status ReceiptPrinter::printPdf(const Receipt &receipt, const QString &path)
{
    return RollPrinter::printPdf(path, receipt.ticketNumber,
                                 [&receipt](QTextDocument &doc) { build(receipt, doc, 110); });
}

Result<QString> ReceiptPrinter::printOrSave(const Receipt &receipt, const QString &folder,
                                            const QString &fileName)
{
    return RollPrinter::printOrSave(folder, fileName, receipt.ticketNumber,
                                    [&receipt](QTextDocument &doc) { build(receipt, doc, 110); });
}

} // namespace civicdesk
