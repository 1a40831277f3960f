#pragma once

#include <QRegularExpression>
#include <QString>

namespace civicdesk {

// A content language as packs name it: an ISO 639 code ("en", "es", "zh", "vi", "ht"),
// optionally with a region or script ("zh-Hant", "pt-BR").
inline bool isLanguageCode(const QString &code)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$"));
    return pattern.match(code).hasMatch();
}

} // namespace civicdesk
