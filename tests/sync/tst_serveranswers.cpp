// What a workstation does with a server answer whose numbers are not what the API says (a buggy
// or hostile server, or something else answering at its address): JSON numbers are doubles, and
// "seq": 1e56 converted to an integer was undefined behaviour that gave a garbage cursor. Each is
// now refused with an error that names the field, and nothing is taken from the answer.

#include "models/practice/practicechannel.h"
#include "models/sync/centrallookup.h"
#include "models/sync/syncclient.h"
#include "tests/support/fakeserver.h"
#include "tests/support/teststore.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <functional>

using namespace civicdesk;
using test::FakeReply;

namespace {

// Answers every request with what `answer` gives for its method and path.
class CannedNetwork : public QNetworkAccessManager
{
public:
    using Answer = std::function<QByteArray(const QByteArray &verb, const QString &path)>;
    explicit CannedNetwork(Answer answer) : m_answer(std::move(answer)) {}

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request,
                                 QIODevice *) override
    {
        const QByteArray verb =
            operation == CustomOperation
                ? request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray()
                : (operation == GetOperation ? QByteArray("GET") : QByteArray("POST"));
        auto *reply = new FakeReply(request, operation, verb, this);
        reply->respond(200, m_answer(verb, request.url().path()));
        return reply;
    }

private:
    Answer m_answer;
};

QUrl server()
{
    return QUrl(QStringLiteral("http://central.invalid:8311"));
}

template <typename T> Result<T> wait(std::function<void(std::function<void(Result<T>)>)> call)
{
    std::optional<Result<T>> got;
    call([&got](Result<T> r) { got.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&got] { return got.has_value(); }, 5000))
        return makeError(QStringLiteral("test"), QStringLiteral("no answer"));
    return *got;
}

} // namespace

class TestServerAnswers : public QObject
{
    Q_OBJECT

private slots:
    void numbersOutOfRangeAreRefusedNamingTheField_data()
    {
        QTest::addColumn<QString>("call");
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QString>("field");
        const QByteArray event = R"({"id":"e1","entity_type":"request","entity_id":"r1",)"
                                 R"("kind":"request.created","actor":"ana","payload":{},)"
                                 R"("client_time":1764000000000,"seq":7})";
        QTest::newRow("pull: last_seq 1e56")
            << "pull" << QByteArray(R"({"events":[],"last_seq":1e56,"through":0})") << "last_seq";
        QTest::newRow("pull: through 1e56")
            << "pull" << QByteArray(R"({"events":[)" + event + R"(],"last_seq":7,"through":1e56})")
            << "through";
        QTest::newRow("pull: through fractional")
            << "pull" << QByteArray(R"({"events":[],"last_seq":7,"through":6.5})") << "through";
        QTest::newRow("pull: last_seq negative")
            << "pull" << QByteArray(R"({"events":[],"last_seq":-1e300})") << "last_seq";
        QTest::newRow("push: accepted seq 1e56")
            << "push"
            << QByteArray(R"({"accepted":[{"id":"e1","seq":1e56}],"rejected":[],"last_seq":7})")
            << "accepted[].seq";
        QTest::newRow("push: last_seq fractional")
            << "push"
            << QByteArray(R"({"accepted":[{"id":"e1","seq":7}],"rejected":[],"last_seq":7.25})")
            << "last_seq";
        QTest::newRow("login: expires_at 1e56")
            << "login"
            << QByteArray(R"({"token":"t","expires_at":1e56,"user":{"name":"ana","role":)"
                          R"("call_taker"}})")
            << "expires_at";
        QTest::newRow("reference: rows 1e56")
            << "reference"
            << QByteArray(
                   R"({"version":"1","city":{},"tables":[{"name":"addresses","rows":1e56}]})")
            << "tables[].rows";
    }

