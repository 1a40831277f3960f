#pragma once

#include <QDate>
#include <QWidget>
#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSplitter;
class QTextBrowser;
class QTimer;

namespace civicdesk {

class ArticleHitModel;
class ArticleRepository;
class ArticleSearcher;
class KnowledgeService;
struct ArticleHit;
struct ArticleQuery;

// The knowledge area: search as you type (FTS5, best match first, on a search thread so typing
// never waits; stale results are dropped), filters by language (following the caller's),
// department and (for editors) state, and the article with its script, transfer and "start
// this request". Enter opens the first result and moves to the article; the search stays. When
// nothing answers what is typed the panel says "No good match", lists the closest articles as
// suggestions and offers one key to widen the search to every language and department.
//
// With a KnowledgeService (setService) the panel also marks articles changed since this person
// last read them, and for editors and supervisors offers new/edit/history/review-due, each in a
// window that does not block the rest of the workstation.
class KnowledgePanel : public QWidget
{
    Q_OBJECT

public:
    explicit KnowledgePanel(const ArticleRepository &articles, QWidget *parent = nullptr);
    ~KnowledgePanel() override;

    // Read marks for everyone; editing tools when the service's role may edit. The service must
    // write through the same ArticleRepository this panel reads.
    void setService(KnowledgeService *service);
    bool canEdit() const;
    // The day that decides which articles are in effect (agents find only those; editors see
    // the others marked); today's date unless a test sets it.
    void setToday(std::function<QDate()> today);

    void focusSearch();
    // The caller's language, recorded on the contact: the language filter follows it, and
    // words that could be either language are read in it.
    void setCallerLanguage(const QString &language);
    // The search found nothing that answers what is typed: the panel says "No good match" and
    // lists the closest articles as suggestions, none opened.
    bool showsNoGoodMatch() const;
    // Search all languages and departments (Ctrl+Shift+A).
    void widenSearch();
    QString currentArticleId() const { return m_currentId; }
    int resultCount() const;
    // Stale search results dropped so far (for tests and diagnostics).
    int staleResultsDiscarded() const;

public slots:
    // Show one article (selecting it in the list when the filters let it appear).
    void openArticle(const QString &articleId);
    // Editors and supervisors: a new draft / the shown article in the editor.
    void newArticle();
    void editCurrentArticle();
    // The shown article's versions, side by side.
    void showHistory();
    // Articles overdue or due for review within 30 days.
    void showReviewDue();
    // The articles that closed information calls and the searches nothing answered.
    void showUsage();
    // Articles changed elsewhere (pulled from the central store, a re-import): the search
    // forgets its cached vocabulary and runs again; the open article stays open.
    void refreshArticles();

signals:
    // The agent opened an article (the running contact records it).
    void articleOpened(const QString &articleId);
    // "Start this request": hand the article's request type to intake.
    void startRequest(const QString &serviceCode);
    // An article was created or changed here.
    void articlesChanged();
    // What is typed has shown "No good match" for a few seconds (the running contact records
    // it as a gap in the knowledge base).
    void searchUnanswered(const QString &query, const QString &language);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    static constexpr int listLimit = 1000; // every article, when nothing is typed
    static constexpr int searchLimit = 50;

    void retranslate();
    void fillFilters();
    void runQuery();
    void runQueryNow();
    QString stateFilter() const;
    ArticleQuery currentQuery(int limit) const;
    void catchUp();
    void openFirstResult();
    void applyHits(const QList<ArticleHit> &hits);
    void showArticle(const QModelIndex &index);
    void showArticleById(const QString &articleId);
    void markCurrentRead();
    void refreshChanged();
    void afterChange(const QString &articleId);

    const ArticleRepository &m_articles;
    KnowledgeService *m_service = nullptr;
    ArticleSearcher *m_searcher;
    ArticleHitModel *m_model;
    QLabel *m_searchLabel;
    QLineEdit *m_search;
    QComboBox *m_language;
    QComboBox *m_department;
    QComboBox *m_state;
    QLabel *m_countLabel;
    QLabel *m_noMatch;
    QPushButton *m_widen;
    QString m_callerLanguage;
    QListView *m_list;
    QTextBrowser *m_view;
    QSplitter *m_splitter;
    bool m_splitterMoved = false; // the agent's own split is kept
    // The article on screen came up by itself (the first of the list while nothing is
    // typed): it is not counted as opened, however long it stays.
    bool m_shownByItself = false;
    QPushButton *m_start;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_history;
    QPushButton *m_reviewDue;
    QString m_currentId;
    std::function<QDate()> m_today = [] { return QDate::currentDate(); };
    QString m_currentServiceCode;
    QString m_preferredId;
    QTimer *m_debounce;
    QTimer *m_openTimer;
    QTimer *m_gapTimer;
    QString m_lastGap;
};

} // namespace civicdesk
