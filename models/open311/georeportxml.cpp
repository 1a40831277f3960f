#include "models/open311/georeportxml.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QXmlStreamWriter>

namespace civicdesk::open311 {

namespace {

QString singular(const QString &container)
{
    static const QHash<QString, QString> names = {
        {QStringLiteral("endpoints"), QStringLiteral("endpoint")},
        {QStringLiteral("formats"), QStringLiteral("format")},
        {QStringLiteral("attributes"), QStringLiteral("attribute")},
        {QStringLiteral("values"), QStringLiteral("value")},
        {QStringLiteral("notes"), QStringLiteral("note")},
    };
    return names.value(container, QStringLiteral("item"));
}

QString scalar(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        // The size first: converting a double beyond qint64 to it is undefined behaviour.
        const double d = value.toDouble();
        return qAbs(d) < 1e15 && d == double(qint64(d)) ? QString::number(qint64(d))
                                                        : QString::number(d, 'g', 15);
    }
    case QJsonValue::String:
        return value.toString();
    default:
        return {};
    }
}

void writeValue(QXmlStreamWriter &xml, const QString &name, const QJsonValue &value);

void writeChildren(QXmlStreamWriter &xml, const QString &name, const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            writeValue(xml, it.key(), it.value());
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            writeValue(xml, singular(name), item);
    } else {
        xml.writeCharacters(scalar(value));
    }
}

void writeValue(QXmlStreamWriter &xml, const QString &name, const QJsonValue &value)
{
    xml.writeStartElement(name);
    writeChildren(xml, name, value);
    xml.writeEndElement();
}

} // namespace

QByteArray toXml(const QJsonValue &json, const QString &root, const QString &item)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(false);
    xml.writeStartDocument(QStringLiteral("1.0"));
    xml.writeStartElement(root);
    if (json.isArray() && !item.isEmpty()) {
        for (const QJsonValue &entry : json.toArray())
            writeValue(xml, item, entry);
    } else {
        writeChildren(xml, root, json);
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    // Open311 asks for the lower-case encoding name in the declaration.
    out.replace("encoding=\"UTF-8\"", "encoding=\"utf-8\"");
    return out;
}

} // namespace civicdesk::open311
