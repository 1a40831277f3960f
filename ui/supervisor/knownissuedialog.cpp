#include "ui/supervisor/knownissuedialog.h"

#include "models/intake/knownissues.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace civicdesk {

KnownIssueDialog::KnownIssueDialog(const Cluster &cluster, KnownIssues &issues,
                                   const QTimeZone &zone, const QDateTime &now, QWidget *parent)
    : QDialog(parent), m_cluster(cluster), m_issues(issues), m_now(now),
      m_agentText(new QPlainTextEdit(this)), m_script(new QPlainTextEdit(this)),
      m_hours(new QSpinBox(this)), m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("knownIssueDialog"));
    setWindowTitle(tr("Post a known issue"));
    const ClusterRequest &parentRequest = cluster.parent();
    const QString since =
        QLocale().toString(cluster.first().toTimeZone(zone).time(), QLocale::ShortFormat);
    auto *summary = new QLabel(
        tr("%1 · %n request(s) within %2 m of %3 since %4 · callers are attached to request %5",
           nullptr, int(cluster.requests.size()))
            .arg(cluster.typeName)
            .arg(qRound(cluster.metres))
            .arg(parentRequest.address, since, parentRequest.number),
        this);
    summary->setWordWrap(true);
    summary->setObjectName(QStringLiteral("knownIssueSummary"));

    m_agentText->setObjectName(QStringLiteral("knownIssueAgentTextEdit"));
    m_agentText->setAccessibleName(tr("What agents should know"));
    m_agentText->setTabChangesFocus(true);
    m_agentText->setPlainText(
        tr("%n report(s) of %1 near %2 since %3. Attach new callers to request %4.", nullptr,
           int(cluster.requests.size()))
            .arg(cluster.typeName, parentRequest.address, since, parentRequest.number));
    m_script->setObjectName(QStringLiteral("knownIssueScriptEdit"));
    m_script->setAccessibleName(tr("Script for callers"));
    m_script->setTabChangesFocus(true);
    m_script->setPlainText(tr("We already know about this problem near %1 and the crew has been "
                              "told. I will add you to request %2 so you hear when it is fixed.")
                               .arg(parentRequest.address, parentRequest.number));
    m_hours->setObjectName(QStringLiteral("knownIssueHoursBox"));
    m_hours->setAccessibleName(tr("Expires in hours"));
    m_hours->setRange(1, KnownIssue::MaxDays * 24);
    m_hours->setValue(4);
    m_hours->setSuffix(tr(" h"));
    m_error->setObjectName(QStringLiteral("knownIssueError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(bright-text); font-weight: bold"));
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("What agents should &know:"), m_agentText);
    form->addRow(tr("&Script for callers:"), m_script);
    form->addRow(tr("E&xpires in:"), m_hours);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Post to every agent"));
    buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Post the known issue"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &KnownIssueDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &KnownIssueDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
    m_agentText->setFocus(Qt::OtherFocusReason);
}

void KnownIssueDialog::accept()
{
    KnownIssue issue;
    issue.serviceCode = m_cluster.serviceCode;
    issue.typeName = m_cluster.typeName;
    issue.agentText = m_agentText->toPlainText();
    issue.callerScript = m_script->toPlainText();
    issue.latitude = m_cluster.latitude;
    issue.longitude = m_cluster.longitude;
    issue.metres = m_cluster.metres;
    issue.expiresAt = m_now.addSecs(qint64(m_hours->value()) * 3600);
    issue.parentId = m_cluster.parent().id;
    issue.parentNumber = m_cluster.parent().number;
    auto posted = m_issues.post(issue);
    if (!posted) {
        m_error->setText(posted.error().message);
        m_error->show();
        m_agentText->setFocus(Qt::OtherFocusReason);
        return;
    }
    m_postedId = posted.value();
    QDialog::accept();
}

} // namespace civicdesk
