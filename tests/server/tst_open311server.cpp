// Open311 GeoReport v2 on the real civicdesk-server, on SQLite or PostgreSQL
// (CIVICDESK_TEST_BACKEND), over HTTP like any Open311 client: every endpoint in JSON and XML,
// responses checked against JSON Schemas written from the spec, POST with an API key, tokens,
// the request-updates extension, and errors in the spec's format.

#include "models/domain/formvalidation.h"
#include "tests/support/jsonschema.h"
#include "tests/support/serverprocess.h"
#include "tests/support/teststore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>
#include <QXmlStreamReader>

using namespace civicdesk;
using test::ServerProcess;

namespace {

const QString Range =
    QStringLiteral("start_date=2015-01-01T00:00:00Z&end_date=2015-03-31T00:00:00Z");

void verifySchema(const QJsonValue &value, const QString &schema)
{
    const QStringList problems = test::validateJson(value, test::loadSchema(schema));
    QVERIFY2(problems.isEmpty(), qPrintable(schema + u": " + problems.join(u"; ")));
}

// Checks that an XML body is well-formed UTF-8 with the declaration and the given root; returns
// the names of the root's children.
QStringList xmlChildren(const ServerProcess::Reply &r, const QString &root)
{
    [&] {
        QVERIFY(r.header("Content-Type").startsWith("text/xml"));
        QVERIFY(r.body.startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
    }();
    QStringList children;
    QXmlStreamReader xml(r.body);
    int depth = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (depth == 0 && xml.name() != root)
                return {QStringLiteral("wrong root: ") + xml.name().toString()};
            if (depth == 1)
                children.append(xml.name().toString());
            ++depth;
        } else if (xml.isEndElement()) {
            --depth;
        }
    }
    if (xml.hasError())
        return {QStringLiteral("XML error: ") + xml.errorString()};
    return children;
}

} // namespace

class TestOpen311Server : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::ServerStore> m_store;
    test::FixturePack m_pack;
    std::unique_ptr<ServerProcess> m_server;
    QString m_key;

    ServerProcess::Reply post(const QString &format,
                              const QList<std::pair<QString, QString>> &fields)
    {
        QUrlQuery form;
        for (const auto &[name, value] : fields)
            form.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(name)),
                              QString::fromLatin1(QUrl::toPercentEncoding(value)));
        return m_server->request(
            QByteArrayLiteral("POST"), u"/open311/v2/requests." + format,
            form.query(QUrl::FullyEncoded).toLatin1(),
            {{QByteArrayLiteral("Content-Type"),
              QByteArrayLiteral("application/x-www-form-urlencoded; charset=utf-8")}});
    }

