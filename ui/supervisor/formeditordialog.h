#pragma once

#include "models/domain/supervision/evaluationform.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace civicdesk {

class QualityReviews;

// The supervisor's evaluation-form editor, by keyboard: the title and the overall-comment
// threshold; sections with their weights; each section's questions — yes/no or a scale, N/A
// allowed, critical (a "no" fails the whole evaluation), a comment required below an answer,
// asked only when an earlier question has a given answer. Publish (Alt+P or Ctrl+Return) checks
// the whole form (EvaluationForm::validate: the message names the section or question at fault)
// and publishes it as the next version; evaluations already scored keep the version they were
// scored on.
class FormEditorDialog : public QDialog
{
    Q_OBJECT

public:
    // `form`: the version to start from (the latest published, or the standard form).
    FormEditorDialog(QualityReviews &reviews, EvaluationForm form, QWidget *parent = nullptr);

    const EvaluationForm &form() const { return m_form; }
    int publishedVersion() const { return m_published; }
    QString error() const;

private:
    FormSection *currentSection();
    FormQuestion *currentQuestion();
    void showSections();
    void showSection();
    void showQuestion();
    void storeForm();
    void storeSection();
    void storeQuestion();
    void addSection();
    void removeSection();
    void addQuestion();
    void removeQuestion();
    void publish();
    QString unusedId(const QString &prefix) const;

    QualityReviews &m_reviews;
    EvaluationForm m_form;
    int m_published = 0;
    bool m_loading = false;
    QLineEdit *m_title;
    QSpinBox *m_commentBelowScore;
    QListWidget *m_sections;
    QLineEdit *m_sectionTitle;
    QDoubleSpinBox *m_weight;
    QPushButton *m_addSection;
    QPushButton *m_removeSection;
    QListWidget *m_questions;
    QLineEdit *m_text;
    QComboBox *m_kind;
    QSpinBox *m_scaleMax;
    QCheckBox *m_notApplicable;
    QCheckBox *m_critical;
    QSpinBox *m_commentBelow;
    QComboBox *m_showIf;
    QSpinBox *m_showIfValue;
    QPushButton *m_addQuestion;
    QPushButton *m_removeQuestion;
    QPushButton *m_publish;
    QLabel *m_message;
};

} // namespace civicdesk
