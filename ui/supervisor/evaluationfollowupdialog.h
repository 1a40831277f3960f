#pragma once

#include <QDialog>
#include <QTimeZone>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace civicdesk {

class QualityReviews;
struct Evaluation;

// What follows an evaluation, for the supervisor: the evaluation as it stands (score, the
// agent's acknowledgement or dispute, a decision, the coaching notes) and, by keyboard, the
// decision on a dispute — Uphold (Alt+U) or Rescore (Alt+R, with the new score) — and a
// coaching note linked to the evaluation (Alt+C). Each is a review.* event; the permission
// table says who may (a decision only on a disputed evaluation not decided yet).
class EvaluationFollowUpDialog : public QDialog
{
    Q_OBJECT

public:
    EvaluationFollowUpDialog(QualityReviews &reviews, QString evaluationId,
                             const QTimeZone &cityZone, QWidget *parent = nullptr);

    QString evaluationId() const { return m_id; }
    void refresh();

private:
    void decide(bool upheld);
    void addCoachingNote();

    QualityReviews &m_reviews;
    QString m_id;
    QTimeZone m_zone;
    QLabel *m_summary;
    QLineEdit *m_note;
    QDoubleSpinBox *m_score;
    QPushButton *m_uphold;
    QPushButton *m_rescore;
    QPushButton *m_coach;
    QLabel *m_message;
};

// One evaluation in words, for the supervisor and the agent alike: score, the agent's answer,
// the decision and the coaching notes (rich text, escaped).
QString evaluationSummary(const Evaluation &evaluation, const QTimeZone &cityZone);

} // namespace civicdesk
