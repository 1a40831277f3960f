// The connection guard's view of a request stream: heads, bodies of known length, chunked
// bodies counted as they arrive, pipelined requests, and the limits, fed in pieces of any size.

#include "app/server/requestframer.h"

#include <QTest>

using namespace civicdesk;
using Step = RequestFramer::Step;

namespace {

constexpr qsizetype MaxHead = 1024;
constexpr qint64 MaxBody = 64 * 1024;

// Every step the framer reports for `stream`, fed `piece` bytes at a time.
QList<Step> steps(RequestFramer &framer, const QByteArray &stream, qsizetype piece)
{
    QList<Step> seen;
    for (qsizetype start = 0; start < stream.size(); start += piece) {
        const QByteArray part = stream.mid(start, piece);
        qsizetype at = 0;
        while (at < part.size()) {
            at += framer.skipBody(part.size() - at);
            const Step step = framer.next(part, &at);
            if (step != Step::NeedMore)
                seen.append(step);
            if (step == Step::HeadReady && !framer.head().hasBody())
                seen.append(framer.next(part, &at)); // RequestDone, reading nothing
            if (step == Step::HeadTooLarge || step == Step::BodyTooLarge || step == Step::Malformed)
                return seen;
        }
    }
    return seen;
}

} // namespace

class TestRequestFramer : public QObject
{
    Q_OBJECT

private slots:
    void pipelinedRequestsInAnyPieces_data()
    {
        QTest::addColumn<int>("piece");
        for (int piece : {1, 2, 7, 64, 100000})
            QTest::newRow(qPrintable(QString::number(piece))) << piece;
    }

    void pipelinedRequestsInAnyPieces()
    {
        QFETCH(int, piece);
        const QByteArray stream =
            "GET /api/v1/me?x=1 HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer t0k\r\n\r\n"
            "POST /api/v1/events HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
            "\r\nPOST /api/v1/login HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            "5;ext=1\r\nhello\r\n3\r\nabc\r\n0\r\nTrailer: x\r\n\r\n";
        RequestFramer framer(MaxHead, MaxBody);
        QCOMPARE(steps(framer, stream, piece),
                 (QList<Step>{Step::HeadReady, Step::RequestDone, Step::HeadReady,
                              Step::RequestDone, Step::HeadReady, Step::RequestDone}));
        QVERIFY(framer.betweenRequests());
        QCOMPARE(framer.head().path, QByteArrayLiteral("/api/v1/login"));
        QVERIFY(framer.head().chunked);
    }

    void theHeadSaysWhatTheGuardNeeds()
    {
        RequestFramer framer(MaxHead, MaxBody);
        const QByteArray head = "POST /api/v1/events?a=b HTTP/1.1\r\nconnection: Keep-Alive, "
                                "Close\r\nAUTHORIZATION: Bearer abc\r\nContent-Length: 12\r\n\r\n";
        qsizetype at = 0;
        QCOMPARE(framer.next(head, &at), Step::HeadReady);
        QCOMPARE(at, head.size());
        QCOMPARE(framer.head().method, QByteArrayLiteral("POST"));
        QCOMPARE(framer.head().path, QByteArrayLiteral("/api/v1/events"));
        QCOMPARE(framer.head().authorization, QByteArrayLiteral("Bearer abc"));
        QCOMPARE(framer.head().contentLength, 12);
        QVERIFY(framer.head().closeRequested);
        QVERIFY(!framer.head().http10);

        RequestFramer old(MaxHead, MaxBody);
        const QByteArray http10 = "GET / HTTP/1.0\r\n\r\n";
        at = 0;
        QCOMPARE(old.next(http10, &at), Step::HeadReady);
        QVERIFY(old.head().http10);
        QVERIFY(old.head().closeRequested);
    }

    void limitsAndMalformedFraming_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<Step>("last");
        QTest::newRow("declared body over the limit")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 268435456\r\n\r\n")
            << Step::BodyTooLarge;
        QTest::newRow("one chunk over the limit, refused at its size line")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n20000\r\n")
            << Step::BodyTooLarge;
        QTest::newRow("endless trailers")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n") +
                   QByteArray("X: ").append(QByteArray(500, 'y')).append("\r\n").repeated(200)
            << Step::BodyTooLarge;
        QTest::newRow("head over the limit")
            << QByteArray("GET / HTTP/1.1\r\nX: ") + QByteArray(4000, 'a') << Step::HeadTooLarge;
        QTest::newRow("two lengths")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n")
            << Step::Malformed;
        QTest::newRow("negative length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << Step::Malformed;
        QTest::newRow("not a chunk size")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
            << Step::Malformed;
        QTest::newRow("no CRLF after a chunk")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n")
            << Step::Malformed;
        QTest::newRow("no protocol") << QByteArray("GET /\r\n\r\n") << Step::Malformed;
    }

