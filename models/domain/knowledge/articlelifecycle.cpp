#include "models/domain/knowledge/articlelifecycle.h"

#include <QCoreApplication>

namespace civicdesk {

namespace {

class LifecycleText
{
    Q_DECLARE_TR_FUNCTIONS(ArticleLifecycle)
};

struct Move
{
    KnowledgeArticle::State from;
    KnowledgeArticle::State to;
    bool editorMay; // supervisors may make every move
};

using S = KnowledgeArticle::State;

constexpr Move moves[] = {
    {S::Draft, S::InReview, true},      {S::InReview, S::Draft, true},
    {S::InReview, S::Published, false}, {S::Published, S::Draft, true},
    {S::Published, S::Archived, false}, {S::Archived, S::Draft, false},
};

bool roleMay(const Move &move, AgentRole role)
{
    return mayApproveArticles(role) || (mayEditArticles(role) && move.editorMay);
}

} // namespace

QString ArticleLifecycle::stateName(State state)
{
    switch (state) {
    case State::Draft:
        return QStringLiteral("draft");
    case State::InReview:
        return QStringLiteral("in_review");
    case State::Published:
        return QStringLiteral("published");
    case State::Archived:
        return QStringLiteral("archived");
    }
    return {};
}

std::optional<ArticleLifecycle::State> ArticleLifecycle::stateFromName(const QString &name)
{
    for (State s : {State::Draft, State::InReview, State::Published, State::Archived}) {
        if (name == stateName(s))
            return s;
    }
    return std::nullopt;
}

QString ArticleLifecycle::stateTitle(State state)
{
    switch (state) {
    case State::Draft:
        return LifecycleText::tr("Draft");
    case State::InReview:
        return LifecycleText::tr("In review");
    case State::Published:
        return LifecycleText::tr("Published");
    case State::Archived:
        return LifecycleText::tr("Archived");
    }
    return {};
}

bool ArticleLifecycle::canTransition(State from, State to)
{
    return std::any_of(std::begin(moves), std::end(moves),
                       [&](const Move &m) { return m.from == from && m.to == to; });
}

QList<ArticleLifecycle::State> ArticleLifecycle::nextStates(State from, AgentRole role)
{
    QList<State> result;
    for (const Move &m : moves) {
        if (m.from == from && roleMay(m, role))
            result.append(m.to);
    }
    return result;
}

Status ArticleLifecycle::checkTransition(State from, State to, AgentRole role)
{
    const auto move = std::find_if(std::begin(moves), std::end(moves),
                                   [&](const Move &m) { return m.from == from && m.to == to; });
    if (move == std::end(moves))
        return makeError(QStringLiteral("article.transition"),
                         LifecycleText::tr("An article cannot go from \"%1\" to \"%2\".")
                             .arg(stateTitle(from), stateTitle(to)));
    if (!roleMay(*move, role))
        return makeError(QStringLiteral("article.role"),
                         LifecycleText::tr("Only a supervisor can move an article from \"%1\" "
                                           "to \"%2\".")
                             .arg(stateTitle(from), stateTitle(to)));
    return Ok{};
}

bool ArticleLifecycle::canCreate(AgentRole role)
{
    return mayEditArticles(role);
}

bool ArticleLifecycle::canEdit(State state, AgentRole role)
{
    switch (state) {
    case State::Draft:
    case State::InReview:
        return mayEditArticles(role);
    case State::Published:
        return mayApproveArticles(role);
    case State::Archived:
        return false;
    }
    return false;
}

bool ArticleLifecycle::canMarkReviewed(State state, AgentRole role)
{
    return mayEditArticles(role) && state != State::Archived;
}

Status ArticleLifecycle::checkEdit(State state, AgentRole role)
{
    if (canEdit(state, role))
        return Ok{};
    if (!mayEditArticles(role))
        return makeError(QStringLiteral("article.role"),
                         LifecycleText::tr("Only editors and supervisors can change articles."));
    if (state == State::Archived)
        return makeError(QStringLiteral("article.archived"),
                         LifecycleText::tr("An archived article cannot be changed; restore it "
                                           "as a draft first."));
    return makeError(QStringLiteral("article.role"),
                     LifecycleText::tr("Only a supervisor can change a published article "
                                       "directly; save a revision beside it instead."));
}

Status ArticleLifecycle::checkRevise(State state, AgentRole role)
{
    if (!mayEditArticles(role))
        return makeError(QStringLiteral("article.role"),
                         LifecycleText::tr("Only editors and supervisors can change articles."));
    if (state != State::Published)
        return makeError(QStringLiteral("article.revision_state"),
                         LifecycleText::tr("Only a published article is revised beside its live "
                                           "version; change a draft directly."));
    return Ok{};
}

Status ArticleLifecycle::checkPublishRevision(State state, AgentRole role)
{
    if (auto s = checkRevise(state, role); !s)
        return s;
    if (!mayApproveArticles(role))
        return makeError(QStringLiteral("article.role"),
                         LifecycleText::tr("Only a supervisor can publish a revision."));
    return Ok{};
}

} // namespace civicdesk
