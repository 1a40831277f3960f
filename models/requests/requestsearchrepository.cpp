#include "models/requests/requestsearchrepository.h"

#include "models/domain/caller.h"
#include "models/domain/requestnumber.h"
#include "models/domain/text/textmatch.h"
#include "models/requests/requestrow.h"
#include "models/store/database.h"
#include "models/store/sql/sql.h"

namespace civicdesk {

namespace {

QString likePattern(const QString &text)
{
    QString pattern = text;
    pattern.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    return u'%' + pattern + u'%';
}

// The sort expression of each order: fixed fragments, never built from input.
QString sortKey(HistorySort sort)
{
    switch (sort) {
    case HistorySort::ByNumber:
        return QStringLiteral("number");
    case HistorySort::ByType:
        return QStringLiteral("type_name");
    case HistorySort::ByStatus:
        return QStringLiteral("status");
    case HistorySort::ByDue:
        return QStringLiteral("COALESCE(due_at, 0)");
    case HistorySort::ByChannel:
        return QStringLiteral("COALESCE(channel, '')");
    case HistorySort::ByAddress:
        return QStringLiteral("COALESCE(address, '')");
    case HistorySort::ByOpened:
        break;
    }
    return QStringLiteral("opened_at");
}

// Builds the WHERE clauses from fixed fragments; values are always bound.
QStringList clausesOf(const HistoryFilter &filter, QVariantList &values)
{
    QStringList clauses;
    const QString text = filter.text.trimmed();
    const QString key = RequestSearchRepository::numberKey(text);
    const bool caseId = key.size() == 12 && std::all_of(key.cbegin(), key.cend(), [](QChar c) {
                            return c >= u'0' && c <= u'9';
                        });
    if (caseId || RequestNumber::parse(key).ok()) {
        // A whole request number: the unique index answers at once.
        clauses.append(QStringLiteral("number = ?"));
        values << key;
    } else if (!text.isEmpty()) {
        // Words of the address or type, each a word prefix ("130 dartm" finds 130 Dartmouth
        // St), from the FTS5 index instead of a scan of every row.
        QStringList words;
        const QStringList folded = textmatch::fold(text).split(u' ', Qt::SkipEmptyParts);
        for (const QString &w : folded)
            words.append(u'"' + w + QStringLiteral("\"*"));
        if (words.isEmpty()) {
            clauses.append(QStringLiteral("number = ?"));
            values << RequestSearchRepository::numberKey(text);
        } else {
            clauses.append(QStringLiteral("(number = ? OR rowid IN (SELECT rowid FROM "
                                          "requests_text WHERE requests_text MATCH ?))"));
            values << RequestSearchRepository::numberKey(text) << words.join(u' ');
        }
    }
    if (!filter.phone.trimmed().isEmpty()) {
        // An unreadable phone matches nothing rather than everything.
        const QString phone = Caller::normalizePhone(filter.phone);
        clauses.append(QStringLiteral(
            "(caller_id IN (SELECT id FROM callers WHERE phone = ?) OR id IN (SELECT "
            "rc.request_id FROM request_callers rc JOIN callers c ON c.id = rc.caller_id WHERE "
            "c.phone = ?))"));
        values << sql::text(phone) << sql::text(phone);
    }
    const QString type = filter.type.trimmed();
    if (!type.isEmpty()) {
        // One placeholder per type named in the window's language that matches.
        QString clause = QStringLiteral("(service_code = ? OR type_name LIKE ? ESCAPE '\\'");
        values << type << likePattern(type);
        for (const QString &code : filter.typeCodes) {
            clause += QStringLiteral(" OR service_code = ?");
            values << code;
        }
        clauses.append(clause + u')');
    }
    if (filter.status) {
        clauses.append(QStringLiteral("status = ?"));
        values << requestStatusName(*filter.status);
    }
    if (filter.openedFrom.isValid()) {
        clauses.append(QStringLiteral("opened_at >= ?"));
        values << filter.openedFrom.toSecsSinceEpoch();
    }
    if (filter.openedTo.isValid()) {
        clauses.append(QStringLiteral("opened_at < ?"));
        values << filter.openedTo.toSecsSinceEpoch();
    }
    return clauses;
}

QString whereOf(const QStringList &clauses)
{
    return clauses.isEmpty() ? QString() : u" WHERE " + clauses.join(QStringLiteral(" AND "));
}

} // namespace

RequestSearchRepository::RequestSearchRepository(const Database &database)
    : m_connection(database.connectionName())
{
}

QString RequestSearchRepository::numberKey(const QString &text)
{
    QString key;
    for (QChar c : text) {
        if (!c.isSpace() && c != u'-')
            key += c.toUpper();
    }
    return key;
}

int RequestSearchRepository::count(const HistoryFilter &filter, int cap) const
{
    QVariantList values;
    const QString where = whereOf(clausesOf(filter, values));
    values << cap + 1;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q, u"SELECT count(*) FROM (SELECT 1 FROM requests" + where + u" LIMIT ?)",
                  values) &&
        q.next())
        return q.value(0).toInt();
    return 0;
}

RequestPage RequestSearchRepository::page(const HistoryFilter &filter, const PageCursor &after,
                                          int limit) const
{
    QVariantList values;
    QStringList clauses = clausesOf(filter, values);
    const QString key = sortKey(filter.sort);
    const QString direction = filter.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    if (!after.isStart()) {
        const QString comparison = filter.descending ? QStringLiteral("<") : QStringLiteral(">");
        clauses.append(u'(' + key + u", rowid) " + comparison + u" (?, ?)");
        values << after.key << after.rowId;
    }
    values << limit;
    RequestPage page;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (!sql::exec(q,
                   u"SELECT " + requestrow::columns() + u", " + key + u", rowid FROM requests" +
                       whereOf(clauses) + u" ORDER BY " + key + u' ' + direction + u", rowid " +
                       direction + u" LIMIT ?",
                   values))
        return page;
    while (q.next()) {
        page.rows.append(requestrow::from(q));
        page.next = {q.value(requestrow::ColumnCount),
                     q.value(requestrow::ColumnCount + 1).toLongLong()};
    }
    return page;
}

std::optional<ServiceRequest> RequestSearchRepository::byId(const QString &id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q, u"SELECT " + requestrow::columns() + u" FROM requests WHERE id = ?", {id}) &&
        q.next())
        return requestrow::from(q);
    return std::nullopt;
}

std::optional<ServiceRequest> RequestSearchRepository::byNumber(const QString &number) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q, u"SELECT " + requestrow::columns() + u" FROM requests WHERE number = ?",
                  {numberKey(number)}) &&
        q.next())
        return requestrow::from(q);
    return std::nullopt;
}

QString RequestSearchRepository::origin(const QString &id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q, QStringLiteral("SELECT origin FROM requests WHERE id = ?"), {id}) && q.next())
        return q.value(0).toString();
    return {};
}

} // namespace civicdesk
