#include "ui/common/switchagentdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace civicdesk {

SwitchAgentDialog::SwitchAgentDialog(const QString &current, const QString &currentRole,
                                     bool passwordNeeded, SignIn signIn, QWidget *parent)
    : QDialog(parent), m_signIn(std::move(signIn)), m_passwordNeeded(passwordNeeded),
      m_user(new QLineEdit(this)), m_password(new QLineEdit(this)), m_message(new QLabel(this)),
      m_switch(new QPushButton(tr("&Switch"), this))
{
    setObjectName(QStringLiteral("switchAgentDialog"));
    setWindowTitle(tr("Switch agent"));
    auto *who = new QLabel(tr("Signed in now: %1 (%2). The next agent signs in here; the window "
                              "and the lobby queue stay open.")
                               .arg(current, currentRole),
                           this);
    who->setObjectName(QStringLiteral("switchAgentCurrentLabel"));
    who->setWordWrap(true);
    m_user->setObjectName(QStringLiteral("switchAgentUserLineEdit"));
    m_user->setAccessibleName(tr("Next agent's user name"));
    m_password->setObjectName(QStringLiteral("switchAgentPasswordLineEdit"));
    m_password->setAccessibleName(tr("Next agent's password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_message->setObjectName(QStringLiteral("switchAgentMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_switch->setObjectName(QStringLiteral("switchAgentSwitchButton"));
    m_switch->setAccessibleName(tr("Switch to the next agent"));
    m_switch->setDefault(true);
    auto *cancel = new QPushButton(tr("Cancel"), this);
    cancel->setObjectName(QStringLiteral("switchAgentCancelButton"));
    cancel->setAccessibleName(tr("Cancel the switch"));

    auto *form = new QFormLayout;
    auto *userLabel = new QLabel(tr("&Next agent:"), this);
    userLabel->setBuddy(m_user);
    form->addRow(userLabel, m_user);
    if (passwordNeeded) {
        auto *passwordLabel = new QLabel(tr("&Password:"), this);
        passwordLabel->setBuddy(m_password);
        form->addRow(passwordLabel, m_password);
    } else {
        m_password->hide();
    }
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_switch, QDialogButtonBox::AcceptRole);
    buttons->addButton(cancel, QDialogButtonBox::RejectRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(who);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(m_switch, &QPushButton::clicked, this, &SwitchAgentDialog::submit);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(this, &QDialog::finished, m_password, &QLineEdit::clear);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    m_user->setFocus();
}

QString SwitchAgentDialog::user() const
{
    return m_user->text().trimmed();
}

void SwitchAgentDialog::reject()
{
    if (m_switch->isEnabled())
        QDialog::reject();
}

void SwitchAgentDialog::submit()
{
    if (user().isEmpty() || (m_passwordNeeded && m_password->text().isEmpty())) {
        m_message->setText(m_passwordNeeded ? tr("Enter the next agent's user name and password.")
                                            : tr("Enter the next agent's name."));
        (user().isEmpty() ? m_user : m_password)->setFocus();
        return;
    }
    m_switch->setEnabled(false);
    m_message->setText(tr("Signing in…"));
    const QString password = m_password->text();
    m_password->clear();
    QPointer<SwitchAgentDialog> self(this);
    m_signIn(user(), password, [self](const QString &error) {
        if (!self)
            return;
        self->m_switch->setEnabled(true);
        if (error.isEmpty()) {
            self->accept();
            return;
        }
        self->m_message->setText(error);
        (self->m_passwordNeeded ? self->m_password : self->m_user)->setFocus();
    });
}

} // namespace civicdesk
