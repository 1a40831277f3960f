#include "models/knowledge/language/wordstemmer.h"

#include "models/domain/text/textmatch.h"

#include <libstemmer.h>

namespace civicdesk {

WordStemmer::WordStemmer(const QString &language)
    : m_stemmer(language.isEmpty() ? nullptr
                                   : sb_stemmer_new(language.toLatin1().constData(), "UTF_8"))
{
}

WordStemmer::~WordStemmer()
{
    if (m_stemmer)
        sb_stemmer_delete(m_stemmer);
}

QString WordStemmer::stem(const QString &word) const
{
    const QByteArray utf8 = word.toUtf8();
    const sb_symbol *stemmed = sb_stemmer_stem(
        m_stemmer, reinterpret_cast<const sb_symbol *>(utf8.constData()), int(utf8.size()));
    if (!stemmed)
        return word; // out of memory: the word stands for itself
    return QString::fromUtf8(reinterpret_cast<const char *>(stemmed), sb_stemmer_length(m_stemmer));
}

QStringList WordStemmer::stems(const QString &word) const
{
    if (!m_stemmer || word.isEmpty())
        return {};
    const QString folded = textmatch::fold(word);
    QStringList result{textmatch::fold(stem(word))};
    if (folded != word) {
        const QString plain = textmatch::fold(stem(folded));
        if (plain != result.first())
            result.append(plain);
    }
    return result;
}

} // namespace civicdesk
