#pragma once

// The base of the Open311 suites (tst_open311server, tst_open311post): GeoReport v2 on the real
// civicdesk-server, on SQLite or PostgreSQL (CIVICDESK_TEST_BACKEND), with the fixture city and
// its limits imported (twice: idempotent) and an API key; the spec's JSON Schemas and XML.

#include "models/domain/text/formvalidation.h"
#include "tests/support/jsonschema.h"
#include "tests/support/serverfixture.h"
#include "tests/support/teststore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>
#include <QXmlStreamReader>

namespace civicdesk::test {

inline const QString Range =
    QStringLiteral("start_date=2015-01-01T00:00:00Z&end_date=2015-03-31T00:00:00Z");

inline void verifySchema(const QJsonValue &value, const QString &schema)
{
    const QStringList problems = test::validateJson(value, test::loadSchema(schema));
    QVERIFY2(problems.isEmpty(), qPrintable(schema + u": " + problems.join(u"; ")));
}

// Checks that an XML body is well-formed UTF-8 with the declaration and the given root; returns
// the names of the root's children.
inline QStringList xmlChildren(const ServerProcess::Reply &r, const QString &root)
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

class Open311Test : public QObject
{
protected:
    test::ServerFixture m_fixture{QStringLiteral(CIVICDESK_SERVER)};
    test::FixturePack m_pack;
    QString m_key;

    ServerProcess &server() { return m_fixture.server(); }

    ServerProcess::Reply post(const QString &format,
                              const QList<std::pair<QString, QString>> &fields)
    {
        QUrlQuery form;
        for (const auto &[name, value] : fields)
            form.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(name)),
                              QString::fromLatin1(QUrl::toPercentEncoding(value)));
        return server().request(
            QByteArrayLiteral("POST"), u"/open311/v2/requests." + format,
            form.query(QUrl::FullyEncoded).toLatin1(),
            {{QByteArrayLiteral("Content-Type"),
              QByteArrayLiteral("application/x-www-form-urlencoded; charset=utf-8")}});
    }

    void startServer()
    {
        QVERIFY2(m_fixture.open(), qPrintable(m_fixture.error()));
        test::addCityLimits(m_pack);
        // Importing twice is idempotent.
        for (int run = 0; run < 2; ++run) {
            QByteArray output;
            QCOMPARE(server().run({QStringLiteral("--import-city"), m_pack.path()}, {}, &output),
                     0);
            QVERIFY2(output.contains("25 requests"), output.constData());
        }
        m_key = server().createApiKey(QStringLiteral("resident web form"));
        QVERIFY(m_key.size() >= 40);
        QVERIFY2(m_fixture.start(), qPrintable(m_fixture.error()));
    }
};

} // namespace civicdesk::test
