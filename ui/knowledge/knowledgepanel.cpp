#include "ui/knowledge/knowledgepanel.h"

#include "models/knowledge/articlerepository.h"
#include "models/knowledge/articlesearcher.h"
#include "models/knowledge/knowledgeservice.h"
#include "ui/knowledge/articlehitmodel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace civicdesk {

KnowledgePanel::KnowledgePanel(const ArticleRepository &articles, QWidget *parent)
    : QWidget(parent), m_articles(articles), m_searcher(new ArticleSearcher(articles, this)),
      m_model(new ArticleHitModel(this)), m_searchLabel(new QLabel(this)),
      m_search(new QLineEdit(this)), m_language(new QComboBox(this)),
      m_department(new QComboBox(this)), m_state(new QComboBox(this)),
      m_countLabel(new QLabel(this)), m_noMatch(new QLabel(this)), m_widen(new QPushButton(this)),
      m_list(new QListView(this)), m_view(new QTextBrowser(this)),
      m_splitter(new QSplitter(Qt::Vertical, this)), m_start(new QPushButton(this)),
      m_new(new QPushButton(this)), m_edit(new QPushButton(this)), m_history(new QPushButton(this)),
      m_reviewDue(new QPushButton(this)), m_debounce(new QTimer(this)),
      m_openTimer(new QTimer(this)), m_gapTimer(new QTimer(this))
{
    // A search counts as unanswered once "No good match" has stayed for a moment, not while
    // the agent is still typing it.
    m_gapTimer->setSingleShot(true);
    m_gapTimer->setInterval(2500);
    connect(m_gapTimer, &QTimer::timeout, this, [this] {
        const QString query = m_search->text().simplified();
        if (query.isEmpty() || query == m_lastGap || !showsNoGoodMatch())
            return;
        m_lastGap = query;
        emit searchUnanswered(query, m_articles.readingLanguage(currentQuery(searchLimit)));
    });
    m_openTimer->setSingleShot(true);
    m_openTimer->setInterval(1000);
    connect(m_openTimer, &QTimer::timeout, this, [this] {
        emit articleOpened(m_currentId);
        markCurrentRead();
    });
    m_start->setObjectName(QStringLiteral("startRequestButton"));
    m_start->hide();
    connect(m_start, &QPushButton::clicked, this, [this] {
        if (!m_currentServiceCode.isEmpty())
            emit startRequest(m_currentServiceCode);
    });
    auto *startShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this);
    startShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(startShortcut, &QShortcut::activated, m_start, &QPushButton::click);
    m_search->setObjectName(QStringLiteral("articleSearchLineEdit"));
    m_search->setClearButtonEnabled(true);
    m_searchLabel->setBuddy(m_search);
    m_language->setObjectName(QStringLiteral("articleLanguageComboBox"));
    m_department->setObjectName(QStringLiteral("articleDepartmentComboBox"));
    m_state->setObjectName(QStringLiteral("articleStateComboBox"));
    m_state->hide();
    m_countLabel->setObjectName(QStringLiteral("articleCountLabel"));
    m_noMatch->setObjectName(QStringLiteral("noGoodMatchLabel"));
    m_noMatch->setWordWrap(true);
    m_noMatch->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; color: #3b2f00; "
                                            "padding: 4px; border: 1px solid #d4b106; }"));
    m_noMatch->hide();
    m_widen->setObjectName(QStringLiteral("widenSearchButton"));
    m_widen->hide();
    connect(m_widen, &QPushButton::clicked, this, &KnowledgePanel::widenSearch);
    auto *widenShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), this);
    widenShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(widenShortcut, &QShortcut::activated, this, &KnowledgePanel::widenSearch);
    m_list->setObjectName(QStringLiteral("articleListView"));
    m_list->setModel(m_model);
    m_list->setUniformItemSizes(true);
    m_view->setObjectName(QStringLiteral("articleTextBrowser"));
    m_view->setOpenExternalLinks(false);
    m_new->setObjectName(QStringLiteral("newArticleButton"));
    m_edit->setObjectName(QStringLiteral("editArticleButton"));
    m_history->setObjectName(QStringLiteral("articleHistoryButton"));
    m_reviewDue->setObjectName(QStringLiteral("reviewDueButton"));
    for (QPushButton *b : {m_new, m_edit, m_history, m_reviewDue})
        b->hide();
    // Short: the query itself runs off this thread; this only saves work while keys repeat.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(30);

    // One line each (search and label, filters and count): beside History lines are scarce.
    auto *search = new QHBoxLayout;
    search->addWidget(m_searchLabel);
    search->addWidget(m_search, 1);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_language);
    filters->addWidget(m_department, 1);
    filters->addWidget(m_state);
    filters->addWidget(m_countLabel);
    auto *tools = new QHBoxLayout;
    for (QPushButton *b : {m_new, m_edit, m_history, m_reviewDue})
        tools->addWidget(b);
    tools->addStretch(1);
    m_splitter->addWidget(m_list);
    m_splitter->addWidget(m_view);
    m_splitter->setChildrenCollapsible(false);
    // Its scroll bar would hold the list at about four rows: two rows are enough to move in.
    m_list->setMinimumHeight(2 * (fontMetrics().height() + 4));
    // The article gets most of the height: the script must be readable without scrolling.
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_splitterMoved = true; });
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(search);
    layout->addLayout(filters);
    layout->addWidget(m_noMatch);
    layout->addWidget(m_widen);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_start);
    layout->addLayout(tools);

    m_search->installEventFilter(this);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &KnowledgePanel::runQuery);
    connect(m_searcher, &ArticleSearcher::resultsReady, this,
            [this](quint64, const QList<ArticleHit> &hits) { applyHits(hits); });
    connect(m_searcher, &ArticleSearcher::failed, m_countLabel, &QLabel::setText);
    for (QComboBox *filter : {m_language, m_department, m_state})
        connect(filter, &QComboBox::activated, this, &KnowledgePanel::runQueryNow);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showArticle(current); });
    // A click on the article already shown by itself opens it (no change of the current row).
    connect(m_list, &QAbstractItemView::clicked, this, [this](const QModelIndex &index) {
        if (index == m_list->currentIndex() && !m_currentId.isEmpty() && !m_openTimer->isActive())
            m_openTimer->start();
    });
    connect(m_new, &QPushButton::clicked, this, &KnowledgePanel::newArticle);
    connect(m_edit, &QPushButton::clicked, this, &KnowledgePanel::editCurrentArticle);
    connect(m_history, &QPushButton::clicked, this, &KnowledgePanel::showHistory);
    connect(m_reviewDue, &QPushButton::clicked, this, &KnowledgePanel::showReviewDue);
    retranslate();
    runQueryNow();
}

