#pragma once

#include "models/knowledge/articlerepository.h"

#include <QAbstractListModel>
#include <QSet>

namespace civicdesk {

// The knowledge panel's list: search hits (best first, with a highlighted snippet) or every
// article that passes the filters. Articles not published are marked with their state, and
// articles changed since the agent last read them are marked as such, and so are articles
// expired or not yet in effect (which only editors find).
class ArticleHitModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        SnippetRole,
        LanguageRole,
        StateRole,
        ChangedRole
    };

    using QAbstractListModel::QAbstractListModel;

    void setHits(const QList<ArticleHit> &hits);
    void setChanged(const QSet<QString> &articleIds);
    // The day that decides which articles are marked expired or not yet in effect.
    void setToday(const QDate &today) { m_today = today; }
    int rowOf(const QString &articleId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QList<ArticleHit> m_hits;
    QSet<QString> m_changed;
    QDate m_today = QDate::currentDate();
};

} // namespace civicdesk
