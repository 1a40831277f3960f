#include "models/knowledge/knowledgequery.h"

#include "models/domain/textmatch.h"

#include <QSet>
#include <algorithm>
#include <numeric>
#include <tuple>

namespace civicdesk {

namespace {

// The word being typed counts as a prefix from this many letters on (the index has 2- and
// 3-letter prefixes; shorter words match most articles).
constexpr int shortestTypedPrefix = 3;

QString quoted(const QString &term)
{
    QString t = term;
    t.replace(u'"', QStringLiteral("\"\""));
    return u'"' + t + u'"';
}

} // namespace

bool KnowledgeQuery::isStopword(const QString &word)
{
    static const QSet<QString> words = [] {
        QSet<QString> set;
        for (const char16_t *w :
             {u"a",    u"an",   u"the",  u"my",  u"our",  u"is",    u"are",  u"was",  u"were",
              u"wasn", u"isn",  u"t",    u"s",   u"on",   u"in",    u"at",   u"of",   u"to",
              u"for",  u"and",  u"or",   u"it",  u"its",  u"there", u"i",    u"me",   u"we",
              u"has",  u"have", u"been", u"be",  u"this", u"that",  u"with", u"from", u"by",
              u"how",  u"do",   u"does", u"can", u"what", u"who",   u"when", u"de",   u"la",
              u"el",   u"los",  u"las",  u"un",  u"una",  u"unos",  u"en",   u"mi",   u"mis",
              u"que",  u"por",  u"con",  u"del", u"al",   u"se",    u"y",    u"o",    u"es",
              u"lo",   u"le",   u"su",   u"sus", u"me",   u"como",  u"para", u"hay",  u"esta",
              u"estan"})
            set.insert(QString::fromUtf16(w));
        return set;
    }();
    return words.contains(word);
}

void KnowledgeQuery::setVocabulary(const QHash<QString, int> &articlesByTerm, int articleCount)
{
    m_articlesByTerm = articlesByTerm;
    m_articleCount = articleCount;
    m_sortedTerms = articlesByTerm.keys();
    std::sort(m_sortedTerms.begin(), m_sortedTerms.end());
    m_termsByFirstLetter.clear();
    for (const QString &term : std::as_const(m_sortedTerms))
        m_termsByFirstLetter[term.left(1)].append(term);
}

void KnowledgeQuery::setSynonymGroups(const QList<QStringList> &groups)
{
    m_synonymGroups = groups;
}

int KnowledgeQuery::articlesWith(const QString &term) const
{
    return m_articlesByTerm.value(term);
}

int KnowledgeQuery::articlesWithPrefix(const QString &prefix) const
{
    // An upper bound: an article holding two words with the prefix is counted twice.
    qint64 sum = 0;
    for (auto it = std::lower_bound(m_sortedTerms.cbegin(), m_sortedTerms.cend(), prefix);
         it != m_sortedTerms.cend() && it->startsWith(prefix); ++it)
        sum += m_articlesByTerm.value(*it);
    return int(std::min<qint64>(sum, m_articleCount));
}

KnowledgeQuery::Alternative KnowledgeQuery::word(const QString &term, bool prefix) const
{
    const int n = prefix ? articlesWithPrefix(term) : articlesWith(term);
    return {prefix ? quoted(term) + u'*' : quoted(term), n, n};
}

KnowledgeQuery::Alternative KnowledgeQuery::phrase(const QString &folded) const
{
    const QStringList tokens = folded.split(u' ', Qt::SkipEmptyParts);
    if (tokens.size() == 1)
        return word(folded, false);
    // A phrase matches at most the articles of its rarest word, and FTS5 reads all its words.
    int matches = m_articleCount, cost = 0;
    for (const QString &t : tokens) {
        matches = std::min(matches, articlesWith(t));
        cost += articlesWith(t);
    }
    return {quoted(folded), matches, cost};
}

QStringList KnowledgeQuery::corrections(const QString &w) const
{
    // A misspelt word: the indexed words one edit away (two for long words).
    QStringList result;
    const int edits = w.size() >= 8 ? 2 : 1;
    const QStringList candidates = m_termsByFirstLetter.value(w.left(1));
    for (const QString &term : candidates) {
        if (result.size() < 3 && textmatch::withinEdits(w, term, edits))
            result.append(term);
    }
    // A misspelt first letter: search the whole vocabulary, for long words only.
    if (result.isEmpty() && w.size() >= 6) {
        for (const QString &term : std::as_const(m_sortedTerms)) {
            if (result.size() < 2 && textmatch::withinEdits(w, term, 1))
                result.append(term);
        }
    }
    return result;
}

QString KnowledgeQuery::expression(const QString &text) const
{
    const QString folded = textmatch::fold(text);
    const QStringList words = folded.split(u' ', Qt::SkipEmptyParts);
    if (words.isEmpty())
        return {};
    const bool typingLastWord = !text.isEmpty() && !text.back().isSpace();
    QList<Alternative> alternatives;
    auto add = [&alternatives](const Alternative &a) {
        if (a.expression.size() > 2 &&
            std::none_of(alternatives.cbegin(), alternatives.cend(),
                         [&a](const Alternative &b) { return b.expression == a.expression; }))
            alternatives.append(a);
    };
    int completeWords = 0;
    for (int i = 0; i < words.size(); ++i) {
        if (!(i == words.size() - 1 && typingLastWord) && !isStopword(words.at(i)))
            ++completeWords;
    }
    const QString padded = u' ' + folded + u' ';
    for (int i = 0; i < words.size(); ++i) {
        const QString &w = words.at(i);
        const bool typing = i == words.size() - 1 && typingLastWord;
        if (typing) {
            if (w.size() < shortestTypedPrefix) {
                // Too short to say much: on its own, a prefix of the titles' words (from the
                // second letter); after other words, left out until its third letter.
                if (completeWords == 0 && w.size() == 2)
                    add({u"{title}: " + quoted(w) + u'*', 0, 0});
                continue;
            }
            add(word(w, true));
        } else if (!isStopword(w)) {
            add(word(w, false));
        } else {
            continue;
        }
        if (w.size() >= 4 && !knows(w)) {
            for (const QString &term : corrections(w))
                add(word(term, false));
        }
    }
    for (const QStringList &group : std::as_const(m_synonymGroups)) {
        const bool mentioned =
            std::any_of(group.cbegin(), group.cend(),
                        [&padded](const QString &s) { return padded.contains(u' ' + s + u' '); });
        if (!mentioned)
            continue;
        for (const QString &s : group) {
            Alternative a = phrase(s);
            a.synonym = true;
            add(a);
        }
    }
    if (alternatives.isEmpty())
        return {};

    // Within the budget, the caller's words before synonyms, the rarest first (and at least one
    // alternative); none held by more than half the articles while a rarer one is kept.
    QList<int> order(alternatives.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&alternatives](int a, int b) {
        const Alternative &x = alternatives.at(a), &y = alternatives.at(b);
        return std::tie(x.synonym, x.matches) < std::tie(y.synonym, y.matches);
    });
    QList<bool> keep(alternatives.size(), false);
    qint64 spent = 0;
    bool any = false;
    for (int i : std::as_const(order)) {
        const Alternative &a = alternatives.at(i);
        const bool common = 2 * qint64(a.matches) > m_articleCount;
        if (any && (common || spent + a.cost > m_budget))
            continue;
        keep[i] = true;
        spent += a.cost;
        any = true;
    }
    QStringList kept;
    for (int i = 0; i < alternatives.size(); ++i) {
        if (keep.at(i))
            kept.append(alternatives.at(i).expression);
    }
    return kept.join(QStringLiteral(" OR "));
}

} // namespace civicdesk
