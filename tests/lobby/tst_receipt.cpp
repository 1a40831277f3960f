// The article handout of an information-only visit read back in both languages.
// The kiosk's printed ticket read back the same way: the number, the reason, the time, the
// people ahead and the expected wait in the visitor's language, 80 mm wide, no name.
// The lobby receipt as the visitor takes it home: printed to PDF, its text read back with
// pdftotext (poppler-utils) in English and in Spanish, and its QR code decoded with zbarimg
// (zbar-tools) to the request's status link. A missing tool fails the test and says which
// package to install.

#include "tests/support/pdftext.h"
#include "ui/lobby/handout.h"
#include "ui/lobby/qrimage.h"
#include "ui/lobby/receipt.h"
#include "ui/lobby/ticketslip.h"

#include <QApplication>
#include <QPrinterInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

using namespace civicdesk;
using civicdesk::test::words;

namespace {

Receipt sample(const QString &language)
{
    Receipt r;
    r.language = language;
    r.cityName = QStringLiteral("Boston");
    r.phone = QStringLiteral("311");
    r.web = QStringLiteral("https://www.boston.gov/311");
    r.statusUrl = QStringLiteral("https://311.boston.gov/tickets/{number}");
    r.ticketNumber = QStringLiteral("C012");
    r.counter = QStringLiteral("3");
    r.timeZone = QStringLiteral("America/New_York");
    r.at = QDateTime(QDate(2026, 12, 7), QTime(15, 42), Qt::UTC); // 10:42 in Boston
    r.requests = {{QStringLiteral("K7M2A-2345X"), QStringLiteral("Pothole"),
                   QStringLiteral("1 City Hall Sq, Boston"),
                   QDateTime(QDate(2026, 12, 10), QTime(17, 0), Qt::UTC)},
                  {QStringLiteral("K7M2A-2346V"), QStringLiteral("Graffiti"), {}, {}}};
    return r;
}

// The handout of an information visit printed in practice mode (training set by the test).
Handout trainingHandout(const QString &language)
{
    Handout h;
    h.language = language;
    h.cityName = QStringLiteral("Boston");
    h.ticketNumber = QStringLiteral("C012");
    h.counter = QStringLiteral("3");
    h.at = QDateTime(QDate(2026, 12, 7), QTime(15, 42), Qt::UTC);
    h.articles = {{QStringLiteral("bulk"), QStringLiteral("Bulk item pickup"),
                   QStringLiteral("Book a pickup online."), language}};
    return h;
}

} // namespace

class TestReceipt : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString printed(const Receipt &receipt)
    {
        const QString pdf = m_dir.filePath(receipt.language + QStringLiteral(".pdf"));
        const Status s = ReceiptPrinter::printPdf(receipt, pdf);
        if (!s)
            qFatal("print failed: %s", qPrintable(s.error().message));
        // For the README's picture: CIVICDESK_RECEIPT_OUT=folder keeps a copy.
        if (const QString out = qEnvironmentVariable("CIVICDESK_RECEIPT_OUT"); !out.isEmpty())
            QFile::copy(pdf, QDir(out).filePath(QFileInfo(pdf).fileName()));
        return pdf;
    }

    QStringList qrCodes(const QString &pdf)
    {
        const QString base = m_dir.filePath(QStringLiteral("page"));
        test::runTool(
            QStringLiteral("pdftoppm"),
            {QStringLiteral("-r"), QStringLiteral("200"), QStringLiteral("-png"), pdf, base},
            QStringLiteral("poppler-utils"));
        const QStringList pages = QDir(m_dir.path()).entryList({QStringLiteral("page*.png")});
        QStringList codes;
        for (const QString &page : pages) {
            const QString out = test::runTool(QStringLiteral("zbarimg"),
                                              {QStringLiteral("--quiet"), m_dir.filePath(page)},
                                              QStringLiteral("zbar-tools"));
            for (const QString &line : out.split(u'\n', Qt::SkipEmptyParts))
                codes.append(line.section(u':', 1)); // "QR-Code:<text>"
            QFile::remove(m_dir.filePath(page));
        }
        codes.sort();
        return codes;
    }

