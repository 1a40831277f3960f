#pragma once

#include "models/quality/intakereplay.h"
#include "ui/supervisor/supervisorcontext.h"

#include <QWidget>
#include <optional>

class QComboBox;
class QLabel;
class QTableView;
class QTableWidget;

namespace civicdesk {

class HistoryServices;
class TimelineModel;

// A contact's intake replayed beside the list it was picked from: each step on a time line
// (type chosen and changed, answers and corrections, location, duplicates shown and the
// decision, articles opened, read-back, outcome) with the time it took, a summary of what the
// steps add up to, and the request the contact made or joined with the request's timeline.
class ReplayPanel : public QWidget
{
    Q_OBJECT

public:
    ReplayPanel(const SupervisorContext &context, HistoryServices &history,
                QWidget *parent = nullptr);

    // Replays the contact; false (and the reason shown) when it cannot be replayed.
    bool showContact(const QString &contactId);
    const std::optional<IntakeReplay> &replay() const { return m_replay; }
    QTableWidget *stepsTable() const { return m_steps; }
    TimelineModel *timeline() const { return m_timeline; }
    QString requestId() const;
    // What a step did, in one sentence.
    QString describe(const ReplayStep &step) const;
    QString summary() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    // Wrapped labels keep the height their lines need (a splitter does not ask them).
    void fitLabels();
    QString stepName(const ReplayStep &step) const;
    QString typeName(const QString &code) const;
    void showRequest(int index);

    SupervisorContext m_context;
    HistoryServices &m_history;
    IntakeReplays m_replays;
    std::optional<IntakeReplay> m_replay;
    QLabel *m_title;
    QLabel *m_summary;
    QTableWidget *m_steps;
    QComboBox *m_request;
    QLabel *m_requestInfo;
    QTableView *m_timelineView;
    TimelineModel *m_timeline;
};

} // namespace civicdesk
