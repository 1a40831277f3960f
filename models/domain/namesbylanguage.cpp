#include "models/domain/namesbylanguage.h"

#include "models/domain/languagecode.h"

#include <algorithm>

namespace civicdesk {

Result<NamesByLanguage> readNamesByLanguage(const QJsonObject &json, const NamesRules &rules)
{
    const auto bad = [&rules](const QString &at, const QString &what) {
        return makeError(rules.key + QStringLiteral(".invalid"), rules.mustBe.arg(at, what));
    };
    NamesByLanguage names;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QString at = rules.key + u'.' + it.key();
        if (it.key().trimmed().isEmpty())
            return bad(rules.key, rules.keys);
        if (!it.value().isObject() || it.value().toObject().isEmpty())
            return bad(at, rules.object);
        const QJsonObject byLanguage = it.value().toObject();
        for (auto name = byLanguage.begin(); name != byLanguage.end(); ++name) {
            const QString where = at + u'.' + name.key();
            if (!isLanguageCode(name.key()) ||
                (!rules.languages.isEmpty() && !rules.languages.contains(name.key())))
                return bad(where, rules.language);
            const QString text = name.value().toString().simplified();
            if (!name.value().isString() || text.isEmpty() || text.size() > rules.maxLength)
                return bad(where, rules.length);
            names[it.key()].insert(name.key(), text);
        }
    }
    return names;
}

QStringList unknownKeys(const NamesByLanguage &names, const QStringList &known)
{
    QStringList unknown;
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        if (!known.contains(it.key()))
            unknown.append(it.key());
    }
    std::sort(unknown.begin(), unknown.end());
    return unknown;
}

} // namespace civicdesk
