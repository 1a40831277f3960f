#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace civicdesk {

// The pack's synonym groups of one language (each: a term and its synonyms, folded, possibly
// several words), found in what the caller said as written or with any of its words in the
// other number: "pot holes" meets the group of "pot hole", "basuras" the group of "basura".
// Only the number: a synonym names one sense, and other forms of its words often name another
// ("registro", a manhole, is not "registrado").
class SynonymGroups
{
public:
    // Where one member of a group was said: the group, the member, and the positions of the
    // caller's words that said it.
    struct Mention
    {
        int group = 0;
        int member = 0;
        QList<int> positions;
    };

    SynonymGroups() = default;
    explicit SynonymGroups(const QList<QStringList> &groups);

    const QList<QStringList> &groups() const { return m_groups; }
    // The members said in `words` (folded); each member once, at its first place.
    QList<Mention> find(const QStringList &words) const;

private:
    struct Member
    {
        int group = 0;
        int member = 0;
        QStringList words;
    };

    QList<QStringList> m_groups;
    QList<Member> m_members;
    QHash<QString, QList<int>> m_byFirstWord; // the members by their first word
};

} // namespace civicdesk
