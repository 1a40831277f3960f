#pragma once

#include <QString>
#include <QStringList>

namespace civicdesk::languagewords {

// Words that say nothing about what the caller needs, folded (lowercase, no accents): the
// language's function words (Snowball's stop lists) and the filler of a call ("hi", "please",
// "i need", "quisiera"). `language` "" means any language the knowledge search knows.
bool isStopword(const QString &foldedWord, const QString &language);

// Function words that mark a language ("the", "my", "is" / "el", "mi", "hay"): +1 for English,
// -1 for Spanish, 0 for neither or both.
int languageVote(const QString &foldedWord);

// Whether `word` after `previous` only frames a question in the language: "how long", "how
// much", "cuánto tiempo" ask for a duration or an amount, not for long forms or much else.
bool isQuestionFrame(const QString &previousFoldedWord, const QString &foldedWord,
                     const QString &language);

// Whether `form`, whose Snowball stem in `language` is `stem` as `word`'s is, is another form of
// `word`. A Spanish stem shorter than four letters says little about the word: Snowball strips
// the endings that tell Spanish nouns apart, and stems "rato" and "ratas", "mesa" and "meses",
// "para" and "pared" alike. Words with such a stem meet only the forms that begin as they do
// ("pasar", "pasa") and their plural or singular. (English short stems are sound: "towed",
// "towing".)
bool isFormOf(const QString &form, const QString &word, const QString &stem,
              const QString &language);

// The words a Spanish diminutive may be made from, most likely first: "ratitas" -> "ratas",
// "rata"; "perrito" -> "perro"; "tardecita" -> "tarde"; "poquito" -> "poco"; "amiguito" ->
// "amigo". Callers say "ratitas", "la basurita", "un hoyito" where the articles say "ratas",
// "basura", "hoyo"; Snowball does not undo a diminutive. Empty for a word that is not one (or
// another language).
QStringList diminutiveBases(const QString &foldedWord, const QString &language);

// A word that says "street" after a street's name (+1: "street", "st", "avenue", "ave", "road",
// "square"...) or before it (-1: "calle", "avenida"...), 0 for any other word.
int streetWord(const QString &foldedWord);

} // namespace civicdesk::languagewords
