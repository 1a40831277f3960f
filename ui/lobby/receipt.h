#pragma once

#include "models/domain/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

class QPrinter;

namespace civicdesk {

struct ReceiptRequest
{
    QString number; // as shown: K7M2A-2345X
    QString type;
    QString address;
    QDateTime expected; // invalid: no expected date
};

// What a walk-in visitor takes home, in the visitor's language.
struct Receipt
{
    QString language = QStringLiteral("en"); // en or es
    QString cityName;
    QString phone;     // "311"
    QString web;       // the city's 311 web address
    QString statusUrl; // the status link of one request, "{number}" where the number goes
    QString ticketNumber;
    QString counter;
    QDateTime at;
    QString timeZone; // IANA zone of the city (the printed times); empty: local time
    QList<ReceiptRequest> requests;
    // Printed in practice mode: says TRAINING at its top and bottom and carries no status link
    // (a practice request number exists nowhere a resident could look it up).
    bool training = false;
};

// Lays out and prints receipts: the only QPrinter code. The text is translated into the
// receipt's language whatever the application's language is.
class ReceiptPrinter
{
public:
    // The status link of a request (empty when the city gives no status URL).
    static QString statusLink(const Receipt &receipt, const QString &number);
    // The receipt as rich text; its QR images (named qr0.png, qr1.png...) are `qrSide` CSS
    // pixels (1/96 inch) wide on any device.
    static QString html(const Receipt &receipt, int qrSide = 120);
    // Prints to `printer` (a PDF printer when its output file is set).
    static Status print(const Receipt &receipt, QPrinter &printer);
    // Writes a PDF (80 mm wide, as a receipt printer's roll).
    static Status printPdf(const Receipt &receipt, const QString &path);
    // To the default printer, or a PDF `fileName` in `folder` when none is set; answers where
    // it went (the printer, or the PDF's path).
    static Result<QString> printOrSave(const Receipt &receipt, const QString &folder,
                                       const QString &fileName);
};

} // namespace civicdesk
