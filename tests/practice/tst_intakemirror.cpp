#include "models/practice/intakemirror.h"

#include <QJsonObject>
#include <QTest>

using namespace civicdesk;

// The trainer's mirror of a trainee's intake form: the JSON comes from another workstation, so
// its numbers are read through the checked reader.
class TestIntakeMirror : public QObject
{
    Q_OBJECT

    static QJsonObject mirror(const QJsonValue &seconds, const QJsonValue &duplicates)
    {
        return QJsonObject{{QStringLiteral("contact"), true},
                           {QStringLiteral("seconds"), seconds},
                           {QStringLiteral("caller"), QStringLiteral("Ana Ruiz")},
                           {QStringLiteral("duplicates"), duplicates}};
    }

private slots:
    void wholeNumbersAreShown()
    {
        const QStringList lines = intakeMirrorLines(mirror(42, 3));
        QCOMPARE(lines.value(0), QStringLiteral("Contact: running (42 s)"));
        QCOMPARE(lines.value(1), QStringLiteral("Caller: Ana Ruiz"));
        QVERIFY2(lines.contains(QStringLiteral("Open requests nearby shown: 3")),
                 qPrintable(lines.join(u'\n')));
    }

    // Before, 1e56 was converted to an integer (undefined; -9223372036854775808 here) and 12.5
    // was cut to 12: a number the mirror cannot hold is left out instead.
    void aHugeOrFractionalNumberIsNotShown_data()
    {
        QTest::addColumn<double>("number");
        QTest::newRow("1e56") << 1e56;
        QTest::newRow("2^63") << 9223372036854775808.0;
        QTest::newRow("12.5") << 12.5;
        QTest::newRow("-3") << -3.0;
    }
    void aHugeOrFractionalNumberIsNotShown()
    {
        QFETCH(double, number);
        const QStringList lines = intakeMirrorLines(mirror(number, number));
        QCOMPARE(lines.value(0), QStringLiteral("Contact: running"));
        QVERIFY2(lines.contains(QStringLiteral("Open requests nearby shown: —")),
                 qPrintable(lines.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestIntakeMirror)
#include "tst_intakemirror.moc"
