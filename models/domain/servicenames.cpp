#include "models/domain/servicenames.h"

#include "models/domain/text/textmatch.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocale>
#include <algorithm>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(ServiceNames)
};

} // namespace

ServiceNames ServiceNames::fromMeta(const QString &json, const QString &language)
{
    ServiceNames names;
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonObject byLanguage = it.value().toObject();
        for (auto name = byLanguage.begin(); name != byLanguage.end(); ++name) {
            if (const QString text = name.value().toString().simplified(); !text.isEmpty())
                names.m_names[it.key()].insert(name.key(), text);
        }
    }
    names.m_language = language;
    return names;
}

QString ServiceNames::windowLanguage()
{
    return QLocale().name().section(u'_', 0, 0);
}

QString ServiceNames::name(const QString &code, const QString &language) const
{
    const auto names = m_names.constFind(code);
    return names == m_names.cend() ? QString() : names->value(language);
}

QString ServiceNames::shown(const QString &code, const QString &cityName) const
{
    const QString named = name(code, m_language);
    return named.isEmpty() ? cityName : named;
}

QStringList ServiceNames::allNames(const QString &code) const
{
    const auto names = m_names.constFind(code);
    return names == m_names.cend() ? QStringList() : names->values();
}

QStringList ServiceNames::codesMatching(const QString &words) const
{
    const QStringList wanted = textmatch::fold(words).split(u' ', Qt::SkipEmptyParts);
    QStringList codes;
    if (wanted.isEmpty())
        return codes;
    for (auto it = m_names.cbegin(); it != m_names.cend(); ++it) {
        const QString name = textmatch::fold(it->value(m_language));
        if (!name.isEmpty() && std::all_of(wanted.cbegin(), wanted.cend(),
                                           [&name](const QString &w) { return name.contains(w); }))
            codes.append(it.key());
    }
    codes.sort();
    return codes;
}

Result<ServiceNames> ServiceNames::fromJson(const QJsonObject &json, const QStringList &languages)
{
    auto read = readNamesByLanguage(
        json,
        {QStringLiteral("service_names"), MaxLength, languages,
         Text::tr("keyed by the service list's service codes, none empty"),
         Text::tr("an object of names by language, e.g. {\"es\": \"Bache en la calle\"}"),
         Text::tr("keyed by one of the pack's \"languages\" (%1); add the language there first")
             .arg(languages.join(QStringLiteral(", "))),
         Text::tr("a name of 1 to %1 characters").arg(MaxLength), Text::tr("\"%1\" must be %2.")});
    if (!read)
        return read.error();
    ServiceNames names;
    names.m_names = read.value();
    return names;
}

QStringList ServiceNames::unknownAmong(const QStringList &codes) const
{
    return unknownKeys(m_names, codes);
}

} // namespace civicdesk
