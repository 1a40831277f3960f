#pragma once

#include "models/domain/sla.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace civicdesk {

// Open311 GeoReport v2 attribute datatypes. `Informational` is Boston's name for display-only
// text (variable=false): the agent's script.
enum class AttributeDatatype
{
    String,
    Number,
    Datetime,
    Text,
    SingleValueList,
    MultiValueList,
    Informational
};

QString datatypeName(AttributeDatatype type);
std::optional<AttributeDatatype> datatypeFromName(const QString &name);

struct AttributeValue
{
    QString key;
    QString name;
    friend bool operator==(const AttributeValue &, const AttributeValue &) = default;
};

// Boston's extension: an attribute is shown only when its conditions on earlier answers hold.
struct AttributeCondition
{
    QString attribute;
    QString op = QStringLiteral("eq"); // eq, neq, in
    QString value;
    friend bool operator==(const AttributeCondition &, const AttributeCondition &) = default;
};

struct AttributeDependencies
{
    bool all = false; // clause AND (true) or OR (false)
    QList<AttributeCondition> conditions;
    friend bool operator==(const AttributeDependencies &, const AttributeDependencies &) = default;
};

struct ServiceAttribute
{
    QString code;
    int order = 0;
    bool variable = true; // false: text for the agent to read, not a question
    bool required = false;
    AttributeDatatype datatype = AttributeDatatype::String;
    QString datatypeDescription; // the hint shown to the agent
    QString description;         // the question
    QList<AttributeValue> values;
    AttributeDependencies dependencies;

    bool isList() const
    {
        return datatype == AttributeDatatype::SingleValueList ||
               datatype == AttributeDatatype::MultiValueList;
    }
    // Whether the attribute applies given the answers so far (code -> selected keys).
    bool isShown(const QHash<QString, QStringList> &answers) const;
    friend bool operator==(const ServiceAttribute &, const ServiceAttribute &) = default;
};

// Per type: does the agent ask for the caller's contact details, require them, or must they
// never be collected (anonymous types)?
enum class ContactRule
{
    Ask,
    Require,
    Never
};
QString contactRuleName(ContactRule rule);
std::optional<ContactRule> contactRuleFromName(const QString &name);

struct ServiceType
{
    QString code;
    QString name;
    QString description;
    QString group;
    QString keywords;
    QString departmentCode;
    bool hasDefinition = false;
    bool locationRequired = true;
    ContactRule contactRule = ContactRule::Ask;
    std::optional<Sla> sla;
    QList<ServiceAttribute> attributes; // sorted by order
    // Intake rules from the city pack.
    bool emergency = false;  // stop the intake and transfer to 911
    QString emergencyScript; // what the agent says before transferring
    int duplicateRadiusMeters = 50;
    int duplicateWindowDays = 30;
    QString synonyms; // caller words that should find this type ("rat" for rodent activity)

    friend bool operator==(const ServiceType &, const ServiceType &) = default;
};

} // namespace civicdesk
