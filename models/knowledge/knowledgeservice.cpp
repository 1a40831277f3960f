#include "models/knowledge/knowledgeservice.h"

#include "models/domain/event.h"
#include "models/knowledge/articlerepository.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"

#include <QCoreApplication>
#include <QJsonObject>

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

Status KnowledgeService::edit(const KnowledgeArticle &article)
{
    auto current = load(article.id);
    if (!current)
        return current.error();
    if (auto s = ArticleLifecycle::checkEdit(current.value().state, m_role); !s)
        return s;
    if (article.title.trimmed().isEmpty())
        return makeError(QStringLiteral("article.title"),
                         ServiceText::tr("An article needs a title."));
    const QJsonObject before = fieldsOf(current.value());
    const QJsonObject after = fieldsOf(article);
    QJsonObject changed;
    for (auto it = after.constBegin(); it != after.constEnd(); ++it) {
        if (before.value(it.key()) != it.value())
            changed.insert(it.key(), it.value());
    }
    if (changed.isEmpty())
        return Ok{};
    return append(article.id, QStringLiteral("article.edited"),
                  {{QStringLiteral("fields"), changed},
                   {QStringLiteral("base_version"), m_articles.versionOf(article.id)}});
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
