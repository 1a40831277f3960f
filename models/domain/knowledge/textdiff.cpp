#include "models/domain/knowledge/textdiff.h"

#include <vector>

namespace civicdesk {

namespace {

void append(QList<TextDiff::Chunk> &chunks, TextDiff::Op op, const QString &text)
{
    if (text.isEmpty())
        return;
    if (!chunks.isEmpty() && chunks.last().op == op)
        chunks.last().text += text;
    else
        chunks.append({op, text});
}

enum class Kind
{
    Word,
    Space,
    Other
};

Kind kindOf(QChar c)
{
    if (c.isLetterOrNumber() || c == u'\'' || c == u'’')
        return Kind::Word;
    if (c.isSpace())
        return Kind::Space;
    return Kind::Other;
}

} // namespace

QStringList TextDiff::wordTokens(const QString &text)
{
    QStringList tokens;
    qsizetype start = 0;
    while (start < text.size()) {
        const Kind kind = kindOf(text.at(start));
        qsizetype end = start + 1;
        if (kind != Kind::Other) {
            while (end < text.size() && kindOf(text.at(end)) == kind)
                ++end;
        }
        tokens.append(text.mid(start, end - start));
        start = end;
    }
    return tokens;
}

QStringList TextDiff::lineTokens(const QString &text)
{
    QStringList tokens;
    qsizetype start = 0;
    while (start < text.size()) {
        const qsizetype newline = text.indexOf(u'\n', start);
        const qsizetype end = newline < 0 ? text.size() : newline + 1;
        tokens.append(text.mid(start, end - start));
        start = end;
    }
    return tokens;
}

QList<TextDiff::Chunk> TextDiff::diff(const QStringList &before, const QStringList &after,
                                      qsizetype maxCells)
{
    QList<Chunk> chunks;
    // Common head and tail first: edits are usually small, and this keeps the table small.
    qsizetype head = 0;
    while (head < before.size() && head < after.size() && before.at(head) == after.at(head))
        ++head;
    qsizetype tail = 0;
    while (tail < before.size() - head && tail < after.size() - head &&
           before.at(before.size() - 1 - tail) == after.at(after.size() - 1 - tail))
        ++tail;
    for (qsizetype i = 0; i < head; ++i)
        append(chunks, Op::Equal, before.at(i));

    const qsizetype n = before.size() - head - tail;
    const qsizetype m = after.size() - head - tail;
    auto a = [&](qsizetype i) -> const QString & { return before.at(head + i); };
    auto b = [&](qsizetype j) -> const QString & { return after.at(head + j); };
    if (n > 0 && m > 0 && (n + 1) * (m + 1) <= maxCells) {
        // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
        const qsizetype width = m + 1;
        std::vector<int> lcs(size_t((n + 1) * width), 0);
        for (qsizetype i = n - 1; i >= 0; --i) {
            for (qsizetype j = m - 1; j >= 0; --j) {
                lcs[size_t(i * width + j)] = a(i) == b(j)
                                                 ? lcs[size_t((i + 1) * width + j + 1)] + 1
                                                 : std::max(lcs[size_t((i + 1) * width + j)],
                                                            lcs[size_t(i * width + j + 1)]);
            }
        }
        qsizetype i = 0, j = 0;
        while (i < n && j < m) {
            if (a(i) == b(j)) {
                append(chunks, Op::Equal, a(i++));
                ++j;
            } else if (lcs[size_t((i + 1) * width + j)] >= lcs[size_t(i * width + j + 1)]) {
                append(chunks, Op::Delete, a(i++));
            } else {
                append(chunks, Op::Insert, b(j++));
            }
        }
        for (; i < n; ++i)
            append(chunks, Op::Delete, a(i));
        for (; j < m; ++j)
            append(chunks, Op::Insert, b(j));
    } else {
        for (qsizetype i = 0; i < n; ++i)
            append(chunks, Op::Delete, a(i));
        for (qsizetype j = 0; j < m; ++j)
            append(chunks, Op::Insert, b(j));
    }
    for (qsizetype i = before.size() - tail; i < before.size(); ++i)
        append(chunks, Op::Equal, before.at(i));
    return chunks;
}

QList<TextDiff::Chunk> TextDiff::words(const QString &before, const QString &after)
{
    return diff(wordTokens(before), wordTokens(after));
}

QList<TextDiff::Chunk> TextDiff::lines(const QString &before, const QString &after)
{
    return diff(lineTokens(before), lineTokens(after));
}

QString TextDiff::beforeText(const QList<Chunk> &chunks)
{
    QString text;
    for (const Chunk &c : chunks) {
        if (c.op != Op::Insert)
            text += c.text;
    }
    return text;
}

QString TextDiff::afterText(const QList<Chunk> &chunks)
{
    QString text;
    for (const Chunk &c : chunks) {
        if (c.op != Op::Delete)
            text += c.text;
    }
    return text;
}

bool TextDiff::hasChanges(const QList<Chunk> &chunks)
{
    return std::any_of(chunks.cbegin(), chunks.cend(),
                       [](const Chunk &c) { return c.op != Op::Equal; });
}

} // namespace civicdesk
