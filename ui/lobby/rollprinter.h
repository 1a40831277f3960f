#pragma once

#include "models/domain/result.h"

#include <QDateTime>
#include <QString>
#include <functional>

class QPrinter;
class QTextDocument;

namespace civicdesk {

// Prints rich text on a receipt roll: the lobby's only QPrinter code (receipts, kiosk tickets,
// article handouts). The document is laid out on the printer itself (its resolution, its
// printable width), with no margins or page numbers added.
class RollPrinter
{
public:
    // Fills the document (its HTML and images) once it is bound to the printer.
    using Fill = std::function<void(QTextDocument &)>;

    static Status print(QPrinter &printer, const Fill &fill);
    // A PDF 80 mm wide, as a receipt printer's roll.
    static Status printPdf(const QString &path, const QString &docName, const Fill &fill);
    // To the system's default printer; when none is set, a PDF `fileName` in `folder` (made
    // when missing). Answers where it went: the printer's description or the PDF's path.
    static Result<QString> printOrSave(const QString &folder, const QString &fileName,
                                       const QString &docName, const Fill &fill);
    // A time in the city's zone (an IANA name) for printing; local time when empty or unknown.
    static QDateTime inZone(const QDateTime &time, const QString &zone);
};

} // namespace civicdesk
