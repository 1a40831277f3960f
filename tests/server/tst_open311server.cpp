// Open311 GeoReport v2 on the real civicdesk-server, on SQLite or PostgreSQL
// (CIVICDESK_TEST_BACKEND), over HTTP like any Open311 client: discovery, services and requests
// in JSON and XML checked against JSON Schemas written from the spec, the spec's filters and
// errors (bad input, bad POSTs, invalid UTF-8 and huge bodies), unknown endpoints, the request log
// at SIGTERM and the command line's errors. POSTs that store requests: tst_open311post.

#include "tests/server/open311test.h"

using namespace civicdesk;
using namespace civicdesk::test;

class TestOpen311Server : public Open311Test
{
    Q_OBJECT

private slots:
    void initTestCase() { startServer(); }

    void discoveryInBothFormats()
    {
        for (const QString &path : {QStringLiteral("/open311/discovery.json"),
                                    QStringLiteral("/open311/v2/discovery.json")}) {
            const auto r = server().get(path);
            QCOMPARE(r.status, 200);
            QVERIFY(r.header("Content-Type").startsWith("application/json"));
            verifySchema(r.json().object(), QStringLiteral("open311-discovery"));
            QVERIFY(r.json()[u"contact"].toString().contains(u"Mini Boston"));
        }
        const auto xml = server().get(QStringLiteral("/open311/discovery.xml"));
        QCOMPARE(xml.status, 200);
        const QStringList children = xmlChildren(xml, QStringLiteral("discovery"));
        for (const char *name : {"changeset", "contact", "key_service", "endpoints"})
            QVERIFY2(children.contains(QLatin1String(name)), name);
        QVERIFY(xml.body.contains("<format>text/xml</format>"));
    }

    void servicesAndDefinitions()
    {
        const auto services = server().get(QStringLiteral("/open311/v2/services.json"));
        QCOMPARE(services.status, 200);
        QCOMPARE(services.json().array().size(), 8);
        verifySchema(services.json().array(), QStringLiteral("open311-services"));
        const auto xml = server().get(QStringLiteral("/open311/v2/services.xml"));
        QCOMPARE(xmlChildren(xml, QStringLiteral("services")),
                 QStringList(8, QStringLiteral("service")));
        const auto definition = server().get(QStringLiteral("/open311/v2/services/MTRECYDBI.json"));
        QCOMPARE(definition.status, 200);
        verifySchema(definition.json().object(), QStringLiteral("open311-service-definition"));
        QCOMPARE(definition.json()[u"attributes"].toArray().size(), 18);
        const auto definitionXml =
            server().get(QStringLiteral("/open311/v2/services/MTRECYDBI.xml"));
        QCOMPARE(definitionXml.status, 200);
        QVERIFY(xmlChildren(definitionXml, QStringLiteral("service_definition"))
                    .contains(u"attributes"));
        QVERIFY(definitionXml.body.contains("<attribute><code>"));
        QVERIFY(definitionXml.body.contains("<values><value><key>"));
        const auto unknown = server().get(QStringLiteral("/open311/v2/services/NOSUCH.json"));
        QCOMPARE(unknown.status, 404);
        verifySchema(unknown.json().array(), QStringLiteral("open311-errors"));
        QCOMPARE(xmlChildren(server().get(QStringLiteral("/open311/v2/services/NOSUCH.xml")),
                             QStringLiteral("errors")),
                 QStringList{QStringLiteral("error")});
    }