private slots:
    void englishReceipt()
    {
        const QString pdf = printed(sample(QStringLiteral("en")));
        const QString text = words(test::runTool(
            QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")},
            QStringLiteral("poppler-utils")));
        for (const QString &expected :
             {QStringLiteral("Boston"), QStringLiteral("Your service request receipt"),
              QStringLiteral("Ticket: C012"), QStringLiteral("Counter: 3"),
              QStringLiteral("Monday, December 7, 2026"), QStringLiteral("10:42"),
              QStringLiteral("Request number: K7M2A-2345X"), QStringLiteral("Type: Pothole"),
              QStringLiteral("Address: 1 City Hall Sq, Boston"),
              QStringLiteral("Expected by: Thursday, December 10, 2026"),
              QStringLiteral("Request number: K7M2A-2346V"), QStringLiteral("no set date"),
              QStringLiteral("How to check the status"),
              QStringLiteral("Call 311 and give the request number."),
              QStringLiteral("Online: https://www.boston.gov/311")})
            QVERIFY2(text.contains(expected), qPrintable(expected + u"\n---\n" + text));
        QCOMPARE(qrCodes(pdf),
                 QStringList({QStringLiteral("https://311.boston.gov/tickets/K7M2A-2345X"),
                              QStringLiteral("https://311.boston.gov/tickets/K7M2A-2346V")}));
    }

    void spanishReceiptWhateverTheApplicationsLanguage()
    {
        const QString pdf = printed(sample(QStringLiteral("es")));
        const QString text = words(test::runTool(
            QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")},
            QStringLiteral("poppler-utils")));
        for (const QString &expected :
             {QStringLiteral("Boston"), QStringLiteral("Comprobante de su solicitud de servicio"),
              QStringLiteral("Turno: C012"), QStringLiteral("Ventanilla: 3"),
              QStringLiteral("lunes, 7 de diciembre de 2026"),
              QStringLiteral("Número de solicitud: K7M2A-2345X"),
              QStringLiteral("Dirección: 1 City Hall Sq, Boston"),
              QStringLiteral("Fecha prevista: jueves, 10 de diciembre de 2026"),
              QStringLiteral("sin fecha fijada"), QStringLiteral("Cómo consultar el estado"),
              QStringLiteral("Llame al 311 y dé el número de solicitud."),
              QStringLiteral("En línea: https://www.boston.gov/311")})
            QVERIFY2(text.contains(expected), qPrintable(expected + u"\n---\n" + text));
        QVERIFY(!text.contains(u"Request number"));
        QCOMPARE(qrCodes(pdf).size(), 2);
    }

    void noStatusUrlNoQrCode()
    {
        Receipt r = sample(QStringLiteral("en"));
        r.statusUrl.clear();
        QVERIFY(ReceiptPrinter::statusLink(r, QStringLiteral("K7M2A-2345X")).isEmpty());
        QVERIFY(qrCodes(printed(r)).isEmpty());
    }

    void anUnwritablePlaceIsAClearError()
    {
        const Status s =
            ReceiptPrinter::printPdf(sample(QStringLiteral("en")), QStringLiteral("/proc/x/r.pdf"));
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, QStringLiteral("receipt.path"));
    }

    void qrImagesHaveAQuietZone()
    {
        const QImage image =
            qrImage(QStringLiteral("https://311.boston.gov/tickets/K7M2A-2345X"), 4);
        QVERIFY(!image.isNull());
        QCOMPARE(image.width(), image.height());
        QCOMPARE(image.pixelColor(0, 0), QColor(Qt::white));
        QCOMPARE(image.pixelColor(16, 16), QColor(Qt::black)); // the finder pattern's corner
    }

    void kioskTicket_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QString>("foreign");
        QTest::newRow("en") << QStringLiteral("en")
                            << QStringList{QStringLiteral("Your ticket number"),
                                           QStringLiteral("Reason: Street lights"),
                                           QStringLiteral("Taken at"),
                                           QStringLiteral("10:42"),
                                           QStringLiteral("People ahead of you: 3"),
                                           QStringLiteral("Expected wait: about 15 minutes"),
                                           QStringLiteral("Please wait until your number appears")}
                            << QStringLiteral("Su número");
        QTest::newRow("es") << QStringLiteral("es")
                            << QStringList{QStringLiteral("Su número de turno"),
                                           QStringLiteral("Motivo: Street lights"),
                                           QStringLiteral("Emitido:"),
                                           QStringLiteral("10:42"),
                                           QStringLiteral("Personas delante de usted: 3"),
                                           QStringLiteral("Espera prevista: unos 15 minutos"),
                                           QStringLiteral("Espere hasta que su número aparezca")}
                            << QStringLiteral("Your ticket");
    }

    void kioskTicket()
    {
        QFETCH(QString, language);
        QFETCH(QStringList, expected);
        QFETCH(QString, foreign);
        TicketSlip slip;
        slip.language = language;
        slip.cityName = QStringLiteral("Boston");
        slip.number = QStringLiteral("B012");
        slip.category = QStringLiteral("Street lights");
        slip.at = QDateTime(QDate(2026, 12, 7), QTime(15, 42), Qt::UTC); // 10:42 in Boston
        slip.timeZone = QStringLiteral("America/New_York");
        slip.ahead = 3;
        slip.expectedWaitSeconds = 14 * 60 + 1; // rounded up: 15 minutes
        const QString folder = m_dir.filePath(QStringLiteral("tickets-") + language);
        const auto where = TicketSlipPrinter::printOrSave(slip, folder);
        QVERIFY(where.ok());
        if (!QPrinterInfo::defaultPrinter().isNull())
            QSKIP("a default printer is set: the ticket went to it, not to a PDF");
        const QString pdf = where.value();
        QCOMPARE(pdf, QDir(folder).filePath(QStringLiteral("2026-12-07-B012.pdf")));
        if (const QString out = qEnvironmentVariable("CIVICDESK_RECEIPT_OUT"); !out.isEmpty())
            QFile::copy(pdf, QDir(out).filePath(QStringLiteral("ticket-") + language + u".pdf"));
        const QString text = words(test::runTool(
            QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")},
            QStringLiteral("poppler-utils")));
        QVERIFY2(text.contains(QStringLiteral("B012")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Boston")), qPrintable(text));
        for (const QString &e : expected)
            QVERIFY2(text.contains(e), qPrintable(e + u"\n---\n" + text));
        QVERIFY2(!text.contains(foreign), qPrintable(text));
        // A roll 80 mm wide (226.77 points, as pdfinfo rounds it).
        const QString info =
            test::runTool(QStringLiteral("pdfinfo"), {pdf}, QStringLiteral("poppler-utils"));
        QVERIFY2(info.contains(QStringLiteral("Page size:       227 x")), qPrintable(info));
    }

    // A number given while the central store could not be asked carries the kiosk's device
    // code; it is printed smaller, whole on one line of the 80 mm slip.
    void anOfflineNumberStaysWholeOnTheSlip()
    {
        TicketSlip slip;
        slip.cityName = QStringLiteral("Boston");
        slip.number = QStringLiteral("B012-K7QMX");
        slip.category = QStringLiteral("Street lights");
        slip.at = QDateTime(QDate(2026, 12, 7), QTime(15, 42), Qt::UTC);
        const QString pdf = m_dir.filePath(QStringLiteral("offline-ticket.pdf"));
        QVERIFY(TicketSlipPrinter::printPdf(slip, pdf).ok());
        const QString text = test::runTool(QStringLiteral("pdftotext"),
                                           {QStringLiteral("-layout"), pdf, QStringLiteral("-")},
                                           QStringLiteral("poppler-utils"));
        QVERIFY2(text.contains(QStringLiteral("B012-K7QMX")), qPrintable(text));
        // No wait expected: "shortly", never "about 0 minutes".
        QVERIFY2(words(text).contains(QStringLiteral("You will be called shortly")),
                 qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("0 minutes")), qPrintable(text));
        QVERIFY(TicketSlipPrinter::numberPoints(slip.number, 40) < 40);
        QCOMPARE(TicketSlipPrinter::numberPoints(QStringLiteral("B012"), 40), 40);
    }

    void aTicketWithNoPlaceToGoIsAClearError()
    {
        if (!QPrinterInfo::defaultPrinter().isNull())
            QSKIP("a default printer is set");
        TicketSlip slip;
        slip.number = QStringLiteral("A001");
        const auto where = TicketSlipPrinter::printOrSave(slip, QStringLiteral("/proc/no/such"));
        QVERIFY(!where.ok());
        QCOMPARE(where.error().code, QStringLiteral("receipt.path"));
    }

    void articleHandout_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("en") << QStringLiteral("en")
                            << QStringList{QStringLiteral("Information from your visit"),
                                           QStringLiteral("More questions?"),
                                           QStringLiteral("Call 311."),
                                           QStringLiteral("Online: https://www.boston.gov/311"),
                                           QStringLiteral("Ticket C012 · counter 3")};
        QTest::newRow("es") << QStringLiteral("es")
                            << QStringList{QStringLiteral("Información de su visita"),
                                           QStringLiteral("¿Más preguntas?"),
                                           QStringLiteral("Llame al 311."),
                                           QStringLiteral("En línea: https://www.boston.gov/311"),
                                           QStringLiteral("Turno C012 · ventanilla 3")};
    }

    void articleHandout()
    {
        QFETCH(QString, language);
        QFETCH(QStringList, expected);
        Handout h;
        h.language = language;
        h.cityName = QStringLiteral("Boston");
        h.phone = QStringLiteral("311");
        h.web = QStringLiteral("https://www.boston.gov/311");
        h.ticketNumber = QStringLiteral("C012");
        h.counter = QStringLiteral("3");
        h.timeZone = QStringLiteral("America/New_York");
        h.at = QDateTime(QDate(2026, 12, 7), QTime(15, 42), Qt::UTC);
        h.articles = {{QStringLiteral("bulk"), QStringLiteral("Bulk item pickup"),
                       QStringLiteral("Book a pickup online.\n\nPut items out by 6 AM."), language},
                      {QStringLiteral("rats"), QStringLiteral("Rodents <tips>"),
                       QStringLiteral("Keep lids closed."), language}};
        const QString pdf = m_dir.filePath(QStringLiteral("handout-") + language + u".pdf");
        QVERIFY(HandoutPrinter::printPdf(h, pdf).ok());
        const QString text = words(test::runTool(
            QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")},
            QStringLiteral("poppler-utils")));
        for (const QString &e :
             expected + QStringList{QStringLiteral("Bulk item pickup"),
                                    QStringLiteral("Book a pickup online."),
                                    QStringLiteral("Put items out by 6 AM."),
                                    QStringLiteral("Rodents <tips>"), QStringLiteral("10:42")})
            QVERIFY2(text.contains(e), qPrintable(e + u"\n---\n" + text));
    }

    // Printed from a practice window (issue 17: anything printed in practice says TRAINING):
    // the receipt and the handout say so at their top and bottom in the visitor's language,
    // and the receipt carries no status link or QR code of a request that exists nowhere.
    void practicePrintoutsSayTraining_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("training");
        QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("TRAINING — practice only");
        QTest::newRow("es") << QStringLiteral("es")
                            << QStringLiteral("CAPACITACIÓN — solo práctica");
    }

    void practicePrintoutsSayTraining()
    {
        QFETCH(QString, language);
        QFETCH(QString, training);
        Receipt receipt = sample(language);
        receipt.training = true;
        const QString pdf = printed(receipt);
        const QString text = words(test::runTool(
            QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")},
            QStringLiteral("poppler-utils")));
        QCOMPARE(text.count(training), 2);
        QVERIFY(qrCodes(pdf).isEmpty());
        QVERIFY(!text.contains(QStringLiteral("311.boston.gov/tickets")));

        Handout h = trainingHandout(language);
        h.training = true;
        const QString handout = m_dir.filePath(QStringLiteral("training-") + language + u".pdf");
        QVERIFY(HandoutPrinter::printPdf(h, handout).ok());
        const QString handoutText = words(test::runTool(
            QStringLiteral("pdftotext"), {QStringLiteral("-layout"), handout, QStringLiteral("-")},
            QStringLiteral("poppler-utils")));
        QCOMPARE(handoutText.count(training), 2);
    }

    // The builders write the training line themselves: it is the first and the last paragraph
    // of the receipt's and the handout's page, in the visitor's language, and live work has
    // none.
    void theBuildersOpenAndCloseThePageWithTheTrainingLine_data()
    {
        practicePrintoutsSayTraining_data();
    }

    void theBuildersOpenAndCloseThePageWithTheTrainingLine()
    {
        QFETCH(QString, language);
        QFETCH(QString, training);
        Receipt receipt = sample(language);
        Handout handout = trainingHandout(language);
        for (const bool practice : {false, true}) {
            receipt.training = practice;
            handout.training = practice;
            for (const QString &html :
                 {ReceiptPrinter::html(receipt, 110), HandoutPrinter::html(handout)}) {
                QTextDocument doc;
                doc.setHtml(html);
                const QString first = doc.begin().text();
                const QString last = doc.lastBlock().text();
                QVERIFY2(first.startsWith(training) == practice, qPrintable(first));
                QVERIFY2(last.startsWith(training) == practice, qPrintable(last));
                QCOMPARE(int(doc.toPlainText().count(training)), practice ? 2 : 0);
            }
        }
    }
};

QTEST_MAIN(TestReceipt)
#include "tst_receipt.moc"
