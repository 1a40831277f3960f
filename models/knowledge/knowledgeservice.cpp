#include "models/knowledge/knowledgeservice.h"

#include "models/domain/event.h"
#include "models/knowledge/articlerepository.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace civicdesk {

namespace {

class ServiceText
{
    Q_DECLARE_TR_FUNCTIONS(KnowledgeService)
};

QString isoDate(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

} // namespace

KnowledgeService::KnowledgeService(Database &database, EventStore &events,
                                   ArticleRepository &articles, QString actor, AgentRole role,
                                   Clock clock)
    : m_database(database), m_events(events), m_articles(articles), m_history(database),
      m_reads(database), m_actor(std::move(actor)), m_role(role), m_clock(std::move(clock))
{
}

bool KnowledgeService::canEdit(const KnowledgeArticle &article) const
{
    return ArticleLifecycle::canEdit(article.state, m_role);
}

QList<KnowledgeArticle::State> KnowledgeService::nextStates(const KnowledgeArticle &article) const
{
    return ArticleLifecycle::nextStates(article.state, m_role);
}

QJsonObject KnowledgeService::fieldsOf(const KnowledgeArticle &a)
{
    return QJsonObject{
        {QStringLiteral("title"), a.title.trimmed()},
        {QStringLiteral("body"), a.body},
        {QStringLiteral("script"), a.script},
        {QStringLiteral("audience"), a.audience == KnowledgeArticle::Audience::Public
                                         ? QStringLiteral("public")
                                         : QStringLiteral("agent")},
        {QStringLiteral("language"), a.language},
        {QStringLiteral("translation_group"), a.translationGroup},
        {QStringLiteral("department_code"), a.departmentCode},
        {QStringLiteral("service_codes"), a.serviceCodes.join(u' ')},
        {QStringLiteral("keywords"), a.keywords},
        {QStringLiteral("transfer_target"), a.transferTarget},
        {QStringLiteral("effective"), isoDate(a.effective)},
        {QStringLiteral("expires"), isoDate(a.expires)},
        {QStringLiteral("review_due"), isoDate(a.reviewDue)},
    };
}

Result<KnowledgeArticle> KnowledgeService::load(const QString &articleId) const
{
    auto article = m_articles.byId(articleId);
    if (!article)
        return makeError(QStringLiteral("article.missing"),
                         ServiceText::tr("There is no article %1.").arg(articleId));
    return *article;
}

Status KnowledgeService::append(const QString &articleId, const QString &kind,
                                const QJsonObject &payload)
{
    auto device = m_database.deviceCode();
    if (!device)
        return device.error();
    auto appended = m_events.append(Event::make(QStringLiteral("article"), articleId, kind, payload,
                                                m_actor, device.value(), m_clock.now()));
    if (!appended)
        return appended.error();
    m_articles.invalidate();
    return Ok{};
}

Result<QString> KnowledgeService::create(const KnowledgeArticle &article)
{
    if (!canCreate())
        return makeError(QStringLiteral("article.role"),
                         ServiceText::tr("Only editors and supervisors can write articles."));
    if (article.title.trimmed().isEmpty())
        return makeError(QStringLiteral("article.title"),
                         ServiceText::tr("An article needs a title."));
    const QString id = u"local:" + Event::newId();
    QJsonObject fields = fieldsOf(article);
    if (article.translationGroup.isEmpty())
        fields.insert(QStringLiteral("translation_group"), id);
    if (auto s =
            append(id, QStringLiteral("article.created"), {{QStringLiteral("fields"), fields}});
        !s)
        return s.error();
    return id;
}

Result<QJsonObject> KnowledgeService::changedFields(const KnowledgeArticle &current,
                                                    const KnowledgeArticle &article) const
{
    if (article.title.trimmed().isEmpty())
        return makeError(QStringLiteral("article.title"),
                         ServiceText::tr("An article needs a title."));
    const QJsonObject before = fieldsOf(current);
    const QJsonObject after = fieldsOf(article);
    QJsonObject changed;
    for (auto it = after.constBegin(); it != after.constEnd(); ++it) {
        if (before.value(it.key()) != it.value())
            changed.insert(it.key(), it.value());
    }
    return changed;
}

Result<bool> KnowledgeService::edit(const KnowledgeArticle &article, const QString &note)
{
    auto current = load(article.id);
    if (!current)
        return current.error();
    if (auto s = ArticleLifecycle::checkEdit(current.value().state, m_role); !s)
        return s.error();
    auto changed = changedFields(current.value(), article);
    if (!changed)
        return changed.error();
    if (changed.value().isEmpty())
        return false;
    QJsonObject payload{{QStringLiteral("fields"), changed.value()},
                        {QStringLiteral("base_version"), m_articles.versionOf(article.id)}};
    if (!note.trimmed().isEmpty())
        payload.insert(QStringLiteral("note"), note.trimmed());
    if (auto s = append(article.id, QStringLiteral("article.edited"), payload); !s)
        return s.error();
    return true;
}

bool KnowledgeService::canRevise(const KnowledgeArticle &article) const
{
    return static_cast<bool>(ArticleLifecycle::checkRevise(article.state, m_role));
}

bool KnowledgeService::canPublishRevision(const KnowledgeArticle &article) const
{
    return static_cast<bool>(ArticleLifecycle::checkPublishRevision(article.state, m_role));
}

Result<bool> KnowledgeService::saveRevision(const KnowledgeArticle &article, const QString &note)
{
    auto current = load(article.id);
    if (!current)
        return current.error();
    if (auto s = ArticleLifecycle::checkRevise(current.value().state, m_role); !s)
        return s.error();
    auto changed = changedFields(current.value(), article);
    if (!changed)
        return changed.error();
    const auto pending = revision(article.id);
    if (changed.value().isEmpty() && !pending)
        return makeError(QStringLiteral("article.unchanged"),
                         ServiceText::tr("The revision is the same as the published article: "
                                         "there is nothing to save."));
    if (changed.value().isEmpty()) {
        if (auto s = discardRevision(article.id, note); !s)
            return s.error();
        return true;
    }
    // The waiting revision unchanged: nothing is written (its note stays with its save).
    if (pending && changedFields(current.value(), pending->article).value() == changed.value())
        return false;
    if (auto s = append(article.id, QStringLiteral("article.revision_saved"),
                        {{QStringLiteral("fields"), changed.value()},
                         {QStringLiteral("note"), note.trimmed()},
                         {QStringLiteral("base_version"), m_articles.versionOf(article.id)}});
        !s)
        return s.error();
    return true;
}

Status KnowledgeService::publishRevision(const QString &articleId, const QString &note)
{
    auto current = load(articleId);
    if (!current)
        return current.error();
    if (auto s = ArticleLifecycle::checkPublishRevision(current.value().state, m_role); !s)
        return s;
    const auto pending = revision(articleId);
    if (!pending)
        return makeError(QStringLiteral("article.no_revision"),
                         ServiceText::tr("This article has no revision waiting to be published."));
    // The note of the revision's last save goes with it unless the publisher writes one.
    return append(
        articleId, QStringLiteral("article.revision_published"),
        {{QStringLiteral("note"), note.trimmed().isEmpty() ? pending->note : note.trimmed()}});
}

Status KnowledgeService::discardRevision(const QString &articleId, const QString &note)
{
    if (!mayEditArticles(m_role))
        return makeError(QStringLiteral("article.role"),
                         ServiceText::tr("Only editors and supervisors can write articles."));
    if (!revision(articleId))
        return makeError(QStringLiteral("article.no_revision"),
                         ServiceText::tr("This article has no revision waiting to be published."));
    return append(articleId, QStringLiteral("article.revision_discarded"),
                  {{QStringLiteral("note"), note.trimmed()}});
}

std::optional<ArticleRevision> KnowledgeService::revision(const QString &articleId) const
{
    const auto live = m_articles.byId(articleId);
    if (!live)
        return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(m_database.connectionName()));
    if (!sql::exec(q,
                   QStringLiteral("SELECT fields, note, actor, saved_at, base_version FROM "
                                  "article_revisions WHERE article_id = ?"),
                   {articleId}) ||
        !q.next())
        return std::nullopt;
    ArticleRevision r;
    r.article = withFields(*live, QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
    r.note = q.value(1).toString();
    r.actor = q.value(2).toString();
    r.savedAt = QDateTime::fromSecsSinceEpoch(q.value(3).toLongLong(), Qt::UTC);
    r.baseVersion = q.value(4).toInt();
    return r;
}

KnowledgeArticle KnowledgeService::withFields(KnowledgeArticle a, const QJsonObject &fields)
{
    const auto text = [&fields](const char *key, const QString &now) {
        const QString name = QString::fromLatin1(key);
        return fields.contains(name) ? fields.value(name).toString() : now;
    };
    const auto date = [&text](const char *key, const QDate &now) {
        const QString value = text(key, now.toString(Qt::ISODate));
        return QDate::fromString(value, Qt::ISODate);
    };
    a.title = text("title", a.title);
    a.body = text("body", a.body);
    a.script = text("script", a.script);
    a.audience = text("audience", a.audience == KnowledgeArticle::Audience::Public
                                      ? QStringLiteral("public")
                                      : QStringLiteral("agent")) == u"public"
                     ? KnowledgeArticle::Audience::Public
                     : KnowledgeArticle::Audience::Agent;
    a.language = text("language", a.language);
    a.translationGroup = text("translation_group", a.translationGroup);
    a.departmentCode = text("department_code", a.departmentCode);
    a.serviceCodes =
        text("service_codes", a.serviceCodes.join(u' ')).split(u' ', Qt::SkipEmptyParts);
    a.keywords = text("keywords", a.keywords);
    a.transferTarget = text("transfer_target", a.transferTarget);
    a.effective = date("effective", a.effective);
    a.expires = date("expires", a.expires);
    a.reviewDue = date("review_due", a.reviewDue);
    return a;
}

Status KnowledgeService::changeState(const QString &articleId, KnowledgeArticle::State to,
                                     const QString &note)
{
    auto current = load(articleId);
    if (!current)
        return current.error();
    const KnowledgeArticle::State from = current.value().state;
    if (auto s = ArticleLifecycle::checkTransition(from, to, m_role); !s)
        return s;
    return append(articleId, QStringLiteral("article.state_changed"),
                  {{QStringLiteral("from"), ArticleLifecycle::stateName(from)},
                   {QStringLiteral("to"), ArticleLifecycle::stateName(to)},
                   {QStringLiteral("note"), note.trimmed()}});
}

Status KnowledgeService::markReviewed(const QString &articleId, const QDate &nextReview)
{
    auto current = load(articleId);
    if (!current)
        return current.error();
    if (!ArticleLifecycle::canMarkReviewed(current.value().state, m_role))
        return makeError(QStringLiteral("article.role"),
                         ServiceText::tr("Only editors and supervisors can review articles, and "
                                         "not archived ones."));
    if (!nextReview.isValid() || nextReview <= m_clock.now().date())
        return makeError(QStringLiteral("article.review_due"),
                         ServiceText::tr("The next review must be a date in the future."));
    return append(articleId, QStringLiteral("article.reviewed"),
                  {{QStringLiteral("review_due"), isoDate(nextReview)}});
}

Status KnowledgeService::markRead(const QString &articleId)
{
    return m_reads.markRead(m_actor, articleId, m_clock.now());
}

QSet<QString> KnowledgeService::changedSinceRead() const
{
    return m_reads.changedSinceRead(m_actor);
}

} // namespace civicdesk
