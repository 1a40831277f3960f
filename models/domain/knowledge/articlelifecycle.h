#pragma once

#include "models/domain/knowledge/knowledgearticle.h"
#include "models/domain/permissions/agentrole.h"
#include "models/domain/result.h"

#include <QList>
#include <optional>

namespace civicdesk {

// The life of a knowledge article: draft -> in review -> published -> archived, and who may move
// it along. "Editor" means a role that may edit articles (editor, supervisor, admin: see
// agentrole.h), "supervisor" one that may approve them (supervisor, admin). The allowed moves:
//
//   draft     -> in_review  editor, supervisor  (send for review)
//   in_review -> draft      editor, supervisor  (changes requested)
//   in_review -> published  supervisor          (approve)
//   published -> draft      editor, supervisor  (withdraw to revise)
//   published -> archived   supervisor          (retire)
//   archived  -> draft      supervisor          (restore)
//
// Content may be edited in draft and in review by editors and supervisors, in published by
// supervisors only (a correction that agents see at once), and never in archived. Call takers,
// lobby staff and trainers never edit. Only published articles are shown to agents.
class ArticleLifecycle
{
public:
    using State = KnowledgeArticle::State;

    static QString stateName(State state); // draft, in_review, published, archived
    static std::optional<State> stateFromName(const QString &name);
    static QString stateTitle(State state); // translated, for people

    // Whether the move is allowed at all (for some role): what the projection enforces.
    static bool canTransition(State from, State to);
    // The moves `role` may make from `from`, in the order they are offered.
    static QList<State> nextStates(State from, AgentRole role);
    static Status checkTransition(State from, State to, AgentRole role);

    static bool canCreate(AgentRole role);
    static bool canEdit(State state, AgentRole role);
    static Status checkEdit(State state, AgentRole role);
    // A revision of a published article, kept beside it until it is published (agents find the
    // live text meanwhile): saved and discarded by editors and supervisors, published by
    // those who may publish.
    static Status checkRevise(State state, AgentRole role);
    static Status checkPublishRevision(State state, AgentRole role);
    // Confirming an article is still right (setting its next review date) is open to editors
    // and supervisors in every state but archived, without withdrawing a published article.
    static bool canMarkReviewed(State state, AgentRole role);
};

} // namespace civicdesk
