#pragma once

#include "models/store/database.h"

#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QVariantList>
#include <functional>
#include <memory>

namespace civicdesk::test {

// A store in a fresh temporary folder, removed with the object: empty, or with the fixture city
// (tests/data/minipack), which a test program imports once and then copies for each store.
class TempStore
{
public:
    enum Content
    {
        Empty,
        MiniCity
    };
    explicit TempStore(Content content = Empty);
    QString path() const { return m_dir.filePath(QStringLiteral("store.sqlite")); }
    Database &db() { return *m_db; }
    // Closes and reopens the store (as a restart would).
    void reopen();
    void close() { m_db.reset(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
};

// A copy of tests/data/minipack in a temporary folder that a test may corrupt.
class FixturePack
{
public:
    FixturePack();
    QString path() const { return m_dir.path(); }
    void write(const QString &relative, const QByteArray &content);
    QByteArray read(const QString &relative) const;
    // Replaces the first occurrence of `from` in a file; fails the test if absent.
    void replace(const QString &relative, const QByteArray &from, const QByteArray &to);

private:
    QTemporaryDir m_dir;
};

// Gives the fixture city a boundary and a neighbouring jurisdiction drawn as polygons (a
// simplified Boston south of the Charles, and Cambridge north of it), so that points can be
// outside the city.
void addCityLimits(FixturePack &pack);

// Every row of every table, in a stable order: two stores with the same content give the same
// text (SQLite or PostgreSQL). Tables in `skip` are left out.
QString dumpStore(const Database &db, const QStringList &skip = {});
// The SHA-256 of a file's bytes (hex), or "(absent)": a store's files compared byte for byte.
QByteArray fileSha256(const QString &path);
QString testDataDir();

// The first column of the first row of `statement` (with `values` bound in order) as a number:
// -1 when the statement fails or gives no row. Statements and table names are the tests' own.
qint64 scalar(const Database &db, const QString &statement, const QVariantList &values = {});
int scalar(QSqlDatabase db, const QString &statement);
// A fresh store with tests/data/minipack imported (TempStore(TempStore::MiniCity)).
std::unique_ptr<TempStore> miniCityStore();

// Writes the SQLite file `path` as another version of a program left it (the upgrade suites'
// fixture): on a raw connection, closed afterwards, `prepare` (say, an older schema's
// migrations) and then `statements` in order. An empty string, or which step failed and why.
QString writeSqliteFile(const QString &path, const QStringList &statements,
                        const std::function<bool(QSqlDatabase &)> &prepare = {});

} // namespace civicdesk::test
