#include "models/knowledge/language/synonymgroups.h"

#include <QSet>

namespace civicdesk {

namespace {

// "holes" and "hole", "baches" and "bache", "basuras" and "basura".
bool sameOrOtherNumber(const QString &said, const QString &member)
{
    const auto pluralOf = [](const QString &plural, const QString &singular) {
        return plural.size() > singular.size() && plural.startsWith(singular) &&
               (plural.size() == singular.size() + 1
                    ? plural.back() == u's'
                    : QStringView(plural).mid(singular.size()) == u"es");
    };
    return said == member || pluralOf(said, member) || pluralOf(member, said);
}

// The words `word` may be the other number of.
QStringList otherNumbers(const QString &word)
{
    QStringList result{word + u's', word + QStringLiteral("es")};
    if (word.endsWith(QStringLiteral("es")))
        result.append(word.chopped(2));
    if (word.endsWith(u's'))
        result.append(word.chopped(1));
    return result;
}

} // namespace

SynonymGroups::SynonymGroups(const QList<QStringList> &groups) : m_groups(groups)
{
    for (int g = 0; g < groups.size(); ++g) {
        for (int m = 0; m < groups.at(g).size(); ++m) {
            Member member{g, m, groups.at(g).at(m).split(u' ', Qt::SkipEmptyParts)};
            if (member.words.isEmpty())
                continue;
            m_byFirstWord[member.words.first()].append(int(m_members.size()));
            m_members.append(member);
        }
    }
}

QList<SynonymGroups::Mention> SynonymGroups::find(const QStringList &words) const
{
    QList<Mention> result;
    QSet<int> found; // members already placed
    for (qsizetype at = 0; at < words.size(); ++at) {
        QList<int> candidates = m_byFirstWord.value(words.at(at));
        const QStringList others = otherNumbers(words.at(at));
        for (const QString &other : others)
            candidates += m_byFirstWord.value(other);
        for (int index : std::as_const(candidates)) {
            const Member &member = m_members.at(index);
            if (found.contains(index) || at + member.words.size() > words.size())
                continue;
            bool same = true;
            for (qsizetype k = 0; k < member.words.size() && same; ++k)
                same = sameOrOtherNumber(words.at(at + k), member.words.at(k));
            if (!same)
                continue;
            found.insert(index);
            Mention mention{member.group, member.member, {}};
            for (qsizetype k = 0; k < member.words.size(); ++k)
                mention.positions.append(int(at + k));
            result.append(mention);
        }
    }
    return result;
}

} // namespace civicdesk
