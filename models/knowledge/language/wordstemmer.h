#pragma once

#include <QString>
#include <QStringList>
#include <memory>

struct sb_stemmer;

namespace civicdesk {

// Snowball stems of the words of one language (libstemmer: "en", "es", and every other
// language Snowball knows by its ISO code). Not thread-safe: one per thread.
class WordStemmer
{
public:
    explicit WordStemmer(const QString &language);
    ~WordStemmer();
    WordStemmer(const WordStemmer &) = delete;
    WordStemmer &operator=(const WordStemmer &) = delete;

    // Whether Snowball has a stemmer for the language.
    bool isValid() const { return m_stemmer != nullptr; }
    // The stems of a lowercase word, folded: of the word as written and of the word without
    // its accents ("habitación" and "habitacion" are stemmed differently by Snowball's Spanish
    // rules; a caller typing without accents still finds the accented word). Empty without a
    // stemmer.
    QStringList stems(const QString &lowercaseWord) const;

private:
    QString stem(const QString &word) const;

    sb_stemmer *m_stemmer = nullptr;
};

} // namespace civicdesk
