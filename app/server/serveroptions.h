#pragma once

#include "domain/result.h"

#include <QHostAddress>
#include <QStringList>

namespace civicdesk {

struct ServerOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8311;
    QString database; // SQLite file path
    QString importCity;
    QString publicUrl; // how clients reach the API (for discovery), e.g. behind nginx
};

// Parses and validates civicdesk-server's command line (--help and --version print and exit).
Result<ServerOptions> parseServerOptions(const QStringList &arguments);

} // namespace civicdesk
