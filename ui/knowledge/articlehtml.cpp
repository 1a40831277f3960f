#include "ui/knowledge/articlehtml.h"

#include "models/domain/knowledge/articlelifecycle.h"
#include "models/domain/knowledge/textdiff.h"
#include "ui/knowledge/articledates.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextDocument>

namespace civicdesk {

namespace {

QString markdownToHtml(const QString &markdown)
{
    QTextDocument body;
    body.setMarkdown(markdown);
    QString html = body.toHtml();
    const qsizetype start = html.indexOf(u"<body");
    const qsizetype open = start < 0 ? -1 : html.indexOf(u'>', start);
    const qsizetype end = html.lastIndexOf(u"</body>");
    if (open >= 0 && end > open)
        html = html.mid(open + 1, end - open - 1);
    return html;
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"));
}

} // namespace

QString ArticleHtml::article(const KnowledgeArticle &article, bool changedSinceRead,
                             const QDate &today)
{
    QString html;
    if (const QString dates = ArticleDates::notice(article, today); !dates.isEmpty())
        html += u"<p style='background:#ffe2e0'><b>" + dates.toHtmlEscaped() + u"</b></p>";
    if (changedSinceRead)
        html += u"<p style='background:#fff3cd'><b>● " +
                tr("Changed since you last read it.").toHtmlEscaped() + u"</b></p>";
    html += u"<h2>" + article.title.toHtmlEscaped() + u"</h2>";
    if (article.state != KnowledgeArticle::State::Published)
        html += u"<p><i>" +
                tr("State: %1").arg(ArticleLifecycle::stateTitle(article.state)).toHtmlEscaped() +
                u"</i></p>";
    if (!article.script.isEmpty())
        html += u"<table width='100%' cellpadding='8' bgcolor='#eef5ff'><tr><td><b>" +
                tr("Read to the caller:") + u"</b><br>" + article.script.toHtmlEscaped() +
                u"</td></tr></table>";
    const QJsonObject transfer = QJsonDocument::fromJson(article.transferTarget.toUtf8()).object();
    if (!transfer.isEmpty())
        html += u"<p><b>" + tr("Transfer:") + u"</b> " +
                transfer.value(u"name").toString().toHtmlEscaped() + u" — <b>" +
                transfer.value(u"phone").toString().toHtmlEscaped() + u"</b> " +
                transfer.value(u"hours").toString().toHtmlEscaped() + u"</p>";
    html += markdownToHtml(article.body);
    if (!article.keywords.isEmpty())
        html += u"<p><small><b>" + tr("Keywords:") + u"</b> " + article.keywords.toHtmlEscaped() +
                u"</small></p>";
    if (article.reviewDue.isValid())
        html +=
            u"<p><small>" +
            tr("Review due: %1").arg(QLocale().toString(article.reviewDue, QLocale::ShortFormat)) +
            u"</small></p>";
    return html;
}

QString ArticleHtml::comparable(const KnowledgeArticle &a)
{
    const QJsonObject transfer = QJsonDocument::fromJson(a.transferTarget.toUtf8()).object();
    QStringList parts = {
        tr("Title: %1").arg(a.title),
        tr("State: %1").arg(ArticleLifecycle::stateTitle(a.state)),
        tr("Language: %1").arg(a.language),
        tr("Department: %1").arg(a.departmentCode),
        tr("Request types: %1").arg(a.serviceCodes.join(QStringLiteral(", "))),
        tr("Keywords: %1").arg(a.keywords),
        tr("Transfer: %1 %2 %3")
            .arg(transfer.value(u"name").toString(), transfer.value(u"phone").toString(),
                 transfer.value(u"hours").toString()),
        tr("Review due: %1").arg(a.reviewDue.toString(Qt::ISODate)),
        tr("Script: %1").arg(a.script),
        a.body,
    };
    return parts.join(u'\n');
}

std::pair<QString, QString> ArticleHtml::sideBySide(const QString &before, const QString &after)
{
    const QList<TextDiff::Chunk> chunks = TextDiff::words(before, after);
    QString left, right;
    for (const TextDiff::Chunk &c : chunks) {
        const QString text = escaped(c.text);
        switch (c.op) {
        case TextDiff::Op::Equal:
            left += text;
            right += text;
            break;
        case TextDiff::Op::Delete:
            left += u"<span style='background:#ffd7d5;color:#82071e'><s>" + text + u"</s></span>";
            break;
        case TextDiff::Op::Insert:
            right += u"<span style='background:#ccffd8;color:#055d20'><b>" + text + u"</b></span>";
            break;
        }
    }
    return {left, right};
}

} // namespace civicdesk
