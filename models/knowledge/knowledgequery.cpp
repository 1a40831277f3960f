#include "models/knowledge/knowledgequery.h"

#include "models/domain/text/textmatch.h"
#include "models/knowledge/language/languagewords.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

namespace civicdesk {

namespace {

// The word being typed counts as a prefix from this many letters on (the index has 2- and
// 3-letter prefixes; shorter words match most articles).
constexpr int shortestTypedPrefix = 3;
// Other forms of one word worth searching for ("permit", "permits", "permitted").
constexpr int maxForms = 6;
// Misspellings are corrected from this many letters on: a shorter word that no article holds
// is most often a real word one edit from another ("rato" and "rata", "hizo" and "hijo").
constexpr int shortestCorrected = 5;
// Each part of a word split in two ("trashcan" -> "trash can") has this many letters at least.
constexpr int shortestPart = 3;

QString quoted(const QString &term)
{
    QString t = term;
    t.replace(u'"', QStringLiteral("\"\""));
    return u'"' + t + u'"';
}

bool hasSpanishLetters(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(),
                       [](QChar c) { return QStringView(u"ñ¿¡áéíóú").contains(c.toLower()); });
}

} // namespace

void KnowledgeQuery::setVocabulary(const QHash<QString, int> &articlesByTerm, int articleCount)
{
    m_articlesByTerm = articlesByTerm;
    m_articleCount = articleCount;
    m_sortedTerms = articlesByTerm.keys();
    std::sort(m_sortedTerms.begin(), m_sortedTerms.end());
    m_termsByFirstLetter.clear();
    for (const QString &term : std::as_const(m_sortedTerms))
        m_termsByFirstLetter[term.left(1)].append(term);
    for (auto it = m_languages.begin(); it != m_languages.end(); ++it)
        indexVocabulary(it.key(), *it.value());
}

void KnowledgeQuery::indexVocabulary(const QString &language, LanguageWords &lw) const
{
    lw.vocabularyByStem.clear();
    for (const QString &term : m_sortedTerms) {
        if (term.size() < 3 || !term.front().isLetter())
            continue;
        bool otherLanguages = false;
        for (auto it = m_languages.cbegin(); it != m_languages.cend() && !otherLanguages; ++it)
            otherLanguages = it.key() != language && it.value()->terms.contains(term);
        if (otherLanguages && !lw.terms.contains(term))
            continue; // "reporte" is not a form of "report" for an English caller
        const QStringList stems = lw.stemmer->stems(term);
        for (const QString &stem : stems)
            lw.vocabularyByStem[stem].append(term);
    }
}

void KnowledgeQuery::setLanguageWords(const QString &language, const QStringList &words)
{
    auto lw = std::make_shared<LanguageWords>();
    lw->stemmer = std::make_unique<WordStemmer>(language);
    // In one order whatever order they come in (a set's, which changes from one run of the
    // program to the next): the forms and corrections kept when there are more than their
    // limit are then the same in every run.
    QStringList sorted = words;
    std::sort(sorted.begin(), sorted.end());
    for (const QString &raw : std::as_const(sorted)) {
        const QString folded = textmatch::fold(raw);
        if (folded.isEmpty() || folded.contains(u' ') || lw->terms.contains(folded))
            continue;
        lw->terms.insert(folded);
        lw->termsByFirstLetter[folded.left(1)].append(folded);
        const QStringList stems = lw->stemmer->stems(raw);
        for (const QString &stem : stems)
            lw->termsByStem[stem].append(folded);
    }
    m_languages.insert(language, lw);
    for (auto it = m_languages.begin(); it != m_languages.end(); ++it)
        indexVocabulary(it.key(), *it.value());
}

void KnowledgeQuery::setSynonymGroups(const QList<QStringList> &groups, const QString &language)
{
    m_synonymGroups.insert(language, SynonymGroups(groups));
}

