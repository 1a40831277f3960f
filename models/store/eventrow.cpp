#include "models/store/eventrow.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QStringList>

namespace civicdesk::eventrow {

QString columns(const QString &prefix)
{
    static const QStringList names = {QStringLiteral("id"),        QStringLiteral("entity_type"),
                                      QStringLiteral("entity_id"), QStringLiteral("kind"),
                                      QStringLiteral("payload"),   QStringLiteral("actor"),
                                      QStringLiteral("device"),    QStringLiteral("client_time")};
    QStringList prefixed;
    for (const QString &name : names)
        prefixed.append(prefix + name);
    return prefixed.join(QStringLiteral(", "));
}

Event read(const QSqlQuery &query, int first)
{
    const auto text = [&query, first](int i) { return query.value(first + i).toString(); };
    return Event{text(0),
                 text(1),
                 text(2),
                 text(3),
                 QJsonDocument::fromJson(text(4).toUtf8()).object(),
                 text(5),
                 text(6),
                 QDateTime::fromMSecsSinceEpoch(query.value(first + 7).toLongLong(), Qt::UTC)};
}

QString payloadText(const QJsonObject &payload)
{
    return QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
}

} // namespace civicdesk::eventrow
