#include "ui/knowledge/articlehitmodel.h"

#include "models/domain/knowledge/articlelifecycle.h"
#include "ui/knowledge/articledates.h"

#include <QFont>

namespace civicdesk {

void ArticleHitModel::setHits(const QList<ArticleHit> &hits)
{
    beginResetModel();
    m_hits = hits;
    endResetModel();
}

void ArticleHitModel::setChanged(const QSet<QString> &articleIds)
{
    if (articleIds == m_changed)
        return;
    m_changed = articleIds;
    if (!m_hits.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, 0));
}

int ArticleHitModel::rowOf(const QString &articleId) const
{
    for (int row = 0; row < m_hits.size(); ++row) {
        if (m_hits.at(row).article.id == articleId)
            return row;
    }
    return -1;
}

int ArticleHitModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

QVariant ArticleHitModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const KnowledgeArticle &article = m_hits.at(index.row()).article;
    const bool changed = m_changed.contains(article.id);
    switch (role) {
    case Qt::DisplayRole: {
        QString text = article.title;
        if (article.state != KnowledgeArticle::State::Published)
            text = u'[' + ArticleLifecycle::stateTitle(article.state) + u"] " + text;
        text = ArticleDates::listMark(article, m_today) + text;
        if (changed)
            text += u"  ● " + tr("changed since you last read it");
        return text;
    }
    case Qt::ToolTipRole:
        return changed ? tr("Changed since you last read it") : article.body.left(300);
    case Qt::FontRole:
        if (changed) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case IdRole:
        return article.id;
    case SnippetRole:
        return m_hits.at(index.row()).snippet;
    case LanguageRole:
        return article.language;
    case StateRole:
        return ArticleLifecycle::stateName(article.state);
    case ChangedRole:
        return changed;
    default:
        return {};
    }
}

} // namespace civicdesk
