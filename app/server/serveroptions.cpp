#include "serveroptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace civicdesk {

namespace {
class OptionsText
{
    Q_DECLARE_TR_FUNCTIONS(ServerOptions)
};
} // namespace

Result<ServerOptions> parseServerOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(OptionsText::tr(
        "civicdesk-server, the central store of CivicDesk: Open311 GeoReport v2 for web, "
        "mobile and open-data clients (and, next, the sync API for workstations)."));
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
    const QCommandLineOption publicUrl(
        QStringLiteral("public-url"),
        OptionsText::tr("The URL clients use to reach the Open311 API, for "
                        "discovery (default: http://ADDR:PORT/open311/v2)."),
        QStringLiteral("URL"));
    parser.addOptions({listen, database, importCity, publicUrl});
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
    if (parser.isSet(importCity)) {
        options.importCity = parser.value(importCity);
        if (!QFileInfo(options.importCity).isDir())
            return makeError(
                QStringLiteral("cli.city"),
                OptionsText::tr("--import-city: \"%1\" is not a folder.").arg(options.importCity));
    }
    options.publicUrl = parser.isSet(publicUrl) ? parser.value(publicUrl)
                                                : QStringLiteral("http://%1:%2/open311/v2")
                                                      .arg(options.address.toString())
                                                      .arg(options.port);
    return options;
}

} // namespace civicdesk
