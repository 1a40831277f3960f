#include "models/store/projections/articleprojection.h"

#include "models/domain/knowledge/articlelifecycle.h"
#include "models/domain/languagecode.h"
#include "models/store/projections/payload.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonDocument>
#include <QJsonObject>

namespace civicdesk::articleprojection {

namespace {

// Gives lupdate and the runtime the same context for this file's messages.
class ProjectionText
{
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

using projection::invalid;

const QStringList &nullableFields()
{
    static const QStringList fields = {
        QStringLiteral("translation_group"), QStringLiteral("department_code"),
        QStringLiteral("transfer_target"),   QStringLiteral("effective"),
        QStringLiteral("expires"),           QStringLiteral("review_due")};
    return fields;
}

QVariant columnValue(const QString &column, const QJsonValue &value)
{
    const QString text = value.toString();
    return nullableFields().contains(column) ? sql::nullable(text) : QVariant(sql::text(text));
}

const QString snapshotColumns = QStringLiteral(
    "state, title, body, script, audience, language, translation_group, department_code, "
    "service_codes, keywords, transfer_target, effective, expires, review_due");

// Copies the article row as it is now into article_versions.
Status snapshot(QSqlQuery &query, const Event &e)
{
    return sql::exec(query,
                     u"INSERT INTO article_versions(article_id, version, event_id, kind, actor, "
                     u"at, note, " +
                         snapshotColumns + u") SELECT id, version, ?, ?, ?, ?, ?, " +
                         snapshotColumns + u" FROM articles WHERE id = ?",
                     {e.id, e.kind, e.actor, e.clientTime.toSecsSinceEpoch(),
                      sql::text(e.payload.value(u"note").toString()), e.entityId});
}

// Before the first change of an article that came from the city pack: its imported text.
Status keepImportedVersion(QSqlQuery &query, const QString &id)
{
    return sql::exec(query,
                     u"INSERT INTO article_versions(article_id, version, kind, actor, at, " +
                         snapshotColumns +
                         u") SELECT id, version, 'article.imported', source, "
                         u"updated_at, " +
                         snapshotColumns +
                         u" FROM articles WHERE id = ? AND NOT EXISTS (SELECT 1 FROM "
                         u"article_versions WHERE article_id = ?)",
                     {id, id});
}

Status applyCreated(QSqlQuery &query, const Event &e)
{
    const QJsonObject fields = e.payload.value(u"fields").toObject();
    QStringList columns{QStringLiteral("id")};
    QVariantList values{e.entityId};
    for (const QString &column : articleContentFields()) {
        if (!fields.contains(column))
            continue;
        columns.append(column); // from the fixed list, never from the payload
        values.append(columnValue(column, fields.value(column)));
    }
    values << QStringLiteral("draft") << QStringLiteral("local") << 1
           << e.clientTime.toSecsSinceEpoch();
    const QString placeholders = QStringList(values.size(), QStringLiteral("?")).join(u", ");
    if (auto s =
            sql::exec(query,
                      u"INSERT INTO articles(" + columns.join(u", ") +
                          u", state, source, version, updated_at) VALUES(" + placeholders + u")",
                      values);
        !s)
        return s;
    return snapshot(query, e);
}

Status update(QSqlQuery &query, const Event &e, const QStringList &assignments, QVariantList values)
{
    if (auto s = keepImportedVersion(query, e.entityId); !s)
        return s;
    values << e.clientTime.toSecsSinceEpoch() << e.entityId;
    if (auto s = sql::exec(query,
                           u"UPDATE articles SET " + assignments.join(u", ") +
                               u", version = version + 1, updated_at = ? WHERE id = ?",
                           values);
        !s)
        return s;
    if (query.numRowsAffected() != 1)
        return invalid(e, QStringLiteral("entity_id"),
                       ProjectionText::tr("names no article in this store"));
    return snapshot(query, e);
}

Status applyEdited(QSqlQuery &query, const Event &e)
{
    const QJsonObject fields = e.payload.value(u"fields").toObject();
    QStringList assignments;
    QVariantList values;
    for (const QString &column : articleContentFields()) {
        if (!fields.contains(column))
            continue;
        assignments.append(column + u" = ?");
        values.append(columnValue(column, fields.value(column)));
    }
    return update(query, e, assignments, values);
}

// A revision's fields (every field that differs from the live article) wait beside it.
Status applyRevisionSaved(QSqlQuery &query, const Event &e)
{
    const QString fields = QString::fromUtf8(
        QJsonDocument(e.payload.value(u"fields").toObject()).toJson(QJsonDocument::Compact));
    if (auto s =
            sql::exec(query, QStringLiteral("SELECT 1 FROM articles WHERE id = ?"), {e.entityId});
        !s)
        return s;
    if (!query.next())
        return invalid(e, QStringLiteral("entity_id"),
                       ProjectionText::tr("names no article in this store"));
    query.finish();
    return sql::exec(
        query,
        QStringLiteral("INSERT INTO article_revisions(article_id, fields, note, actor, saved_at, "
                       "base_version) VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT(article_id) DO UPDATE "
                       "SET fields = excluded.fields, note = excluded.note, actor = "
                       "excluded.actor, saved_at = excluded.saved_at, base_version = "
                       "excluded.base_version"),
        {e.entityId, fields, sql::text(e.payload.value(u"note").toString()), e.actor,
         e.clientTime.toSecsSinceEpoch(), e.payload.value(u"base_version").toInt()});
}

// Publishing a revision applies its fields to the live article as one new version (with the
// publisher's note) and removes it.
Status applyRevisionPublished(QSqlQuery &query, const Event &e)
{
    if (auto s = sql::exec(query,
                           QStringLiteral("SELECT fields FROM article_revisions WHERE "
                                          "article_id = ?"),
                           {e.entityId});
        !s)
        return s;
    if (!query.next())
        return invalid(e, QStringLiteral("entity_id"),
                       ProjectionText::tr("has no revision waiting to be published"));
    const QJsonObject fields = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
    query.finish();
    Event applied = e;
    applied.payload.insert(QStringLiteral("fields"), fields);
    if (!fields.isEmpty()) {
        if (auto s = applyEdited(query, applied); !s)
            return s;
    }
    return sql::exec(query, QStringLiteral("DELETE FROM article_revisions WHERE article_id = ?"),
                     {e.entityId});
}

Status applyStateChanged(QSqlQuery &query, const Event &e)
{
    if (auto s = sql::exec(query, QStringLiteral("SELECT state FROM articles WHERE id = ?"),
                           {e.entityId});
        !s)
        return s;
    if (!query.next())
        return invalid(e, QStringLiteral("entity_id"),
                       ProjectionText::tr("names no article in this store"));
    const auto from = ArticleLifecycle::stateFromName(query.value(0).toString());
    const auto to = ArticleLifecycle::stateFromName(e.payload.value(u"to").toString());
    query.finish();
    if (!from || !to || !ArticleLifecycle::canTransition(*from, *to))
        return invalid(e, QStringLiteral("to"),
                       ProjectionText::tr("is not a move allowed from the article's state"));
    return update(query, e, {QStringLiteral("state = ?")}, {ArticleLifecycle::stateName(*to)});
}

} // namespace

bool handles(const Event &event)
{
    return event.kind.startsWith(u"article.");
}

Status validate(const Event &e)
{
    if (e.kind == u"article.created" || e.kind == u"article.edited" ||
        e.kind == u"article.revision_saved") {
        const QJsonObject fields = e.payload.value(u"fields").toObject();
        if (fields.isEmpty())
            return invalid(e, QStringLiteral("fields"), ProjectionText::tr("is empty"));
        for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
            if (!articleContentFields().contains(it.key()) || !it.value().isString())
                return invalid(e, it.key(),
                               ProjectionText::tr("is not an article field with a text value"));
        }
        if ((e.kind == u"article.created" || fields.contains(u"title")) &&
            fields.value(u"title").toString().trimmed().isEmpty())
            return invalid(e, QStringLiteral("title"), ProjectionText::tr("is required"));
        const QString language = fields.value(u"language").toString(QStringLiteral("en"));
        if (!isLanguageCode(language))
            return invalid(e, QStringLiteral("language"),
                           ProjectionText::tr("must be a language code such as en, es or zh"));
        const QString audience = fields.value(u"audience").toString(QStringLiteral("agent"));
        if (audience != u"agent" && audience != u"public")
            return invalid(e, QStringLiteral("audience"),
                           ProjectionText::tr("must be agent or public"));
        return Ok{};
    }
    if (e.kind == u"article.revision_published" || e.kind == u"article.revision_discarded") {
        if (e.payload.contains(u"note") && !e.payload.value(u"note").isString())
            return invalid(e, QStringLiteral("note"), ProjectionText::tr("must be text"));
        return Ok{};
    }
    if (e.kind == u"article.reviewed") {
        if (!QDate::fromString(e.payload.value(u"review_due").toString(), Qt::ISODate).isValid())
            return invalid(e, QStringLiteral("review_due"),
                           ProjectionText::tr("must be a date like 2027-01-31"));
        return Ok{};
    }
    if (e.kind == u"article.state_changed") {
        if (!ArticleLifecycle::stateFromName(e.payload.value(u"to").toString()))
            return invalid(e, QStringLiteral("to"),
                           ProjectionText::tr("must be draft, in_review, published or archived"));
        return Ok{};
    }
    return invalid(e, QStringLiteral("kind"), ProjectionText::tr("is not a known event kind"));
}

Status apply(QSqlDatabase &db, const Event &e)
{
    QSqlQuery query(db);
    if (e.kind == u"article.created")
        return applyCreated(query, e);
    if (e.kind == u"article.edited")
        return applyEdited(query, e);
    if (e.kind == u"article.state_changed")
        return applyStateChanged(query, e);
    if (e.kind == u"article.revision_saved")
        return applyRevisionSaved(query, e);
    if (e.kind == u"article.revision_published")
        return applyRevisionPublished(query, e);
    if (e.kind == u"article.revision_discarded")
        return sql::exec(query,
                         QStringLiteral("DELETE FROM article_revisions WHERE article_id = ?"),
                         {e.entityId});
    if (e.kind == u"article.reviewed")
        return update(query, e, {QStringLiteral("review_due = ?")},
                      {e.payload.value(u"review_due").toString()});
    return invalid(e, QStringLiteral("kind"), ProjectionText::tr("is not a known event kind"));
}

} // namespace civicdesk::articleprojection
