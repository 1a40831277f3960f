#include "models/domain/text/storabletext.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(StorableText)
};

std::optional<std::pair<QString, QString>> inValue(const QJsonValue &value, const QString &path);

std::optional<std::pair<QString, QString>> inArray(const QJsonArray &array, const QString &path)
{
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (auto bad = inValue(array.at(i), QStringLiteral("%1[%2]").arg(path).arg(i)))
            return bad;
    }
    return std::nullopt;
}

std::optional<std::pair<QString, QString>> inValue(const QJsonValue &value, const QString &path)
{
    if (value.isString()) {
        if (auto why = unstorableText(value.toString()))
            return std::pair{path, *why};
    } else if (value.isObject()) {
        return unstorableTextIn(value.toObject(), path);
    } else if (value.isArray()) {
        return inArray(value.toArray(), path);
    }
    return std::nullopt;
}

} // namespace

std::optional<QString> unstorableText(QStringView text)
{
    if (text.startsWith(QChar(0xFEFF)))
        return Text::tr("starts with a byte-order mark (U+FEFF)");
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.unicode() == 0)
            return Text::tr("holds a NUL character (U+0000)");
        if (c.unicode() == 0xFFFE || c.unicode() == 0xFFFF)
            return Text::tr("holds a noncharacter (U+FFFE or U+FFFF)");
        if (c.isHighSurrogate()) {
            if (i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
                ++i;
                continue;
            }
            return Text::tr("holds a lone surrogate (not valid Unicode text)");
        }
        if (c.isLowSurrogate())
            return Text::tr("holds a lone surrogate (not valid Unicode text)");
    }
    return std::nullopt;
}

std::optional<std::pair<QString, QString>> unstorableTextIn(const QJsonObject &payload,
                                                            const QString &path)
{
    for (auto it = payload.constBegin(); it != payload.constEnd(); ++it) {
        const QString at = path + u'.' + it.key();
        if (auto why = unstorableText(it.key()))
            return std::pair{at, *why};
        if (auto bad = inValue(it.value(), at))
            return bad;
    }
    return std::nullopt;
}

} // namespace civicdesk
