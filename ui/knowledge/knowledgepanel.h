#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QTextBrowser;
class QTimer;

namespace civicdesk {

class ArticleListModel;
class ArticleRepository;

// The knowledge area: search as you type (FTS5, best match first) and read the article.
class KnowledgePanel : public QWidget
{
    Q_OBJECT

public:
    explicit KnowledgePanel(const ArticleRepository &articles, QWidget *parent = nullptr);

    void focusSearch();
    int resultCount() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void runQuery();
    void showArticle(const QModelIndex &index);

    const ArticleRepository &m_articles;
    ArticleListModel *m_model;
    QLabel *m_searchLabel;
    QLineEdit *m_search;
    QLabel *m_countLabel;
    QListView *m_list;
    QTextBrowser *m_view;
    QTimer *m_debounce;
};

} // namespace civicdesk
