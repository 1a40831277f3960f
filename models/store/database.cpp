#include "models/store/database.h"

#include "models/domain/requestnumber.h"
#include "models/store/schema/migrations.h"
#include "models/store/sql/sql.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QUrl>

namespace civicdesk {

namespace {
QAtomicInt connectionCounter;

// The URL with its password left out, for messages and logs.
QString redacted(const QString &text)
{
    QUrl url(text);
    if (!url.isValid())
        return text.section(u'@', -1);
    url.setPassword({});
    return url.toString();
}

bool hasSqliteFeature(QSqlDatabase &db, const QString &option)
{
    QSqlQuery query(db);
    return sql::exec(query, QStringLiteral("SELECT sqlite_compileoption_used(?)"), {option}) &&
           query.next() && query.value(0).toInt() == 1;
}
} // namespace

Database::Database(QString path, QString connectionName, Dialect dialect)
    : m_path(std::move(path)), m_connectionName(std::move(connectionName)), m_dialect(dialect)
{
}

Database::~Database()
{
    sql::forgetCachedQueries(m_connectionName);
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Status Database::reconnect()
{
    if (m_dialect != Dialect::Postgres)
        return Ok{};
    sql::forgetCachedQueries(m_connectionName);
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    db.close();
    if (!db.open())
        return makeError(QStringLiteral("storage.open"),
                         QCoreApplication::translate("Storage", "Cannot reach the store %1: %2")
                             .arg(m_path, db.lastError().text().simplified()));
    QSqlQuery query(db);
    return sql::exec(query, QStringLiteral("SET client_min_messages TO warning"));
}

Result<std::unique_ptr<Database>> Database::open(const QString &pathOrUrl)
{
    if (pathOrUrl.startsWith(u"postgresql://") || pathOrUrl.startsWith(u"postgres://"))
        return openPostgres(pathOrUrl);
    return openSqlite(pathOrUrl);
}

Result<std::unique_ptr<Database>> Database::openSqlite(const QString &path)
{
    const QString name =
        QStringLiteral("civicdesk-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<Database> database(new Database(path, name, Dialect::Sqlite));
    if (path != u":memory:") {
        const QFileInfo info(path);
        if (!QDir().mkpath(info.absolutePath())) {
            return makeError(QStringLiteral("storage.open"),
                             QCoreApplication::translate("Storage", "Cannot create folder %1.")
                                 .arg(info.absolutePath()));
        }
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    if (!db.isValid()) {
        return makeError(QStringLiteral("storage.driver"),
                         QCoreApplication::translate("Storage",
                                                     "The Qt SQLite driver is not installed "
                                                     "(Debian package libqt6sql6-sqlite)."));
    }
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        return makeError(QStringLiteral("storage.open"),
                         QCoreApplication::translate("Storage", "Cannot open the store %1: %2")
                             .arg(path, db.lastError().text()));
    }
    QSqlQuery query(db);
    // A file that is not SQLite fails on its first read, here.
    if (auto s = sql::exec(query, QStringLiteral("PRAGMA journal_mode = WAL")); !s) {
        return makeError(QStringLiteral("storage.open"),
                         QCoreApplication::translate("Storage", "%1 is not a CivicDesk store (%2).")
                             .arg(path, s.error().message));
    }
    for (const char16_t *pragma : {u"PRAGMA foreign_keys = ON", u"PRAGMA synchronous = NORMAL"}) {
        if (auto s = sql::exec(query, QString::fromUtf16(pragma)); !s)
            return s.error();
    }
    for (const char16_t *feature : {u"ENABLE_FTS5", u"ENABLE_RTREE"}) {
        if (!hasSqliteFeature(db, QString::fromUtf16(feature))) {
            return makeError(QStringLiteral("storage.sqlite"),
                             QCoreApplication::translate("Storage",
                                                         "The SQLite library lacks %1, which "
                                                         "CivicDesk needs.")
                                 .arg(QString::fromUtf16(feature)));
        }
    }
    if (auto s = Migrations::migrate(db); !s)
        return s.error();
    return database;
}

Result<std::unique_ptr<Database>> Database::openPostgres(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString database = url.path(QUrl::FullyDecoded).mid(1);
    if (!url.isValid() || url.host().isEmpty() || database.isEmpty() || database.contains(u'/') ||
        url.userName().isEmpty()) {
        return makeError(
            QStringLiteral("storage.url"),
            QCoreApplication::translate("Storage",
                                        "\"%1\" is not a PostgreSQL URL of the form "
                                        "postgresql://user:password@host:port/dbname (%2).")
                .arg(redacted(text),
                     // QUrl's own message quotes the whole URL, password included.
                     !url.isValid() ? QCoreApplication::translate(
                                          "Storage", "malformed: check the port and that "
                                                     "reserved characters are %-encoded")
                     : url.host().isEmpty() ? QCoreApplication::translate("Storage", "no host")
                     : url.userName().isEmpty()
                         ? QCoreApplication::translate("Storage", "no user name")
                         : QCoreApplication::translate("Storage", "no database name")));
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        return makeError(QStringLiteral("storage.driver"),
                         QCoreApplication::translate("Storage",
                                                     "The Qt PostgreSQL driver is not installed "
                                                     "(Debian package libqt6sql6-psql)."));
    }
    const QString name =
        QStringLiteral("civicdesk-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<Database> store(new Database(redacted(text), name, Dialect::Postgres));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(url.host(QUrl::FullyDecoded));
    db.setPort(url.port(5432));
    db.setUserName(url.userName(QUrl::FullyDecoded));
    db.setPassword(url.password(QUrl::FullyDecoded));
    db.setDatabaseName(database);
    db.setConnectOptions(QStringLiteral("connect_timeout=10;application_name=civicdesk"));
    if (!db.open()) {
        const QString detail = db.lastError().text().simplified();
        const QString where = QStringLiteral("%1:%2").arg(url.host()).arg(url.port(5432));
        QString message;
        if (detail.contains(u"password authentication failed") ||
            detail.contains(u"no password supplied") ||
            (detail.contains(u"role \"") && detail.contains(u"does not exist")))
            message = QCoreApplication::translate("Storage",
                                                  "PostgreSQL at %1 refused user \"%2\": wrong "
                                                  "user name or password.")
                          .arg(where, url.userName(QUrl::FullyDecoded));
        else if (detail.contains(u"database \"") && detail.contains(u"does not exist"))
            message =
                QCoreApplication::translate("Storage", "PostgreSQL at %1 has no database \"%2\"; "
                                                       "create it first (createdb %2).")
                    .arg(where, database);
        else
            message =
                QCoreApplication::translate("Storage", "Cannot connect to PostgreSQL at %1: is the "
                                                       "server running there and reachable?")
                    .arg(where);
        return makeError(QStringLiteral("storage.open"), message + u" (" + detail + u')');
    }
    QSqlQuery query(db);
    // Notices ("relation already exists, skipping") are not worth a log line each.
    if (auto s = sql::exec(query, QStringLiteral("SET client_min_messages TO warning")); !s)
        return s.error();
    if (auto s = Migrations::migrate(db); !s)
        return s.error();
    return store;
}

int Database::schemaVersion() const
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    auto version = Migrations::currentVersion(db);
    return version ? version.value() : -1;
}

QString Database::meta(const QString &key) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    if (sql::exec(query, QStringLiteral("SELECT value FROM meta WHERE key = ?"), {key}) &&
        query.next())
        return query.value(0).toString();
    return {};
}

Status Database::setMeta(const QString &key, const QString &value)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    return sql::exec(query,
                     QStringLiteral("INSERT INTO meta(key, value) VALUES(?, ?) "
                                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                     // An absent optional value (a pack without a region) is kept as "".
                     {key, value.isNull() ? QStringLiteral("") : value});
}

Result<QString> Database::deviceCode()
{
    QString code = meta(QStringLiteral("device_code"));
    if (RequestNumber::isValidDeviceCode(code))
        return code;
    code = RequestNumber::randomDeviceCode();
    if (auto s = setMeta(QStringLiteral("device_code"), code); !s)
        return s.error();
    return code;
}

} // namespace civicdesk
