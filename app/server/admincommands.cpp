#include "app/server/admincommands.h"

#include "models/accounts/accountstore.h"

#include <QCoreApplication>
#include <cstdio>
#include <iostream>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(AdminCommands)
};

QString readPassword()
{
    const bool terminal = ::isatty(STDIN_FILENO);
    termios saved{};
    if (terminal) {
        std::fprintf(stderr, "%s", qPrintable(Text::tr("Password: ")));
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
    }
    QString password = QString::fromStdString(line);
    if (password.endsWith(u'\r'))
        password.chop(1);
    return password;
}

int report(const Status &status, const QString &done)
{
    if (!status) {
        std::fprintf(stderr, "civicdesk-server: %s\n", qPrintable(status.error().message));
        return 1;
    }
    std::printf("%s\n", qPrintable(done));
    return 0;
}

} // namespace

int runAdminCommand(const ServerOptions &options, Database &database)
{
    AccountStore accounts(database);
    const QString &subject = options.adminSubject;
    using Admin = ServerOptions::Admin;
    switch (options.admin) {
    case Admin::AddUser:
        return report(accounts.addUser(subject, options.role, readPassword()),
                      Text::tr("added user %1 (%2)").arg(subject, agentRoleName(options.role)));
    case Admin::ResetPassword:
        return report(accounts.resetPassword(subject, readPassword()),
                      Text::tr("password of %1 changed; their sessions ended").arg(subject));
    case Admin::DisableUser:
        return report(accounts.setDisabled(subject, true),
                      Text::tr("disabled user %1").arg(subject));
    case Admin::EnableUser:
        return report(accounts.setDisabled(subject, false),
                      Text::tr("enabled user %1").arg(subject));
    case Admin::CreateApiKey: {
        auto key = accounts.createApiKey(subject);
        if (!key)
            return report(key.error(), {});
        std::printf(
            "%s\n%s\n",
            qPrintable(Text::tr("API key for %1 (shown once; keep it secret):").arg(subject)),
            qPrintable(key.value()));
        return 0;
    }
    case Admin::RevokeApiKey:
        return report(accounts.revokeApiKey(subject),
                      Text::tr("revoked the API key of %1").arg(subject));
    case Admin::None:
        break;
    }
    return 2;
}

} // namespace civicdesk
