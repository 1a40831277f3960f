#include "models/domain/supervision/knownissue.h"

#include "models/domain/place.h"

#include <QCoreApplication>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(KnownIssue)
};

Error bad(const QString &field, const QString &message)
{
    return makeError(u"known_issue." + field, message);
}

} // namespace

bool KnownIssue::covers(const QString &code, double lat, double lon, const QDateTime &now) const
{
    if (code.isEmpty() || code != serviceCode || now >= expiresAt)
        return false;
    return distanceMeters(latitude, longitude, lat, lon) <= metres + 1e-6;
}

std::optional<KnownIssue> KnownIssue::applicable(const QList<KnownIssue> &issues,
                                                 const QString &code, double lat, double lon,
                                                 const QDateTime &now)
{
    std::optional<KnownIssue> best;
    double bestDistance = 0;
    for (const KnownIssue &issue : issues) {
        if (!issue.covers(code, lat, lon, now))
            continue;
        const double d = distanceMeters(issue.latitude, issue.longitude, lat, lon);
        if (!best || d < bestDistance || (d == bestDistance && issue.postedAt > best->postedAt)) {
            best = issue;
            bestDistance = d;
        }
    }
    return best;
}

QJsonObject KnownIssue::postedPayload() const
{
    return {{QStringLiteral("service_code"), serviceCode},
            {QStringLiteral("type_name"), typeName},
            {QStringLiteral("agent_text"), agentText.trimmed()},
            {QStringLiteral("caller_script"), callerScript.trimmed()},
            {QStringLiteral("latitude"), latitude},
            {QStringLiteral("longitude"), longitude},
            {QStringLiteral("metres"), metres},
            {QStringLiteral("expires_at"), expiresAt.toUTC().toString(Qt::ISODate)},
            {QStringLiteral("parent_id"), parentId},
            {QStringLiteral("parent_number"), parentNumber}};
}

Status KnownIssue::checkPosted(const QJsonObject &p, const QDateTime &postedAt)
{
    const auto text = [&p](const char16_t *key) { return p.value(QStringView(key)).toString(); };
    if (text(u"service_code").trimmed().isEmpty() || text(u"type_name").trimmed().isEmpty())
        return bad(QStringLiteral("service_code"),
                   Text::tr("A known issue needs the request type it is about."));
    const QString agentText = text(u"agent_text").trimmed();
    if (agentText.isEmpty() || agentText.size() > MaxAgentText)
        return bad(
            QStringLiteral("agent_text"),
            Text::tr("Write what agents should know: 1 to %1 characters.").arg(MaxAgentText));
    if (text(u"caller_script").trimmed().size() > MaxCallerScript)
        return bad(QStringLiteral("caller_script"),
                   Text::tr("The script for callers is too long: at most %1 characters.")
                       .arg(MaxCallerScript));
    const QJsonValue lat = p.value(u"latitude");
    const QJsonValue lon = p.value(u"longitude");
    if (!lat.isDouble() || !lon.isDouble() || std::abs(lat.toDouble()) > 90 ||
        std::abs(lon.toDouble()) > 180)
        return bad(QStringLiteral("latitude"),
                   Text::tr("A known issue needs the centre of its area in degrees."));
    const QJsonValue metres = p.value(u"metres");
    if (!metres.isDouble() || metres.toDouble() < MinMetres || metres.toDouble() > MaxMetres)
        return bad(
            QStringLiteral("metres"),
            Text::tr("The area's radius must be %1 to %2 metres.").arg(MinMetres).arg(MaxMetres));
    const QDateTime expires = QDateTime::fromString(text(u"expires_at"), Qt::ISODate);
    if (!expires.isValid() || expires <= postedAt || expires > postedAt.addDays(MaxDays))
        return bad(QStringLiteral("expires_at"),
                   Text::tr("The known issue must expire after it is posted and within %n "
                            "day(s).",
                            nullptr, MaxDays));
    if (text(u"parent_id").isEmpty() || text(u"parent_number").isEmpty())
        return bad(QStringLiteral("parent_id"),
                   Text::tr("A known issue names the request callers are attached to."));
    return Ok{};
}

} // namespace civicdesk
