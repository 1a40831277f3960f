#pragma once

#include "models/domain/clock.h"
#include "models/quality/reviewsampling.h"
#include "ui/supervisor/evaluationdialog.h"
#include "ui/supervisor/evaluationfollowupdialog.h"
#include "ui/supervisor/formeditordialog.h"

#include <QPointer>
#include <QTimeZone>
#include <QWidget>
#include <memory>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace civicdesk {

class EventStore;
class QualityReviews;
class SupervisionServices;
struct EvaluationForm;

// The supervisor's quality review: the month's centre sample (short and long contacts, the
// reviewers spread over it) or N contacts per agent (one reviewer each, spread evenly), Enter on a
// contact to score it on the published form beside its recorded steps, and every evaluation with
// the reviewers' agreement (Krippendorff's alpha); Enter on an evaluation to decide the agent's
// dispute or add a coaching note.
class ReviewPanel : public QWidget
{
    Q_OBJECT

public:
    ReviewPanel(const SupervisionServices &services, EventStore &events, const QString &user,
                const QTimeZone &cityZone, Clock clock, QWidget *parent = nullptr);
    ~ReviewPanel() override;

    // The form a centre starts from (published as version 1 by "Publish the standard form").
    static EvaluationForm standardForm();

    void refresh();
    QualityReviews &reviews() { return *m_reviews; }
    const QList<SampledContact> &sample() const { return m_sample; }
    EvaluationDialog *evaluationDialog() const { return m_dialog; }
    EvaluationFollowUpDialog *followUpDialog() const { return m_followUp; }
    FormEditorDialog *formEditor() const { return m_formEditor; }

private:
    void drawSample();
    void scoreCurrent();
    // Agreement overall and per question, and calibration against the first reviewer named.
    void showAgreement(const QList<Evaluation> &evaluations, const QString &formId);
    void followUpCurrent(); // the evaluation under the cursor: decide a dispute, coach
    void publishStandardForm();
    void editForm(); // the latest version in the editor; publishing makes the next

    const SupervisionServices &m_services;
    EventStore &m_events;
    QTimeZone m_zone;
    Clock m_clock;
    std::unique_ptr<QualityReviews> m_reviews;
    QList<SampledContact> m_sample;
    QDateEdit *m_month;
    QSpinBox *m_short;
    QSpinBox *m_long;
    QSpinBox *m_longFrom;
    QLineEdit *m_reviewers;
    QComboBox *m_kind; // centre sample or per agent
    QSpinBox *m_perAgent;
    QPushButton *m_draw;
    QPushButton *m_publish;
    QPushButton *m_editForm;
    QLabel *m_formLabel;
    QLabel *m_message;
    QTableWidget *m_sampleTable;
    QTableWidget *m_evaluations;
    QLabel *m_agreement;
    QPointer<EvaluationDialog> m_dialog;
    QStringList m_evaluationIds; // per row of m_evaluations
    QPointer<EvaluationFollowUpDialog> m_followUp;
    QPointer<FormEditorDialog> m_formEditor;
};

} // namespace civicdesk
