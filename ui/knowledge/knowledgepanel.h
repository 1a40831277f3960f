#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
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
    QString currentArticleId() const { return m_currentId; }

signals:
    // The agent opened an article (the running contact records it).
    void articleOpened(const QString &articleId);
    // "Start this request": hand the article's request type to intake.
    void startRequest(const QString &serviceCode);

public:
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
    QPushButton *m_start;
    QString m_currentId;
    QString m_currentServiceCode;
    QTimer *m_debounce;
    QTimer *m_openTimer;
};

} // namespace civicdesk
