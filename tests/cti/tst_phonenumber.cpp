// Caller numbers as phone systems and people really write them: normalised to E.164 for the
// city's plan (Boston, +1 617), the raw text kept, extensions split off, withheld and empty
// numbers never mistaken for a number, international numbers and short codes kept apart.

#include "models/cti/ctiendpoint.h"
#include "models/cti/phonenumber.h"

#include <QTest>

using namespace civicdesk;
using Kind = PhoneNumber::Kind;

Q_DECLARE_METATYPE(PhoneNumber::Kind)

class TestPhoneNumber : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<PhoneNumber::Kind>("kind");
        QTest::addColumn<QString>("e164");
        QTest::addColumn<QString>("extension");
        QTest::addColumn<QString>("display");

        const QString boston = QStringLiteral("+16175550100");
        const QString national = QStringLiteral("(617) 555-0100");
        QTest::newRow("national format")
            << "(617) 555-0100" << Kind::Number << boston << "" << national;
        QTest::newRow("dotted") << "617.555.0100" << Kind::Number << boston << "" << national;
        QTest::newRow("E.164") << "+16175550100" << Kind::Number << boston << "" << national;
        QTest::newRow("trunk 1, no plus")
            << "16175550100" << Kind::Number << boston << "" << national;
        QTest::newRow("dashed") << "617-555-0100" << Kind::Number << boston << "" << national;
        QTest::newRow("spaced E.164")
            << "+1 617 555 0100" << Kind::Number << boston << "" << national;
        QTest::newRow("trailing spaces")
            << "6175550100   " << Kind::Number << boston << "" << national;
        QTest::newRow("leading tab, trailing newline") << "\t617 555 0100\n"
                                                       << Kind::Number << boston << "" << national;
        QTest::newRow("extension x") << "617-555-0100 x123" << Kind::Number << boston << "123"
                                     << "(617) 555-0100 x123";
        QTest::newRow("extension ext.")
            << "(617) 555-0100 ext. 45" << Kind::Number << boston << "45"
            << "(617) 555-0100 x45";
        QTest::newRow("extension word")
            << "617.555.0100 extension 7" << Kind::Number << boston << "7"
            << "(617) 555-0100 x7";
        QTest::newRow("extension tel URI")
            << "tel:+1-617-555-0100;ext=22" << Kind::Number << boston << "22"
            << "(617) 555-0100 x22";
        QTest::newRow("local 7 digits in the area code")
            << "555-0100" << Kind::Number << boston << "" << national;
        QTest::newRow("another area code") << "(857) 555-0199" << Kind::Number << "+18575550199"
                                           << ""
                                           << "(857) 555-0199";
        QTest::newRow("SIP URI") << "sip:+16175550100@10.0.0.1:5060;user=phone" << Kind::Number
                                 << boston << "" << national;
        QTest::newRow("SIP URI in angle brackets")
            << "<sip:6175550100@pbx.example.org>" << Kind::Number << boston << "" << national;
        QTest::newRow("international UK") << "+44 20 7946 0958" << Kind::Number << "+442079460958"
                                          << ""
                                          << "+442079460958";
        QTest::newRow("international with 011")
            << "011 44 20 7946 0958" << Kind::Number << "+442079460958"
            << ""
            << "+442079460958";
        QTest::newRow("international Mexico")
            << "+52 55 5555 0100" << Kind::Number << "+525555550100"
            << ""
            << "+525555550100";
        QTest::newRow("short code 311") << "311" << Kind::ShortCode << "311"
                                        << ""
                                        << "311";
        QTest::newRow("short code 911") << "911" << Kind::ShortCode << "911"
                                        << ""
                                        << "911";
        QTest::newRow("SIP short code") << "sip:311@pbx" << Kind::ShortCode << "311"
                                        << ""
                                        << "311";
        QTest::newRow("withheld: anonymous") << "anonymous" << Kind::Withheld << ""
                                             << ""
                                             << "anonymous";
        QTest::newRow("withheld: Anonymous SIP URI")
            << "sip:anonymous@anonymous.invalid" << Kind::Withheld << ""
            << ""
            << "sip:anonymous@anonymous.invalid";
        QTest::newRow("withheld: private") << "Private" << Kind::Withheld << ""
                                           << ""
                                           << "Private";
        QTest::newRow("withheld: restricted") << "RESTRICTED" << Kind::Withheld << ""
                                              << ""
                                              << "RESTRICTED";
        QTest::newRow("unavailable: unknown") << "unknown" << Kind::Unavailable << ""
                                              << ""
                                              << "unknown";
        QTest::newRow("unavailable: empty") << "" << Kind::Unavailable << ""
                                            << ""
                                            << "";
        QTest::newRow("unavailable: spaces") << "   " << Kind::Unavailable << ""
                                             << ""
                                             << "";
        QTest::newRow("invalid: letters") << "call me maybe" << Kind::Invalid << ""
                                          << ""
                                          << "call me maybe";
        QTest::newRow("five-digit service code") << "55501" << Kind::ShortCode << "55501"
                                                 << ""
                                                 << "55501";
        QTest::newRow("invalid: 8 digits national") << "61755501" << Kind::Invalid << ""
                                                    << ""
                                                    << "61755501";
        QTest::newRow("invalid: too long") << "+1234567890123456" << Kind::Invalid << ""
                                           << ""
                                           << "+1234567890123456";
        QTest::newRow("invalid: 12 digits without plus") << "123456789012" << Kind::Invalid << ""
                                                         << ""
                                                         << "123456789012";
    }

    void parse()
    {
        QFETCH(QString, raw);
        QFETCH(PhoneNumber::Kind, kind);
        QFETCH(QString, e164);
        QFETCH(QString, extension);
        QFETCH(QString, display);
        const PhoneNumber n =
            PhoneNumber::parse(raw, NumberingPlan::northAmerica(QStringLiteral("617")));
        QCOMPARE(n.raw, raw); // the raw text is kept as received
        QCOMPARE(int(n.kind), int(kind));
        QCOMPARE(n.e164, e164);
        QCOMPARE(n.extension, extension);
        QCOMPARE(n.display(), display);
        QCOMPARE(n.isAnonymous(), kind == Kind::Withheld || kind == Kind::Unavailable);
    }

    // The local forms of one number all parse back to it.
    void localFormsRoundTrip()
    {
        const PhoneNumber n = PhoneNumber::parse(QStringLiteral("+16175550100"));
        const QStringList forms = n.localForms();
        QVERIFY(forms.contains(QStringLiteral("(617) 555-0100")));
        QVERIFY(forms.contains(QStringLiteral("617.555.0100")));
        QVERIFY(forms.contains(QStringLiteral("555-0100")));
        for (const QString &form : forms)
            QCOMPARE(PhoneNumber::parse(form).e164, n.e164);
        QVERIFY(PhoneNumber::parse(QStringLiteral("anonymous")).localForms().isEmpty());
    }

    // A 7-digit number belongs to the plan's area code.
    void areaCodeFollowsThePlan()
    {
        QCOMPARE(PhoneNumber::parse(QStringLiteral("555-0100"),
                                    NumberingPlan::northAmerica(QStringLiteral("415")))
                     .e164,
                 QStringLiteral("+14155550100"));
    }

    void endpoints_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("baresip") << "baresip:127.0.0.1:4444" << true << "baresip:127.0.0.1:4444";
        QTest::newRow("socket tcp") << " socket:localhost:5070 " << true << "socket:localhost:5070";
        QTest::newRow("socket path")
            << "socket:/run/user/1000/cti.sock" << true << "socket:/run/user/1000/cti.sock";
        QTest::newRow("IPv6") << "baresip:[::1]:4444" << true << "baresip:[::1]:4444";
        QTest::newRow("none") << "none" << true << "none";
        QTest::newRow("empty") << "" << true << "none";
        QTest::newRow("unknown kind") << "asterisk:127.0.0.1:5038" << false << "";
        QTest::newRow("no kind") << "127.0.0.1:4444" << false << "";
        QTest::newRow("no port") << "baresip:127.0.0.1" << false << "";
        QTest::newRow("port 0") << "baresip:127.0.0.1:0" << false << "";
        QTest::newRow("port too big") << "socket:127.0.0.1:70000" << false << "";
        QTest::newRow("port not a number") << "socket:127.0.0.1:http" << false << "";
        QTest::newRow("no host") << "socket::5070" << false << "";
    }

    void endpoints()
    {
        QFETCH(QString, spec);
        QFETCH(bool, valid);
        QFETCH(QString, normalised);
        const auto endpoint = CtiEndpoint::parse(spec);
        QCOMPARE(endpoint.ok(), valid);
        if (!valid) {
            // The message names what was given and what would be right.
            QVERIFY(endpoint.error().message.contains(spec.trimmed()));
            QVERIFY(endpoint.error().message.contains(QStringLiteral("baresip:HOST:PORT")));
            return;
        }
        QCOMPARE(endpoint.value().spec(), normalised);
        QCOMPARE(CtiEndpoint::parse(endpoint.value().spec()).value().spec(), normalised);
    }
};

QTEST_GUILESS_MAIN(TestPhoneNumber)
#include "tst_phonenumber.moc"
