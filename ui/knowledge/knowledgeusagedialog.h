#pragma once

#include "models/knowledge/knowledgeusage.h"

#include <QDate>
#include <QDialog>

class QComboBox;
class QTableWidget;

namespace civicdesk {

// For knowledge editors and supervisors: over the last week, month or year, the articles that
// closed information calls (opened on contacts that ended "information given") and the searches
// nothing answered — the articles to write next. Enter on an answer opens it in the panel.
class KnowledgeUsageDialog : public QDialog
{
    Q_OBJECT

public:
    KnowledgeUsageDialog(KnowledgeUsage usage, const QDate &today, QWidget *parent = nullptr);

    void reload();

signals:
    void articleActivated(const QString &articleId);

private:
    KnowledgeUsage m_usage;
    QDate m_today;
    QComboBox *m_period;
    QTableWidget *m_answers;
    QTableWidget *m_gaps;
};

} // namespace civicdesk
