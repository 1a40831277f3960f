#pragma once

#include "models/domain/knowledge/knowledgearticle.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace civicdesk {

class KnowledgeService;

// Writes one knowledge article (editors and supervisors): its fields, saved as an
// article.created or article.edited event, and the lifecycle moves the person's role allows
// (send for review, publish, withdraw, archive, restore). Shown without blocking (show(), never
// exec()); problems appear in the dialog itself.
class ArticleEditorDialog : public QDialog
{
    Q_OBJECT

public:
    // An empty `articleId` starts a new draft.
    ArticleEditorDialog(KnowledgeService &service, const QString &articleId,
                        QWidget *parent = nullptr);

    QString articleId() const { return m_article.id; }
    QString message() const;

    // Saves the fields; true when saved (or nothing changed).
    bool save();
    // Saves what was typed, then moves the article to `to`.
    bool moveTo(KnowledgeArticle::State to);
    // A published article's revision: published for agents (supervisors), or thrown away.
    bool publishRevision();
    bool discardRevision();

signals:
    // The article was written (created, edited or moved).
    void articleChanged(const QString &articleId);

private:
    void load(const KnowledgeArticle &article);
    void fill(const KnowledgeArticle &article);
    KnowledgeArticle collect() const;
    void updateActions();
    void showMessage(const QString &text, bool error);
    QString moveLabel(KnowledgeArticle::State to) const;

    KnowledgeService &m_service;
    KnowledgeArticle m_article;
    QLineEdit *m_title;
    QComboBox *m_language;
    QComboBox *m_audience;
    QComboBox *m_department;
    QLineEdit *m_serviceCodes;
    QLineEdit *m_keywords;
    QPlainTextEdit *m_script;
    QPlainTextEdit *m_body;
    QLineEdit *m_transferName;
    QLineEdit *m_transferPhone;
    QLineEdit *m_transferHours;
    QDateEdit *m_reviewDue;
    QLineEdit *m_note;
    QLabel *m_stateLabel;
    QLabel *m_message;
    QPushButton *m_save;
    // The form shows (and Save keeps) a revision beside the published article.
    bool m_revising = false;
    bool m_revisionPending = false;
    QHBoxLayout *m_moves;
};

} // namespace civicdesk
