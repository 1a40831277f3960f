#include "models/domain/categorynames.h"

#include "models/domain/languagecode.h"

#include <QCoreApplication>
#include <algorithm>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(CategoryNames)
};

Error bad(const QString &key, const QString &what)
{
    return makeError(QStringLiteral("category_names.invalid"),
                     Text::tr("\"%1\" must be %2.").arg(key, what));
}

} // namespace

QString CategoryNames::name(const QString &category, const QString &language) const
{
    const auto names = m_names.constFind(category);
    if (names != m_names.cend()) {
        if (const QString named = names->value(language); !named.isEmpty())
            return named;
        if (const QString english = names->value(QStringLiteral("en")); !english.isEmpty())
            return english;
    }
    QString shown = category;
    return shown.replace(u'-', QStringLiteral(" · "));
}

Result<CategoryNames> CategoryNames::fromJson(const QJsonObject &json, const QString &key)
{
    CategoryNames names;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QString at = key + u'.' + it.key();
        if (it.key().trimmed().isEmpty())
            return bad(key, Text::tr("keyed by the catalogue's service groups, none empty"));
        if (!it.value().isObject() || it.value().toObject().isEmpty())
            return bad(at, Text::tr("an object of names by language, e.g. {\"en\": \"Animals\", "
                                    "\"es\": \"Animales\"}"));
        const QJsonObject byLanguage = it.value().toObject();
        for (auto name = byLanguage.begin(); name != byLanguage.end(); ++name) {
            const QString where = at + u'.' + name.key();
            if (!isLanguageCode(name.key()))
                return bad(where, Text::tr("keyed by an ISO 639 language code such as en or es"));
            const QString text = name.value().toString().simplified();
            if (!name.value().isString() || text.isEmpty() || text.size() > MaxLength)
                return bad(where, Text::tr("a name of 1 to %1 characters").arg(MaxLength));
            names.m_names[it.key()].insert(name.key(), text);
        }
    }
    return names;
}

QStringList CategoryNames::unknownAmong(const QStringList &groups) const
{
    QStringList unknown;
    for (auto it = m_names.cbegin(); it != m_names.cend(); ++it) {
        if (!groups.contains(it.key()))
            unknown.append(it.key());
    }
    std::sort(unknown.begin(), unknown.end());
    return unknown;
}

QJsonObject CategoryNames::toJson() const
{
    QJsonObject json;
    for (auto it = m_names.cbegin(); it != m_names.cend(); ++it) {
        QJsonObject byLanguage;
        for (auto name = it->cbegin(); name != it->cend(); ++name)
            byLanguage.insert(name.key(), name.value());
        json.insert(it.key(), byLanguage);
    }
    return json;
}

} // namespace civicdesk
