#pragma once

#include "models/domain/supervision/evaluationform.h"

#include <QDialog>
#include <QList>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace civicdesk {

class QualityReviews;
struct Event;

// Scores one contact with an evaluation form, by keyboard: one answer list per question (Yes,
// No, 1..N, N/A where allowed) and a comment beside it, questions that are not asked greyed
// out, the score as it stands, an overall comment, and the contact's recorded intake steps.
// Submit (Ctrl+Return) writes the evaluation, or shows why it cannot be written.
class EvaluationDialog : public QDialog
{
    Q_OBJECT

public:
    EvaluationDialog(QualityReviews &reviews, EvaluationForm form, QString contactId, QString agent,
                     QString sample, const QList<Event> &steps, QWidget *parent = nullptr);

    ReviewAnswers answers() const;
    QString submittedId() const { return m_submittedId; }
    QString error() const;

private:
    struct Row
    {
        FormQuestion question = {};
        QComboBox *answer = nullptr;
        QLineEdit *comment = nullptr;
    };

    void rescore();
    void submit();

    QualityReviews &m_reviews;
    EvaluationForm m_form;
    QString m_contactId;
    QString m_agent;
    QString m_sample;
    QList<Row> m_rows;
    QLabel *m_score;
    QLabel *m_error;
    QPlainTextEdit *m_comment;
    QPushButton *m_submit;
    QString m_submittedId;
};

} // namespace civicdesk
