#pragma once

#include <QDialog>
#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace civicdesk {

// The next agent at a shared PC signs in (File ▸ Switch agent, Ctrl+Shift+U) while the window
// and the lobby queue stay open. With a central store the password is checked there; a
// standalone workstation has no accounts and asks for the name only. The password lives only
// in its field while the dialog is open and is cleared when it is handed on.
class SwitchAgentDialog : public QDialog
{
    Q_OBJECT

public:
    // `signIn(user, password, done)`: `done("")` when the agent is signed in, `done(message)`
    // (shown in the dialog, which stays open) otherwise.
    using SignIn = std::function<void(const QString &user, const QString &password,
                                      std::function<void(const QString &error)> done)>;

    // `current`: who is signed in now (and their role, as the agent reads it).
    SwitchAgentDialog(const QString &current, const QString &currentRole, bool passwordNeeded,
                      SignIn signIn, QWidget *parent = nullptr);

    QString user() const;

protected:
    // Not while the next agent is being signed in: the answer decides who works here.
    void reject() override;

private:
    void submit();

    SignIn m_signIn;
    bool m_passwordNeeded;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_message;
    QPushButton *m_switch;
};

} // namespace civicdesk
