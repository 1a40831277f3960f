#pragma once

#include <QString>
#include <QStringList>

namespace civicdesk::textmatch {

// Lowercase, accents removed, punctuation turned into spaces, spaces collapsed.
QString fold(const QString &text);
// Street words in one spelling: "Street" -> "st", "Avenue"/"Av" -> "ave", "Plaza" -> "plz"...
QString canonicalStreetWord(const QString &word);
QStringList streetTokens(const QString &text);
// Whether two words are within `maxEdits` insertions, deletions, substitutions or adjacent
// transpositions of each other (optimal string alignment distance).
bool withinEdits(QStringView a, QStringView b, int maxEdits);
// How well a typed word matches a word of a name: 3 exact, 2 prefix, 1.5 one edit away (or a
// prefix one edit away), 0 no match. Short words must match exactly or as a prefix.
double wordScore(QStringView typed, QStringView word, bool isLastTyped);

} // namespace civicdesk::textmatch
