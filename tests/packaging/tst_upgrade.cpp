// The upgrade path of an installed server: a store written by an earlier release (a stored
// fixture, tests/data/upgrade/server-v<N>.sqlite.gz, made by that release's own civicdesk-server
// with make-fixture.sh) is migrated by today's civicdesk-server on its first start, and
// everything the city had survives: the catalogue, a resident's request, an agent's note, the
// agent's account and the web form's API key. A store written by a newer version is refused
// with a message that says so, and left as it was.

#include "models/citypack/gzipdevice.h"
#include "models/requests/requestrepository.h"
#include "models/store/database.h"
#include "models/store/schema/migrations.h"
#include "tests/support/serverprocess.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace civicdesk;
using test::ServerProcess;

namespace {

const QString fixtureDir = QStringLiteral(CIVICDESK_TEST_DATA_DIR "/upgrade");

// Every stored fixture: one per release that changed the schema.
QStringList fixtures()
{
    return QDir(fixtureDir).entryList({QStringLiteral("server-v*.json")}, QDir::Files, QDir::Name);
}

QJsonObject fixtureFacts(const QString &json)
{
    QFile file(fixtureDir + u'/' + json);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return QJsonDocument::fromJson(file.readAll()).object();
}

// The fixture's store, inflated into `dir` as the installed package's state folder would hold it.
QString unpack(const QString &json, const QTemporaryDir &dir)
{
    QFile packed(fixtureDir + u'/' +
                 QString(json).replace(QStringLiteral(".json"), QStringLiteral(".sqlite.gz")));
    if (!packed.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(packed.fileName()));
    GzipDevice gzip(&packed);
    if (!gzip.open(QIODevice::ReadOnly))
        qFatal("cannot inflate %s", qPrintable(packed.fileName()));
    const QString path = dir.filePath(QStringLiteral("civicdesk-server.sqlite"));
    QFile store(path);
    if (!store.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    store.write(gzip.readAll());
    return path;
}

int rawSchemaVersion(const QString &path)
{
    const QString name = QStringLiteral("raw-version");
    int version = -1;
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        raw.setDatabaseName(path);
        if (raw.open()) {
            QSqlQuery q(raw);
            if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
                version = q.value(0).toInt();
        }
        raw.close();
    }
    QSqlDatabase::removeDatabase(name);
    return version;
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestUpgrade : public QObject
{
    Q_OBJECT

private slots:
    void storesOfEarlierReleasesAreMigratedOnFirstStart_data()
    {
        QTest::addColumn<QString>("fixture");
        QVERIFY2(!fixtures().isEmpty(), "no fixture in tests/data/upgrade");
        for (const QString &f : fixtures())
            QTest::newRow(qPrintable(f)) << f;
    }

    void storesOfEarlierReleasesAreMigratedOnFirstStart()
    {
        QFETCH(QString, fixture);
        const QJsonObject facts = fixtureFacts(fixture);
        QTemporaryDir dir;
        const QString path = unpack(fixture, dir);
        QCOMPARE(rawSchemaVersion(path), facts.value(u"schema_version").toInt());
        QVERIFY(facts.value(u"schema_version").toInt() <= Migrations::latestVersion());

        ServerProcess server(QStringLiteral(CIVICDESK_SERVER), path);
        QVERIFY2(server.start(), server.log().constData());
        QCOMPARE(rawSchemaVersion(path), Migrations::latestVersion());

        // The catalogue and the resident's request, as Open311 clients read them.
        const auto services = server.get(QStringLiteral("/open311/v2/services.json"));
        QCOMPARE(services.status, 200);
        QCOMPARE(services.json().array().size(), facts.value(u"services").toInt());
        const QString number = facts.value(u"request_number").toString();
        const auto request = server.get(
            QStringLiteral("/open311/v2/requests.json?service_request_id=%1").arg(number));
        QCOMPARE(request.status, 200);
        QCOMPARE(request.json().array().size(), 1);
        const QJsonObject found = request.json().array().at(0).toObject();
        QCOMPARE(found.value(u"service_request_id").toString(), number);
        QCOMPARE(found.value(u"description").toString(), facts.value(u"description").toString());

        // The agent still signs in with the same password, and pulls every event, the note too.
        const QString token =
            server.login(facts.value(u"user").toString(), facts.value(u"password").toString());
        QVERIFY(!token.isEmpty());
        const QList<QJsonObject> events = server.allEvents(token);
        QCOMPARE(events.size(), facts.value(u"events").toInt());
        QVERIFY(std::any_of(events.cbegin(), events.cend(), [&](const QJsonObject &e) {
            return e.value(u"kind").toString() == u"request.note_added" &&
                   e.value(u"payload").toObject().value(u"text").toString() ==
                       facts.value(u"note").toString();
        }));

        // The web form's API key still creates requests.
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("api_key"), facts.value(u"api_key").toString());
        form.addQueryItem(QStringLiteral("service_code"), found.value(u"service_code").toString());
        form.addQueryItem(QStringLiteral("description"), QStringLiteral("After the upgrade"));
        form.addQueryItem(QStringLiteral("lat"), QStringLiteral("42.3504"));
        form.addQueryItem(QStringLiteral("long"), QStringLiteral("-71.0867"));
        const auto posted = server.request("POST", QStringLiteral("/open311/v2/requests.json"),
                                           form.query(QUrl::FullyEncoded).toUtf8(),
                                           {{"Content-Type", "application/x-www-form-urlencoded"}});
        QVERIFY2(posted.status == 200, posted.body.constData());
        server.terminate();

        // And the workstation-side API reads the migrated store like a new one.
        auto db = Database::open(path);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
        QCOMPARE(db.value()->schemaVersion(), Migrations::latestVersion());
        const auto stored = RequestRepository(*db.value()).byNumber(number);
        QVERIFY(stored.has_value());
        QCOMPARE(stored->description, facts.value(u"description").toString());
    }

    void aStoreOfANewerVersionIsRefusedAndLeftAsItWas()
    {
        QVERIFY(!fixtures().isEmpty());
        QTemporaryDir dir;
        const QString path = unpack(fixtures().constLast(), dir);
        const int newer = Migrations::latestVersion() + 1;
        {
            QSqlDatabase raw =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
            raw.setDatabaseName(path);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(newer)));
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("newer"));
        const QByteArray before = fileHash(path);

        // As systemd would start it: the server stops at once and says why.
        ServerProcess server(QStringLiteral(CIVICDESK_SERVER), path);
        QByteArray output;
        const int code =
            server.run({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}, {}, &output);
        QVERIFY2(code != 0 && code != -1, output.constData());
        QVERIFY2(output.contains("newer CivicDesk"), output.constData());
        QVERIFY2(output.contains(QByteArray::number(newer)), output.constData());
        QVERIFY2(output.contains(QByteArray::number(Migrations::latestVersion())),
                 output.constData());
        QCOMPARE(fileHash(path), before);
        QCOMPARE(rawSchemaVersion(path), newer);
    }
};

QTEST_GUILESS_MAIN(TestUpgrade)
#include "tst_upgrade.moc"
