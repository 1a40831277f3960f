// The knowledge panel's article: the one shown (counted as opened once it has stayed a moment),
// read marks, the refresh after a change elsewhere, and the editor, history, usage and review-due
// windows.

#include "models/knowledge/articlerepository.h"
#include "models/knowledge/articlesearcher.h"
#include "models/knowledge/knowledgeservice.h"
#include "ui/knowledge/articleeditordialog.h"
#include "ui/knowledge/articlehistorydialog.h"
#include "ui/knowledge/articlehitmodel.h"
#include "ui/knowledge/articlehtml.h"
#include "ui/knowledge/knowledgepanel.h"
#include "ui/knowledge/knowledgeusagedialog.h"
#include "ui/knowledge/reviewduedialog.h"

#include <QListView>
#include <QPushButton>
#include <QTextBrowser>
#include <QTimer>

namespace civicdesk {

void KnowledgePanel::showArticle(const QModelIndex &index)
{
    if (index.isValid())
        showArticleById(index.data(ArticleHitModel::IdRole).toString());
}

void KnowledgePanel::showArticleById(const QString &articleId)
{
    const auto article = m_articles.byId(articleId);
    if (!article)
        return;
    const int row = m_model->rowOf(articleId);
    const bool changed =
        row >= 0 && m_model->index(row, 0).data(ArticleHitModel::ChangedRole).toBool();
    m_view->setHtml(ArticleHtml::article(*article, changed, m_today()));
    m_currentServiceCode = article->serviceCodes.value(0);
    m_start->setVisible(!m_currentServiceCode.isEmpty());
    m_edit->setEnabled(m_service &&
                       (m_service->canEdit(*article) || m_service->canRevise(*article)));
    // An article counts as opened once it has stayed on screen for a moment, not when it
    // flashes past as the first hit while the agent types, nor when it came up by itself.
    m_currentId = article->id;
    if (m_shownByItself)
        m_openTimer->stop();
    else
        m_openTimer->start();
}

void KnowledgePanel::openArticle(const QString &articleId)
{
    const int row = m_model->rowOf(articleId);
    if (row >= 0)
        m_list->setCurrentIndex(m_model->index(row, 0));
    else
        showArticleById(articleId);
}

void KnowledgePanel::markCurrentRead()
{
    if (!m_service || m_currentId.isEmpty())
        return;
    if (m_service->markRead(m_currentId).ok())
        refreshChanged();
}

void KnowledgePanel::refreshChanged()
{
    if (m_service)
        m_model->setChanged(m_service->changedSinceRead());
}

void KnowledgePanel::refreshArticles()
{
    m_articles.invalidate();
    m_searcher->invalidate();
    fillFilters();
    m_preferredId = m_currentId;
    runQueryNow();
    refreshChanged();
}

void KnowledgePanel::afterChange(const QString &articleId)
{
    m_searcher->invalidate();
    fillFilters();
    m_preferredId = articleId;
    runQueryNow();
    if (m_currentId != articleId)
        showArticleById(articleId);
    emit articlesChanged();
}

void KnowledgePanel::newArticle()
{
    if (!canEdit())
        return;
    auto *dialog = new ArticleEditorDialog(*m_service, {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ArticleEditorDialog::articleChanged, this, &KnowledgePanel::afterChange);
    dialog->show();
}

void KnowledgePanel::editCurrentArticle()
{
    if (!canEdit() || m_currentId.isEmpty())
        return;
    auto *dialog = new ArticleEditorDialog(*m_service, m_currentId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ArticleEditorDialog::articleChanged, this, &KnowledgePanel::afterChange);
    dialog->show();
}

void KnowledgePanel::showHistory()
{
    if (!m_service || m_currentId.isEmpty())
        return;
    auto *dialog = new ArticleHistoryDialog(m_service->history(), m_currentId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void KnowledgePanel::showUsage()
{
    auto *dialog = new KnowledgeUsageDialog(KnowledgeUsage(m_articles), m_today(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &KnowledgeUsageDialog::articleActivated, this, &KnowledgePanel::openArticle);
    dialog->show();
}

void KnowledgePanel::showReviewDue()
{
    if (!m_service)
        return;
    auto *dialog = new ReviewDueDialog(*m_service, m_today(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReviewDueDialog::articleActivated, this, &KnowledgePanel::openArticle);
    connect(dialog, &ReviewDueDialog::articleChanged, this, &KnowledgePanel::afterChange);
    dialog->show();
}

} // namespace civicdesk
