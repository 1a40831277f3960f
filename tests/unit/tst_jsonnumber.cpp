// The one checked reader of whole numbers in JSON (models/domain/text/jsonnumber.h): JSON numbers
// are doubles, and converting one beyond qint64 to an integer is undefined behaviour, so the bounds
// are checked on the double first; fractions, text, null and missing values are refused, and
// the error names the field and what it must be.

#include "models/domain/text/jsonnumber.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <limits>

using namespace civicdesk;

class TestJsonNumber : public QObject
{
    Q_OBJECT

private slots:
    void bounds_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<qint64>("min");
        QTest::addColumn<qint64>("max");
        QTest::addColumn<bool>("read");
        QTest::addColumn<qint64>("expected");
        const qint64 exact = MaxExactJsonInteger;
        QTest::newRow("zero") << QByteArray("0") << qint64(0) << exact << true << qint64(0);
        QTest::newRow("2^53") << QByteArray("9007199254740992") << qint64(0) << exact << true
                              << exact;
        QTest::newRow("above the bound")
            << QByteArray("9007199254740994") << qint64(0) << exact << false << qint64(0);
        QTest::newRow("1e56") << QByteArray("1e56") << qint64(0) << exact << false << qint64(0);
        QTest::newRow("-1e56") << QByteArray("-1e56") << std::numeric_limits<qint64>::min() << exact
                               << false << qint64(0);
        QTest::newRow("2^63 with the widest bounds")
            << QByteArray("9223372036854775808") << std::numeric_limits<qint64>::min()
            << std::numeric_limits<qint64>::max() << false << qint64(0);
        QTest::newRow("-2^63 with the widest bounds")
            << QByteArray("-9223372036854775808") << std::numeric_limits<qint64>::min()
            << std::numeric_limits<qint64>::max() << true << std::numeric_limits<qint64>::min();
        QTest::newRow("fraction") << QByteArray("6.5") << qint64(0) << exact << false << qint64(0);
        QTest::newRow("below min") << QByteArray("-1") << qint64(0) << exact << false << qint64(0);
        QTest::newRow("negative allowed")
            << QByteArray("-1") << qint64(-5) << qint64(5) << true << qint64(-1);
        QTest::newRow("text") << QByteArray("\"7\"") << qint64(0) << exact << false << qint64(0);
        QTest::newRow("null") << QByteArray("null") << qint64(0) << exact << false << qint64(0);
    }

    void bounds()
    {
        QFETCH(QByteArray, json);
        QFETCH(qint64, min);
        QFETCH(qint64, max);
        QFETCH(bool, read);
        QFETCH(qint64, expected);
        const QJsonValue value =
            QJsonDocument::fromJson("{\"n\":" + json + "}").object().value(u"n");
        const auto n = jsonWholeNumber(value, min, max);
        QCOMPARE(n.has_value(), read);
        if (read)
            QCOMPARE(*n, expected);
    }

    void theErrorNamesTheFieldAndTheRange()
    {
        const auto refused = readJsonWholeNumber(QJsonValue(1e56), QStringLiteral("last_seq"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("validation"));
        QVERIFY2(refused.error().message.contains(u"\"last_seq\""),
                 qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(u"9007199254740992"),
                 qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(u"e+56"), qPrintable(refused.error().message));
        const auto missing =
            readJsonWholeNumber(QJsonValue(QJsonValue::Undefined), QStringLiteral("through"));
        QVERIFY(!missing);
        QVERIFY2(missing.error().message.contains(u"missing"), qPrintable(missing.error().message));
        const auto read = readJsonWholeNumber(QJsonValue(42.0), QStringLiteral("seq"));
        QVERIFY(read);
        QCOMPARE(read.value(), Q_INT64_C(42));
    }
};

QTEST_GUILESS_MAIN(TestJsonNumber)
#include "tst_jsonnumber.moc"
