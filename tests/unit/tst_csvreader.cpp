#include "models/citypack/csvreader.h"
#include "models/citypack/gzipdevice.h"

#include <QBuffer>
#include <QTest>
#include <zlib.h>

using namespace civicdesk;

namespace {
QByteArray gzip(const QByteArray &data)
{
    z_stream zs{};
    deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&zs, uLong(data.size()))) + 32, Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return out;
}
} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void readsQuotedFieldsAndLineBreaks()
    {
        QByteArray data = "a,b,c\r\n1,\"two, with comma\",3\n\"multi\nline\",\"say \"\"hi\"\"\",\n";
        QBuffer buffer(&data);
        buffer.open(QIODevice::ReadOnly);
        CsvReader csv(&buffer);
        QVERIFY(csv.readHeader({QStringLiteral("a"), QStringLiteral("c")}).ok());
        QVERIFY(csv.next());
        QCOMPARE(csv.record(), QStringList({QStringLiteral("1"), QStringLiteral("two, with comma"),
                                            QStringLiteral("3")}));
        QCOMPARE(csv.line(), 2);
        QVERIFY(csv.next());
        QCOMPARE(csv.value(QStringLiteral("a")), QStringLiteral("multi\nline"));
        QCOMPARE(csv.value(QStringLiteral("b")), QStringLiteral("say \"hi\""));
        QCOMPARE(csv.value(QStringLiteral("c")), QString());
        QCOMPARE(csv.line(), 3);
        QVERIFY(!csv.next());
        QVERIFY(!csv.hasError());
    }

    void reportsMissingColumns()
    {
        QByteArray data = "a,b\n1,2\n";
        QBuffer buffer(&data);
        buffer.open(QIODevice::ReadOnly);
        CsvReader csv(&buffer);
        const Status s = csv.readHeader({QStringLiteral("a"), QStringLiteral("zip")});
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(u"zip"));
    }

    void reportsTheLineOfABadRecord_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("line");
        QTest::newRow("field count") << QByteArray("a,b\n1,2\n3,4,5\n") << "line 3: 3 fields" << 3;
        QTest::newRow("unclosed quote")
            << QByteArray("a,b\n1,2\n\"3,4\n5,6\n")
            << "line 3: a quoted field opened here is never closed" << 3;
        QTest::newRow("quote inside") << QByteArray("a,b\n1,2\n3x\"y,4\n") << "line 3" << 3;
        // An unclosed quote that a later quote pairs with: the problem is where it opened, not
        // where the reader noticed (line 4) nor where the file ends.
        QTest::newRow("unclosed quote closed later")
            << QByteArray("a,b,c\n1,2,3\n4,\"5,6\n7,\"8\",9\n10,11,12\n")
            << "line 3: a quoted field opened here is not closed on its line" << 3;
        QTest::newRow("unclosed quote in a quoted file")
            << QByteArray("a,b\n\"1\",\"2\"\n\"3,4\n\"5\",\"6\"\n")
            << "line 3: a quoted field opened here" << 3;
    }

    void reportsTheLineOfABadRecord()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, expected);
        QFETCH(int, line);
        QBuffer buffer(&data);
        buffer.open(QIODevice::ReadOnly);
        CsvReader csv(&buffer);
        QVERIFY(csv.readHeader({}).ok());
        while (csv.next()) {
        }
        QVERIFY(csv.hasError());
        QVERIFY2(csv.error().contains(expected), qPrintable(csv.error()));
        QCOMPARE(csv.errorLine(), line);
        // The line is named once.
        QCOMPARE(csv.error().count(QStringLiteral("line %1").arg(line)), 1);
        QVERIFY(!csv.problem().startsWith(u"line"));
    }

    void inflatesGzipWhileReading()
    {
        QByteArray plain = "id,name\n";
        for (int i = 0; i < 50000; ++i)
            plain += QByteArray::number(i) + ",row " + QByteArray::number(i) + "\n";
        QByteArray compressed = gzip(plain);
        QVERIFY(compressed.size() < plain.size() / 3);
        QBuffer buffer(&compressed);
        buffer.open(QIODevice::ReadOnly);
        GzipDevice device(&buffer);
        QVERIFY(device.open(QIODevice::ReadOnly));
        CsvReader csv(&device);
        QVERIFY(csv.readHeader({QStringLiteral("id")}).ok());
        int rows = 0;
        while (csv.next()) {
            QCOMPARE(csv.value(QStringLiteral("id")).toInt(), rows);
            ++rows;
        }
        QVERIFY(!csv.hasError());
        QCOMPARE(rows, 50000);
    }

    void truncatedGzipIsAnError()
    {
        QByteArray plain(200000, 'x');
        QByteArray compressed = gzip(plain);
        compressed.chop(compressed.size() / 2);
        QBuffer buffer(&compressed);
        buffer.open(QIODevice::ReadOnly);
        GzipDevice device(&buffer);
        QVERIFY(device.open(QIODevice::ReadOnly));
        QByteArray out;
        char chunk[4096];
        qint64 n = 0;
        while ((n = device.read(chunk, sizeof chunk)) > 0)
            out.append(chunk, n);
        QCOMPARE(n, -1);
        QVERIFY(device.errorString().contains(u"truncated"));
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
