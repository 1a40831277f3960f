// The one caller rule (validateCaller), and that phone intake and Open311 POST both follow it:
// an address intake used to accept ("ana@example", no dot in the domain) is refused by both.

#include "models/domain/caller.h"
#include "models/intake/intakeservice.h"
#include "models/store/eventstore.h"
#include "tests/support/teststore.h"

#include <QTest>

using namespace civicdesk;

class TestCaller : public QObject
{
    Q_OBJECT

private slots:
    void emailAddresses_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "ana.ruiz@example.org" << true;
        QTest::newRow("upper case, spaces around") << "  Ana@Example.ORG " << true;
        QTest::newRow("country domain") << "ana@city.boston.gov.us" << true;
        QTest::newRow("plus tag") << "ana+311@example.org" << true;
        QTest::newRow("no dot in the domain") << "ana@example" << false;
        QTest::newRow("no local part") << "@example.org" << false;
        QTest::newRow("two at signs") << "ana@@example.org" << false;
        QTest::newRow("space inside") << "ana ruiz@example.org" << false;
        QTest::newRow("dot after at") << "ana@.example.org" << false;
        QTest::newRow("trailing dot") << "ana@example.org." << false;
        QTest::newRow("double dot") << "ana@example..org" << false;
        QTest::newRow("too long") << QString(250, u'a') + u"@example.org" << false;
    }

    void emailAddresses()
    {
        QFETCH(QString, email);
        QFETCH(bool, valid);
        QCOMPARE(Caller::isEmailAddress(email), valid);
        Caller caller;
        caller.email = email;
        const QList<CallerProblem> problems = validateCaller(caller);
        QCOMPARE(problems.isEmpty(), valid);
        if (!valid)
            QCOMPARE(problems.first().field, QStringLiteral("email"));
    }

    void phonesAndNames()
    {
        Caller caller;
        caller.phone = QStringLiteral("555-01");
        caller.name = QString(201, u'x');
        const QList<CallerProblem> problems = validateCaller(caller);
        QCOMPARE(problems.size(), 2);
        QCOMPARE(problems.at(0).field, QStringLiteral("name"));
        QCOMPARE(problems.at(1).field, QStringLiteral("phone"));
        QVERIFY(problems.at(1).message.contains(QStringLiteral("555-01")));
        caller = {};
        caller.phone = QStringLiteral("(617) 555-0100");
        QVERIFY(validateCaller(caller).isEmpty());
        QVERIFY(validateCaller(Caller{}).isEmpty()); // anonymous: the type decides
    }

    void intakeFollowsTheRule()
    {
        test::TempStore store;
        EventStore events(store.db());
        IntakeService intake(store.db(), events, QStringLiteral("ana"));
        Caller caller;
        caller.name = QStringLiteral("Ana Ruiz");
        caller.email = QStringLiteral("ana@example");
        const auto refused = intake.saveCaller(caller);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("intake.email"));
        QCOMPARE(events.eventCount(), 0);
        caller.email = QStringLiteral("ana@example.org");
        QVERIFY(intake.saveCaller(caller));
    }
};

QTEST_GUILESS_MAIN(TestCaller)
#include "tst_caller.moc"
