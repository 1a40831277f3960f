#include "knowledge/knowledgepanel.h"

#include "itemmodels/articlelistmodel.h"
#include "storage/articlerepository.h"

#include <QEvent>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

namespace civicdesk {

KnowledgePanel::KnowledgePanel(const ArticleRepository &articles, QWidget *parent)
    : QWidget(parent), m_articles(articles), m_model(new ArticleListModel(articles, this)),
      m_searchLabel(new QLabel(this)), m_search(new QLineEdit(this)),
      m_countLabel(new QLabel(this)), m_list(new QListView(this)), m_view(new QTextBrowser(this)),
      m_start(new QPushButton(this)), m_debounce(new QTimer(this)), m_openTimer(new QTimer(this))
{
    m_openTimer->setSingleShot(true);
    m_openTimer->setInterval(1000);
    connect(m_openTimer, &QTimer::timeout, this, [this] { emit articleOpened(m_currentId); });
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
    layout->addWidget(m_start);

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
    m_start->setText(tr("Start this request (Ctrl+Shift+S)"));
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
    if (!article->script.isEmpty())
        html += u"<table width='100%' cellpadding='8' bgcolor='#eef5ff'><tr><td><b>" +
                tr("Read to the caller:") + u"</b><br>" + article->script.toHtmlEscaped() +
                u"</td></tr></table>";
    const QJsonObject transfer = QJsonDocument::fromJson(article->transferTarget.toUtf8()).object();
    if (!transfer.isEmpty())
        html += u"<p><b>" + tr("Transfer:") + u"</b> " +
                transfer.value(u"name").toString().toHtmlEscaped() + u" — <b>" +
                transfer.value(u"phone").toString().toHtmlEscaped() + u"</b> " +
                transfer.value(u"hours").toString().toHtmlEscaped() + u"</p>";
    // Article bodies are light Markdown: headings, lists, links.
    QTextDocument body;
    body.setMarkdown(article->body);
    QString bodyHtml = body.toHtml();
    const qsizetype start = bodyHtml.indexOf(u"<body");
    const qsizetype open = start < 0 ? -1 : bodyHtml.indexOf(u'>', start);
    const qsizetype end = bodyHtml.lastIndexOf(u"</body>");
    if (open >= 0 && end > open)
        bodyHtml = bodyHtml.mid(open + 1, end - open - 1);
    html += bodyHtml;
    if (!article->keywords.isEmpty())
        html += u"<p><small><b>" + tr("Keywords:") + u"</b> " + article->keywords.toHtmlEscaped() +
                u"</small></p>";
    if (article->reviewDue.isValid())
        html +=
            u"<p><small>" +
            tr("Review due: %1").arg(QLocale().toString(article->reviewDue, QLocale::ShortFormat)) +
            u"</small></p>";
    m_view->setHtml(html);
    m_currentServiceCode = article->serviceCodes.value(0);
    m_start->setVisible(!m_currentServiceCode.isEmpty());
    // An article counts as opened once it has stayed on screen for a moment, not when it
    // flashes past as the first hit while the agent types.
    m_currentId = article->id;
    m_openTimer->start();
}

} // namespace civicdesk
