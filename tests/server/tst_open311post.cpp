// Open311 GeoReport v2 POSTs that store requests, on the real civicdesk-server (SQLite or
// PostgreSQL): requests created with an API key and seen by everyone, their fields read back,
// form encoding, places outside the city referred, tokens and the request-updates extension, a
// refused POST keeping no reporter, revoked keys.

#include "tests/server/open311test.h"

using namespace civicdesk;
using namespace civicdesk::test;

class TestOpen311Post : public Open311Test
{
    Q_OBJECT

private slots:
    void initTestCase() { startServer(); }

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
        const auto back = server().get(QStringLiteral("/open311/v2/requests/%1.json").arg(id));
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
        const auto list = server().get(QStringLiteral("/open311/v2/requests.json"));
        QVERIFY(list.body.contains(id.toUtf8()));
        QVERIFY(!list.body.contains("rosa@example.org"));
        // It is an event like any other: a workstation pulls it (with the caller) by sync.
        QVERIFY(server().addUser(QStringLiteral("agent.o"), QStringLiteral("call_taker")));
        const QString token = server().login(QStringLiteral("agent.o"));
        const auto events =
            server().get(QStringLiteral("/api/v1/events?after=0&limit=1000"), token);
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
        const auto withCaller = server().get(u"/api/v1/requests?number=" + id, token);
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
        const auto one = server().get(QStringLiteral("/open311/v2/requests/%1.json").arg(id));
        verifySchema(one.json().array(), QStringLiteral("open311-requests"));
        QVERIFY(!one.json()[0].toObject().contains(u"expected_datetime"));
        const auto all = server().get(QStringLiteral("/open311/v2/requests.json"));
        QCOMPARE(all.status, 200);
        verifySchema(all.json().array(), QStringLiteral("open311-requests"));
        int without = 0;
        for (const QJsonValue &v : all.json().array())
            without += v.toObject().contains(u"expected_datetime") ? 0 : 1;
        QVERIFY(without > 0);
        QVERIFY(without < all.json().array().size());
        for (const QString &path : {QStringLiteral("/open311/v2/requests.xml"),
                                    QStringLiteral("/open311/v2/requests/%1.xml").arg(id)}) {
            const auto xml = server().get(path);
            QCOMPARE(xml.status, 200);
            QVERIFY(!xml.body.contains("<expected_datetime/>"));
            QVERIFY(!xml.body.contains("<expected_datetime></expected_datetime>"));
        }
        QCOMPARE(server()
                     .get(QStringLiteral("/open311/v2/requests.xml"))
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
        const auto back = server().get(QStringLiteral("/open311/v2/requests/%1.json").arg(id));
        QCOMPARE(back.status, 200);
        verifySchema(back.json().array(), QStringLiteral("open311-requests"));
        const QJsonObject r = back.json()[0].toObject();
        QCOMPARE(r[u"media_url"].toString(), photo);
        QCOMPARE(r[u"address_id"].toString(), QStringLiteral("1"));
        QCOMPARE(r[u"description"].toString(), QStringLiteral("Rats by the steps"));
        const auto xml = server().get(QStringLiteral("/open311/v2/requests/%1.xml").arg(id));
        QCOMPARE(xml.status, 200);
        QVERIFY2(xml.body.contains(QByteArray("<media_url>" + photo.toUtf8() + "</media_url>")),
                 xml.body.constData());
        QVERIFY(xml.body.contains("<address_id>1</address_id>"));
        // In the list as well.
        const auto list = server().get(QStringLiteral("/open311/v2/requests.json"));
        verifySchema(list.json().array(), QStringLiteral("open311-requests"));
        QVERIFY(list.body.contains("rat.jpg"));
    }

