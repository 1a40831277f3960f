#pragma once

#include "models/domain/supervision/knownissue.h"

#include <QFrame>
#include <QTimeZone>
#include <optional>

class QLabel;
class QPushButton;

namespace civicdesk {

// Shown in the intake when a known issue covers the type and place the agent picked: what
// agents should know, the script for the caller, and one key (Ctrl+K) that attaches the caller
// to the issue's parent request instead of taking a new one. Which issue applies is the
// domain's decision (KnownIssue::applicable); the banner only shows it.
class KnownIssueBanner : public QFrame
{
    Q_OBJECT

public:
    // `cityZone`: the expiry is said in the city's time, whatever the workstation's zone.
    explicit KnownIssueBanner(const QTimeZone &cityZone, QWidget *parent = nullptr);

    // Shows the issue in force for this type at this place now, or hides when none applies
    // (or when no place is known yet).
    void showFor(const QList<KnownIssue> &issues, const QString &serviceCode,
                 std::optional<std::pair<double, double>> place, const QDateTime &now);
    void clear();
    const std::optional<KnownIssue> &issue() const { return m_issue; }
    QPushButton *attachButton() const { return m_attach; }

signals:
    void attachRequested(const QString &requestId, const QString &number);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QTimeZone m_cityZone;

    std::optional<KnownIssue> m_issue;
    QLabel *m_title;
    QLabel *m_agentText;
    QLabel *m_script;
    QPushButton *m_attach;
};

} // namespace civicdesk