    void limitsAndMalformedFraming()
    {
        QFETCH(QByteArray, stream);
        QFETCH(Step, last);
        for (qsizetype piece : {qsizetype(1), qsizetype(3), stream.size()}) {
            RequestFramer framer(MaxHead, MaxBody);
            const QList<Step> seen = steps(framer, stream, piece);
            QVERIFY(!seen.isEmpty());
            QCOMPARE(seen.last(), last);
            // Nothing more is read after a refusal.
            qsizetype at = 0;
            QCOMPARE(framer.next("GET / HTTP/1.1\r\n\r\n", &at), Step::Malformed);
        }
    }

    // A head too large says whose it is from what arrived of its request line (an Open311 path
    // is refused in Open311's shape): it said the previous request's path on a kept-alive
    // connection, and none on a new one.
    void aHeadTooLargeSaysItsOwnPath()
    {
        RequestFramer framer(MaxHead, MaxBody);
        const QList<Step> first = steps(framer, "GET /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n", 100);
        QCOMPARE(first, (QList<Step>{Step::HeadReady, Step::RequestDone}));
        QCOMPARE(framer.head().path, QByteArray("/api/v1/me"));
        const QByteArray huge =
            "GET /open311/v2/services.json?jurisdiction_id=" + QByteArray(2 * MaxHead, 'A');
        QCOMPARE(steps(framer, huge, 100).last(), Step::HeadTooLarge);
        QCOMPARE(framer.head().method, QByteArray("GET"));
        QCOMPARE(framer.head().path, QByteArray("/open311/v2/services.json"));
        QVERIFY(!framer.head().hasBody());
        // A path longer than the limit itself: what arrived of it.
        RequestFramer fresh(MaxHead, MaxBody);
        QCOMPARE(steps(fresh, "POST /open311/" + QByteArray(2 * MaxHead, 'B'), 7).last(),
                 Step::HeadTooLarge);
        QVERIFY(fresh.head().path.startsWith("/open311/BBB"));
        QCOMPARE(fresh.head().method, QByteArray("POST"));
    }

    void aBodyOfTinyChunksIsCountedWithoutRecursion()
    {
        QByteArray stream = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        stream += QByteArray("1\r\nx\r\n").repeated(60000);
        stream += "0\r\n\r\n";
        RequestFramer framer(MaxHead, MaxBody);
        QCOMPARE(steps(framer, stream, stream.size()),
                 (QList<Step>{Step::HeadReady, Step::RequestDone}));
    }

    void aPathsLimitHoldsForItsRequestOnly()
    {
        RequestFramer framer(MaxHead, MaxBody);
        const QByteArray chunked =
            "POST /api/v1/login HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        qsizetype at = 0;
        QCOMPARE(framer.next(chunked, &at), Step::HeadReady);
        framer.setBodyLimit(4);
        at = 0;
        QCOMPARE(framer.next("3\r\nabc\r\n2\r\n", &at), Step::BodyTooLarge);

        RequestFramer next(MaxHead, MaxBody);
        at = 0;
        QCOMPARE(next.next("POST /api/v1/login HTTP/1.1\r\nContent-Length: 2\r\n\r\nab", &at),
                 Step::HeadReady);
        next.setBodyLimit(2);
        QCOMPARE(next.next("POST /api/v1/login HTTP/1.1\r\nContent-Length: 2\r\n\r\nab", &at),
                 Step::RequestDone);
        const QByteArray push = "POST /api/v1/events HTTP/1.1\r\nContent-Length: 1000\r\n\r\n";
        at = 0;
        QCOMPARE(next.next(push, &at), Step::HeadReady); // the constructor's limit again
    }

    void aLengthBodyIsCountedWithoutBeingRead()
    {
        RequestFramer framer(MaxHead, MaxBody);
        const QByteArray head = "POST / HTTP/1.1\r\nContent-Length: 1000\r\n\r\n";
        qsizetype at = 0;
        QCOMPARE(framer.next(head, &at), Step::HeadReady);
        QVERIFY(framer.inLengthBody());
        QCOMPARE(framer.skipBody(400), 400);
        QCOMPARE(framer.skipBody(1000), 599); // the last byte goes through next()
        at = 0;
        QCOMPARE(framer.next("x", &at), Step::RequestDone);
        QVERIFY(framer.betweenRequests());
    }
};

QTEST_GUILESS_MAIN(TestRequestFramer)
#include "tst_requestframer.moc"
