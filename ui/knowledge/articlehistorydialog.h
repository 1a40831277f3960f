#pragma once

#include "models/knowledge/articleversion.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QTableWidget;
class QTextBrowser;

namespace civicdesk {

class ArticleHistory;

// An article's history: every version with who, when and its state, and any two versions side
// by side with the words removed and added highlighted. Shown without blocking (show()).
class ArticleHistoryDialog : public QDialog
{
    Q_OBJECT

public:
    ArticleHistoryDialog(const ArticleHistory &history, const QString &articleId,
                         QWidget *parent = nullptr);

    // Compares two versions (by number); the older one goes on the left.
    void compare(int from, int to);
    int versionCount() const { return int(m_versions.size()); }

private:
    void compareSelected();
    QString changeText(const ArticleVersion &version) const;

    QList<ArticleVersion> m_versions;
    QTableWidget *m_table;
    QComboBox *m_from;
    QComboBox *m_to;
    QLabel *m_summary;
    QTextBrowser *m_left;
    QTextBrowser *m_right;
};

} // namespace civicdesk
