// Open311 GeoReport v2 answers of a real civicdesk-server checked by a validator that is not
// ours — Ajv (https://ajv.js.org, from the npm registry, pinned, installed into the build tree)
// — against the Open311 project's own JSON Schemas and Swagger 2.0 definition
// (open311/schema-validation, vendored in tests/data/open311-schema-validation with their
// source and licence). Covered: services, every service definition, requests (a list, one by
// id, the POST answer, a token, and every request of a real city: Los Angeles) in JSON. The project
// publishes no schema for discovery, errors or the XML forms: discovery and errors are checked by
// Ajv against CivicDesk's own schemas (tests/data/schemas), the XML forms by tst_open311server.
// Without node or the registry the test says "skipped" (CTest reports it skipped), never passes.

#include "tests/support/serverprocess.h"
#include "tests/support/teststore.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <QUrlQuery>

using namespace civicdesk;
using test::ServerProcess;

namespace {

const QString Range =
    QStringLiteral("start_date=2015-01-01T00:00:00Z&end_date=2015-03-31T00:00:00Z");
// The Open311 project's Swagger definition: the 200 answer of a path and method.
QString swagger(const QString &path, const QString &method)
{
    QString pointer = path;
    pointer.replace(u'/', QStringLiteral("~1"))
        .replace(u'{', QStringLiteral("%7B"))
        .replace(u'}', QStringLiteral("%7D"));
    return QStringLiteral("swagger.json#/paths/%1/%2/responses/200/schema").arg(pointer, method);
}

} // namespace

class TestOpen311ThirdParty : public QObject
{
    Q_OBJECT

    QString m_node;
    QTemporaryDir m_work;
    std::unique_ptr<test::ServerStore> m_store;
    test::FixturePack m_pack;
    std::unique_ptr<ServerProcess> m_server;
    QString m_key;
    int m_validated = 0;

    // Installs the pinned Ajv into the build tree unless it is there; "" or why it could not.
    QString installAjv()
    {
        const QString dir = QStringLiteral(CIVICDESK_AJV_DIR);
        if (QFileInfo::exists(dir + u"/node_modules/ajv-formats/package.json"))
            return {};
        const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
        if (npm.isEmpty())
            return QStringLiteral("npm is not installed");
        QDir().mkpath(dir);
        QProcess install;
        install.setProcessChannelMode(QProcess::MergedChannels);
        install.start(npm, QStringList{QStringLiteral("install"), QStringLiteral("--prefix"), dir,
                                       QStringLiteral("--no-audit"), QStringLiteral("--no-fund"),
                                       QStringLiteral("--fetch-retries=1"),
                                       QStringLiteral("--fetch-timeout=20000")} +
                               QStringLiteral(CIVICDESK_AJV_PACKAGES).split(u' '));
        if (!install.waitForFinished(240000)) {
            install.kill();
            install.waitForFinished();
            return QStringLiteral("npm install did not finish in 4 minutes");
        }
        if (install.exitStatus() != QProcess::NormalExit || install.exitCode() != 0)
            return u"npm install failed: " +
                   QString::fromUtf8(install.readAll()).trimmed().right(400);
        return {};
    }

    // What Ajv finds wrong with `json` against the schema `ref` ("" when it is valid).
    QString problems(const QByteArray &json, const QString &ref)
    {
        const QString file = m_work.filePath(QStringLiteral("answer.json"));
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(json) != json.size())
            return u"cannot write " + file;
        out.close();
        QProcess node;
        node.start(m_node, {QStringLiteral(CIVICDESK_AJV_SCRIPT), QStringLiteral(CIVICDESK_AJV_DIR),
                            test::testDataDir() + u"/open311-schema-validation",
                            u"civicdesk=" + test::testDataDir() + u"/schemas", QStringLiteral("--"),
                            ref, file});
        if (!node.waitForFinished(60000))
            return QStringLiteral("node did not finish");
        const QJsonObject result = QJsonDocument::fromJson(node.readAllStandardOutput()).object();
        if (node.exitCode() == 2 || result.isEmpty())
            return u"the validator did not run: " + result.value(u"error").toString() +
                   QString::fromUtf8(node.readAllStandardError());
        ++m_validated;
        if (result.value(u"valid").toBool())
            return {};
        QStringList errors;
        for (const QJsonValue &e : result.value(u"errors").toArray())
            errors.append(e[u"instancePath"].toString() + u' ' + e[u"message"].toString() + u" (" +
                          e[u"schemaPath"].toString() + u')');
        return ref + u": " + errors.mid(0, 8).join(QStringLiteral("; "));
    }

    void verify(const ServerProcess::Reply &reply, const QStringList &refs)
    {
        for (const QString &ref : refs) {
            const QString wrong = problems(reply.body, ref);
            QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
        }
    }

    ServerProcess::Reply post(const QList<std::pair<QString, QString>> &fields)
    {
        QUrlQuery form;
        for (const auto &[name, value] : fields)
            form.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(name)),
                              QString::fromLatin1(QUrl::toPercentEncoding(value)));
        return m_server->request(
            QByteArrayLiteral("POST"), QStringLiteral("/open311/v2/requests.json"),
            form.query(QUrl::FullyEncoded).toLatin1(),
            {{QByteArrayLiteral("Content-Type"),
              QByteArrayLiteral("application/x-www-form-urlencoded; charset=utf-8")}});
    }

