// The knowledge panel's search: the query from what is typed and the filters, run on the search
// thread (or at once for the plain list), the results with "No good match" and the closest
// suggestions, and the keys that move through them from the search box.

#include "models/knowledge/articlerepository.h"
#include "models/knowledge/articlesearcher.h"
#include "ui/knowledge/articlehitmodel.h"
#include "ui/knowledge/knowledgepanel.h"

#include <QComboBox>
#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QTextBrowser>
#include <QTimer>
#include <algorithm>

namespace civicdesk {

int KnowledgePanel::resultCount() const
{
    return m_model->rowCount();
}

int KnowledgePanel::staleResultsDiscarded() const
{
    return m_searcher->staleDiscarded();
}

ArticleQuery KnowledgePanel::currentQuery(int limit) const
{
    ArticleQuery query;
    query.text = m_search->text();
    query.language = m_language->currentData().toString();
    query.department = m_department->currentData().toString();
    query.limit = limit;
    query.state = stateFilter();
    query.today = m_today();
    query.callerLanguage = m_callerLanguage;
    return query;
}

void KnowledgePanel::runQuery()
{
    if (m_search->text().trimmed().isEmpty()) {
        runQueryNow(); // the plain list is cheap
        return;
    }
    m_searcher->search(currentQuery(searchLimit));
}

void KnowledgePanel::runQueryNow()
{
    m_debounce->stop();
    const bool plain = m_search->text().trimmed().isEmpty();
    ArticleQuery query = currentQuery(plain ? listLimit : searchLimit);
    query.headingsOnly = plain;
    applyHits(m_searcher->searchNow(query));
}

void KnowledgePanel::setCallerLanguage(const QString &language)
{
    m_callerLanguage = language;
    const int index = m_language->findData(language);
    if (index >= 0)
        m_language->setCurrentIndex(index);
    runQueryNow();
}

bool KnowledgePanel::showsNoGoodMatch() const
{
    return !m_noMatch->isHidden();
}

void KnowledgePanel::widenSearch()
{
    m_language->setCurrentIndex(0);
    m_department->setCurrentIndex(0);
    runQueryNow();
}

void KnowledgePanel::catchUp()
{
    // Act on the results of what is typed now, never on stale ones.
    if (m_debounce->isActive() || m_searcher->isPending())
        runQueryNow();
}

void KnowledgePanel::openFirstResult()
{
    catchUp();
    if (m_model->rowCount() == 0)
        return;
    if (!m_list->currentIndex().isValid())
        m_list->setCurrentIndex(m_model->index(0, 0));
    // Opened on purpose: counts at once, and the agent reads on in the article.
    m_openTimer->stop();
    if (!m_currentId.isEmpty()) {
        emit articleOpened(m_currentId);
        markCurrentRead();
    }
    m_view->setFocus(Qt::OtherFocusReason);
}

QString KnowledgePanel::stateFilter() const
{
    // Agents: what is published and in effect; editors: the chosen state, whatever the dates.
    return canEdit() ? m_state->currentData().toString() : QString();
}

void KnowledgePanel::setToday(std::function<QDate()> today)
{
    m_today = std::move(today);
    runQueryNow();
}

void KnowledgePanel::applyHits(const QList<ArticleHit> &hits)
{
    m_model->setToday(m_today());
    m_model->setHits(hits);
    refreshChanged();
    m_countLabel->setText(tr("%n article(s)", nullptr, m_model->rowCount()));
    const int preferred = m_preferredId.isEmpty() ? -1 : m_model->rowOf(m_preferredId);
    m_preferredId.clear();
    // Nothing answers what is typed: say so, and offer the closest as suggestions (none opened).
    const bool noGoodMatch =
        !m_search->text().trimmed().isEmpty() && (hits.isEmpty() || !hits.first().isGoodMatch());
    m_noMatch->setText(hits.isEmpty()
                           ? tr("No good match: no article holds these words.")
                           : tr("No good match: none of these articles answers all of what is "
                                "typed. The closest are listed as suggestions."));
    m_noMatch->setVisible(noGoodMatch);
    if (noGoodMatch)
        m_gapTimer->start();
    else
        m_gapTimer->stop();
    m_widen->setVisible(noGoodMatch &&
                        (m_language->currentIndex() > 0 || m_department->currentIndex() > 0));
    if (m_model->rowCount() > 0 && (!noGoodMatch || preferred >= 0)) {
        // With nothing typed (a contact starting, the caller's language set) the first article
        // is only the top of the list, not one the agent looked up.
        m_shownByItself = preferred < 0 && m_search->text().trimmed().isEmpty();
        m_list->setCurrentIndex(m_model->index(std::max(0, preferred), 0));
        m_shownByItself = false;
    } else {
        m_list->setCurrentIndex({});
        m_view->clear();
        m_start->hide();
    }
}

bool KnowledgePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            openFirstResult();
            return true;
        }
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            catchUp();
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

} // namespace civicdesk
