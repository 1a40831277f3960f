// civicdesk-server end to end: the real server process on loopback, on a store loaded with the
// fixture city, talked to over HTTP like any Open311 client.

#include "citypack/citypack.h"
#include "storage/cityimporter.h"
#include "teststore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace civicdesk;

class TestOpen311Server : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    QString m_storePath;
    QProcess m_server;
    QByteArray m_log;
    quint16 m_port = 0;
    QNetworkAccessManager m_network;

    struct Reply
    {
        int status = 0;
        QJsonDocument body;
    };

    Reply get(const QString &path)
    {
        QNetworkReply *reply = m_network.get(
            QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path))));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(20000))
            qFatal("no reply for %s", qPrintable(path));
        Reply r{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                QJsonDocument::fromJson(reply->readAll())};
        reply->deleteLater();
        return r;
    }

private slots:
    void initTestCase()
    {
        m_store = std::make_unique<test::TempStore>();
        auto pack = CityPack::load(test::testDataDir() + QStringLiteral("/minipack"));
        QVERIFY(pack.ok());
        CityImporter importer(m_store->db());
        QVERIFY(importer.import(pack.value()).ok());
        m_storePath = m_store->path();
        m_store->close();
        m_server.start(QStringLiteral(CIVICDESK_SERVER),
                       {QStringLiteral("--database"), m_storePath, QStringLiteral("--listen"),
                        QStringLiteral("127.0.0.1:0")});
        QVERIFY(m_server.waitForStarted());
        static const QRegularExpression listening(QStringLiteral("listening on [0-9.]+:(\\d+)"));
        QRegularExpressionMatch match;
        while (!(match = listening.match(QString::fromUtf8(m_log))).hasMatch()) {
            QVERIFY2(m_server.waitForReadyRead(20000), m_log.constData());
            m_log += m_server.readAllStandardOutput();
        }
        m_port = quint16(match.captured(1).toUInt());
        QVERIFY(m_port > 0);
    }

    void discovery()
    {
        const Reply r = get(QStringLiteral("/open311/v2/discovery.json"));
        QCOMPARE(r.status, 200);
        const QJsonObject endpoint =
            r.body.object().value(u"endpoints").toArray().first().toObject();
        QCOMPARE(endpoint.value(u"specification").toString(),
                 QStringLiteral("http://wiki.open311.org/GeoReport_v2"));
        QVERIFY(r.body.object().value(u"contact").toString().contains(u"Mini Boston"));
    }

    void servicesAndDefinitions()
    {
        const Reply services = get(QStringLiteral("/open311/v2/services.json"));
        QCOMPARE(services.status, 200);
        QCOMPARE(services.body.array().size(), 8);
        const Reply definition = get(QStringLiteral("/open311/v2/services/MTRECYDBI.json"));
        QCOMPARE(definition.status, 200);
        QCOMPARE(definition.body.object().value(u"service_code").toString(),
                 QStringLiteral("MTRECYDBI"));
        QCOMPARE(definition.body.object().value(u"attributes").toArray().size(), 18);
        const Reply unknown = get(QStringLiteral("/open311/v2/services/NOSUCH.json"));
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.body.array().first().toObject().value(u"code").toInt(), 404);
        QCOMPARE(get(QStringLiteral("/open311/v2/services/MTRECYDBI.xml")).status, 400);
    }

    void requestsWithTheSpecsFilters()
    {
        const QString range =
            QStringLiteral("start_date=2015-01-01T00:00:00Z&end_date=2016-01-02T00:00:00Z");
        const Reply all = get(u"/open311/v2/requests.json?" + range);
        QCOMPARE(all.status, 200);
        QCOMPARE(all.body.array().size(), 25);
        const Reply rodents = get(u"/open311/v2/requests.json?service_code=RODENTACT&" + range);
        QCOMPARE(rodents.body.array().size(), 8);
        for (const QJsonValue &v : rodents.body.array())
            QCOMPARE(v.toObject().value(u"service_code").toString(), QStringLiteral("RODENTACT"));
        const Reply open = get(u"/open311/v2/requests.json?status=open&" + range);
        for (const QJsonValue &v : open.body.array())
            QCOMPARE(v.toObject().value(u"status").toString(), QStringLiteral("open"));
        const QString id =
            all.body.array().first().toObject().value(u"service_request_id").toString();
        const Reply one = get(QStringLiteral("/open311/v2/requests/%1.json").arg(id));
        QCOMPARE(one.status, 200);
        QCOMPARE(one.body.array().first().toObject().value(u"service_request_id").toString(), id);
        // The default window is the last 90 days: the 2015 history is outside it.
        QCOMPARE(get(QStringLiteral("/open311/v2/requests.json")).body.array().size(), 0);
    }

    void badInputGetsAClearError()
    {
        const Reply date = get(QStringLiteral("/open311/v2/requests.json?start_date=yesterday"));
        QCOMPARE(date.status, 400);
        QVERIFY(date.body.array()
                    .first()
                    .toObject()
                    .value(u"description")
                    .toString()
                    .contains(u"ISO 8601"));
        QCOMPARE(get(QStringLiteral("/open311/v2/requests.json?status=pending")).status, 400);
        QCOMPARE(get(QStringLiteral("/open311/v2/requests/nope.json")).status, 404);
        const Reply missing = get(QStringLiteral("/no/such/endpoint"));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.body.object().value(u"error").toObject().value(u"code").toString(),
                 QStringLiteral("not_found"));
    }

    void sigtermStopsCleanlyAndEveryRequestWasLogged()
    {
        m_server.terminate(); // SIGTERM
        QVERIFY(m_server.waitForFinished(20000));
        QCOMPARE(m_server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_server.exitCode(), 0);
        const QString log = QString::fromUtf8(m_log + m_server.readAllStandardOutput() +
                                              m_server.readAllStandardError());
        QVERIFY2(log.contains(QRegularExpression(
                     QStringLiteral("GET /open311/v2/services.json 200 [0-9.]+ ms"))),
                 qPrintable(log));
        QVERIFY(log.contains(u"stopping"));
    }

    void commandLineErrorsAndImport()
    {
        QProcess bad;
        bad.start(QStringLiteral(CIVICDESK_SERVER),
                  {QStringLiteral("--listen"), QStringLiteral("nowhere")});
        QVERIFY(bad.waitForFinished(20000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(bad.readAllStandardError().contains("must be ADDR:PORT"));

        QProcess help;
        help.start(QStringLiteral(CIVICDESK_SERVER), {QStringLiteral("--help")});
        QVERIFY(help.waitForFinished(20000));
        const QByteArray text = help.readAllStandardOutput();
        for (const char *option : {"--listen", "--database", "--import-city", "--public-url"})
            QVERIFY2(text.contains(option), option);

        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("import.sqlite"));
        for (int run = 0; run < 2; ++run) {
            QProcess import;
            import.start(QStringLiteral(CIVICDESK_SERVER),
                         {QStringLiteral("--database"), store, QStringLiteral("--import-city"),
                          test::testDataDir() + QStringLiteral("/minipack")});
            QVERIFY(import.waitForFinished(60000));
            QCOMPARE(import.exitCode(), 0);
            QVERIFY(import.readAllStandardOutput().contains("25 requests"));
        }
    }
};

QTEST_GUILESS_MAIN(TestOpen311Server)
#include "tst_open311server.moc"
