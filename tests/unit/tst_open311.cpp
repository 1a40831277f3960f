#include "models/open311/georeportxml.h"
#include "models/open311/servicesjson.h"

#include <QFile>
#include <QJsonObject>
#include <QTest>

using namespace civicdesk;

namespace {
QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(CIVICDESK_TEST_DATA_DIR "/minipack/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}
} // namespace

class TestOpen311 : public QObject
{
    Q_OBJECT

private slots:
    void parsesBostonServiceList()
    {
        auto list = open311::parseServiceList(fixture(QStringLiteral("services.json")),
                                              QStringLiteral("services.json"));
        QVERIFY2(list.ok(), qPrintable(list.ok() ? QString() : list.error().message));
        QCOMPARE(list.value().services.size(), 8);
        const auto &services = list.value().services;
        const auto it = std::find_if(services.cbegin(), services.cend(),
                                     [](const ServiceType &t) { return t.code == u"RODENTACT"; });
        QVERIFY(it != services.cend());
        QVERIFY(!it->keywords.isEmpty());
        QVERIFY(!it->departmentCode.isEmpty());
        QVERIFY(!list.value().departments.isEmpty());
    }

    void parsesBostonDefinitionsWithDependencies()
    {
        auto types = open311::parseServiceDefinitions(fixture(QStringLiteral("definitions.json")),
                                                      QStringLiteral("definitions.json"));
        QVERIFY2(types.ok(), qPrintable(types.ok() ? QString() : types.error().message));
        const auto &all = types.value();
        const auto missed = std::find_if(
            all.cbegin(), all.cend(), [](const ServiceType &t) { return t.code == u"MTRECYDBI"; });
        QVERIFY(missed != all.cend());
        QCOMPARE(missed->attributes.size(), 18);
        QCOMPARE(missed->sla, Sla({Sla::Unit::Hours, 24, QStringLiteral("definition")}));
        for (int i = 1; i < missed->attributes.size(); ++i)
            QVERIFY(missed->attributes.at(i - 1).order <= missed->attributes.at(i).order);
        const ServiceAttribute &script = missed->attributes.at(1);
        QCOMPARE(script.datatype, AttributeDatatype::Informational);
        QVERIFY(!script.variable);
        QVERIFY(!script.required);
        const ServiceAttribute &what = missed->attributes.at(2);
        QCOMPARE(what.code, QStringLiteral("SR-MTRECYDBI1"));
        QVERIFY(what.required);
        QCOMPARE(what.values.size(), 5);
        // ST-OTHER appears twice in Boston's definition; the second stays addressable.
        QSet<QString> codes;
        for (const ServiceAttribute &a : missed->attributes)
            codes.insert(a.code);
        QCOMPARE(codes.size(), missed->attributes.size());
        const auto general = std::find_if(
            all.cbegin(), all.cend(), [](const ServiceType &t) { return t.code == u"BOS311GEN"; });
        QVERIFY(general != all.cend());
        QVERIFY(!general->sla); // Boston's {"type": null, "value": null}
    }

