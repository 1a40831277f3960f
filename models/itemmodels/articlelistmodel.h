#pragma once

#include "models/knowledge/articlerepository.h"

#include <QAbstractListModel>

namespace civicdesk {

// Knowledge articles: all of them (by title) or the hits of a search (best first, with a
// highlighted snippet).
class ArticleListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        SnippetRole,
        LanguageRole
    };

    explicit ArticleListModel(const ArticleRepository &repository, QObject *parent = nullptr);

    // An empty query lists every article.
    void setQuery(const QString &query);
    QString query() const { return m_query; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    const ArticleRepository &m_repository;
    QString m_query;
    QList<ArticleHit> m_hits;
};

} // namespace civicdesk