    void requestsWithTheSpecsFilters()
    {
        const auto all = server().get(u"/open311/v2/requests.json?" + Range);
        QCOMPARE(all.status, 200);
        verifySchema(all.json().array(), QStringLiteral("open311-requests"));
        const int total = int(all.json().array().size());
        QVERIFY(total > 5);
        const auto rodents =
            server().get(u"/open311/v2/requests.json?service_code=RODENTACT&" + Range);
        for (const QJsonValue &v : rodents.json().array())
            QCOMPARE(v[u"service_code"].toString(), QStringLiteral("RODENTACT"));
        const auto open = server().get(u"/open311/v2/requests.json?status=open&" + Range);
        const auto closed = server().get(u"/open311/v2/requests.json?status=closed&" + Range);
        const auto both = server().get(u"/open311/v2/requests.json?status=open,closed&" + Range);
        QCOMPARE(open.json().array().size() + closed.json().array().size(), total);
        QCOMPARE(both.json().array().size(), total);
        // Pages: the page_size extension, in order, without overlap.
        const auto page1 = server().get(u"/open311/v2/requests.json?page_size=4&page=1&" + Range);
        const auto page2 = server().get(u"/open311/v2/requests.json?page_size=4&page=2&" + Range);
        QCOMPARE(page1.json().array().size(), 4);
        QCOMPARE(page1.json().array(),
                 QJsonArray({all.json()[0], all.json()[1], all.json()[2], all.json()[3]}));
        QCOMPARE(page2.json()[0], all.json()[4]);
        // A list of ids overrides the other filters; ids are strings.
        const QString id = all.json()[0][u"service_request_id"].toString();
        const QString other = all.json()[1][u"service_request_id"].toString();
        const auto byIds = server().get(
            QStringLiteral("/open311/v2/requests.json?service_request_id=%1,%2&status=closed")
                .arg(id, other));
        QCOMPARE(byIds.json().array().size(), 2);
        const auto one = server().get(QStringLiteral("/open311/v2/requests/%1.json").arg(id));
        QCOMPARE(one.status, 200);
        verifySchema(one.json().array(), QStringLiteral("open311-requests"));
        QCOMPARE(one.json()[0][u"service_request_id"].toString(), id);
        // As the Open311 project's Swagger definition names it (request/ID): the same answer.
        QCOMPARE(server().get(QStringLiteral("/open311/v2/request/%1.json").arg(id)).json(),
                 one.json());
        QCOMPARE(server().get(QStringLiteral("/open311/v2/request/%1.xml").arg(id)).body,
                 server().get(QStringLiteral("/open311/v2/requests/%1.xml").arg(id)).body);
        const auto oneXml = server().get(QStringLiteral("/open311/v2/requests/%1.xml").arg(id));
        QCOMPARE(xmlChildren(oneXml, QStringLiteral("service_requests")),
                 QStringList{QStringLiteral("request")});
        const auto allXml = server().get(u"/open311/v2/requests.xml?" + Range);
        QCOMPARE(xmlChildren(allXml, QStringLiteral("service_requests")).size(), total);
        // An empty parameter is handled as if it were absent.
        QCOMPARE(server().get(u"/open311/v2/requests.json?status=&service_code=&" + Range).json(),
                 all.json());
    }

