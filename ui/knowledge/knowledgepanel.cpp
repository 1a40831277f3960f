#include "knowledge/knowledgepanel.h"

#include "itemmodels/articlelistmodel.h"
#include "storage/articlerepository.h"

#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace civicdesk {

KnowledgePanel::KnowledgePanel(const ArticleRepository &articles, QWidget *parent)
    : QWidget(parent), m_articles(articles), m_model(new ArticleListModel(articles, this)),
      m_searchLabel(new QLabel(this)), m_search(new QLineEdit(this)),
      m_countLabel(new QLabel(this)), m_list(new QListView(this)), m_view(new QTextBrowser(this)),
      m_debounce(new QTimer(this))
{
    m_search->setObjectName(QStringLiteral("articleSearchLineEdit"));
    m_search->setClearButtonEnabled(true);
    m_searchLabel->setBuddy(m_search);
    m_countLabel->setObjectName(QStringLiteral("articleCountLabel"));
    m_list->setObjectName(QStringLiteral("articleListView"));
    m_list->setModel(m_model);
    m_list->setUniformItemSizes(true);
    m_view->setObjectName(QStringLiteral("articleTextBrowser"));
    m_view->setOpenExternalLinks(false);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(80);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_view);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_searchLabel);
    layout->addWidget(m_search);
    layout->addWidget(m_countLabel);
    layout->addWidget(splitter, 1);

    m_search->installEventFilter(this);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &KnowledgePanel::runQuery);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showArticle(current); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_countLabel->setText(tr("%n article(s)", nullptr, m_model->rowCount()));
        if (m_model->rowCount() > 0)
            m_list->setCurrentIndex(m_model->index(0, 0));
        else
            m_view->clear();
    });
    retranslate();
    m_countLabel->setText(tr("%n article(s)", nullptr, m_model->rowCount()));
    if (m_model->rowCount() > 0)
        m_list->setCurrentIndex(m_model->index(0, 0));
}

void KnowledgePanel::retranslate()
{
    m_searchLabel->setText(tr("&Search the knowledge base:"));
    m_search->setPlaceholderText(tr("What is the caller asking about?"));
    m_search->setAccessibleName(tr("Search the knowledge base"));
    m_list->setAccessibleName(tr("Articles"));
    m_view->setAccessibleName(tr("Article"));
    m_countLabel->setText(tr("%n article(s)", nullptr, m_model->rowCount()));
}

void KnowledgePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void KnowledgePanel::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

int KnowledgePanel::resultCount() const
{
    return m_model->rowCount();
}

void KnowledgePanel::runQuery()
{
    m_model->setQuery(m_search->text());
}

bool KnowledgePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            if (m_debounce->isActive()) {
                m_debounce->stop();
                runQuery();
            }
            const int rows = m_model->rowCount();
            if (rows > 0) {
                const int row = std::clamp(
                    m_list->currentIndex().row() + (key == Qt::Key_Down ? 1 : -1), 0, rows - 1);
                m_list->setCurrentIndex(m_model->index(row, 0));
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void KnowledgePanel::showArticle(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const auto article = m_articles.byId(index.data(ArticleListModel::IdRole).toString());
    if (!article)
        return;
    QString html = u"<h2>" + article->title.toHtmlEscaped() + u"</h2>";
    const QString snippet = index.data(ArticleListModel::SnippetRole).toString();
    if (!article->script.isEmpty())
        html += u"<table width='100%' cellpadding='8' bgcolor='#eef5ff'><tr><td><b>" +
                tr("Read to the caller:") + u"</b><br>" + article->script.toHtmlEscaped() +
                u"</td></tr></table>";
    html += u"<p>" + article->body.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>")) + u"</p>";
    if (!article->keywords.isEmpty())
        html += u"<p><small><b>" + tr("Keywords:") + u"</b> " + article->keywords.toHtmlEscaped() +
                u"</small></p>";
    if (!article->serviceCodes.isEmpty())
        html += u"<p><small><b>" + tr("Request type:") + u"</b> " +
                article->serviceCodes.join(QStringLiteral(", ")).toHtmlEscaped() + u"</small></p>";
    if (!snippet.isEmpty())
        html += u"<hr><p><small>" + tr("Matched:") + u" " + snippet + u"</small></p>";
    m_view->setHtml(html);
}

} // namespace civicdesk