KnowledgePanel::~KnowledgePanel() = default;

void KnowledgePanel::fillFilters()
{
    const int language = std::max(0, m_language->currentIndex());
    const QString department = m_department->currentData().toString();
    const int state = std::max(0, m_state->currentIndex());
    m_language->clear();
    m_language->addItem(tr("All languages"), QString());
    m_language->addItem(tr("English"), QStringLiteral("en"));
    m_language->addItem(tr("Spanish"), QStringLiteral("es"));
    m_language->setCurrentIndex(language);
    m_department->clear();
    m_department->addItem(tr("All departments"), QString());
    const QList<Department> departments = m_articles.departments();
    for (const Department &d : departments)
        m_department->addItem(d.name, d.code);
    m_department->setCurrentIndex(std::max(0, m_department->findData(department)));
    m_state->clear();
    m_state->addItem(tr("Published"), QStringLiteral("published"));
    m_state->addItem(tr("Drafts"), QStringLiteral("draft"));
    m_state->addItem(tr("In review"), QStringLiteral("in_review"));
    m_state->addItem(tr("Archived"), QStringLiteral("archived"));
    m_state->addItem(tr("All states"), QStringLiteral("*"));
    m_state->setCurrentIndex(state);
}

void KnowledgePanel::retranslate()
{
    m_searchLabel->setText(tr("Search the knowledge base:"));
    m_search->setPlaceholderText(tr("What is the caller asking about?"));
    m_search->setAccessibleName(tr("Search the knowledge base"));
    m_language->setAccessibleName(tr("Language"));
    m_department->setAccessibleName(tr("Department"));
    m_state->setAccessibleName(tr("State"));
    m_list->setAccessibleName(tr("Articles"));
    m_view->setAccessibleName(tr("Article"));
    m_start->setText(tr("Start this request (Ctrl+Shift+S)"));
    m_widen->setText(tr("Search all languages and departments (Ctrl+Shift+A)"));
    m_widen->setAccessibleName(tr("Search all languages and departments"));
    m_noMatch->setAccessibleName(tr("No good match"));
    m_new->setText(tr("New article"));
    m_edit->setText(tr("Edit"));
    m_history->setText(tr("History"));
    m_reviewDue->setText(tr("Review due"));
    m_countLabel->setText(tr("%n article(s)", nullptr, m_model->rowCount()));
    fillFilters();
}

void KnowledgePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void KnowledgePanel::setService(KnowledgeService *service)
{
    m_service = service;
    const bool editing = canEdit();
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_state, m_new, m_edit, m_history, m_reviewDue})
        w->setVisible(editing);
    refreshChanged();
    if (!m_currentId.isEmpty())
        showArticleById(m_currentId);
}

bool KnowledgePanel::canEdit() const
{
    return m_service && mayEditArticles(m_service->role());
}

void KnowledgePanel::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void KnowledgePanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_splitterMoved)
        return;
    // Stretch factors only share out spare room; on a short screen there is none, so the split
    // is set here: three result rows, and the rest for the article and its script.
    const int total = m_splitter->height();
    const int rows =
        m_list->sizeHintForRow(0) > 0 ? m_list->sizeHintForRow(0) : fontMetrics().height() + 4;
    const int list = std::clamp(rows * 3 + 2 * m_list->frameWidth(), total / 5, total / 3);
    m_splitter->setSizes({list, std::max(0, total - list)});
}

} // namespace civicdesk
