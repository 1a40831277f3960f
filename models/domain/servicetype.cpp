#include "models/domain/servicetype.h"

#include <QHash>

namespace civicdesk {

QString datatypeName(AttributeDatatype type)
{
    switch (type) {
    case AttributeDatatype::String:
        return QStringLiteral("string");
    case AttributeDatatype::Number:
        return QStringLiteral("number");
    case AttributeDatatype::Datetime:
        return QStringLiteral("datetime");
    case AttributeDatatype::Text:
        return QStringLiteral("text");
    case AttributeDatatype::SingleValueList:
        return QStringLiteral("singlevaluelist");
    case AttributeDatatype::MultiValueList:
        return QStringLiteral("multivaluelist");
    case AttributeDatatype::Informational:
        return QStringLiteral("informational");
    }
    return {};
}

std::optional<AttributeDatatype> datatypeFromName(const QString &name)
{
    static const QHash<QString, AttributeDatatype> names = {
        {QStringLiteral("string"), AttributeDatatype::String},
        {QStringLiteral("number"), AttributeDatatype::Number},
        {QStringLiteral("datetime"), AttributeDatatype::Datetime},
        {QStringLiteral("text"), AttributeDatatype::Text},
        {QStringLiteral("singlevaluelist"), AttributeDatatype::SingleValueList},
        {QStringLiteral("multivaluelist"), AttributeDatatype::MultiValueList},
        {QStringLiteral("informational"), AttributeDatatype::Informational},
    };
    const auto it = names.constFind(name.trimmed().toLower());
    if (it == names.constEnd())
        return std::nullopt;
    return *it;
}

bool ServiceAttribute::isShown(const QHash<QString, QStringList> &answers) const
{
    if (dependencies.conditions.isEmpty())
        return true;
    auto holds = [&answers](const AttributeCondition &condition) {
        const QStringList selected = answers.value(condition.attribute);
        if (condition.op == u"neq")
            return !selected.contains(condition.value);
        if (condition.op == u"in")
            return std::any_of(selected.cbegin(), selected.cend(), [&](const QString &key) {
                return condition.value.split(u',').contains(key);
            });
        return selected.contains(condition.value);
    };
    const auto &all = dependencies.conditions;
    if (dependencies.all)
        return std::all_of(all.cbegin(), all.cend(), holds);
    return std::any_of(all.cbegin(), all.cend(), holds);
}

QString contactRuleName(ContactRule rule)
{
    switch (rule) {
    case ContactRule::Ask:
        return QStringLiteral("ask");
    case ContactRule::Require:
        return QStringLiteral("require");
    case ContactRule::Never:
        return QStringLiteral("never");
    }
    return {};
}

std::optional<ContactRule> contactRuleFromName(const QString &name)
{
    if (name == u"ask")
        return ContactRule::Ask;
    if (name == u"require")
        return ContactRule::Require;
    if (name == u"never")
        return ContactRule::Never;
    return std::nullopt;
}

} // namespace civicdesk