private slots:
    void initTestCase()
    {
        m_store = std::make_unique<test::ServerStore>();
        if (m_store->url().isEmpty())
            QFAIL(qPrintable(u"no store: " + m_store->error()));
        qInfo("backend %s", qPrintable(test::ServerStore::backend()));
        m_server =
            std::make_unique<ServerProcess>(QStringLiteral(CIVICDESK_SERVER), m_store->url());
        test::addCityLimits(m_pack);
        // Importing twice is idempotent.
        for (int run = 0; run < 2; ++run) {
            QByteArray output;
            QCOMPARE(m_server->run({QStringLiteral("--import-city"), m_pack.path()}, {}, &output),
                     0);
            QVERIFY2(output.contains("25 requests"), output.constData());
        }
        m_key = m_server->createApiKey(QStringLiteral("resident web form"));
        QVERIFY(m_key.size() >= 40);
        QVERIFY(m_server->start());
    }

    void discoveryInBothFormats()
    {
        for (const QString &path : {QStringLiteral("/open311/discovery.json"),
                                    QStringLiteral("/open311/v2/discovery.json")}) {
            const auto r = m_server->get(path);
            QCOMPARE(r.status, 200);
            QVERIFY(r.header("Content-Type").startsWith("application/json"));
            verifySchema(r.json().object(), QStringLiteral("open311-discovery"));
            QVERIFY(r.json()[u"contact"].toString().contains(u"Mini Boston"));
        }
        const auto xml = m_server->get(QStringLiteral("/open311/discovery.xml"));
        QCOMPARE(xml.status, 200);
        const QStringList children = xmlChildren(xml, QStringLiteral("discovery"));
        for (const char *name : {"changeset", "contact", "key_service", "endpoints"})
            QVERIFY2(children.contains(QLatin1String(name)), name);
        QVERIFY(xml.body.contains("<format>text/xml</format>"));
    }

    void servicesAndDefinitions()
    {
        const auto services = m_server->get(QStringLiteral("/open311/v2/services.json"));
        QCOMPARE(services.status, 200);
        QCOMPARE(services.json().array().size(), 8);
        verifySchema(services.json().array(), QStringLiteral("open311-services"));
        const auto xml = m_server->get(QStringLiteral("/open311/v2/services.xml"));
        QCOMPARE(xmlChildren(xml, QStringLiteral("services")),
                 QStringList(8, QStringLiteral("service")));
        const auto definition =
            m_server->get(QStringLiteral("/open311/v2/services/MTRECYDBI.json"));
        QCOMPARE(definition.status, 200);
        verifySchema(definition.json().object(), QStringLiteral("open311-service-definition"));
        QCOMPARE(definition.json()[u"attributes"].toArray().size(), 18);
        const auto definitionXml =
            m_server->get(QStringLiteral("/open311/v2/services/MTRECYDBI.xml"));
        QCOMPARE(definitionXml.status, 200);
        QVERIFY(xmlChildren(definitionXml, QStringLiteral("service_definition"))
                    .contains(u"attributes"));
        QVERIFY(definitionXml.body.contains("<attribute><code>"));
        QVERIFY(definitionXml.body.contains("<values><value><key>"));
        const auto unknown = m_server->get(QStringLiteral("/open311/v2/services/NOSUCH.json"));
        QCOMPARE(unknown.status, 404);
        verifySchema(unknown.json().array(), QStringLiteral("open311-errors"));
        QCOMPARE(xmlChildren(m_server->get(QStringLiteral("/open311/v2/services/NOSUCH.xml")),
                             QStringLiteral("errors")),
                 QStringList{QStringLiteral("error")});
    }

    void requestsWithTheSpecsFilters()
    {
        const auto all = m_server->get(u"/open311/v2/requests.json?" + Range);
        QCOMPARE(all.status, 200);
        verifySchema(all.json().array(), QStringLiteral("open311-requests"));
        const int total = int(all.json().array().size());
        QVERIFY(total > 5);
        const auto rodents =
            m_server->get(u"/open311/v2/requests.json?service_code=RODENTACT&" + Range);
        for (const QJsonValue &v : rodents.json().array())
            QCOMPARE(v[u"service_code"].toString(), QStringLiteral("RODENTACT"));
        const auto open = m_server->get(u"/open311/v2/requests.json?status=open&" + Range);
        const auto closed = m_server->get(u"/open311/v2/requests.json?status=closed&" + Range);
        const auto both = m_server->get(u"/open311/v2/requests.json?status=open,closed&" + Range);
        QCOMPARE(open.json().array().size() + closed.json().array().size(), total);
        QCOMPARE(both.json().array().size(), total);
        // Pages: the page_size extension, in order, without overlap.
        const auto page1 = m_server->get(u"/open311/v2/requests.json?page_size=4&page=1&" + Range);
        const auto page2 = m_server->get(u"/open311/v2/requests.json?page_size=4&page=2&" + Range);
        QCOMPARE(page1.json().array().size(), 4);
        QCOMPARE(page1.json().array(),
                 QJsonArray({all.json()[0], all.json()[1], all.json()[2], all.json()[3]}));
        QCOMPARE(page2.json()[0], all.json()[4]);
        // A list of ids overrides the other filters; ids are strings.
        const QString id = all.json()[0][u"service_request_id"].toString();
        const QString other = all.json()[1][u"service_request_id"].toString();
        const auto byIds = m_server->get(
            QStringLiteral("/open311/v2/requests.json?service_request_id=%1,%2&status=closed")
                .arg(id, other));
        QCOMPARE(byIds.json().array().size(), 2);
        const auto one = m_server->get(QStringLiteral("/open311/v2/requests/%1.json").arg(id));
        QCOMPARE(one.status, 200);
        verifySchema(one.json().array(), QStringLiteral("open311-requests"));
        QCOMPARE(one.json()[0][u"service_request_id"].toString(), id);
        // As the Open311 project's Swagger definition names it (request/ID): the same answer.
        QCOMPARE(m_server->get(QStringLiteral("/open311/v2/request/%1.json").arg(id)).json(),
                 one.json());
        QCOMPARE(m_server->get(QStringLiteral("/open311/v2/request/%1.xml").arg(id)).body,
                 m_server->get(QStringLiteral("/open311/v2/requests/%1.xml").arg(id)).body);
        const auto oneXml = m_server->get(QStringLiteral("/open311/v2/requests/%1.xml").arg(id));
        QCOMPARE(xmlChildren(oneXml, QStringLiteral("service_requests")),
                 QStringList{QStringLiteral("request")});
        const auto allXml = m_server->get(u"/open311/v2/requests.xml?" + Range);
        QCOMPARE(xmlChildren(allXml, QStringLiteral("service_requests")).size(), total);
        // An empty parameter is handled as if it were absent.
        QCOMPARE(m_server->get(u"/open311/v2/requests.json?status=&service_code=&" + Range).json(),
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
        const auto r = m_server->get(path);
        QCOMPARE(r.status, status);
        verifySchema(r.json().array(), QStringLiteral("open311-errors"));
        QCOMPARE(r.json()[0][u"code"].toInt(), status);
    }

    void postCreatesARequestThatEveryoneSees()
    {
        const auto created = post(
            QStringLiteral("json"),
            {{QStringLiteral("api_key"), m_key},
             {QStringLiteral("service_code"), QStringLiteral("ABNDVHCL")},
             {QStringLiteral("lat"), QStringLiteral("42.3588")},
             {QStringLiteral("long"), QStringLiteral("-71.0707")},
             {QStringLiteral("attribute[VEHICLE_DESC]"), QStringLiteral("Red sedan, no plates")},
             {QStringLiteral("attribute[DAYS_PARKED]"), QStringLiteral("12")},
             {QStringLiteral("description"), QStringLiteral("Flat tyres + broken window")},
             {QStringLiteral("first_name"), QStringLiteral("Rosa")},
             {QStringLiteral("last_name"), QStringLiteral("Díaz")},
             {QStringLiteral("email"), QStringLiteral("rosa@example.org")},
             {QStringLiteral("phone"), QStringLiteral("617-555-0142")}});
        QVERIFY2(created.status == 200, created.body.constData());
        verifySchema(created.json().array(), QStringLiteral("open311-post-response"));
        const QString id = created.json()[0][u"service_request_id"].toString();
        const auto back = m_server->get(QStringLiteral("/open311/v2/requests/%1.json").arg(id));
        QCOMPARE(back.status, 200);
        verifySchema(back.json().array(), QStringLiteral("open311-requests"));
        const QJsonObject r = back.json()[0].toObject();
        QCOMPARE(r[u"service_code"].toString(), QStringLiteral("ABNDVHCL"));
        QCOMPARE(r[u"status"].toString(), QStringLiteral("open"));
        QVERIFY(r[u"description"].toString().contains(u"Flat tyres + broken window"));
        QVERIFY(!r[u"expected_datetime"].toString().isEmpty());
        // GET never shows who reported it.
        for (const char *secret : {"Rosa", "Díaz", "rosa@example.org", "555", "0142"})
            QVERIFY2(!back.body.contains(secret), secret);
        const auto list = m_server->get(QStringLiteral("/open311/v2/requests.json"));
        QVERIFY(list.body.contains(id.toUtf8()));
        QVERIFY(!list.body.contains("rosa@example.org"));
        // It is an event like any other: a workstation pulls it (with the caller) by sync.
        QVERIFY(m_server->addUser(QStringLiteral("agent.o"), QStringLiteral("call_taker")));
        const QString token = m_server->login(QStringLiteral("agent.o"));
        const auto events =
            m_server->get(QStringLiteral("/api/v1/events?after=0&limit=1000"), token);
        bool seen = false;
        for (const QJsonValue &e : events.json()[u"events"].toArray()) {
            if (e[u"kind"].toString() == u"request.created" &&
                e[u"payload"][u"number"].toString() == id) {
                seen = true;
                QCOMPARE(e[u"payload"][u"channel"].toString(), QStringLiteral("web"));
                QVERIFY(e[u"actor"].toString().startsWith(u"open311:"));
            }
        }
        QVERIFY(seen);
        const auto withCaller = m_server->get(u"/api/v1/requests?number=" + id, token);
        QCOMPARE(withCaller.json()[u"requests"][0][u"callers"][0][u"email"].toString(),
                 QStringLiteral("rosa@example.org"));
        // XML answers too, and multivaluelist answers repeat attribute[code][].
        const auto xml =
            post(QStringLiteral("xml"),
                 {{QStringLiteral("api_key"), m_key},
                  {QStringLiteral("service_code"), QStringLiteral("RODENTACT")},
                  {QStringLiteral("address_string"), QStringLiteral("1 City Hall Plaza, Boston")}});
        QCOMPARE(xml.status, 200);
        QCOMPARE(xmlChildren(xml, QStringLiteral("service_requests")),
                 QStringList{QStringLiteral("request")});
        QVERIFY(xml.body.contains("<service_request_id>"));
    }

    // GeoReport v2's expected_datetime is a W3C datetime: a request without an expected date
    // leaves it out in JSON, and XML has no empty element for it.
    void requestsWithoutAnExpectedDateLeaveItOut()
    {
        // BOS311GEN has no SLA: a request of it has no expected date.
        const auto created = post(QStringLiteral("json"),
                                  {{QStringLiteral("api_key"), m_key},
                                   {QStringLiteral("service_code"), QStringLiteral("BOS311GEN")},
                                   {QStringLiteral("lat"), QStringLiteral("42.3601")},
                                   {QStringLiteral("long"), QStringLiteral("-71.0589")}});
        QVERIFY2(created.status == 200, created.body.constData());
        const QString id = created.json()[0][u"service_request_id"].toString();
        const auto one = m_server->get(QStringLiteral("/open311/v2/requests/%1.json").arg(id));
        verifySchema(one.json().array(), QStringLiteral("open311-requests"));
        QVERIFY(!one.json()[0].toObject().contains(u"expected_datetime"));
        const auto all = m_server->get(QStringLiteral("/open311/v2/requests.json"));
        QCOMPARE(all.status, 200);
        verifySchema(all.json().array(), QStringLiteral("open311-requests"));
        int without = 0;
        for (const QJsonValue &v : all.json().array())
            without += v.toObject().contains(u"expected_datetime") ? 0 : 1;
        QVERIFY(without > 0);
        QVERIFY(without < all.json().array().size());
        for (const QString &path : {QStringLiteral("/open311/v2/requests.xml"),
                                    QStringLiteral("/open311/v2/requests/%1.xml").arg(id)}) {
            const auto xml = m_server->get(path);
            QCOMPARE(xml.status, 200);
            QVERIFY(!xml.body.contains("<expected_datetime/>"));
            QVERIFY(!xml.body.contains("<expected_datetime></expected_datetime>"));
        }
        QCOMPARE(m_server->get(QStringLiteral("/open311/v2/requests.xml"))
                     .body.count("<expected_datetime>"),
                 all.json().array().size() - without);
    }

    // A POSTed media_url and address_id come back from GET as their own fields, in JSON and
    // XML; the description stays the reporter's.
    void postKeepsMediaUrlAndAddressId()
    {
        const QString photo = QStringLiteral("https://example.org/photos/rat.jpg?size=large");
        const auto created =
            post(QStringLiteral("json"),
                 {{QStringLiteral("api_key"), m_key},
                  {QStringLiteral("service_code"), QStringLiteral("RODENTACT")},
                  {QStringLiteral("address_id"), QStringLiteral("1")},
                  {QStringLiteral("media_url"), photo},
                  {QStringLiteral("description"), QStringLiteral("Rats by the steps")}});
        QVERIFY2(created.status == 200, created.body.constData());
        const QString id = created.json()[0][u"service_request_id"].toString();
        const auto back = m_server->get(QStringLiteral("/open311/v2/requests/%1.json").arg(id));
        QCOMPARE(back.status, 200);
        verifySchema(back.json().array(), QStringLiteral("open311-requests"));
        const QJsonObject r = back.json()[0].toObject();
        QCOMPARE(r[u"media_url"].toString(), photo);
        QCOMPARE(r[u"address_id"].toString(), QStringLiteral("1"));
        QCOMPARE(r[u"description"].toString(), QStringLiteral("Rats by the steps"));
        const auto xml = m_server->get(QStringLiteral("/open311/v2/requests/%1.xml").arg(id));
        QCOMPARE(xml.status, 200);
        QVERIFY2(xml.body.contains(QByteArray("<media_url>" + photo.toUtf8() + "</media_url>")),
                 xml.body.constData());
        QVERIFY(xml.body.contains("<address_id>1</address_id>"));
        // In the list as well.
        const auto list = m_server->get(QStringLiteral("/open311/v2/requests.json"));
        verifySchema(list.json().array(), QStringLiteral("open311-requests"));
        QVERIFY(list.body.contains("rat.jpg"));
    }

    // Started with --listen 127.0.0.1:0, discovery names the port the server actually bound.
    void discoveryAnnouncesThePortBound()
    {
        QVERIFY(m_server->port() > 0);
        const QString url = QStringLiteral("http://127.0.0.1:%1/open311/v2").arg(m_server->port());
        const auto json = m_server->get(QStringLiteral("/open311/discovery.json"));
        QCOMPARE(json.json()[u"endpoints"][0][u"url"].toString(), url);
        const auto xml = m_server->get(QStringLiteral("/open311/v2/discovery.xml"));
        QVERIFY2(xml.body.contains(QByteArray("<url>" + url.toUtf8() + "</url>")),
                 xml.body.constData());
    }

    // Form encoding: '+' in a query string or a form body is a space ("%2B" is a plus), and a
    // POST may carry its fields in the query string.
    void plusInAQueryStringIsASpace()
    {
        const auto all = m_server->get(u"/open311/v2/requests.json?" + Range);
        const QString first = all.json()[0][u"service_request_id"].toString();
        const QString second = all.json()[1][u"service_request_id"].toString();
        for (const QString &format : {QStringLiteral("json"), QStringLiteral("xml")}) {
            const auto both =
                m_server->get(QStringLiteral("/open311/v2/requests.%1?service_request_id=%2,+%3")
                                  .arg(format, first, second));
            QCOMPARE(both.status, 200);
            if (format == u"json")
                QCOMPARE(both.json().array().size(), 2);
            else
                QCOMPARE(xmlChildren(both, QStringLiteral("service_requests")).size(), 2);
        }
        // An offset whose '+' was not encoded still reads as an offset.
        QCOMPARE(m_server
                     ->get(QStringLiteral("/open311/v2/requests.json?start_date=2015-01-01T00:00:"
                                          "00+00:00&end_date=2015-03-31T00:00:00+00:00"))
                     .json(),
                 all.json());
        for (const QString &format : {QStringLiteral("json"), QStringLiteral("xml")}) {
            const auto created =
                m_server->request(QByteArrayLiteral("POST"),
                                  u"/open311/v2/requests." + format + u"?api_key=" + m_key +
                                      u"&service_code=RODENTACT&address_string=1+City+Hall+Plz&"
                                      u"description=Rats+%2B+mice",
                                  {},
                                  {{QByteArrayLiteral("Content-Type"),
                                    QByteArrayLiteral("application/x-www-form-urlencoded")}});
            QVERIFY2(created.status == 200, created.body.constData());
            QString id;
            if (format == u"json") {
                id = created.json()[0][u"service_request_id"].toString();
            } else {
                QXmlStreamReader reader(created.body);
                while (reader.readNextStartElement() || !reader.atEnd()) {
                    if (reader.isStartElement() && reader.name() == u"service_request_id") {
                        id = reader.readElementText();
                        break;
                    }
                }
            }
            QVERIFY(!id.isEmpty());
            const auto back = m_server->get(QStringLiteral("/open311/v2/requests/%1.json").arg(id));
            QCOMPARE(back.json()[0][u"address"].toString(), QStringLiteral("1 City Hall Plz"));
            QCOMPARE(back.json()[0][u"description"].toString(), QStringLiteral("Rats + mice"));
        }
    }

    // A place outside the city is refused with a 400 that gives the referral, as a call taker
    // would: by the boundary polygon for a point (the neighbour named by its polygon), by the
    // referral list's places for typed text. Nothing is stored.
    void postOutsideTheCityIsReferred_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QStringList>("fields");
        QTest::addColumn<QString>("says");
        for (const QString &format : {QStringLiteral("json"), QStringLiteral("xml")}) {
            QTest::addRow("point in Cambridge, %s", qPrintable(format))
                << format
                << QStringList{QStringLiteral("lat=42.3736"), QStringLiteral("long=-71.1097")}
                << QStringLiteral("City of Cambridge");
            QTest::addRow("point in the sea, %s", qPrintable(format))
                << format << QStringList{QStringLiteral("lat=42.45"), QStringLiteral("long=-70.90")}
                << QStringLiteral("outside Mini Boston");
            QTest::addRow("typed town, %s", qPrintable(format))
                << format << QStringList{QStringLiteral("address_string=100 Main St, Cambridge")}
                << QStringLiteral("617-349-4000");
        }
    }

    void postOutsideTheCityIsReferred()
    {
        QFETCH(QString, format);
        QFETCH(QStringList, fields);
        QFETCH(QString, says);
        const QByteArray before = m_server->get(QStringLiteral("/open311/v2/requests.json")).body;
        QList<std::pair<QString, QString>> form = {
            {QStringLiteral("api_key"), m_key},
            {QStringLiteral("service_code"), QStringLiteral("RODENTACT")}};
        for (const QString &field : fields)
            form.append({field.section(u'=', 0, 0), field.section(u'=', 1)});
        const auto r = post(format, form);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.body.contains(says.toUtf8()), r.body.constData());
        if (format == u"json")
            verifySchema(r.json().array(), QStringLiteral("open311-errors"));
        else
            QCOMPARE(xmlChildren(r, QStringLiteral("errors")),
                     QStringList{QStringLiteral("error")});
        QCOMPARE(m_server->get(QStringLiteral("/open311/v2/requests.json")).body, before);
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
        const QByteArray before = m_server->get(QStringLiteral("/open311/v2/requests.json")).body;
        QList<std::pair<QString, QString>> form;
        for (const QString &field : fields) {
            const QString value = field.section(u'=', 1);
            form.append({field.section(u'=', 0, 0), value == u"KEY" ? m_key : value});
        }
        const auto r = post(QStringLiteral("json"), form);
        QCOMPARE(r.status, status);
        verifySchema(r.json().array(), QStringLiteral("open311-errors"));
        QVERIFY2(r.body.contains(says.toUtf8()), r.body.constData());
        QCOMPARE(m_server->get(QStringLiteral("/open311/v2/requests.json")).body, before);
    }

    void postRefusesInvalidUtf8AndHugeBodies()
    {
        const auto utf8 = m_server->request(
            QByteArrayLiteral("POST"), QStringLiteral("/open311/v2/requests.json"),
            "api_key=" + m_key.toLatin1() + "&service_code=RODENTACT&description=%FF%FE\xff");
        QCOMPARE(utf8.status, 400);
        const auto huge = m_server->request(QByteArrayLiteral("POST"),
                                            QStringLiteral("/open311/v2/requests.json"),
                                            QByteArray(10 * 1024 * 1024, 'a'));
        QCOMPARE(huge.status, 413);
        verifySchema(huge.json().array(), QStringLiteral("open311-errors"));
    }

    void tokensAndUpdates()
    {
        // A status change and a public note by an agent reach the updates extension; an
        // internal note does not.
        QVERIFY(m_server->addUser(QStringLiteral("agent.u"), QStringLiteral("supervisor")));
        const QString token = m_server->login(QStringLiteral("agent.u"));
        const auto created = post(QStringLiteral("json"),
                                  {{QStringLiteral("api_key"), m_key},
                                   {QStringLiteral("service_code"), QStringLiteral("RODENTACT")},
                                   {QStringLiteral("lat"), QStringLiteral("42.3601")},
                                   {QStringLiteral("long"), QStringLiteral("-71.0589")}});
        const QString number = created.json()[0][u"service_request_id"].toString();
        const auto found = m_server->get(u"/api/v1/requests/" + number, token);
        const QString requestId = found.json()[u"id"].toString();
        const QString createdEvent = found.json()[u"events"][0][u"id"].toString();
        const auto now = double(QDateTime::currentMSecsSinceEpoch());
        auto make = [&](const QString &kind, const QJsonObject &payload) {
            return QJsonObject{
                {QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                {QStringLiteral("entity_type"), QStringLiteral("request")},
                {QStringLiteral("entity_id"), requestId},
                {QStringLiteral("kind"), kind},
                {QStringLiteral("payload"), payload},
                {QStringLiteral("actor"), QStringLiteral("agent.u")},
                {QStringLiteral("device"), QStringLiteral("T3ST3")},
                {QStringLiteral("client_time"), now}};
        };
        const auto pushed = m_server->postJson(
            QStringLiteral("/api/v1/events"),
            QJsonDocument(QJsonObject{
                {QStringLiteral("events"),
                 QJsonArray{
                     make(
                         QStringLiteral("request.note_added"),
                         {{QStringLiteral("text"), QStringLiteral("Caller's cell is 617-555-0199")},
                          {QStringLiteral("public"), false}}),
                     make(QStringLiteral("request.note_added"),
                          {{QStringLiteral("text"), QStringLiteral("Bait stations placed.")},
                           {QStringLiteral("public"), true}}),
                     make(QStringLiteral("request.status_changed"),
                          {{QStringLiteral("status"), QStringLiteral("closed")},
                           {QStringLiteral("closure_reason"), QStringLiteral("Resolved")}})}}}),
            token);
        QCOMPARE(pushed.json()[u"accepted"].toArray().size(), 3);
        const auto updates =
            m_server->get(u"/open311/v2/servicerequestupdates.json?service_request_id=" + number);
        QCOMPARE(updates.status, 200);
        verifySchema(updates.json().array(), QStringLiteral("open311-updates"));
        QCOMPARE(updates.json().array().size(), 2);
        QVERIFY(!updates.body.contains("617-555-0199"));
        QVERIFY(updates.body.contains("Bait stations placed."));
        const auto xml =
            m_server->get(u"/open311/v2/servicerequestupdates.xml?service_request_id=" + number);
        QCOMPARE(xmlChildren(xml, QStringLiteral("service_request_updates")),
                 QStringList(2, QStringLiteral("request_update")));
        QCOMPARE(m_server->get(QStringLiteral("/open311/v2/requests/%1.json").arg(number))
                     .json()[0][u"status"]
                     .toString(),
                 QStringLiteral("closed"));
        // The token of the creating event resolves to the request id.
        const auto resolved =
            m_server->get(QStringLiteral("/open311/v2/tokens/%1.json").arg(createdEvent));
        QCOMPARE(resolved.status, 200);
        verifySchema(resolved.json().array(), QStringLiteral("open311-token"));
        QCOMPARE(resolved.json()[0][u"service_request_id"].toString(), number);
        QCOMPARE(xmlChildren(
                     m_server->get(QStringLiteral("/open311/v2/tokens/%1.xml").arg(createdEvent)),
                     QStringLiteral("service_requests")),
                 QStringList{QStringLiteral("request")});
    }

    // A POST refused after the reporter was read keeps nothing of them: the place is outside
    // the city, and the reporter must not be stored (nor sent to every workstation).
    void aRefusedPostKeepsNoReporter()
    {
        const auto r =
            post(QStringLiteral("json"),
                 {{QStringLiteral("api_key"), m_key},
                  {QStringLiteral("service_code"), QStringLiteral("RODENTACT")},
                  {QStringLiteral("lat"), QStringLiteral("42.3736")},
                  {QStringLiteral("long"), QStringLiteral("-71.1097")},
                  {QStringLiteral("description"), QString(MaxTextAnswerLength, u'r')},
                  {QStringLiteral("media_url"), QStringLiteral("https://example.org/rat.jpg")},
                  {QStringLiteral("first_name"), QStringLiteral("Refused")},
                  {QStringLiteral("last_name"), QStringLiteral("Reporter")},
                  {QStringLiteral("phone"), QStringLiteral("617-555-0199")}});
        QCOMPARE(r.status, 400);
        QVERIFY(m_server->addUser(QStringLiteral("agent.p"), QStringLiteral("call_taker")));
        const QString token = m_server->login(QStringLiteral("agent.p"));
        const auto events =
            m_server->get(QStringLiteral("/api/v1/events?after=0&limit=1000"), token);
        QCOMPARE(events.status, 200);
        QVERIFY(!events.body.contains("Refused Reporter"));
        QVERIFY(!events.body.contains("6175550199"));
    }

    // A label whose key was revoked may be issued again (a partner's key rotated).
    void aRevokedLabelCanBeIssuedAgain()
    {
        const QString first = m_server->createApiKey(QStringLiteral("rotated partner"));
        QVERIFY(!first.isEmpty());
        QCOMPARE(
            m_server->run({QStringLiteral("--revoke-api-key"), QStringLiteral("rotated partner")}),
            0);
        const QString second = m_server->createApiKey(QStringLiteral("rotated partner"));
        QVERIFY(!second.isEmpty());
        QVERIFY(second != first);
        const auto withNew = post(QStringLiteral("json"),
                                  {{QStringLiteral("api_key"), second},
                                   {QStringLiteral("service_code"), QStringLiteral("RODENTACT")},
                                   {QStringLiteral("lat"), QStringLiteral("42.36")},
                                   {QStringLiteral("long"), QStringLiteral("-71.06")}});
        QCOMPARE(withNew.status, 200);
        const auto withOld = post(QStringLiteral("json"),
                                  {{QStringLiteral("api_key"), first},
                                   {QStringLiteral("service_code"), QStringLiteral("RODENTACT")},
                                   {QStringLiteral("lat"), QStringLiteral("42.36")},
                                   {QStringLiteral("long"), QStringLiteral("-71.06")}});
        QCOMPARE(withOld.status, 403);
        // An active label is still refused.
        QVERIFY(m_server->createApiKey(QStringLiteral("rotated partner")).isEmpty());
    }

    void revokedKeysStopWorking()
    {
        QCOMPARE(m_server->run(
                     {QStringLiteral("--revoke-api-key"), QStringLiteral("resident web form")}),
                 0);
        const auto r = post(QStringLiteral("json"),
                            {{QStringLiteral("api_key"), m_key},
                             {QStringLiteral("service_code"), QStringLiteral("RODENTACT")},
                             {QStringLiteral("lat"), QStringLiteral("42.36")},
                             {QStringLiteral("long"), QStringLiteral("-71.06")}});
        QCOMPARE(r.status, 403);
        QCOMPARE(m_server->run(
                     {QStringLiteral("--revoke-api-key"), QStringLiteral("resident web form")}),
                 1);
    }

    void unknownEndpoints()
    {
        const auto missing = m_server->get(QStringLiteral("/no/such/endpoint"));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json()[u"error"][u"code"].toString(), QStringLiteral("not_found"));
    }

    void sigtermStopsCleanlyAndEveryRequestWasLogged()
    {
        m_server->terminate();
        const QString log = QString::fromUtf8(m_server->log());
        QVERIFY2(log.contains(QRegularExpression(
                     QStringLiteral("GET /open311/v2/services.json 200 [0-9.]+ ms"))),
                 qPrintable(log.right(2000)));
        QVERIFY(log.contains(u"POST /open311/v2/requests.json 403"));
        QVERIFY(log.contains(u"stopping"));
    }

    void commandLineErrors()
    {
        ServerProcess cli(QStringLiteral(CIVICDESK_SERVER), m_store->url());
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
