#pragma once

#include <QDate>
#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;

namespace civicdesk {

class KnowledgeService;

// The articles whose review is overdue or due within 30 days, most overdue first. Enter opens
// one in the knowledge panel; editors and supervisors can confirm one is still right (its next
// review a year from today). Shown without blocking (show()).
class ReviewDueDialog : public QDialog
{
    Q_OBJECT

public:
    ReviewDueDialog(KnowledgeService &service, const QDate &today, QWidget *parent = nullptr);

    void reload();
    int count() const;

signals:
    void articleActivated(const QString &articleId);
    void articleChanged(const QString &articleId);

private:
    void markReviewed();

    KnowledgeService &m_service;
    QDate m_today;
    QListWidget *m_list;
    QLabel *m_message;
    QPushButton *m_reviewed;
};

} // namespace civicdesk
