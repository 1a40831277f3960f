#pragma once

#include "models/domain/clock.h"
#include "models/domain/knowledge/articlelifecycle.h"
#include "models/domain/knowledge/knowledgearticle.h"
#include "models/domain/permissions/agentrole.h"
#include "models/domain/result.h"
#include "models/knowledge/articlehistory.h"
#include "models/knowledge/articlereads.h"

#include <QDateTime>
#include <QSet>
#include <functional>
#include <optional>

namespace civicdesk {

class ArticleRepository;
class Database;
class EventStore;

// A published article's revision waiting beside it: the article as the revision has it, and
// who saved it last, when, with which note, over which live version.
struct ArticleRevision
{
    KnowledgeArticle article;
    QString note = QString();
    QString actor = QString();
    QDateTime savedAt = QDateTime();
    int baseVersion = 0;
};

// Knowledge-base changes as events, for one person with one role (assembled by the composition
// root; see README "Knowledge editing"). Creating, editing, moving an article through its
// lifecycle and confirming its review date append article.* events through the EventStore (the
// projection updates the article, its history and its search index in the same transaction),
// after the role and lifecycle rules of ArticleLifecycle allow it. The article repository's
// cached vocabulary is refreshed after each change, so search finds new words at once.
class KnowledgeService
{
public:
    KnowledgeService(Database &database, EventStore &events, ArticleRepository &articles,
                     QString actor, AgentRole role, Clock clock = {});

    QString actor() const { return m_actor; }
    // Another agent signed in at this workstation: their name and role from here on.
    void setActor(const QString &actor, AgentRole role)
    {
        m_actor = actor;
        m_role = role;
    }
    AgentRole role() const { return m_role; }
    bool canCreate() const { return ArticleLifecycle::canCreate(m_role); }
    bool canEdit(const KnowledgeArticle &article) const;
    QList<KnowledgeArticle::State> nextStates(const KnowledgeArticle &article) const;

    // A new draft; returns its id ("local:" and a UUID).
    Result<QString> create(const KnowledgeArticle &article);
    // Records the fields that differ from the stored article (nothing if none differ), with the
    // note typed for this save; true when something was written (and so the note used).
    Result<bool> edit(const KnowledgeArticle &article, const QString &note = {});

    // Revising a published article without withdrawing it: the revision is kept beside the live
    // text (agents keep finding the live one) until a supervisor publishes it.
    bool canRevise(const KnowledgeArticle &article) const;
    bool canPublishRevision(const KnowledgeArticle &article) const;
    // True when something was written (an unchanged waiting revision writes nothing).
    Result<bool> saveRevision(const KnowledgeArticle &article, const QString &note = {});
    Status publishRevision(const QString &articleId, const QString &note = {});
    Status discardRevision(const QString &articleId, const QString &note = {});
    std::optional<ArticleRevision> revision(const QString &articleId) const;
    Status changeState(const QString &articleId, KnowledgeArticle::State to,
                       const QString &note = {});
    // The article is still right: its next review is due on `nextReview`.
    Status markReviewed(const QString &articleId, const QDate &nextReview);

    // The person read the article as it is now; and the articles changed since they last did.
    Status markRead(const QString &articleId);
    QSet<QString> changedSinceRead() const;

    const ArticleHistory &history() const { return m_history; }
    const ArticleRepository &articles() const { return m_articles; }

    // The stored form of an article's editable fields (column name -> text).
    static QJsonObject fieldsOf(const KnowledgeArticle &article);
    // The article with the stored fields `fields` written over it.
    static KnowledgeArticle withFields(KnowledgeArticle article, const QJsonObject &fields);

private:
    Result<KnowledgeArticle> load(const QString &articleId) const;
    Status append(const QString &articleId, const QString &kind, const QJsonObject &payload);
    // The fields of `article` that differ from `current`, or an error naming what is wrong.
    Result<QJsonObject> changedFields(const KnowledgeArticle &current,
                                      const KnowledgeArticle &article) const;

    Database &m_database;
    EventStore &m_events;
    ArticleRepository &m_articles;
    ArticleHistory m_history;
    ArticleReads m_reads;
    QString m_actor;
    AgentRole m_role;
    Clock m_clock;
};

} // namespace civicdesk
