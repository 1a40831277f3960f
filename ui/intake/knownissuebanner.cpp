#include "ui/intake/knownissuebanner.h"

#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace civicdesk {

KnownIssueBanner::KnownIssueBanner(const QTimeZone &cityZone, QWidget *parent)
    : QFrame(parent), m_cityZone(cityZone)
{
    setObjectName(QStringLiteral("knownIssueBanner"));
    setFrameShape(QFrame::StyledPanel);
    // High contrast in both themes: the palette's highlight behind its own text colour.
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, p.color(QPalette::ToolTipBase));
    p.setColor(QPalette::WindowText, p.color(QPalette::ToolTipText));
    setPalette(p);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("knownIssueTitle"));
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_agentText = new QLabel(this);
    m_agentText->setObjectName(QStringLiteral("knownIssueAgentText"));
    m_agentText->setWordWrap(true);
    m_agentText->setTextFormat(Qt::PlainText);
    m_script = new QLabel(this);
    m_script->setObjectName(QStringLiteral("knownIssueScript"));
    m_script->setWordWrap(true);
    m_script->setTextFormat(Qt::PlainText);
    m_attach = new QPushButton(this);
    m_attach->setObjectName(QStringLiteral("knownIssueAttachButton"));
    m_attach->setAutoDefault(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_agentText);
    layout->addWidget(m_script);
    layout->addWidget(m_attach, 0, Qt::AlignLeft);
    const auto attach = [this] {
        if (m_issue)
            emit attachRequested(m_issue->parentId, m_issue->parentNumber);
    };
    connect(m_attach, &QPushButton::clicked, this, attach);
    // Active only while the banner shows.
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_K), this);
    connect(shortcut, &QShortcut::activated, this, attach);
    retranslate();
    hide();
}

void KnownIssueBanner::showFor(const QList<KnownIssue> &issues, const QString &serviceCode,
                               std::optional<std::pair<double, double>> place, const QDateTime &now)
{
    m_issue = place ? KnownIssue::applicable(issues, serviceCode, place->first, place->second, now)
                    : std::nullopt;
    retranslate();
    setVisible(m_issue.has_value());
}

void KnownIssueBanner::clear()
{
    m_issue.reset();
    hide();
}

void KnownIssueBanner::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

void KnownIssueBanner::retranslate()
{
    setAccessibleName(tr("Known issue"));
    m_attach->setText(tr("Attach the caller to the known issue's request (Ctrl+K)"));
    m_attach->setAccessibleName(tr("Attach the caller to the known issue's request"));
    if (!m_issue)
        return;
    m_title->setText(tr("Known issue: %1 · request %2 · until %3")
                         .arg(m_issue->typeName, m_issue->parentNumber,
                              QLocale().toString(m_issue->expiresAt.toTimeZone(m_cityZone).time(),
                                                 QLocale::ShortFormat)));
    m_agentText->setText(m_issue->agentText);
    m_script->setText(m_issue->callerScript.isEmpty()
                          ? QString()
                          : tr("Say to the caller: “%1”").arg(m_issue->callerScript));
    m_script->setVisible(!m_issue->callerScript.isEmpty());
}

} // namespace civicdesk
