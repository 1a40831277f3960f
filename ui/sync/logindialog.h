#pragma once

#include <QDialog>
#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace civicdesk {

// Signs the agent in against the central store. The password lives only in the password field
// while the dialog is open: it is handed to `signIn` and the field is cleared; only the
// session token is kept (by the sync client). "Work offline" closes the dialog and the agent
// keeps working on the local store.
class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    // `signIn(user, password, done)`: `done("")` on success, `done(message)` otherwise.
    using SignIn = std::function<void(const QString &user, const QString &password,
                                      std::function<void(const QString &error)> done)>;

    LoginDialog(const QString &server, const QString &user, const QString &reason, SignIn signIn,
                QWidget *parent = nullptr);

    QString user() const;

private:
    void submit();

    SignIn m_signIn;
    QLabel *m_reason;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_message;
    QPushButton *m_ok;
    QPushButton *m_offline;
};

} // namespace civicdesk
