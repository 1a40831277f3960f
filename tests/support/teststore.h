#pragma once

#include "models/store/database.h"

#include <QTemporaryDir>
#include <memory>

namespace civicdesk::test {

// A store in a fresh temporary folder, removed with the object.
class TempStore
{
public:
    TempStore();
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
// text. Tables in `skip` are left out.
QString dumpStore(const Database &db, const QStringList &skip = {});
// The SHA-256 of a file's bytes (hex), or "(absent)": a store's files compared byte for byte.
QByteArray fileSha256(const QString &path);
QString testDataDir();
// A fresh store with tests/data/minipack imported (null, with a warning, when that fails).
std::unique_ptr<TempStore> miniCityStore();

} // namespace civicdesk::test
