#pragma once

#include "models/domain/permissions/agentrole.h"
#include "models/domain/result.h"

#include <QHostAddress>
#include <QList>
#include <QStringList>
#include <utility>

namespace civicdesk {

// How the server protects itself from clients that hold connections or send too much.
struct ConnectionLimits
{
    static constexpr int DefaultMaxConnections = 2000;
    // Open client connections; one more is answered 503 with Retry-After and closed. 0: the
    // default, lowered to what the process's descriptor limit allows.
    int maxConnections = 0;
    // Of those, connections that have not carried a valid sign-in token: the rest is a reserve
    // for signed-in workstations. 0: three quarters of maxConnections.
    int maxAnonymousConnections = 0;
    int headerTimeoutSeconds = 10; // from a request's first byte (or the connection) to its head
    // A kept-alive connection with no request in progress. Longer than nginx's upstream
    // keepalive_timeout (60 s), so that nginx, not the server, closes its idle connections.
    int idleTimeoutSeconds = 75;
};

// How sign-ins are admitted: Argon2id checks on a few worker threads with a bounded queue (full:
// 503 with Retry-After), and attempts per minute from one address and for one account.
struct SignInLimits
{
    int workers = 2;
    int queue = 100;
    // Enough for a shift change of a whole contact centre behind one NAT address, few enough to
    // slow password spraying across accounts (each account also locks after five failures).
    int perAddressPerMinute = 120;
    int perAccountPerMinute = 10;
    // Peers whose X-Forwarded-For is believed (nginx on this machine: 127.0.0.1 and ::1).
    QList<std::pair<QHostAddress, int>> trustedProxies;
};

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

    ConnectionLimits connections;
    SignInLimits signIns;
    // Pushes that may wait for the store writer; more are answered 503 with Retry-After.
    int pushQueue = 256;
};

// Parses and validates civicdesk-server's command line (--help and --version print and exit).
// Each limit may also come from the environment (CIVICDESK_MAX_CONNECTIONS...: what
// /etc/civicdesk/server.env sets); the command line wins.
Result<ServerOptions> parseServerOptions(const QStringList &arguments);

} // namespace civicdesk
