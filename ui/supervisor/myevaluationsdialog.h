#pragma once

#include "models/domain/clock.h"

#include <QDialog>
#include <QTimeZone>
#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace civicdesk {

class QualityReviews;
class SupervisionServices;

// An agent's own evaluations (nobody else's): score, reviewer, comment, and until when they
// may be answered; Acknowledge (Alt+K) or Dispute (Alt+D, with a reason) the selected one; the
// selected one in full below the list, with the decision on a dispute and the coaching notes.
class MyEvaluationsDialog : public QDialog
{
    Q_OBJECT

public:
    MyEvaluationsDialog(const SupervisionServices &services, const QString &agent,
                        const QTimeZone &cityZone, Clock clock, QWidget *parent = nullptr);
    ~MyEvaluationsDialog() override;

    void refresh();
    QTableWidget *table() const { return m_table; }

private:
    void answer(bool dispute);
    void showDetails(); // the selected evaluation: decision and coaching notes

    std::unique_ptr<QualityReviews> m_reviews;
    QString m_agent;
    QTimeZone m_zone;
    QTableWidget *m_table;
    QLineEdit *m_note;
    QPushButton *m_acknowledge;
    QPushButton *m_dispute;
    QLabel *m_details;
    QLabel *m_message;
    QStringList m_ids; // evaluation id per row
};

} // namespace civicdesk
