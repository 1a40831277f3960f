#include "app/server/serveroptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace civicdesk {

namespace {
class OptionsText
{
    Q_DECLARE_TR_FUNCTIONS(ServerOptions)
};

// The text of a limit: the command line's, else the environment's (empty: not set).
std::pair<QString, QString> limitText(const QCommandLineParser &parser,
                                      const QCommandLineOption &option, const char *variable)
{
    if (parser.isSet(option))
        return {parser.value(option), QStringLiteral("--") + option.names().constFirst()};
    return {qEnvironmentVariable(variable), QString::fromLatin1(variable)};
}

// A whole-number limit within [min, max]; `target` keeps its default when neither the command
// line nor the environment sets it.
Status readLimit(const QCommandLineParser &parser, const QCommandLineOption &option,
                 const char *variable, int min, int max, int *target)
{
    const auto [text, source] = limitText(parser, option, variable);
    if (text.trimmed().isEmpty() && !parser.isSet(option))
        return Ok{};
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < min || value > max)
        return makeError(QStringLiteral("cli.limit"),
                         OptionsText::tr("%1 \"%2\" must be a whole number from %3 to %4.")
                             .arg(source, text)
                             .arg(min)
                             .arg(max));
    *target = value;
    return Ok{};
}

// "127.0.0.1, ::1, 10.0.0.0/8": addresses or networks, separated by commas or spaces.
Status readProxies(const QCommandLineParser &parser, const QCommandLineOption &option,
                   const char *variable, QList<std::pair<QHostAddress, int>> *target)
{
    const auto [text, source] = limitText(parser, option, variable);
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    for (const QString &entry : text.split(separators, Qt::SkipEmptyParts)) {
        std::pair<QHostAddress, int> subnet{QHostAddress(entry), -1};
        if (!entry.contains(u'/'))
            subnet.second = subnet.first.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32;
        else
            subnet = QHostAddress::parseSubnet(entry);
        if (subnet.first.isNull() || subnet.second < 0)
            return makeError(QStringLiteral("cli.proxies"),
                             OptionsText::tr("%1: \"%2\" is not an IP address or network (e.g. "
                                             "127.0.0.1, ::1 or 10.0.0.0/8).")
                                 .arg(source, entry));
        target->append(subnet);
    }
    return Ok{};
}

} // namespace