void KnowledgeQuery::setPlaceNames(const QStringList &neighbourhoods, const QSet<QString> &streets)
{
    m_neighbourhoods.clear();
    for (const QString &name : neighbourhoods) {
        const QStringList words = name.split(u' ', Qt::SkipEmptyParts);
        if (words.size() >= 2)
            m_neighbourhoods.append(words);
    }
    m_streets = streets;
}

QList<bool> KnowledgeQuery::placesIn(const QStringList &words) const
{
    QList<bool> place(words.size(), false);
    for (const QStringList &name : m_neighbourhoods) {
        for (qsizetype i = 0; i + name.size() <= words.size(); ++i) {
            if (std::equal(name.cbegin(), name.cend(), words.cbegin() + i))
                std::fill(place.begin() + i, place.begin() + i + name.size(), true);
        }
    }
    if (m_streets.isEmpty())
        return place;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const int kind = languagewords::streetWord(words.at(i));
        // "union street" (the name before the street word), "calle union" (after it).
        const qsizetype name = kind > 0 ? i - 1 : (kind < 0 ? i + 1 : -1);
        if (name >= 0 && name < words.size() && m_streets.contains(words.at(name))) {
            place[i] = true;
            place[name] = true;
        }
    }
    return place;
}

QString KnowledgeQuery::guessLanguage(const QString &text, const QString &fallback) const
{
    if (hasSpanishLetters(text))
        return QStringLiteral("es");
    const QStringList words = textmatch::fold(text).split(u' ', Qt::SkipEmptyParts);
    int vote = 0;
    const auto en = m_languages.value(QStringLiteral("en"));
    const auto es = m_languages.value(QStringLiteral("es"));
    const bool typingLastWord = !text.isEmpty() && !text.back().isSpace();
    for (int i = 0; i < words.size(); ++i) {
        const QString &w = words.at(i);
        if (i == words.size() - 1 && typingLastWord && w.size() < 4)
            continue; // "po" may become "pothole" or "poste"
        const int functionVote = languagewords::languageVote(w);
        if (functionVote != 0) {
            vote += functionVote;
            continue;
        }
        const bool inEnglish = en && en->terms.contains(w);
        const bool inSpanish = es && es->terms.contains(w);
        if (inEnglish != inSpanish)
            vote += inEnglish ? 1 : -1;
    }
    if (vote > 0)
        return QStringLiteral("en");
    if (vote < 0)
        return QStringLiteral("es");
    return fallback;
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

QStringList KnowledgeQuery::forms(const QString &w, const QString &language, bool bodies) const
{
    QStringList result;
    const auto add = [&](const QString &lang, const LanguageWords &lw) {
        const QHash<QString, QStringList> &byStem = bodies ? lw.vocabularyByStem : lw.termsByStem;
        const QStringList stems = lw.stemmer->stems(w);
        for (const QString &stem : stems) {
            const QStringList terms = byStem.value(stem);
            for (const QString &t : terms) {
                if (result.size() < maxForms && t != w && !result.contains(t) && knows(t) &&
                    languagewords::isFormOf(t, w, stem, lang))
                    result.append(t);
            }
        }
    };
    if (const auto one = m_languages.value(language))
        add(language, *one);
    else if (language.isEmpty())
        for (auto each = m_languages.cbegin(); each != m_languages.cend(); ++each)
            add(each.key(), *each.value());
    return result;
}

QStringList KnowledgeQuery::corrections(const QString &w, const QString &language) const
{
    // A misspelt word: the words of the language's articles one edit away (two for long
    // words); without per-language words, the whole index vocabulary.
    const auto lw = m_languages.value(language);
    const QHash<QString, QStringList> &byLetter =
        lw ? lw->termsByFirstLetter : m_termsByFirstLetter;
    QStringList result;
    const int edits = w.size() >= 8 ? 2 : 1;
    const QStringList candidates = byLetter.value(w.left(1));
    for (const QString &term : candidates) {
        if (result.size() < 3 && knows(term) && textmatch::withinEdits(w, term, edits))
            result.append(term);
    }
    // A misspelt first letter: search the whole vocabulary, for long words only.
    if (result.isEmpty() && w.size() >= 6) {
        QStringList letters = byLetter.keys(); // in one order in every run
        std::sort(letters.begin(), letters.end());
        for (auto letter = letters.cbegin(); letter != letters.cend() && result.size() < 2;
             ++letter) {
            for (const QString &term : byLetter.value(*letter)) {
                if (result.size() < 2 && knows(term) && textmatch::withinEdits(w, term, 1))
                    result.append(term);
            }
        }
    }
    return result;
}

QString KnowledgeQuery::split(const QString &w, const QString &language) const
{
    const auto lw = m_languages.value(language);
    if (!lw)
        return {};
    for (qsizetype at = shortestPart; at + shortestPart <= w.size(); ++at) {
        const QString first = w.left(at), second = w.mid(at);
        if (lw->terms.contains(first) && lw->terms.contains(second) && knows(first) &&
            knows(second))
            return first + u' ' + second;
    }
    return {};
}

bool KnowledgeQuery::saysWhat(const QString &w, const QString &language) const
{
    if (languagewords::isStopword(w, language) || w.size() < 2 ||
        std::all_of(w.cbegin(), w.cend(), [](QChar c) { return c.isDigit(); }))
        return false;
    return knows(w) || !m_placeWords.contains(w);
}

double KnowledgeQuery::weightOf(const QueryConcept &said) const
{
    // The said's rarity: of its commonest form (an upper bound of the articles it matches).
    int articles = said.prefix.isEmpty() ? 0 : articlesWithPrefix(said.prefix);
    for (const QString &t : said.terms)
        articles = std::max(articles, articlesWith(t));
    const double n = std::max(1, m_articleCount);
    return std::max(0.1, std::log((n + 1.0) / (std::min<double>(articles, n) + 0.5)));
}

AnalysedQuery KnowledgeQuery::analyse(const QString &text, const QString &language) const
{
    AnalysedQuery result;
    result.language = language;
    const QString folded = textmatch::fold(text);
    const QStringList words = folded.split(u' ', Qt::SkipEmptyParts);
    if (words.isEmpty())
        return result;
    const bool typingLastWord = !text.isEmpty() && !text.back().isSpace();
    QList<Alternative> alternatives;
    auto add = [&alternatives](const Alternative &a) {
        if (a.expression.size() > 2 &&
            std::none_of(alternatives.cbegin(), alternatives.cend(),
                         [&a](const Alternative &b) { return b.expression == a.expression; }))
            alternatives.append(a);
    };
    // Words that say where ("north end", "union street") or frame the question ("how long").
    QList<bool> place = placesIn(words);
    for (int i = 1; i < words.size(); ++i) {
        if (languagewords::isQuestionFrame(words.at(i - 1), words.at(i), language))
            place[i] = true;
    }
    int completeWords = 0;
    for (int i = 0; i < words.size(); ++i) {
        if (!(i == words.size() - 1 && typingLastWord) && !place.at(i) &&
            saysWhat(words.at(i), language))
            ++completeWords;
    }
    QList<int> conceptAt(words.size(), -1); // the thing said by each word, -1 for none
    for (int i = 0; i < words.size(); ++i) {
        const QString &w = words.at(i);
        const bool typing = i == words.size() - 1 && typingLastWord;
        QueryConcept said;
        if (place.at(i) || (typing && completeWords > 0 && w.size() >= shortestTypedPrefix &&
                            !saysWhat(w, language)))
            continue; // a place, or a stop word ended with the typing ("what do i do")
        if (typing) {
            if (w.size() < shortestTypedPrefix) {
                // Too short to say much: on its own, a prefix of the titles' words (from the
                // second letter); after other words, left out until its third letter.
                if (completeWords == 0 && w.size() == 2) {
                    add({u"{title}: " + quoted(w) + u'*', 0, 0});
                    said.prefix = w;
                    result.concepts.append(said);
                }
                continue;
            }
            add(word(w, true));
            said.prefix = w;
        } else if (!saysWhat(w, language)) {
            continue;
        } else {
            add(word(w, false));
            said.terms.append(w);
        }
        if (w.size() >= 4) {
            QStringList other = forms(w, language);
            // A diminutive no article holds stands for its word ("ratitas" for "ratas").
            if (other.isEmpty() && !knows(w)) {
                const QStringList bases = languagewords::diminutiveBases(w, language);
                for (const QString &base : bases) {
                    if (other.size() < maxForms && knows(base) && !other.contains(base) &&
                        !languagewords::isStopword(base, language))
                        other.append(base);
                }
            }
            for (const QString &term : other) {
                add(word(term, false));
                said.terms.append(term);
            }
            // The forms only bodies use widen what is found, but say less about what an
            // article is about ("takes" is not "taken" in a body): they are not credited.
            // (The word being typed finds those it begins already.)
            const QStringList inBodies = forms(w, language, true);
            for (const QString &term : inBodies) {
                if (!other.contains(term) && !(typing && term.startsWith(w)))
                    add(word(term, false));
            }
            const QString parts =
                other.isEmpty() && !knows(w) && !typing ? split(w, language) : QString();
            if (!parts.isEmpty()) {
                add(phrase(parts));
                said.phrases.append(parts);
            } else if (other.isEmpty() && !knows(w) && w.size() >= shortestCorrected) {
                const QStringList fixed = corrections(w, language);
                for (const QString &term : fixed) {
                    add(word(term, false));
                    said.terms.append(term);
                }
            }
        }
        conceptAt[i] = int(result.concepts.size());
        result.concepts.append(said);
    }
    // Two words the caller wrote apart that the articles write as one ("pot hole", "side
    // walk"): the one word stands for each of them.
    if (const auto lw = m_languages.value(language)) {
        for (int i = 0; i + 1 < words.size(); ++i) {
            const QString joined = words.at(i) + words.at(i + 1);
            if (conceptAt.at(i) < 0 || conceptAt.at(i + 1) < 0 || !lw->terms.contains(joined) ||
                !knows(joined))
                continue;
            add(word(joined, false));
            for (int c : {conceptAt.at(i), conceptAt.at(i + 1)}) {
                if (!result.concepts[c].terms.contains(joined))
                    result.concepts[c].terms.append(joined);
            }
        }
    }
    // The synonyms of the language the words are read in (of every language when unknown),
    // said in the singular or the plural.
    QStringList groupLanguages = m_synonymGroups.keys();
    std::sort(groupLanguages.begin(), groupLanguages.end()); // "" (every language) first
    for (const QString &groupLanguage : std::as_const(groupLanguages)) {
        if (!groupLanguage.isEmpty() && !language.isEmpty() && groupLanguage != language)
            continue;
        const SynonymGroups &synonyms = m_synonymGroups.constFind(groupLanguage).value();
        const QList<SynonymGroups::Mention> mentions = synonyms.find(words);
        QList<int> groupsMentioned;
        for (const SynonymGroups::Mention &mention : mentions) {
            const QStringList &group = synonyms.groups().at(mention.group);
            if (!groupsMentioned.contains(mention.group))
                groupsMentioned.append(mention.group);
            // The synonyms stand for each content word of the member the caller said.
            for (int position : mention.positions) {
                const int c = conceptAt.at(position);
                if (c < 0)
                    continue;
                for (const QString &syn : group) {
                    if (syn != words.at(position) && !result.concepts[c].phrases.contains(syn))
                        result.concepts[c].phrases.append(syn);
                }
            }
        }
        for (int g : std::as_const(groupsMentioned)) {
            for (const QString &syn : synonyms.groups().at(g)) {
                Alternative a = phrase(syn);
                a.synonym = true;
                add(a);
            }
        }
    }
    for (QueryConcept &said : result.concepts)
        said.weight = weightOf(said);
    result.rareWordWeight = weightOf({});
    result.expression = buildExpression(alternatives);
    return result;
}

QString KnowledgeQuery::buildExpression(const QList<Alternative> &alternatives) const
{
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