    // Form encoding: '+' in a query string or a form body is a space ("%2B" is a plus), and a
    // POST may carry its fields in the query string.
    void plusInAQueryStringIsASpace()
    {
        const auto all = server().get(u"/open311/v2/requests.json?" + Range);
        const QString first = all.json()[0][u"service_request_id"].toString();
        const QString second = all.json()[1][u"service_request_id"].toString();
        for (const QString &format : {QStringLiteral("json"), QStringLiteral("xml")}) {
            const auto both =
                server().get(QStringLiteral("/open311/v2/requests.%1?service_request_id=%2,+%3")
                                 .arg(format, first, second));
            QCOMPARE(both.status, 200);
            if (format == u"json")
                QCOMPARE(both.json().array().size(), 2);
            else
                QCOMPARE(xmlChildren(both, QStringLiteral("service_requests")).size(), 2);
        }
        // An offset whose '+' was not encoded still reads as an offset.
        QCOMPARE(server()
                     .get(QStringLiteral("/open311/v2/requests.json?start_date=2015-01-01T00:00:"
                                         "00+00:00&end_date=2015-03-31T00:00:00+00:00"))
                     .json(),
                 all.json());
        for (const QString &format : {QStringLiteral("json"), QStringLiteral("xml")}) {
            const auto created =
                server().request(QByteArrayLiteral("POST"),
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
            const auto back = server().get(QStringLiteral("/open311/v2/requests/%1.json").arg(id));
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
        const QByteArray before = server().get(QStringLiteral("/open311/v2/requests.json")).body;
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
        QCOMPARE(server().get(QStringLiteral("/open311/v2/requests.json")).body, before);
    }

    void tokensAndUpdates()
    {
        // A status change and a public note by an agent reach the updates extension; an
        // internal note does not.
        QVERIFY(server().addUser(QStringLiteral("agent.u"), QStringLiteral("supervisor")));
        const QString token = server().login(QStringLiteral("agent.u"));
        const auto created = post(QStringLiteral("json"),
                                  {{QStringLiteral("api_key"), m_key},
                                   {QStringLiteral("service_code"), QStringLiteral("RODENTACT")},
                                   {QStringLiteral("lat"), QStringLiteral("42.3601")},
                                   {QStringLiteral("long"), QStringLiteral("-71.0589")}});
        const QString number = created.json()[0][u"service_request_id"].toString();
        const auto found = server().get(u"/api/v1/requests/" + number, token);
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
        const auto pushed = server().postJson(
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
            server().get(u"/open311/v2/servicerequestupdates.json?service_request_id=" + number);
        QCOMPARE(updates.status, 200);
        verifySchema(updates.json().array(), QStringLiteral("open311-updates"));
        QCOMPARE(updates.json().array().size(), 2);
        QVERIFY(!updates.body.contains("617-555-0199"));
        QVERIFY(updates.body.contains("Bait stations placed."));
        const auto xml =
            server().get(u"/open311/v2/servicerequestupdates.xml?service_request_id=" + number);
        QCOMPARE(xmlChildren(xml, QStringLiteral("service_request_updates")),
                 QStringList(2, QStringLiteral("request_update")));
        QCOMPARE(server()
                     .get(QStringLiteral("/open311/v2/requests/%1.json").arg(number))
                     .json()[0][u"status"]
                     .toString(),
                 QStringLiteral("closed"));
        // The token of the creating event resolves to the request id.
        const auto resolved =
            server().get(QStringLiteral("/open311/v2/tokens/%1.json").arg(createdEvent));
        QCOMPARE(resolved.status, 200);
        verifySchema(resolved.json().array(), QStringLiteral("open311-token"));
        QCOMPARE(resolved.json()[0][u"service_request_id"].toString(), number);
        QCOMPARE(
            xmlChildren(server().get(QStringLiteral("/open311/v2/tokens/%1.xml").arg(createdEvent)),
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
        QVERIFY(server().addUser(QStringLiteral("agent.p"), QStringLiteral("call_taker")));
        const QString token = server().login(QStringLiteral("agent.p"));
        const auto events =
            server().get(QStringLiteral("/api/v1/events?after=0&limit=1000"), token);
        QCOMPARE(events.status, 200);
        QVERIFY(!events.body.contains("Refused Reporter"));
        QVERIFY(!events.body.contains("6175550199"));
    }

    // Percent-encoded text no store keeps exactly — a noncharacter, a lone surrogate, bytes that
    // are not UTF-8 — anywhere in a name or a description is refused with the documented 400
    // and nothing is kept (it was stored with U+FFFD in its place: "Zeb\uFFFD\uFFFD\uFFFDulon").
    // Percent-encoded text that is fine still arrives as sent.
    void percentEncodedTextNoStoreKeepsIsRefused_data()
    {
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<QByteArray>("encoded");
        for (const QByteArray &field :
             {QByteArrayLiteral("first_name"), QByteArrayLiteral("description")}) {
            QTest::addRow("%s U+FFFE", field.constData())
                << field << QByteArray("Zeb%EF%BF%BEulon");
            QTest::addRow("%s U+FFFF", field.constData())
                << field << QByteArray("Zeb%EF%BF%BFulon");
            QTest::addRow("%s lone surrogate", field.constData())
                << field << QByteArray("Zeb%ED%A0%80ulon");
            QTest::addRow("%s not UTF-8", field.constData()) << field << QByteArray("Zeb%FFulon");
            QTest::addRow("%s overlong NUL", field.constData())
                << field << QByteArray("Zeb%C0%80ulon");
        }
        QTest::addRow("name of a field")
            << QByteArray("attribute[%EF%BF%BE]") << QByteArray("Zebulon");
    }

    void percentEncodedTextNoStoreKeepsIsRefused()
    {
        QFETCH(QByteArray, field);
        QFETCH(QByteArray, encoded);
        const auto send = [&](const QByteArray &value) {
            QByteArray form = "api_key=" + m_key.toLatin1() +
                              "&service_code=RODENTACT&address_string=1+City+Hall+Plz"
                              "&last_name=Quux";
            if (field != "description")
                form += "&description=Rats+in+the+kitchen";
            return server().request(QByteArrayLiteral("POST"),
                                    QStringLiteral("/open311/v2/requests.json"),
                                    form + '&' + field + '=' + value,
                                    {{QByteArrayLiteral("Content-Type"),
                                      QByteArrayLiteral("application/x-www-form-urlencoded")}});
        };
        // The last 90 days (the default window): the requests made in this test are in it.
        const QString recent = QStringLiteral("/open311/v2/requests.json");
        const auto before = server().get(recent);
        QCOMPARE(before.status, 200);
        const auto refused = send(encoded);
        QCOMPARE(refused.status, 400);
        QVERIFY2(refused.body.contains("holds characters no store keeps"),
                 refused.body.constData());
        QCOMPARE(server().get(recent).body, before.body);
        if (field.startsWith("attribute"))
            return;
        // The same field with text every store keeps, percent-encoded: "Señor Zebulon".
        const auto created = send("Se%C3%B1or+Zebulon");
        QVERIFY2(created.status == 200, created.body.constData());
        if (field == "description") {
            const auto back =
                server().get(QStringLiteral("/open311/v2/requests/%1.json")
                                 .arg(created.json()[0][u"service_request_id"].toString()));
            QCOMPARE(back.json()[0][u"description"].toString(), QStringLiteral("Señor Zebulon"));
        }
    }

    // A label whose key was revoked may be issued again (a partner's key rotated).
    void aRevokedLabelCanBeIssuedAgain()
    {
        const QString first = server().createApiKey(QStringLiteral("rotated partner"));
        QVERIFY(!first.isEmpty());
        QCOMPARE(
            server().run({QStringLiteral("--revoke-api-key"), QStringLiteral("rotated partner")}),
            0);
        const QString second = server().createApiKey(QStringLiteral("rotated partner"));
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
        QVERIFY(server().createApiKey(QStringLiteral("rotated partner")).isEmpty());
    }

    void revokedKeysStopWorking()
    {
        QCOMPARE(
            server().run({QStringLiteral("--revoke-api-key"), QStringLiteral("resident web form")}),
            0);
        const auto r = post(QStringLiteral("json"),
                            {{QStringLiteral("api_key"), m_key},
                             {QStringLiteral("service_code"), QStringLiteral("RODENTACT")},
                             {QStringLiteral("lat"), QStringLiteral("42.36")},
                             {QStringLiteral("long"), QStringLiteral("-71.06")}});
        QCOMPARE(r.status, 403);
        QCOMPARE(
            server().run({QStringLiteral("--revoke-api-key"), QStringLiteral("resident web form")}),
            1);
    }
};

QTEST_GUILESS_MAIN(TestOpen311Post)
#include "tst_open311post.moc"
