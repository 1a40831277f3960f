#include "models/supervision/audit/audittrail.h"

#include "models/domain/supervision/clusterrulechange.h"
#include "models/domain/supervision/exportrecord.h"
#include "models/domain/supervision/reviewevent.h"
#include "models/store/eventrow.h"
#include "models/store/sql/sql.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace civicdesk::audittrail {

QStringList kinds()
{
    QStringList all = {QStringLiteral("request.status_changed"),
                       QStringLiteral("request.field_changed"),
                       QStringLiteral("request.duplicate_unlinked"),
                       QStringLiteral("article.state_changed"),
                       QStringLiteral("article.revision_published"),
                       QStringLiteral("agent.help_answered"),
                       QStringLiteral("known_issue.posted"),
                       QStringLiteral("known_issue.withdrawn"),
                       QStringLiteral("team.member_set"),
                       QStringLiteral("phone.intervals_reported"),
                       clusterrulechange::kind(),
                       exportrecord::kind()};
    for (const QString &kind : review::kinds()) {
        // An agent's own answer to an evaluation is the agent's, not a supervisor's.
        if (kind != u"review.acknowledged" && kind != u"review.disputed")
            all.append(kind);
    }
    return all;
}

Result<QList<Entry>> read(const QString &connection, const QDateTime &from, const QDateTime &to,
                          int limit, int *total)
{
    const QStringList wanted = kinds();
    const QString marks = QStringList(wanted.size(), QStringLiteral("?")).join(u", ");
    QVariantList values{from.toMSecsSinceEpoch(), to.toMSecsSinceEpoch()};
    for (const QString &kind : wanted)
        values.append(kind);
    const QString where =
        QStringLiteral("WHERE e.client_time >= ? AND e.client_time < ? AND e.kind IN (%1)")
            .arg(marks);
    QSqlQuery q(QSqlDatabase::database(connection));
    if (total) {
        if (auto s = sql::exec(q, u"SELECT count(*) FROM events e " + where, values); !s)
            return s.error();
        *total = q.next() ? q.value(0).toInt() : 0;
    }
    values.append(limit);
    if (auto s = sql::exec(q,
                           QStringLiteral("SELECT %1, r.number FROM events e LEFT JOIN requests r "
                                          "ON e.entity_type = 'request' AND r.id = e.entity_id %2 "
                                          "ORDER BY e.client_time DESC, e.seq DESC LIMIT ?")
                               .arg(eventrow::columns(QStringLiteral("e.")), where),
                           values);
        !s)
        return s.error();
    QList<Entry> entries;
    while (q.next())
        entries.append({eventrow::read(q), q.value(8).toString()});
    return entries;
}

} // namespace civicdesk::audittrail