    void numbersOutOfRangeAreRefusedNamingTheField()
    {
        QFETCH(QString, call);
        QFETCH(QByteArray, answer);
        QFETCH(QString, field);
        CannedNetwork network([answer](const QByteArray &, const QString &) { return answer; });
        SyncClient client(network, server());
        client.setToken(QStringLiteral("token"));
        Error error;
        if (call == u"pull") {
            auto r = wait<PullResult>([&client](auto done) { client.pull(0, 100, 0, done); });
            QVERIFY2(!r, "a cursor was taken from the answer");
            error = r.error();
        } else if (call == u"push") {
            const Event e = Event::make(QStringLiteral("request"), QStringLiteral("r1"),
                                        QStringLiteral("request.created"), QJsonObject(),
                                        QStringLiteral("ana"), QStringLiteral("K7M2"),
                                        QDateTime::fromMSecsSinceEpoch(1764000000000, Qt::UTC));
            auto r = wait<PushResult>([&client, &e](auto done) { client.push({e}, done); });
            QVERIFY2(!r, "an acknowledgement was taken from the answer");
            error = r.error();
        } else if (call == u"login") {
            auto r = wait<LoginResult>([&client](auto done) {
                client.login(QStringLiteral("ana"), QStringLiteral("pw"), QStringLiteral("K7M2"),
                             done);
            });
            QVERIFY2(!r, "a session was taken from the answer");
            error = r.error();
        } else {
            auto r = wait<RemoteReferenceIndex>([&client](auto done) { client.reference(done); });
            QVERIFY2(!r, "a table size was taken from the answer");
            error = r.error();
        }
        // A protocol error: the sync engine backs off and says so; the message names the field.
        QCOMPARE(error.code, QStringLiteral("protocol"));
        QVERIFY2(error.message.contains(u'"' + field + u'"'), qPrintable(error.message));
        QVERIFY2(error.message.contains(u"whole number"), qPrintable(error.message));
    }

    void wholeNumbersInRangeAreRead()
    {
        CannedNetwork network([](const QByteArray &, const QString &) {
            return QByteArray(R"({"events":[],"last_seq":9007199254740992,"through":12})");
        });
        SyncClient client(network, server());
        client.setToken(QStringLiteral("token"));
        auto r = wait<PullResult>([&client](auto done) { client.pull(0, 100, 0, done); });
        QVERIFY(r);
        QCOMPARE(r.value().lastSeq, Q_INT64_C(9007199254740992));
        QCOMPARE(r.value().through, Q_INT64_C(12));
    }

    void aLookupWithAGarbageTimeFallsBackToThisWorkstation()
    {
        test::TempStore store;
        CannedNetwork network([](const QByteArray &, const QString &) {
            return QByteArray(R"({"requests":[{"id":"r1","number":"101","type_name":"Pothole",)"
                              R"("status":"open","address":"1 Main St","description":"",)"
                              R"("opened_at":1e56}]})");
        });
        SyncClient client(network, server());
        client.setToken(QStringLiteral("token"));
        CentralLookup lookup(store.db(), &client);
        std::optional<CentralLookup::Answer> answer;
        lookup.find(CentralLookup::Key::Number, QStringLiteral("101"),
                    [&answer](const CentralLookup::Answer &a) { answer = a; });
        QTRY_VERIFY(answer.has_value());
        QVERIFY(!answer->central);
        QVERIFY2(answer->note.contains(u"\"opened_at\""), qPrintable(answer->note));
    }

    void aPracticeMessageWithAGarbageSeqEndsTheCall()
    {
        int polls = 0;
        CannedNetwork network([&polls](const QByteArray &verb, const QString &path) {
            if (path.endsWith(u"/join"))
                return QByteArray(R"({"session":"s1","scenario":"pothole","title":"Pothole",)"
                                  R"("trainer":"tina","trainee":"ana"})");
            if (verb == "GET" && path.endsWith(u"/messages")) {
                ++polls;
                return QByteArray(
                    R"({"messages":[{"seq":1e56,"kind":"line","text":"hello","from":"tina"}]})");
            }
            return QByteArray("{}");
        });
        PracticeChannel channel(network, server(), QStringLiteral("token"));
        QSignalSpy failed(&channel, &PracticeChannel::failed);
        QSignalSpy lines(&channel, &PracticeChannel::lineReceived);
        auto joined = wait<PracticeCallInfo>(
            [&channel](auto done) { channel.join(QStringLiteral("123456"), done); });
        QVERIFY(joined);
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY2(failed.first().first().toString().contains(u"\"seq\""),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(lines.count(), 0);
        QTest::qWait(200);
        QCOMPARE(polls, 1); // no further poll after a cursor it could not read
    }
};

QTEST_GUILESS_MAIN(TestServerAnswers)
#include "tst_serveranswers.moc"