    void rejectsBrokenDefinitions_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("[{") << "offset";
        QTest::newRow("not array") << QByteArray("{}") << "expected a JSON array";
        QTest::newRow("no code") << QByteArray(R"([{"attributes": []}])") << "no service_code";
        QTest::newRow("bad datatype")
            << QByteArray(
                   R"([{"service_code":"X","attributes":[{"code":"A","datatype":"color"}]}])")
            << "unknown datatype \"color\"";
        QTest::newRow("list without values")
            << QByteArray(
                   R"([{"service_code":"X","attributes":[{"code":"A","datatype":"singlevaluelist"}]}])")
            << "a list without values";
        QTest::newRow("dangling dependency")
            << QByteArray(R"([{"service_code":"X","attributes":[{"code":"A","datatype":"string",
               "dependencies":{"clause":"OR","conditions":[{"attribute":"Z","op":"eq","value":"1"}]}}]}])")
            << "depends on \"Z\"";
        QTest::newRow("bad sla")
            << QByteArray(
                   R"([{"service_code":"X","attributes":[],"service_level_agreement":{"type":"Weeks","value":2}}])")
            << "service_level_agreement";
    }

    void rejectsBrokenDefinitions()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        auto result = open311::parseServiceDefinitions(json, QStringLiteral("defs.json"));
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(expected), qPrintable(result.error().message));
        QVERIFY(result.error().message.startsWith(u"defs.json"));
    }

    void rejectsDuplicateServiceCodes()
    {
        auto result = open311::parseServiceList(
            R"([{"service_code":"A","service_name":"a"},{"service_code":"A","service_name":"b"}])",
            QStringLiteral("services.json"));
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.contains(u"duplicate service_code"));
    }

    // A service list grouped by group name, as San Francisco's is published (an object whose
    // keys are the groups): read as the same services, each in its group.
    void readsAServiceListGroupedByGroupName()
    {
        auto result = open311::parseServiceList(
            R"({"Graffiti": [{"service_code":"007","service_name":"Graffiti - Public - Bike_rack",
                              "description":"Graffiti on a bike rack"}],
                "Street Defects": [{"service_code":"021","service_name":"Pavement_Defect"},
                                   {"service_code":"002","service_name":"Construction_Plate_Shifted",
                                    "group":"Street"}]})",
            QStringLiteral("service_list.json"));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        const QList<ServiceType> &services = result.value().services;
        QCOMPARE(services.size(), 3);
        QCOMPARE(services.at(0).code, QStringLiteral("007"));
        QCOMPARE(services.at(0).group, QStringLiteral("Graffiti"));
        QCOMPARE(services.at(0).description, QStringLiteral("Graffiti on a bike rack"));
        QCOMPARE(services.at(1).group, QStringLiteral("Street Defects"));
        QCOMPARE(services.at(2).group, QStringLiteral("Street")); // its own group wins
        auto bad = open311::parseServiceList(R"({"Graffiti": {"service_code":"007"}})",
                                             QStringLiteral("service_list.json"));
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(u"group \"Graffiti\""),
                 qPrintable(bad.error().message));
    }

    void encodesDefinitionsBack()
    {
        auto types = open311::parseServiceDefinitions(fixture(QStringLiteral("definitions.json")),
                                                      QStringLiteral("definitions.json"));
        QVERIFY(types.ok());
        for (const ServiceType &t : types.value()) {
            const QByteArray json = "[" + open311::encodeServiceDefinition(t) + "]";
            auto again = open311::parseServiceDefinitions(json, QStringLiteral("encoded"));
            QVERIFY2(again.ok(), json.constData());
            QCOMPARE(again.value().first().attributes.size(), t.attributes.size());
            for (int i = 0; i < t.attributes.size(); ++i) {
                QCOMPARE(again.value().first().attributes.at(i).datatype,
                         t.attributes.at(i).datatype);
                QCOMPARE(again.value().first().attributes.at(i).values, t.attributes.at(i).values);
            }
        }
    }

    // Found by fuzz_open311_xml: a number beyond 64-bit integers was converted to one before its
    // size was checked (undefined behaviour; a CIVICDESK_SANITIZE build stopped here).
    void writesNumbersOfAnySizeAsXml_data()
    {
        QTest::addColumn<double>("number");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("whole") << 42.0 << QByteArray("42");
        QTest::newRow("negative whole") << -71.0 << QByteArray("-71");
        QTest::newRow("fraction") << 42.3504 << QByteArray("42.3504");
        QTest::newRow("past 2^63") << 1e19 << QByteArray("1e+19");
        QTest::newRow("huge") << 1e300 << QByteArray("1e+300");
        QTest::newRow("huge negative") << -1e300 << QByteArray("-1e+300");
    }

    void writesNumbersOfAnySizeAsXml()
    {
        QFETCH(double, number);
        QFETCH(QByteArray, text);
        const QByteArray xml =
            open311::toXml(QJsonObject{{QStringLiteral("lat"), number}}, QStringLiteral("r"));
        QVERIFY2(xml.contains(QByteArray("<lat>" + text + "</lat>")), xml.constData());
    }
};

QTEST_GUILESS_MAIN(TestOpen311)
#include "tst_open311.moc"