    void badInputGetsTheSpecsErrors_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("date") << QStringLiteral("/open311/v2/requests.json?start_date=yesterday")
                              << 400;
        QTest::newRow("no zone") << QStringLiteral(
                                        "/open311/v2/requests.json?start_date=2015-01-01T00:00:00")
                                 << 400;
        QTest::newRow("over 90 days")
            << QStringLiteral(
                   "/open311/v2/"
                   "requests.json?start_date=2015-01-01T00:00:00Z&end_date=2015-06-01T00:00:00Z")
            << 400;
        QTest::newRow("reversed")
            << QStringLiteral(
                   "/open311/v2/"
                   "requests.json?start_date=2015-03-01T00:00:00Z&end_date=2015-01-01T00:00:00Z")
            << 400;
        QTest::newRow("status") << QStringLiteral("/open311/v2/requests.json?status=pending")
                                << 400;
        QTest::newRow("huge page size")
            << QStringLiteral("/open311/v2/requests.json?page_size=100000000") << 400;
        QTest::newRow("page zero") << QStringLiteral("/open311/v2/requests.json?page=0") << 400;
        QTest::newRow("unknown request") << QStringLiteral("/open311/v2/requests/nope.json") << 404;
        QTest::newRow("unknown token") << QStringLiteral("/open311/v2/tokens/nope.json") << 404;
        QTest::newRow("unknown format") << QStringLiteral("/open311/v2/services.html") << 404;
        QTest::newRow("sql") << QStringLiteral("/open311/v2/requests/1'%20OR%20'1'='1.json") << 404;
        QTest::newRow("traversal")
            << QStringLiteral("/open311/v2/services/..%2F..%2Fetc%2Fpasswd.json") << 404;
    }

    void badInputGetsTheSpecsErrors()
    {
        QFETCH(QString, path);
        QFETCH(int, status);
        const auto r = server().get(path);
        QCOMPARE(r.status, status);
        verifySchema(r.json().array(), QStringLiteral("open311-errors"));
        QCOMPARE(r.json()[0][u"code"].toInt(), status);
    }

    // Started with --listen 127.0.0.1:0, discovery names the port the server actually bound.
    void discoveryAnnouncesThePortBound()
    {
        QVERIFY(server().port() > 0);
        const QString url = QStringLiteral("http://127.0.0.1:%1/open311/v2").arg(server().port());
        const auto json = server().get(QStringLiteral("/open311/discovery.json"));
        QCOMPARE(json.json()[u"endpoints"][0][u"url"].toString(), url);
        const auto xml = server().get(QStringLiteral("/open311/v2/discovery.xml"));
        QVERIFY2(xml.body.contains(QByteArray("<url>" + url.toUtf8() + "</url>")),
                 xml.body.constData());
    }

    void postRefusesBadRequests_data()
    {
        QTest::addColumn<QStringList>("fields"); // name=value pairs
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("says");
        QTest::newRow("no key") << QStringList{QStringLiteral("service_code=RODENTACT"),
                                               QStringLiteral("lat=42.36"),
                                               QStringLiteral("long=-71.06")}
                                << 403 << QStringLiteral("api_key");
        QTest::newRow("wrong key") << QStringList{QStringLiteral("api_key=forged"),
                                                  QStringLiteral("service_code=RODENTACT")}
                                   << 403 << QStringLiteral("api_key");
        QTest::newRow("no code") << QStringList{QStringLiteral("api_key=KEY"),
                                                QStringLiteral("lat=42.36"),
                                                QStringLiteral("long=-71.06")}
                                 << 400 << QStringLiteral("service_code");
        QTest::newRow("unknown code")
            << QStringList{QStringLiteral("api_key=KEY"), QStringLiteral("service_code=NOPE"),
                           QStringLiteral("lat=42.36"), QStringLiteral("long=-71.06")}
            << 404 << QStringLiteral("NOPE");
        QTest::newRow("no location")
            << QStringList{QStringLiteral("api_key=KEY"), QStringLiteral("service_code=RODENTACT")}
            << 400 << QStringLiteral("location");
        QTest::newRow("lat alone")
            << QStringList{QStringLiteral("api_key=KEY"), QStringLiteral("service_code=RODENTACT"),
                           QStringLiteral("lat=42.36")}
            << 400 << QStringLiteral("together");
        QTest::newRow("lat out of range")
            << QStringList{QStringLiteral("api_key=KEY"), QStringLiteral("service_code=RODENTACT"),
                           QStringLiteral("lat=420"), QStringLiteral("long=-71")}
            << 400 << QStringLiteral("WGS84");
        QTest::newRow("unknown address_id")
            << QStringList{QStringLiteral("api_key=KEY"), QStringLiteral("service_code=RODENTACT"),
                           QStringLiteral("address_id=999999999")}
            << 400 << QStringLiteral("address_id");
        QTest::newRow("missing required attribute")
            << QStringList{QStringLiteral("api_key=KEY"), QStringLiteral("service_code=ABNDVHCL"),
                           QStringLiteral("lat=42.36"), QStringLiteral("long=-71.06")}
            << 400 << QStringLiteral("attribute[");
        QTest::newRow("unknown attribute")
            << QStringList{QStringLiteral("api_key=KEY"), QStringLiteral("service_code=RODENTACT"),
                           QStringLiteral("lat=42.36"), QStringLiteral("long=-71.06"),
                           QStringLiteral("attribute[DROP TABLE]=1")}
            << 400 << QStringLiteral("DROP TABLE");
        QTest::newRow("bad email")
            << QStringList{QStringLiteral("api_key=KEY"), QStringLiteral("service_code=RODENTACT"),
                           QStringLiteral("lat=42.36"), QStringLiteral("long=-71.06"),
                           QStringLiteral("email=not-an-email")}
            << 400 << QStringLiteral("email");
        QTest::newRow("long description")
            << QStringList{QStringLiteral("api_key=KEY"), QStringLiteral("service_code=RODENTACT"),
                           QStringLiteral("lat=42.36"), QStringLiteral("long=-71.06"),
                           QStringLiteral("description=") + QString(4001, u'x')}
            << 400 << QStringLiteral("4000");
        QTest::newRow("media not a url")
            << QStringList{QStringLiteral("api_key=KEY"), QStringLiteral("service_code=RODENTACT"),
                           QStringLiteral("lat=42.36"), QStringLiteral("long=-71.06"),
                           QStringLiteral("media_url=javascript:alert(1)")}
            << 400 << QStringLiteral("media_url");
    }

    void postRefusesBadRequests()
    {
        QFETCH(QStringList, fields);
        QFETCH(int, status);
        QFETCH(QString, says);
        const QByteArray before = server().get(QStringLiteral("/open311/v2/requests.json")).body;
        QList<std::pair<QString, QString>> form;
        for (const QString &field : fields) {
            const QString value = field.section(u'=', 1);
            form.append({field.section(u'=', 0, 0), value == u"KEY" ? m_key : value});
        }
        const auto r = post(QStringLiteral("json"), form);
        QCOMPARE(r.status, status);
        verifySchema(r.json().array(), QStringLiteral("open311-errors"));
        QVERIFY2(r.body.contains(says.toUtf8()), r.body.constData());
        QCOMPARE(server().get(QStringLiteral("/open311/v2/requests.json")).body, before);
    }

    void postRefusesInvalidUtf8AndHugeBodies()
    {
        const auto utf8 = server().request(
            QByteArrayLiteral("POST"), QStringLiteral("/open311/v2/requests.json"),
            "api_key=" + m_key.toLatin1() + "&service_code=RODENTACT&description=%FF%FE\xff");
        QCOMPARE(utf8.status, 400);
        const auto huge =
            server().request(QByteArrayLiteral("POST"), QStringLiteral("/open311/v2/requests.json"),
                             QByteArray(10 * 1024 * 1024, 'a'));
        QCOMPARE(huge.status, 413);
        verifySchema(huge.json().array(), QStringLiteral("open311-errors"));
    }

    void unknownEndpoints()
    {
        const auto missing = server().get(QStringLiteral("/no/such/endpoint"));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json()[u"error"][u"code"].toString(), QStringLiteral("not_found"));
    }

    void sigtermStopsCleanlyAndEveryRequestWasLogged()
    {
        server().terminate();
        const QString log = QString::fromUtf8(server().log());
        QVERIFY2(log.contains(QRegularExpression(
                     QStringLiteral("GET /open311/v2/services.json 200 [0-9.]+ ms"))),
                 qPrintable(log.right(2000)));
        QVERIFY(log.contains(u"POST /open311/v2/requests.json 403"));
        QVERIFY(log.contains(u"stopping"));
    }

    void commandLineErrors()
    {
        ServerProcess cli(QStringLiteral(CIVICDESK_SERVER), m_fixture.storeUrl());
        QByteArray output;
        QCOMPARE(cli.run({QStringLiteral("--listen"), QStringLiteral("nowhere")}, {}, &output), 2);
        QVERIFY(output.contains("must be ADDR:PORT"));
        QCOMPARE(cli.run({QStringLiteral("--help")}, {}, &output), 0);
        for (const char *option :
             {"--listen", "--database", "--import-city", "--public-url", "--add-user", "--role",
              "--reset-password", "--disable-user", "--create-api-key", "--revoke-api-key"})
            QVERIFY2(output.contains(option), option);
        QCOMPARE(cli.run({QStringLiteral("--add-user"), QStringLiteral("x.y")},
                         "long enough pass\n", &output),
                 2);
        QVERIFY(output.contains("--role"));
        QCOMPARE(cli.run({QStringLiteral("--add-user"), QStringLiteral("x.y"),
                          QStringLiteral("--role"), QStringLiteral("clerk")},
                         "long enough pass\n", &output),
                 2);
        QCOMPARE(cli.run({QStringLiteral("--add-user"), QStringLiteral("x.y"),
                          QStringLiteral("--role"), QStringLiteral("lobby")},
                         "short\n", &output),
                 1);
        QVERIFY(output.contains("10 characters"));
        QCOMPARE(cli.run({QStringLiteral("--add-user"), QStringLiteral("Bad Name"),
                          QStringLiteral("--role"), QStringLiteral("lobby")},
                         "long enough pass\n", &output),
                 1);
        QCOMPARE(cli.run({QStringLiteral("--disable-user"), QStringLiteral("ghost")}, {}, &output),
                 1);
        QVERIFY(output.contains("ghost"));
    }
};

QTEST_GUILESS_MAIN(TestOpen311Server)
#include "tst_open311server.moc"
