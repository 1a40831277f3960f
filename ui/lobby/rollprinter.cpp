#include "ui/lobby/rollprinter.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPrinter>
#include <QPrinterInfo>
#include <QTextDocument>
#include <QTimeZone>

namespace civicdesk {

namespace {
QString unavailable()
{
    return QCoreApplication::translate("civicdesk::ReceiptPrinter",
                                       "The printer is not available.");
}
} // namespace

Status RollPrinter::print(QPrinter &printer, const Fill &fill)
{
    if (!printer.isValid())
        return makeError(QStringLiteral("receipt.printer"), unavailable());
    const QRectF page = printer.pageLayout().paintRectPixels(printer.resolution());
    QTextDocument doc;
    doc.documentLayout()->setPaintDevice(&printer);
    fill(doc);
    doc.setDocumentMargin(0);
    doc.setPageSize(page.size());
    QPainter painter;
    if (!painter.begin(&printer))
        return makeError(QStringLiteral("receipt.printer"), unavailable());
    for (int p = 0; p < doc.pageCount(); ++p) {
        if (p > 0)
            printer.newPage();
        painter.save();
        painter.translate(0, -p * page.height());
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = QRectF(0, p * page.height(), page.width(), page.height());
        doc.documentLayout()->draw(&painter, context);
        painter.restore();
    }
    painter.end();
    return Ok{};
}

Status RollPrinter::printPdf(const QString &path, const QString &docName, const Fill &fill)
{
    if (!QFileInfo(QFileInfo(path).absolutePath()).isWritable())
        return makeError(QStringLiteral("receipt.path"),
                         QCoreApplication::translate("civicdesk::ReceiptPrinter",
                                                     "The receipt cannot be written to %1.")
                             .arg(path));
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setPageSize(
        QPageSize(QSizeF(80, 200), QPageSize::Millimeter, QStringLiteral("Receipt 80 mm")));
    printer.setPageMargins(QMarginsF(4, 4, 4, 4), QPageLayout::Millimeter);
    printer.setDocName(docName);
    return print(printer, fill);
}

Result<QString> RollPrinter::printOrSave(const QString &folder, const QString &fileName,
                                         const QString &docName, const Fill &fill)
{
    const QPrinterInfo info = QPrinterInfo::defaultPrinter();
    if (!info.isNull()) {
        QPrinter printer(info);
        printer.setDocName(docName);
        if (auto s = print(printer, fill); !s)
            return s.error();
        return info.description().isEmpty() ? info.printerName() : info.description();
    }
    // No printer set: a PDF that can be printed or sent later.
    if (!QDir().mkpath(folder))
        return makeError(QStringLiteral("receipt.path"),
                         QCoreApplication::translate("civicdesk::ReceiptPrinter",
                                                     "The folder %1 cannot be made.")
                             .arg(QDir::toNativeSeparators(folder)));
    const QString path = QDir(folder).filePath(fileName);
    if (auto s = printPdf(path, docName, fill); !s)
        return s.error();
    return path;
}

QDateTime RollPrinter::inZone(const QDateTime &time, const QString &zone)
{
    if (zone.isEmpty())
        return time.toLocalTime();
    const QTimeZone tz(zone.toUtf8());
    return tz.isValid() ? time.toTimeZone(tz) : time.toLocalTime();
}

} // namespace civicdesk