Result<ServerOptions> parseServerOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(OptionsText::tr(
        "civicdesk-server, the central store of CivicDesk: the sync API for workstations "
        "(/api/v1) and Open311 GeoReport v2 for web, mobile and open-data clients (/open311)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        OptionsText::tr("Address and port to listen on (default "
                        "127.0.0.1:8311; port 0 picks a free one). Put nginx in front for TLS."),
        QStringLiteral("ADDR:PORT"));
    const QCommandLineOption database(
        QStringLiteral("database"),
        OptionsText::tr("The store: an SQLite file path (default: civicdesk-server.sqlite in "
                        "the data folder; one site) or a PostgreSQL 15 database, "
                        "postgresql://user:password@host:port/dbname (a city; several server "
                        "processes may share it). Percent-encode reserved characters in the "
                        "password (@ as %40, / as %2F)."),
        QStringLiteral("URL"));
    const QCommandLineOption importCity(
        QStringLiteral("import-city"),
        OptionsText::tr("Load a city pack into the store (idempotent) and "
                        "exit."),
        QStringLiteral("DIR"));
    const QCommandLineOption checkCity(
        QStringLiteral("check-city"),
        OptionsText::tr("Read a city pack as --import-city would, list every problem (file, line "
                        "or key, what was expected) and exit: 0 when there is none, 1 otherwise. "
                        "Writes nothing."),
        QStringLiteral("DIR"));
    const QCommandLineOption replaceCity(
        QStringLiteral("replace-city"),
        OptionsText::tr("With --import-city: replace the city the store holds by the pack's (a "
                        "store holds one city; refused when requests were recorded in it)."));
    const QCommandLineOption publicUrl(
        QStringLiteral("public-url"),
        OptionsText::tr("The URL clients use to reach the Open311 API, for "
                        "discovery (default: http://ADDR:PORT/open311/v2)."),
        QStringLiteral("URL"));
    const QCommandLineOption addUser(
        QStringLiteral("add-user"),
        OptionsText::tr("Add a user (with --role) and exit; the password is read from standard "
                        "input (at least 10 characters)."),
        QStringLiteral("NAME"));
    const QCommandLineOption role(
        QStringLiteral("role"),
        OptionsText::tr("The role for --add-user: call_taker, lobby, supervisor, trainer, "
                        "editor or admin."),
        QStringLiteral("ROLE"));
    const QCommandLineOption resetPassword(
        QStringLiteral("reset-password"),
        OptionsText::tr("Set a user's password (read from standard input), end their sessions "
                        "and unlock the account, then exit."),
        QStringLiteral("NAME"));
    const QCommandLineOption disableUser(
        QStringLiteral("disable-user"),
        OptionsText::tr("Disable a user (their tokens stop working at once) and exit."),
        QStringLiteral("NAME"));
    const QCommandLineOption enableUser(QStringLiteral("enable-user"),
                                        OptionsText::tr("Enable a disabled user again and exit."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption createApiKey(
        QStringLiteral("create-api-key"),
        OptionsText::tr("Make an Open311 API key for LABEL (the app or partner using it), print "
                        "it as the last line and exit."),
        QStringLiteral("LABEL"));
    const QCommandLineOption revokeApiKey(QStringLiteral("revoke-api-key"),
                                          OptionsText::tr("Revoke the API key of LABEL and exit."),
                                          QStringLiteral("LABEL"));
    const QCommandLineOption maxConnections(
        QStringLiteral("max-connections"),
        OptionsText::tr("Open client connections at most (default %1, or fewer when the "
                        "descriptor limit is lower); one more is answered 503 with Retry-After "
                        "and closed. Environment: CIVICDESK_MAX_CONNECTIONS.")
            .arg(ConnectionLimits::DefaultMaxConnections),
        QStringLiteral("N"));
    const QCommandLineOption maxAnonymousConnections(
        QStringLiteral("max-anonymous-connections"),
        OptionsText::tr("Of those, connections that have not carried a valid sign-in token "
                        "(default: three quarters); the rest are kept for signed-in "
                        "workstations, which are never refused while a connection not signed "
                        "in sits idle. Environment: CIVICDESK_MAX_ANONYMOUS_CONNECTIONS."),
        QStringLiteral("N"));
    const QCommandLineOption headerTimeout(
        QStringLiteral("header-timeout"),
        OptionsText::tr("Seconds a client has to send a request's head (default 10). "
                        "Environment: CIVICDESK_HEADER_TIMEOUT."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption idleTimeout(
        QStringLiteral("idle-timeout"),
        OptionsText::tr("Seconds an idle kept-alive connection stays open (default 75; keep it "
                        "above nginx's keepalive_timeout). Environment: CIVICDESK_IDLE_TIMEOUT."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption trustedProxies(
        QStringLiteral("trusted-proxies"),
        OptionsText::tr("Addresses or networks of reverse proxies whose X-Forwarded-For names "
                        "the client (e.g. 127.0.0.1,::1 for nginx on this machine; default: "
                        "none). Environment: CIVICDESK_TRUSTED_PROXIES."),
        QStringLiteral("LIST"));
    const QCommandLineOption signInWorkers(
        QStringLiteral("sign-in-workers"),
        OptionsText::tr("Threads that check passwords (default 2). Environment: "
                        "CIVICDESK_SIGN_IN_WORKERS."),
        QStringLiteral("N"));
    const QCommandLineOption signInQueue(
        QStringLiteral("sign-in-queue"),
        OptionsText::tr("Sign-ins that may wait for a password check (default 100); more are "
                        "answered 503 with Retry-After. Environment: CIVICDESK_SIGN_IN_QUEUE."),
        QStringLiteral("N"));
    const QCommandLineOption signInsPerAddress(
        QStringLiteral("sign-ins-per-address"),
        OptionsText::tr("Sign-in attempts a minute from one client address (default 120). "
                        "Environment: CIVICDESK_SIGN_INS_PER_ADDRESS."),
        QStringLiteral("N"));
    const QCommandLineOption signInsPerAccount(
        QStringLiteral("sign-ins-per-account"),
        OptionsText::tr("Sign-in attempts a minute for one user name (default 10). "
                        "Environment: CIVICDESK_SIGN_INS_PER_ACCOUNT."),
        QStringLiteral("N"));
    const QCommandLineOption pushQueue(
        QStringLiteral("push-queue"),
        OptionsText::tr("Pushes (and sign-ins, sign-outs, Open311 POSTs) that may wait to be "
                        "written (default 256); more are answered 503 with Retry-After. "
                        "Environment: CIVICDESK_PUSH_QUEUE."),
        QStringLiteral("N"));
    parser.addOptions({listen,
                       database,
                       importCity,
                       checkCity,
                       replaceCity,
                       publicUrl,
                       addUser,
                       role,
                       resetPassword,
                       disableUser,
                       enableUser,
                       createApiKey,
                       revokeApiKey,
                       maxConnections,
                       maxAnonymousConnections,
                       headerTimeout,
                       idleTimeout,
                       trustedProxies,
                       signInWorkers,
                       signInQueue,
                       signInsPerAddress,
                       signInsPerAccount,
                       pushQueue});
    if (!parser.parse(arguments))
        return makeError(QStringLiteral("cli.parse"), parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        return makeError(QStringLiteral("cli.parse"),
                         OptionsText::tr("Unexpected argument \"%1\". See --help.")
                             .arg(parser.positionalArguments().first()));
    ServerOptions options;
    const QList<std::pair<const QCommandLineOption *, ServerOptions::Admin>> adminCommands = {
        {&addUser, ServerOptions::Admin::AddUser},
        {&resetPassword, ServerOptions::Admin::ResetPassword},
        {&disableUser, ServerOptions::Admin::DisableUser},
        {&enableUser, ServerOptions::Admin::EnableUser},
        {&createApiKey, ServerOptions::Admin::CreateApiKey},
        {&revokeApiKey, ServerOptions::Admin::RevokeApiKey}};
    for (const auto &[option, command] : adminCommands) {
        if (!parser.isSet(*option))
            continue;
        if (options.admin != ServerOptions::Admin::None || parser.isSet(importCity) ||
            parser.isSet(checkCity))
            return makeError(
                QStringLiteral("cli.parse"),
                OptionsText::tr("Give one command at a time (--import-city, "
                                "--check-city, --add-user, --reset-password, --disable-user, "
                                "--enable-user, --create-api-key, "
                                "--revoke-api-key)."));
        options.admin = command;
        options.adminSubject = parser.value(*option).trimmed();
    }
    if (options.admin == ServerOptions::Admin::AddUser) {
        const auto parsed = agentRoleFromName(parser.value(role));
        if (!parsed)
            return makeError(QStringLiteral("cli.role"),
                             OptionsText::tr("--add-user needs --role, one of: %1.")
                                 .arg(agentRoleNames().join(u", ")));
        options.role = *parsed;
    } else if (parser.isSet(role)) {
        return makeError(QStringLiteral("cli.role"),
                         OptionsText::tr("--role goes with --add-user; to change a role use "
                                         "PATCH /api/v1/users/NAME as an admin."));
    }
    if (parser.isSet(listen)) {
        const QString value = parser.value(listen);
        const qsizetype colon = value.lastIndexOf(u':');
        bool portOk = false;
        const uint port = colon < 0 ? 0 : value.mid(colon + 1).toUInt(&portOk);
        const QHostAddress address(value.left(colon));
        if (colon < 0 || !portOk || port > 65535 || address.isNull())
            return makeError(
                QStringLiteral("cli.listen"),
                OptionsText::tr("--listen \"%1\" must be ADDR:PORT, e.g. 127.0.0.1:8311 or "
                                "0.0.0.0:8311.")
                    .arg(value));
        options.address = address;
        options.port = quint16(port);
    }
    options.database = parser.isSet(database)
                           ? parser.value(database)
                           : QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                                 .filePath(QStringLiteral("civicdesk-server.sqlite"));
    if (parser.isSet(checkCity)) {
        if (parser.isSet(importCity))
            return makeError(QStringLiteral("cli.parse"),
                             OptionsText::tr("Give --check-city or --import-city, not both."));
        options.checkCity = parser.value(checkCity);
        if (!QFileInfo(options.checkCity).isDir())
            return makeError(
                QStringLiteral("cli.city"),
                OptionsText::tr("--check-city: \"%1\" is not a folder.").arg(options.checkCity));
    }
    if (parser.isSet(replaceCity) && !parser.isSet(importCity))
        return makeError(QStringLiteral("cli.city"),
                         OptionsText::tr("--replace-city goes with --import-city DIR."));
    options.replaceCity = parser.isSet(replaceCity);
    if (parser.isSet(importCity)) {
        options.importCity = parser.value(importCity);
        if (!QFileInfo(options.importCity).isDir())
            return makeError(
                QStringLiteral("cli.city"),
                OptionsText::tr("--import-city: \"%1\" is not a folder.").arg(options.importCity));
    }
    // Without --public-url, discovery announces the address and the port actually bound (known
    // only once listening: --listen 127.0.0.1:0 picks a free port).
    options.publicUrl = parser.value(publicUrl).trimmed();
    const struct
    {
        const QCommandLineOption &option;
        const char *variable;
        int min;
        int max;
        int *target;
    } limits[] = {
        {maxConnections, "CIVICDESK_MAX_CONNECTIONS", 1, 1000000,
         &options.connections.maxConnections},
        {maxAnonymousConnections, "CIVICDESK_MAX_ANONYMOUS_CONNECTIONS", 1, 1000000,
         &options.connections.maxAnonymousConnections},
        {headerTimeout, "CIVICDESK_HEADER_TIMEOUT", 1, 600,
         &options.connections.headerTimeoutSeconds},
        {idleTimeout, "CIVICDESK_IDLE_TIMEOUT", 1, 86400, &options.connections.idleTimeoutSeconds},
        {signInWorkers, "CIVICDESK_SIGN_IN_WORKERS", 1, 64, &options.signIns.workers},
        {signInQueue, "CIVICDESK_SIGN_IN_QUEUE", 0, 100000, &options.signIns.queue},
        {signInsPerAddress, "CIVICDESK_SIGN_INS_PER_ADDRESS", 1, 1000000,
         &options.signIns.perAddressPerMinute},
        {signInsPerAccount, "CIVICDESK_SIGN_INS_PER_ACCOUNT", 1, 1000000,
         &options.signIns.perAccountPerMinute},
        {pushQueue, "CIVICDESK_PUSH_QUEUE", 1, 100000, &options.pushQueue},
    };
    for (const auto &limit : limits) {
        if (auto s =
                readLimit(parser, limit.option, limit.variable, limit.min, limit.max, limit.target);
            !s)
            return s.error();
    }
    const ConnectionLimits &connections = options.connections;
    if (connections.maxConnections > 0 &&
        connections.maxAnonymousConnections > connections.maxConnections)
        return makeError(QStringLiteral("cli.limit"),
                         OptionsText::tr("--max-anonymous-connections (%1) cannot be more than "
                                         "--max-connections (%2).")
                             .arg(connections.maxAnonymousConnections)
                             .arg(connections.maxConnections));
    if (auto s = readProxies(parser, trustedProxies, "CIVICDESK_TRUSTED_PROXIES",
                             &options.signIns.trustedProxies);
        !s)
        return s.error();
    return options;
}

} // namespace civicdesk
