#include "tests/support/jsonschema.h"

#include "tests/support/teststore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace civicdesk::test {

namespace {

QString typeOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return value.toDouble() == double(qint64(value.toDouble())) ? QStringLiteral("integer")
                                                                    : QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    default:
        return QStringLiteral("undefined");
    }
}

bool typeMatches(const QString &actual, const QString &wanted)
{
    return actual == wanted || (wanted == u"number" && actual == u"integer");
}

void check(const QJsonValue &value, const QJsonObject &schema, const QJsonObject &root,
           const QString &path, QStringList &errors)
{
    if (schema.contains(u"$ref")) {
        const QString ref = schema.value(u"$ref").toString();
        const QString name = ref.section(u'/', -1);
        check(value, root.value(u"$defs").toObject().value(name).toObject(), root, path, errors);
        return;
    }
    const QString actual = typeOf(value);
    if (schema.contains(u"type")) {
        const QJsonValue type = schema.value(u"type");
        QStringList wanted;
        if (type.isArray()) {
            for (const QJsonValue &t : type.toArray())
                wanted.append(t.toString());
        } else {
            wanted.append(type.toString());
        }
        const bool ok = std::any_of(wanted.cbegin(), wanted.cend(),
                                    [&](const QString &w) { return typeMatches(actual, w); });
        if (!ok) {
            errors.append(
                QStringLiteral("%1: is %2, expected %3")
                    .arg(path.isEmpty() ? QStringLiteral("/") : path, actual, wanted.join(u'|')));
            return;
        }
    }
    const QString where = path.isEmpty() ? QStringLiteral("/") : path;
    if (schema.contains(u"enum") && !schema.value(u"enum").toArray().contains(value))
        errors.append(
            QStringLiteral("%1: %2 is not one of the allowed values")
                .arg(where, QString::fromUtf8(
                                QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))));
    if (schema.contains(u"const") && schema.value(u"const") != value)
        errors.append(QStringLiteral("%1: differs from the required constant").arg(where));
    if (value.isString()) {
        const QString text = value.toString();
        if (schema.contains(u"pattern") &&
            !QRegularExpression(schema.value(u"pattern").toString()).match(text).hasMatch())
            errors.append(QStringLiteral("%1: \"%2\" does not match %3")
                              .arg(where, text.left(80), schema.value(u"pattern").toString()));
        if (schema.contains(u"minLength") && text.size() < schema.value(u"minLength").toInt())
            errors.append(QStringLiteral("%1: shorter than minLength").arg(where));
        if (schema.contains(u"maxLength") && text.size() > schema.value(u"maxLength").toInt())
            errors.append(QStringLiteral("%1: longer than maxLength").arg(where));
    }
    if (value.isDouble()) {
        if (schema.contains(u"minimum") && value.toDouble() < schema.value(u"minimum").toDouble())
            errors.append(QStringLiteral("%1: below minimum").arg(where));
        if (schema.contains(u"maximum") && value.toDouble() > schema.value(u"maximum").toDouble())
            errors.append(QStringLiteral("%1: above maximum").arg(where));
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (schema.contains(u"minItems") && array.size() < schema.value(u"minItems").toInt())
            errors.append(QStringLiteral("%1: fewer than minItems").arg(where));
        if (schema.contains(u"maxItems") && array.size() > schema.value(u"maxItems").toInt())
            errors.append(QStringLiteral("%1: more than maxItems").arg(where));
        if (schema.contains(u"items")) {
            for (int i = 0; i < array.size(); ++i)
                check(array.at(i), schema.value(u"items").toObject(), root,
                      path + u'/' + QString::number(i), errors);
        }
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (const QJsonValue &name : schema.value(u"required").toArray()) {
            if (!object.contains(name.toString()))
                errors.append(QStringLiteral("%1: missing \"%2\"").arg(where, name.toString()));
        }
        const QJsonObject properties = schema.value(u"properties").toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (properties.contains(it.key()))
                check(it.value(), properties.value(it.key()).toObject(), root,
                      path + u'/' + it.key(), errors);
            else if (schema.value(u"additionalProperties") == QJsonValue(false))
                errors.append(QStringLiteral("%1: unexpected member \"%2\"").arg(where, it.key()));
        }
    }
}

} // namespace

QStringList validateJson(const QJsonValue &value, const QJsonObject &schema)
{
    QStringList errors;
    check(value, schema, schema, QString(), errors);
    return errors;
}

QJsonObject loadSchema(const QString &name)
{
    QFile file(testDataDir() + QStringLiteral("/schemas/") + name + QStringLiteral(".json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace civicdesk::test
