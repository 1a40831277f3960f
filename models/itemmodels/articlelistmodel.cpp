#include "models/itemmodels/articlelistmodel.h"

namespace civicdesk {

ArticleListModel::ArticleListModel(const ArticleRepository &repository, QObject *parent)
    : QAbstractListModel(parent), m_repository(repository)
{
    setQuery({});
}

void ArticleListModel::setQuery(const QString &query)
{
    beginResetModel();
    m_query = query.trimmed();
    m_hits.clear();
    if (m_query.isEmpty()) {
        const QList<KnowledgeArticle> all = m_repository.list();
        for (const KnowledgeArticle &a : all)
            m_hits.append({a, {}});
    } else {
        m_hits = m_repository.search(m_query);
    }
    endResetModel();
}

int ArticleListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

QVariant ArticleListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ArticleHit &hit = m_hits.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return hit.article.title;
    case Qt::ToolTipRole:
        return hit.article.body.left(300);
    case IdRole:
        return hit.article.id;
    case SnippetRole:
        return hit.snippet;
    case LanguageRole:
        return hit.article.language;
    default:
        return {};
    }
}

} // namespace civicdesk
