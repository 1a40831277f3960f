#pragma once

#include "domain/result.h"

#include <QString>
#include <memory>

namespace civicdesk {

// One SQLite store (the workstation's local replica) on one named Qt Sql connection, used from
// the thread that opened it. Opening applies WAL, foreign keys and the migrations; a store
// written by a newer CivicDesk is refused with a clear message.
class Database
{
public:
    static Result<std::unique_ptr<Database>> open(const QString &path);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QString path() const { return m_path; }
    QString connectionName() const { return m_connectionName; }
    int schemaVersion() const;

    QString meta(const QString &key) const;
    Status setMeta(const QString &key, const QString &value);

    // This workstation's request-number device code, made once and kept in the store.
    Result<QString> deviceCode();

private:
    Database(QString path, QString connectionName);
    QString m_path;
    QString m_connectionName;
};

} // namespace civicdesk
