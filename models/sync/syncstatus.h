#pragma once

#include <QDateTime>
#include <QString>

namespace civicdesk {

// What the agent is told about sync: connection, changes waiting, last successful sync.
struct SyncStatus
{
    enum class Connection
    {
        Connecting, // started, no answer yet
        Online,     // the last call reached the server
        Offline,    // the server cannot be reached; work continues locally
        SignedOut   // the token is missing or expired: sign in again (nothing is lost)
    };
    Connection connection = Connection::Connecting;
    int waiting = 0;  // local changes not yet in the central store
    int rejected = 0; // changes the server refused, waiting for the agent
    QDateTime lastSuccess;
    QString lastError;
};

} // namespace civicdesk
