#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace civicdesk {

// A word- or line-level difference between two texts: the shortest list of kept, removed and
// added pieces (longest common subsequence of tokens). Joining the Equal and Delete pieces gives
// the first text back, joining Equal and Insert the second, so a view can show both side by side.
class TextDiff
{
public:
    enum class Op
    {
        Equal,
        Delete,
        Insert
    };
    struct Chunk
    {
        Op op;
        QString text;
        bool operator==(const Chunk &other) const = default;
    };

    // Words, runs of white space and single punctuation marks are the tokens.
    static QList<Chunk> words(const QString &before, const QString &after);
    // Whole lines (with their line break) are the tokens.
    static QList<Chunk> lines(const QString &before, const QString &after);

    static QStringList wordTokens(const QString &text);
    static QStringList lineTokens(const QString &text);
    // The diff of two token lists; adjacent tokens with the same operation are merged. Beyond
    // `maxCells` (the size of the comparison table) the middle part is reported as removed and
    // added whole rather than compared token by token.
    static QList<Chunk> diff(const QStringList &before, const QStringList &after,
                             qsizetype maxCells = 4'000'000);

    // The texts a diff was made from.
    static QString beforeText(const QList<Chunk> &chunks);
    static QString afterText(const QList<Chunk> &chunks);
    static bool hasChanges(const QList<Chunk> &chunks);
};

} // namespace civicdesk
