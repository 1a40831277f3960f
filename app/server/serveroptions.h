#pragma once

#include "models/domain/agentrole.h"
#include "models/domain/result.h"

#include <QHostAddress>
#include <QStringList>

namespace civicdesk {

struct ServerOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8311;
    QString database; // SQLite file path
    QString importCity;
    bool replaceCity = false; // --replace-city: the import replaces another city in the store
    QString checkCity;        // --check-city: read the pack, list every problem, write nothing
    QString publicUrl; // how clients reach the API (for discovery), e.g. behind nginx; empty:
                       // http://ADDR:PORT/open311/v2 with the port bound

    // One-shot account and key commands (each exits when done); empty when serving.
    enum class Admin
    {
        None,
        AddUser,
        ResetPassword,
        DisableUser,
        EnableUser,
        CreateApiKey,
        RevokeApiKey
    };
    Admin admin = Admin::None;
    QString adminSubject; // the user name or key label
    AgentRole role = AgentRole::CallTaker;
};

// Parses and validates civicdesk-server's command line (--help and --version print and exit).
Result<ServerOptions> parseServerOptions(const QStringList &arguments);

} // namespace civicdesk
