#include "ui/sync/logindialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace civicdesk {

LoginDialog::LoginDialog(const QString &server, const QString &user, const QString &reason,
                         SignIn signIn, QWidget *parent)
    : QDialog(parent), m_signIn(std::move(signIn)), m_reason(new QLabel(this)),
      m_user(new QLineEdit(user, this)), m_password(new QLineEdit(this)),
      m_message(new QLabel(this)), m_ok(new QPushButton(tr("&Sign in"), this)),
      m_offline(new QPushButton(tr("Work &offline"), this))
{
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(tr("Sign in to the central store"));
    m_reason->setObjectName(QStringLiteral("loginReasonLabel"));
    m_reason->setWordWrap(true);
    m_reason->setText(reason.isEmpty() ? tr("Sign in to sync with %1.").arg(server)
                                       : reason + u"\n" + tr("Server: %1").arg(server));
    m_user->setObjectName(QStringLiteral("loginUserLineEdit"));
    m_password->setObjectName(QStringLiteral("loginPasswordLineEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_message->setObjectName(QStringLiteral("loginMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_ok->setObjectName(QStringLiteral("loginSignInButton"));
    m_ok->setDefault(true);
    m_offline->setObjectName(QStringLiteral("loginOfflineButton"));

    auto *form = new QFormLayout;
    auto *userLabel = new QLabel(tr("&User name:"), this);
    userLabel->setBuddy(m_user);
    auto *passwordLabel = new QLabel(tr("&Password:"), this);
    passwordLabel->setBuddy(m_password);
    form->addRow(userLabel, m_user);
    form->addRow(passwordLabel, m_password);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_ok, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_offline, QDialogButtonBox::RejectRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_reason);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(m_ok, &QPushButton::clicked, this, &LoginDialog::submit);
    connect(m_offline, &QPushButton::clicked, this, &QDialog::reject);
    connect(this, &QDialog::finished, m_password, &QLineEdit::clear);
    // Wide enough that the server address and a refusal reason read on one or two lines.
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    (user.isEmpty() ? m_user : m_password)->setFocus();
}

QString LoginDialog::user() const
{
    return m_user->text().trimmed();
}

void LoginDialog::submit()
{
    if (user().isEmpty() || m_password->text().isEmpty()) {
        m_message->setText(tr("Enter your user name and password."));
        return;
    }
    m_ok->setEnabled(false);
    m_message->setText(tr("Signing in…"));
    const QString password = m_password->text();
    m_password->clear();
    QPointer<LoginDialog> self(this);
    m_signIn(user(), password, [self](const QString &error) {
        if (!self)
            return;
        self->m_ok->setEnabled(true);
        if (error.isEmpty()) {
            self->accept();
            return;
        }
        self->m_message->setText(error);
        self->m_password->setFocus();
    });
}

} // namespace civicdesk
