#include "models/domain/categorynames.h"

#include <QCoreApplication>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(CategoryNames)
};

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
    auto read = readNamesByLanguage(
        json, {key,
               MaxLength,
               {},
               Text::tr("keyed by the catalogue's service groups, none empty"),
               Text::tr("an object of names by language, e.g. {\"en\": \"Animals\", "
                        "\"es\": \"Animales\"}"),
               Text::tr("keyed by an ISO 639 language code such as en or es"),
               Text::tr("a name of 1 to %1 characters").arg(MaxLength),
               Text::tr("\"%1\" must be %2.")});
    if (!read)
        return read.error();
    CategoryNames names;
    names.m_names = read.value();
    return names;
}

QStringList CategoryNames::unknownAmong(const QStringList &groups) const
{
    return unknownKeys(m_names, groups);
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
