// DatePattern: a history export's fixed-width date format read without Qt's parser, and read
// exactly as QDateTime::fromString() reads it (or left to it).

#include "models/citypack/datepattern.h"

#include <QDateTime>
#include <QTest>
#include <array>

using namespace civicdesk;

class TestDatePattern : public QObject
{
    Q_OBJECT

private:
    // What Qt reads, as the date and time DatePattern gives (invalid: nothing read).
    static std::pair<QDate, QTime> qtReading(const QString &text, const QString &format)
    {
        const QDateTime d = QDateTime::fromString(text, format);
        return d.isValid() ? std::pair{d.date(), d.time()} : std::pair{QDate(), QTime()};
    }

private slots:
    void formatsItReadsAndThoseItLeavesToQt()
    {
        for (const char *format : {"MM/dd/yyyy hh:mm:ss AP", "yyyy-MM-dd HH:mm:ss", "dd.MM.yy",
                                   "yyyyMMdd", "MM/dd/yyyy hh:mm ap", "yyyy-MM-dd hh:mm"})
            QVERIFY2(DatePattern::compile(QString::fromLatin1(format)), format);
        // Fields of another width, names, quoted text, a field twice, no day: Qt's own parser.
        for (const char *format : {"M/d/yyyy h:mm AP", "dd MMM yyyy", "ddd, dd MM yyyy",
                                   "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.zzz", "yyyy-MM",
                                   "MM/dd/yyyy HH:mm AP", "yyyy yy-MM-dd", "dd/MM/yyyy t"})
            QVERIFY2(!DatePattern::compile(QString::fromLatin1(format)), format);
    }

    // Every text DatePattern reads, Qt reads the same; a text in the pattern that names no
    // valid date or time neither reads; any other text is left to Qt.
    void readsWhatQtReads_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // read, invalid (neither reads), qt (left to Qt)
        const QString boston = QStringLiteral("MM/dd/yyyy hh:mm:ss AP");
        const QString iso = QStringLiteral("yyyy-MM-dd HH:mm:ss");
        const QString twoDigits = QStringLiteral("dd.MM.yy");
        const QList<std::array<QString, 3>> rows = {
            {boston, u"01/05/2015 12:40:41 PM"_qs, u"read"_qs},
            {boston, u"01/05/2015 12:40:41 AM"_qs, u"read"_qs},
            {boston, u"01/06/2015 01:46:56 PM"_qs, u"read"_qs},
            {boston, u"12/31/2015 11:59:59 PM"_qs, u"read"_qs},
            {boston, u"02/29/2016 06:00:00 am"_qs, u"read"_qs},
            {boston, u"02/29/2015 06:00:00 AM"_qs, u"invalid"_qs},
            {boston, u"13/01/2015 01:00:00 AM"_qs, u"invalid"_qs},
            {boston, u"01/32/2015 01:00:00 AM"_qs, u"invalid"_qs},
            {boston, u"01/05/2015 12:60:41 PM"_qs, u"invalid"_qs},
            {boston, u"0a/05/2015 12:40:41 PM"_qs, u"invalid"_qs},
            {boston, u"01/05/2015 00:40:41 AM"_qs, u"qt"_qs},
            {boston, u"01/05/2015 13:40:41 PM"_qs, u"qt"_qs},
            {boston, u"1/5/2015 12:40:41 PM"_qs, u"qt"_qs},
            {boston, u"01/05/2015 12:40:41"_qs, u"qt"_qs},
            {boston, u"01/05/2015 12:40:41 PMX"_qs, u"qt"_qs},
            {boston, u"01/05/2015 12:40:41 XM"_qs, u"qt"_qs},
            {boston, u"01-05-2015 12:40:41 PM"_qs, u"qt"_qs},
            {boston, u"01/05/2015  12:40:41 PM"_qs, u"qt"_qs},
            {iso, u"2015-01-05 00:00:00"_qs, u"read"_qs},
            {iso, u"2015-01-05 23:59:59"_qs, u"read"_qs},
            {iso, u"2015-01-05 24:00:00"_qs, u"qt"_qs},
            {iso, u"2015-1-05 10:00:00"_qs, u"qt"_qs},
            {iso, u"2015-01-05 10:00"_qs, u"qt"_qs},
            {twoDigits, u"05.01.15"_qs, u"read"_qs},
            {twoDigits, u"29.02.04"_qs, u"read"_qs},
            {twoDigits, u"31.12.99"_qs, u"read"_qs},
            {twoDigits, u"29.02.00"_qs, u"invalid"_qs}, // 1900 was not a leap year
        };
        for (const auto &[format, text, expected] : rows)
            QTest::newRow(qPrintable(text)) << format << text << expected;
    }

    void readsWhatQtReads()
    {
        QFETCH(QString, format);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const auto pattern = DatePattern::compile(format);
        QVERIFY(pattern);
        const auto read = pattern->read(text);
        const auto qt = qtReading(text, format);
        QCOMPARE(bool(read), expected == u"read");
        if (read) {
            QVERIFY(qt.first.isValid());
            QCOMPARE(read->first, qt.first);
            QCOMPARE(read->second, qt.second);
        }
        if (expected == u"invalid")
            QVERIFY(!qt.first.isValid());
    }

    // The city's own texts, read both ways over a year of every hour (Boston's form).
    void aYearOfHoursReadsAsQtReadsIt()
    {
        const QString format = QStringLiteral("MM/dd/yyyy hh:mm:ss AP");
        const auto pattern = DatePattern::compile(format);
        QVERIFY(pattern);
        const QDateTime start(QDate(2015, 1, 1), QTime(0, 7, 9), Qt::UTC);
        for (int hour = 0; hour < 366 * 24; hour += 5) {
            const QDateTime t = start.addSecs(qint64(hour) * 3600 + hour % 60);
            const QString text = QLocale::c().toString(t, format);
            const auto read = pattern->read(text);
            QVERIFY2(read, qPrintable(text));
            const auto qt = qtReading(text, format);
            QCOMPARE(read->first, qt.first);
            QCOMPARE(read->second, qt.second);
            QCOMPARE(read->first, t.date());
            QCOMPARE(read->second, t.time());
        }
    }
};

QTEST_GUILESS_MAIN(TestDatePattern)
#include "tst_datepattern.moc"