private slots:
    void initTestCase()
    {
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (m_node.isEmpty())
            QSKIP("skipped: node is not installed (packaging/setup-debian.sh installs nodejs and "
                  "npm)");
        if (const QString why = installAjv(); !why.isEmpty())
            QSKIP(qPrintable(u"skipped: Ajv could not be installed from the npm registry (" + why +
                             u')'));
        m_store = std::make_unique<test::ServerStore>();
        QVERIFY2(!m_store->url().isEmpty(), qPrintable(m_store->error()));
        m_server =
            std::make_unique<ServerProcess>(QStringLiteral(CIVICDESK_SERVER), m_store->url());
        test::addCityLimits(m_pack);
        QByteArray output;
        QVERIFY2(m_server->run({QStringLiteral("--import-city"), m_pack.path()}, {}, &output) == 0,
                 output.constData());
        m_key = m_server->createApiKey(QStringLiteral("third-party check"));
        QVERIFY(!m_key.isEmpty());
        QVERIFY(m_server->start());
    }

    // The validator and the schemas do refuse what the spec forbids: an empty expected_datetime
    // and a request without its status.
    void theValidatorRefusesWhatTheSpecForbids()
    {
        const QByteArray bad = R"([{"service_request_id": "1", "status": "open",
            "service_code": "X", "requested_datetime": "2015-01-05T09:00:00-05:00",
            "expected_datetime": ""}])";
        QVERIFY(problems(bad, QStringLiteral("requests.json")).contains(u"expected_datetime"));
        QVERIFY(problems(bad, swagger(QStringLiteral("/requests.{response_format}"),
                                      QStringLiteral("get")))
                    .contains(u"date-time"));
        QVERIFY(problems(R"([{"service_request_id": "1", "service_code": "X",
            "requested_datetime": "2015-01-05T09:00:00-05:00"}])",
                         QStringLiteral("requests.json"))
                    .contains(u"status"));
    }

    void servicesAndEveryDefinition()
    {
        const auto services = m_server->get(QStringLiteral("/open311/v2/services.json"));
        QCOMPARE(services.status, 200);
        verify(services,
               {QStringLiteral("services.json"),
                swagger(QStringLiteral("/services.{response_format}"), QStringLiteral("get"))});
        int definitions = 0;
        for (const QJsonValue &service : services.json().array()) {
            if (!service[u"metadata"].toBool())
                continue;
            const auto definition =
                m_server->get(QStringLiteral("/open311/v2/services/%1.json")
                                  .arg(QString::fromLatin1(QUrl::toPercentEncoding(
                                      service[u"service_code"].toString()))));
            QCOMPARE(definition.status, 200);
            verify(definition,
                   {QStringLiteral("service-definition.json"),
                    swagger(QStringLiteral("/services/{service_code}.{response_format}"),
                            QStringLiteral("get"))});
            ++definitions;
        }
        QVERIFY(definitions >= 2);
    }

    void requestListsAndOneById()
    {
        for (const QString &query :
             QStringList{u"?" + Range, QString(), u"?status=closed&" + Range}) {
            const auto list = m_server->get(u"/open311/v2/requests.json" + query);
            QCOMPARE(list.status, 200);
            // Without dates the spec's default span is the last 90 days: none of 2015's.
            QCOMPARE(list.json().array().isEmpty(), query.isEmpty());
            verify(list,
                   {QStringLiteral("requests.json"),
                    swagger(QStringLiteral("/requests.{response_format}"), QStringLiteral("get"))});
        }
        const auto list = m_server->get(u"/open311/v2/requests.json?" + Range);
        const QString id = list.json()[0][u"service_request_id"].toString();
        const auto one = m_server->get(QStringLiteral("/open311/v2/requests/%1.json").arg(id));
        QCOMPARE(one.status, 200);
        // GeoReport v2 answers one request as a list of one (the Swagger file says an object:
        // its definition is checked on the item).
        verify(one, {QStringLiteral("requests.json")});
        ServerProcess::Reply item = one;
        item.body = QJsonDocument(one.json()[0].toObject()).toJson();
        verify(item, {QStringLiteral("swagger.json#/definitions/Request")});
    }

    // A POST's answer, and the request it made read back with its media_url and address_id.
    void postAnswerAndTheRequestItMade()
    {
        const auto created =
            post({{QStringLiteral("api_key"), m_key},
                  {QStringLiteral("service_code"), QStringLiteral("ABNDVHCL")},
                  {QStringLiteral("lat"), QStringLiteral("42.3588")},
                  {QStringLiteral("long"), QStringLiteral("-71.0707")},
                  {QStringLiteral("address_id"), QStringLiteral("2")},
                  {QStringLiteral("media_url"), QStringLiteral("https://example.org/car.jpg")},
                  {QStringLiteral("attribute[VEHICLE_DESC]"), QStringLiteral("Red sedan")},
                  {QStringLiteral("attribute[DAYS_PARKED]"), QStringLiteral("12")},
                  {QStringLiteral("description"), QStringLiteral("Parked for two weeks")}});
        QVERIFY2(created.status == 200, created.body.constData());
        verify(created,
               {swagger(QStringLiteral("/requests.{response_format}"), QStringLiteral("post"))});
        const QJsonObject answer = created.json()[0].toObject();
        QString id = answer[u"service_request_id"].toString();
        if (const QString token = answer[u"token"].toString(); !token.isEmpty()) {
            const auto byToken =
                m_server->get(QStringLiteral("/open311/v2/tokens/%1.json").arg(token));
            QCOMPARE(byToken.status, 200);
            ServerProcess::Reply item = byToken;
            item.body = QJsonDocument(byToken.json()[0].toObject()).toJson();
            verify(item, {QStringLiteral("swagger.json#/definitions/TokenResponse")});
            if (id.isEmpty())
                id = byToken.json()[0][u"service_request_id"].toString();
        }
        QVERIFY(!id.isEmpty());
        const auto back = m_server->get(QStringLiteral("/open311/v2/requests/%1.json").arg(id));
        QCOMPARE(back.status, 200);
        verify(back, {QStringLiteral("requests.json")});
        QCOMPARE(back.json()[0][u"media_url"].toString(),
                 QStringLiteral("https://example.org/car.jpg"));
        QCOMPARE(back.json()[0][u"address_id"].toString(), QStringLiteral("2"));
    }

    // No Open311 schema exists for discovery and errors: Ajv checks them against ours.
    void discoveryAndErrorsAgainstOurSchemas()
    {
        verify(m_server->get(QStringLiteral("/open311/v2/discovery.json")),
               {QStringLiteral("civicdesk/open311-discovery.json")});
        for (const QString &path :
             {QStringLiteral("/open311/v2/services/NOSUCH.json"),
              QStringLiteral("/open311/v2/requests.json?start_date=yesterday"),
              QStringLiteral("/open311/v2/requests/nope.json")}) {
            const auto error = m_server->get(path);
            QVERIFY(error.status >= 400);
            verify(error, {QStringLiteral("civicdesk/open311-errors.json")});
        }
        const auto refused = post({{QStringLiteral("api_key"), m_key},
                                   {QStringLiteral("service_code"), QStringLiteral("NOSUCH")},
                                   {QStringLiteral("lat"), QStringLiteral("42.3588")},
                                   {QStringLiteral("long"), QStringLiteral("-71.0707")}});
        QVERIFY(refused.status >= 400);
        verify(refused, {QStringLiteral("civicdesk/open311-errors.json")});
        qInfo("%d answers validated by Ajv", m_validated);
    }

    // A real city's records as published (Los Angeles: seven statuses with notes, crews'
    // reports, points and addresses as the City wrote them): every request of both exports.
    void aRealCityEveryRequest()
    {
        test::ServerStore store;
        QVERIFY2(!store.url().isEmpty(), qPrintable(store.error()));
        ServerProcess server(QStringLiteral(CIVICDESK_SERVER), store.url());
        QByteArray output;
        QVERIFY2(server.run({QStringLiteral("--import-city"), test::testDataDir() + u"/losangeles"},
                            {}, &output) == 0,
                 output.constData());
        QVERIFY(server.start());
        verify(server.get(QStringLiteral("/open311/v2/services.json")),
               {QStringLiteral("services.json")});
        int requests = 0;
        for (const QString &range :
             {QStringLiteral("start_date=2017-12-01T00:00:00Z&end_date=2018-02-01T00:00:00Z"),
              QStringLiteral("start_date=2019-12-15T00:00:00Z&end_date=2020-03-01T00:00:00Z")}) {
            for (int page = 1;; ++page) {
                const auto list =
                    server.get(QStringLiteral("/open311/v2/requests.json?page_size=1000&page=%1&%2")
                                   .arg(page)
                                   .arg(range));
                QCOMPARE(list.status, 200);
                if (list.json().array().isEmpty())
                    break;
                requests += int(list.json().array().size());
                verify(list, {QStringLiteral("requests.json"),
                              swagger(QStringLiteral("/requests.{response_format}"),
                                      QStringLiteral("get"))});
            }
        }
        QCOMPARE(requests, 6000);
    }

    void cleanupTestCase()
    {
        if (m_server)
            m_server->terminate();
    }
};

QTEST_GUILESS_MAIN(TestOpen311ThirdParty)
#include "tst_open311thirdparty.moc"
