#include "models/domain/text/textmatch.h"

#include <QHash>
#include <vector>

namespace civicdesk::textmatch {

QString fold(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_D);
    QString out;
    out.reserve(decomposed.size());
    bool space = true;
    for (QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        if (c.isLetterOrNumber()) {
            out += c.toLower();
            space = false;
        } else if (!space) {
            out += u' ';
            space = true;
        }
    }
    if (out.endsWith(u' '))
        out.chop(1);
    return out;
}

QString canonicalStreetWord(const QString &word)
{
    static const QHash<QString, QString> words = {
        {QStringLiteral("street"), QStringLiteral("st")},
        {QStringLiteral("str"), QStringLiteral("st")},
        {QStringLiteral("avenue"), QStringLiteral("ave")},
        {QStringLiteral("av"), QStringLiteral("ave")},
        {QStringLiteral("road"), QStringLiteral("rd")},
        {QStringLiteral("place"), QStringLiteral("pl")},
        {QStringLiteral("terrace"), QStringLiteral("ter")},
        {QStringLiteral("court"), QStringLiteral("ct")},
        {QStringLiteral("drive"), QStringLiteral("dr")},
        {QStringLiteral("highway"), QStringLiteral("hwy")},
        {QStringLiteral("boulevard"), QStringLiteral("blvd")},
        {QStringLiteral("parkway"), QStringLiteral("pkwy")},
        {QStringLiteral("circle"), QStringLiteral("cir")},
        {QStringLiteral("lane"), QStringLiteral("ln")},
        {QStringLiteral("plaza"), QStringLiteral("plz")},
        {QStringLiteral("square"), QStringLiteral("sq")},
        {QStringLiteral("wharf"), QStringLiteral("whf")},
        {QStringLiteral("green"), QStringLiteral("grn")},
        {QStringLiteral("crescent"), QStringLiteral("cres")},
        {QStringLiteral("mount"), QStringLiteral("mt")},
        {QStringLiteral("saint"), QStringLiteral("st")},
    };
    return words.value(word, word);
}

QStringList streetTokens(const QString &text)
{
    QStringList tokens = fold(text).split(u' ', Qt::SkipEmptyParts);
    for (QString &t : tokens)
        t = canonicalStreetWord(t);
    return tokens;
}

bool withinEdits(QStringView a, QStringView b, int maxEdits)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    if (std::abs(n - m) > maxEdits)
        return false;
    // Optimal string alignment distance, three rows.
    std::vector<int> prev2(size_t(m + 1)), prev(size_t(m + 1)), cur(size_t(m + 1));
    for (qsizetype j = 0; j <= m; ++j)
        prev[size_t(j)] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        cur[0] = int(i);
        int rowMin = cur[0];
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v =
                std::min({prev[size_t(j)] + 1, cur[size_t(j - 1)] + 1, prev[size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = std::min(v, prev2[size_t(j - 2)] + 1);
            cur[size_t(j)] = v;
            rowMin = std::min(rowMin, v);
        }
        if (rowMin > maxEdits)
            return false;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[size_t(m)] <= maxEdits;
}

double wordScore(QStringView typed, QStringView word, bool isLastTyped)
{
    if (typed == word)
        return 3;
    if (word.startsWith(typed) && (isLastTyped || typed.size() >= 3))
        return 2;
    if (typed.size() < 3)
        return 0;
    if (withinEdits(typed, word, 1))
        return 1.5;
    // A misspelt beginning of a long word ("massachu" typed as "massachsu").
    if (isLastTyped && typed.size() >= 4 && word.size() > typed.size() &&
        withinEdits(typed, word.left(typed.size()), 1))
        return 1.2;
    return 0;
}

} // namespace civicdesk::textmatch
