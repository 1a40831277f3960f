#include "tests/support/teststore.h"

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

namespace civicdesk::test {

QString testDataDir()
{
    return QStringLiteral(CIVICDESK_TEST_DATA_DIR);
}

namespace {

// The fixture city imported once in this test program, into a closed store file that every
// TempStore(MiniCity) copies.
QString miniCityTemplate()
{
    static QTemporaryDir dir;
    static const QString path = [] {
        const QString file = dir.filePath(QStringLiteral("minicity.sqlite"));
        auto db = Database::open(file);
        if (!db)
            qFatal("cannot open the fixture city's store: %s", qPrintable(db.error().message));
        auto pack = CityPack::load(testDataDir() + QStringLiteral("/minipack"));
        if (!pack)
            qFatal("the fixture city does not load: %s", qPrintable(pack.error().message));
        if (auto report = CityImporter(*db.value()).import(pack.value()); !report)
            qFatal("the fixture city was not imported: %s", qPrintable(report.error().message));
        return file;
    }();
    return path;
}

} // namespace

TempStore::TempStore(Content content)
{
    if (content == MiniCity) {
        const QString source = miniCityTemplate();
        for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
            if (QFile::exists(source + suffix) && !QFile::copy(source + suffix, path() + suffix))
                qFatal("cannot copy the fixture city's store to %s", qPrintable(path()));
        }
    }
    reopen();
}

void TempStore::reopen()
{
    m_db.reset();
    auto db = Database::open(path());
    if (!db)
        qFatal("cannot open the test store: %s", qPrintable(db.error().message));
    m_db = std::move(db).value();
}

// The fixture city with its boundary and a neighbouring jurisdiction drawn as polygons (a
// simplified Boston south of the Charles, and Cambridge north of it), so that points can be
// outside the city.
void addCityLimits(FixturePack &pack)
{
    const auto square = [](const char *name, double west, double south, double east,
                           double north) -> QByteArray {
        return QByteArray("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": "
                          "\"Feature\", \"properties\": {\"NAME\": \"") +
               name + "\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[" +
               QStringLiteral("[%1, %2], [%3, %2], [%3, %4], [%1, %4], [%1, %2]")
                   .arg(west)
                   .arg(south)
                   .arg(east)
                   .arg(north)
                   .toLatin1() +
               "]]}}]}";
    };
    pack.write(QStringLiteral("layers/boundary.geojson"),
               square("Mini Boston", -71.20, 42.22, -70.98, 42.3605));
    pack.write(QStringLiteral("layers/neighbours.geojson"),
               square("City of Cambridge", -71.16, 42.362, -71.06, 42.40));
    pack.replace(QStringLiteral("city.json"), "\"layers\": [",
                 "\"layers\": [{\"id\": \"boundary\", \"kind\": \"boundary\", \"file\": "
                 "\"layers/boundary.geojson\", \"name_property\": \"NAME\"}, {\"id\": "
                 "\"neighbours\", \"kind\": \"jurisdiction\", \"file\": "
                 "\"layers/neighbours.geojson\", \"name_property\": \"NAME\"},");
}

FixturePack::FixturePack()
{
    const QString source = testDataDir() + QStringLiteral("/minipack");
    QDirIterator it(source, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString relative = QDir(source).relativeFilePath(file);
        QDir(m_dir.path()).mkpath(QFileInfo(relative).path());
        if (!QFile::copy(file, m_dir.filePath(relative)))
            qFatal("cannot copy %s", qPrintable(file));
        QFile(m_dir.filePath(relative))
            .setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
}

void FixturePack::write(const QString &relative, const QByteArray &content)
{
    QFile file(m_dir.filePath(relative));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

QByteArray FixturePack::read(const QString &relative) const
{
    QFile file(m_dir.filePath(relative));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void FixturePack::replace(const QString &relative, const QByteArray &from, const QByteArray &to)
{
    QByteArray content = read(relative);
    const qsizetype at = content.indexOf(from);
    QVERIFY2(at >= 0,
             qPrintable(QStringLiteral("%1 has no %2").arg(relative, QString::fromUtf8(from))));
    content.replace(at, from.size(), to);
    write(relative, content);
}

QString dumpStore(const Database &db, const QStringList &skip)
{
    QSqlDatabase connection = QSqlDatabase::database(db.connectionName());
    QSqlQuery tables(connection);
    // Ordinary tables only: virtual tables (FTS5, R*Tree) and their shadow tables hold index
    // structures whose layout may differ for the same content.
    tables.exec(db.dialect() == Dialect::Postgres
                    ? QStringLiteral("SELECT table_name FROM information_schema.tables WHERE "
                                     "table_schema = current_schema() AND table_type = 'BASE "
                                     "TABLE' ORDER BY table_name")
                    : QStringLiteral("SELECT name FROM pragma_table_list WHERE schema = 'main' "
                                     "AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY "
                                     "name"));
    QStringList names;
    while (tables.next())
        names.append(tables.value(0).toString());
    QString dump;
    for (const QString &table : std::as_const(names)) {
        if (skip.contains(table))
            continue;
        QSqlQuery rows(connection);
        // Table names come from sqlite_master, not from input.
        rows.exec(QStringLiteral("SELECT * FROM \"%1\" ORDER BY 1, 2").arg(table));
        dump += u"== " + table + u'\n';
        while (rows.next()) {
            QStringList values;
            for (int i = 0; i < rows.record().count(); ++i)
                values.append(rows.value(i).toString());
            dump += values.join(u'|') + u'\n';
        }
    }
    return dump;
}

namespace {

QVariant firstValue(QSqlDatabase db, const QString &statement, const QVariantList &values)
{
    QSqlQuery q(db);
    bool ran = false;
    if (values.isEmpty()) {
        ran = q.exec(statement);
    } else {
        q.prepare(statement);
        for (const QVariant &value : values)
            q.addBindValue(value);
        ran = q.exec();
    }
    if (!ran || !q.next())
        return {};
    return q.value(0);
}

} // namespace

qint64 scalar(const Database &db, const QString &statement, const QVariantList &values)
{
    const QVariant value =
        firstValue(QSqlDatabase::database(db.connectionName()), statement, values);
    return value.isValid() ? value.toLongLong() : -1;
}

int scalar(QSqlDatabase db, const QString &statement)
{
    const QVariant value = firstValue(db, statement, {});
    return value.isValid() ? value.toInt() : -1;
}

std::unique_ptr<TempStore> miniCityStore()
{
    return std::make_unique<TempStore>(TempStore::MiniCity);
}

QString writeSqliteFile(const QString &path, const QStringList &statements,
                        const std::function<bool(QSqlDatabase &)> &prepare)
{
    const QString connection = u"old:" + path;
    QString why;
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        raw.setDatabaseName(path);
        if (!raw.open())
            why = QStringLiteral("cannot open %1: %2").arg(path, raw.lastError().text());
        else if (prepare && !prepare(raw))
            why = QStringLiteral("cannot prepare %1").arg(path);
        QSqlQuery q(raw);
        for (const QString &statement : statements) {
            if (!why.isEmpty())
                break;
            if (!q.exec(statement))
                why = statement + u": " + q.lastError().text();
        }
        q.finish();
        raw.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return why;
}

QByteArray fileSha256(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArrayLiteral("(absent)");
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

} // namespace civicdesk::test
