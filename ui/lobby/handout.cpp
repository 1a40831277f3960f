#include "ui/lobby/handout.h"

#include "ui/lobby/rollprinter.h"
#include "ui/lobby/visitortext.h"

#include <QLocale>
#include <QTextDocument>

namespace civicdesk {

namespace {

// Translated with the visitor's own translator, whatever the window's language.
const char *const Context = "civicdesk::Handout";
const char *const Title = QT_TRANSLATE_NOOP("civicdesk::Handout", "Information from your visit");
const char *const Visit = QT_TRANSLATE_NOOP("civicdesk::Handout", "Ticket %1 · counter %2 · %3");
const char *const Questions = QT_TRANSLATE_NOOP("civicdesk::Handout", "More questions?");
const char *const Call = QT_TRANSLATE_NOOP("civicdesk::Handout", "Call %1.");
const char *const Online = QT_TRANSLATE_NOOP("civicdesk::Handout", "Online: %1");

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// Paragraphs on blank lines, line breaks kept.
QString paragraphs(const QString &text)
{
    QString html;
    for (const QString &p : text.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts))
        html += QStringLiteral("<p>%1</p>")
                    .arg(esc(p.trimmed()).replace(u'\n', QStringLiteral("<br/>")));
    return html;
}

} // namespace

QString HandoutPrinter::html(const Handout &h)
{
    const VisitorText text(h.language);
    const auto t = [&text](const char *source) { return text(Context, source); };
    const QLocale locale(h.language == u"es" ? QLocale::Spanish : QLocale::English,
                         QLocale::UnitedStates);
    // In practice mode the training line opens and closes the handout.
    const QString training = text.trainingParagraph(h.training);
    QString html =
        QStringLiteral("<html><body style=\"font-family: sans-serif; font-size: 10pt\">");
    html += training;
    html += QStringLiteral("<h2 style=\"margin-bottom: 0\">%1</h2>").arg(esc(h.cityName));
    html += QStringLiteral("<h3>%1</h3>").arg(esc(t(Title)));
    for (const VisitArticle &a : h.articles)
        html += QStringLiteral("<hr/><p><b>%1</b></p>%2").arg(esc(a.title), paragraphs(a.text));
    html += QStringLiteral("<hr/><p><b>%1</b>").arg(esc(t(Questions)));
    if (!h.phone.isEmpty())
        html += QStringLiteral("<br/>%1").arg(esc(t(Call)).arg(esc(h.phone)));
    if (!h.web.isEmpty())
        html += QStringLiteral("<br/>%1").arg(esc(t(Online)).arg(esc(h.web)));
    html += QStringLiteral("</p><p>%1</p>")
                .arg(esc(t(Visit)).arg(esc(h.ticketNumber), esc(h.counter),
                                       esc(locale.toString(RollPrinter::inZone(h.at, h.timeZone),
                                                           QLocale::ShortFormat))));
    return html + training + QStringLiteral("</body></html>");
}

Status HandoutPrinter::printPdf(const Handout &handout, const QString &path)
{
    return RollPrinter::printPdf(path, handout.ticketNumber,
                                 [&handout](QTextDocument &doc) { doc.setHtml(html(handout)); });
}

Result<QString> HandoutPrinter::printOrSave(const Handout &handout, const QString &folder,
                                            const QString &fileName)
{
    return RollPrinter::printOrSave(folder, fileName, handout.ticketNumber,
                                    [&handout](QTextDocument &doc) { doc.setHtml(html(handout)); });
}

} // namespace civicdesk
