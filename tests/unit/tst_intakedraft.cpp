// The intake draft format, without widgets: what a killed workstation left is read back whole,
// and drafts written before the format had its own type are read the same.

#include "models/intake/intakedraft.h"

#include <QJsonDocument>
#include <QTest>

using namespace civicdesk;

class TestIntakeDraft : public QObject
{
    Q_OBJECT

private slots:
    void aDraftComesBackWhole()
    {
        IntakeDraft draft;
        draft.contactId = QStringLiteral("c1");
        draft.contactStarted = QDateTime(QDate(2026, 12, 6), QTime(10, 5), Qt::UTC);
        draft.channel = QStringLiteral("phone");
        draft.callerId = QStringLiteral("k1");
        draft.callerPhone = QStringLiteral("617 555 0199");
        draft.callerName = QStringLiteral("Ana Ruiz");
        draft.callerEmail = QStringLiteral("ana@example.org");
        draft.description = QStringLiteral("Bags left at the curb");
        draft.typeCode = QStringLiteral("MTRECYDBI");
        draft.answers.insert(QStringLiteral("SR-MTRECYDBI1"), {QStringLiteral("Trash")});
        IntakeLocation where;
        where.address = QStringLiteral("10 A St, 02127");
        where.latitude = 42.3409;
        where.longitude = -71.0568;
        where.neighborhood = QStringLiteral("South Boston");
        draft.location = where;
        QVERIFY(!draft.isEmpty());

        const IntakeDraft back = IntakeDraft::fromJson(draft.toJson());
        QCOMPARE(back.contactId, draft.contactId);
        QCOMPARE(back.contactStarted, draft.contactStarted);
        QCOMPARE(back.callerPhone, draft.callerPhone);
        QCOMPARE(back.callerEmail, draft.callerEmail);
        QCOMPARE(back.description, draft.description);
        QCOMPARE(back.typeCode, draft.typeCode);
        QCOMPARE(back.answers, draft.answers);
        QVERIFY(back.location);
        QCOMPARE(back.location->address, where.address);
        QCOMPARE(back.location->latitude, where.latitude);
        QCOMPARE(back.location->neighborhood, where.neighborhood);
    }

    void aLandmarkHasNoPoint()
    {
        IntakeDraft draft;
        draft.typeCode = QStringLiteral("RODENTACT");
        IntakeLocation where;
        where.landmark = QStringLiteral("Behind the Frog Pond");
        draft.location = where;
        const IntakeDraft back = IntakeDraft::fromJson(draft.toJson());
        QVERIFY(back.location);
        QCOMPARE(back.location->landmark, where.landmark);
        QVERIFY(!back.location->latitude);
    }

    void nothingTypedIsEmpty()
    {
        QVERIFY(IntakeDraft().isEmpty());
        IntakeDraft onlyEmail;
        onlyEmail.channel = QStringLiteral("phone");
        QVERIFY(onlyEmail.isEmpty());
        const IntakeDraft back = IntakeDraft::fromJson(IntakeDraft().toJson());
        QVERIFY(back.typeCode.isEmpty());
        QVERIFY(!back.location);
    }

    // The payload the intake panel wrote before the format was its own (issue 12).
    void anEarlierDraftIsRead()
    {
        const QByteArray json = R"({"contact_id":"c9","contact_started":"2026-12-01T14:00:00Z",
            "channel":"walk_in","caller_id":"","caller_phone":"6175550100","caller_name":"",
            "caller_email":"","description":"Lamp out","type_code":"STRLGTOUT","answers":{},
            "location":{"address":"1 A Acorn St, 02108","landmark":"","neighborhood":"Beacon Hill",
            "ward":"5","precinct":"0503","zip":"02108","latitude":42.3576,"longitude":-71.0685}})";
        const IntakeDraft d = IntakeDraft::fromJson(QJsonDocument::fromJson(json).object());
        QCOMPARE(d.contactId, QStringLiteral("c9"));
        QCOMPARE(d.channel, QStringLiteral("walk_in"));
        QCOMPARE(d.contactStarted, QDateTime(QDate(2026, 12, 1), QTime(14, 0), Qt::UTC));
        QCOMPARE(d.typeCode, QStringLiteral("STRLGTOUT"));
        QVERIFY(d.location);
        QCOMPARE(d.location->ward, QStringLiteral("5"));
        QCOMPARE(*d.location->longitude, -71.0685);
    }
};

QTEST_GUILESS_MAIN(TestIntakeDraft)
#include "tst_intakedraft.moc"
