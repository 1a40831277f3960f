#include "storage/database.h"

#include "domain/requestnumber.h"
#include "storage/migrations.h"
#include "storage/sql.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>

namespace civicdesk {

namespace {
QAtomicInt connectionCounter;

bool hasSqliteFeature(QSqlDatabase &db, const QString &option)
{
    QSqlQuery query(db);
    return sql::exec(query, QStringLiteral("SELECT sqlite_compileoption_used(?)"), {option}) &&
           query.next() && query.value(0).toInt() == 1;
}
} // namespace

Database::Database(QString path, QString connectionName)
    : m_path(std::move(path)), m_connectionName(std::move(connectionName))
{
}

Database::~Database()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>> Database::open(const QString &path)
{
    const QString name =
        QStringLiteral("civicdesk-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<Database> database(new Database(path, name));
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
                     {key, value});
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
