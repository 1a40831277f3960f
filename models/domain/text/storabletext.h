#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace civicdesk {

// The one text rule for what both stores (SQLite and PostgreSQL) hold exactly and give back
// byte for byte: no NUL character (PostgreSQL cannot store it), no lone surrogate (it is not
// UTF-8), no noncharacter U+FFFE/U+FFFF, and no byte-order mark U+FEFF at the start (dropped
// by some readers, so an identical retry would look different). Returns why not, or nothing.
std::optional<QString> unstorableText(QStringView text);

// The first string in `payload` (keys and values, at any depth) that breaks the rule: its path
// ("payload.fields.title") and why. Nothing when every string is storable.
std::optional<std::pair<QString, QString>> unstorableTextIn(const QJsonObject &payload,
                                                            const QString &path);

} // namespace civicdesk
