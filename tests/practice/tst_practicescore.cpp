// Scoring a practice run from recorded intake steps: every criterion, its points, the pass
// mark, and each critical failure that fails a run whatever its points.

#include "models/practice/practicescore.h"

#include <QJsonArray>
#include <QTest>

using namespace civicdesk;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 12, 1), QTime(14, 0), Qt::UTC);

IntakeStep step(IntakeStepKind kind, QJsonObject detail, int second)
{
    return IntakeStep{kind, std::move(detail), T0.addSecs(second)};
}

Scenario pothole()
{
    Scenario s;
    s.id = QStringLiteral("pothole");
    s.expected.serviceCode = QStringLiteral("REQPOTHL");
    s.expected.location = QStringLiteral("40 Centre St");
    s.answers = {
        {QStringLiteral("POTHOLE_COUNT"), {QStringLiteral("1")}, QStringLiteral("One"), true},
        {QStringLiteral("POTHOLE_SIZE"), {QStringLiteral("LARGE")}, QStringLiteral("Big"), true}};
    s.expected.outcome = Outcome::RequestCreated;
    s.expected.readBack = QStringLiteral("created");
    s.expected.articles = {QStringLiteral("info-a-en")};
    s.targetSeconds = 120;
    return s;
}

// A run that does everything the pothole scenario expects, in 100 seconds.
QList<IntakeStep> goodPotholeRun()
{
    return {
        step(IntakeStepKind::Started, {{QStringLiteral("channel"), QStringLiteral("phone")}}, 0),
        step(IntakeStepKind::TypeChosen,
             {{QStringLiteral("service_code"), QStringLiteral("REQPOTHL")}}, 10),
        step(IntakeStepKind::Answer,
             {{QStringLiteral("code"), QStringLiteral("POTHOLE_COUNT")},
              {QStringLiteral("values"), QJsonArray{QStringLiteral("1")}}},
             20),
        step(IntakeStepKind::Answer,
             {{QStringLiteral("code"), QStringLiteral("POTHOLE_SIZE")},
              {QStringLiteral("values"), QJsonArray{QStringLiteral("LARGE")}}},
             30),
        step(IntakeStepKind::Location,
             {{QStringLiteral("address"), QStringLiteral("40 Centre St, 02124")},
              {QStringLiteral("outside_city"), false}},
             40),
        step(IntakeStepKind::ArticleOpened,
             {{QStringLiteral("article_id"), QStringLiteral("info-a-es")}}, 50),
        step(IntakeStepKind::RequestCreated,
             {{QStringLiteral("service_code"), QStringLiteral("REQPOTHL")},
              {QStringLiteral("number"), QStringLiteral("K7QMX-2A4FC")}},
             60),
        step(IntakeStepKind::ReadBack, {{QStringLiteral("number"), QStringLiteral("k7qmx2a4fc")}},
             70),
        step(IntakeStepKind::Outcome,
             {{QStringLiteral("outcome"), QStringLiteral("request_created")}}, 100),
    };
}

PracticeScorer scorer()
{
    // Both languages of the article are one translation group.
    return PracticeScorer([](const QString &id) { return id.left(id.lastIndexOf(u'-')); });
}

const ScoreCriterion *criterion(const PracticeResult &r, const QString &id)
{
    for (const ScoreCriterion &c : r.criteria) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

void remove(QList<IntakeStep> &steps, IntakeStepKind kind)
{
    steps.removeIf([kind](const IntakeStep &s) { return s.kind == kind; });
}

} // namespace

class TestPracticeScore : public QObject
{
    Q_OBJECT

private slots:
    void perfectRunScoresFull()
    {
        const PracticeResult r = scorer().score(pothole(), goodPotholeRun());
        QCOMPARE(r.score, 100);
        QVERIFY(r.passed());
        QCOMPARE(r.seconds, 100);
        QVERIFY(r.critical.isEmpty());
        // type, location, two answers, articles, outcome, read-back, time (no duplicate asked)
        QCOMPARE(r.criteria.size(), 8);
        QVERIFY(!criterion(r, QStringLiteral("duplicate")));
        for (const ScoreCriterion &c : r.criteria)
            QVERIFY2(c.met(), qPrintable(c.id));
    }

    void eachCriterionCostsItsPoints_data()
    {
        QTest::addColumn<QString>("criterion");
        QTest::addColumn<int>("score");
        // 90 points apply (no duplicate decision): the score is the share earned.
        QTest::newRow("type") << "type" << 78;         // 70 of 90
        QTest::newRow("location") << "location" << 83; // 75 of 90
        QTest::newRow("answer") << "answer:POTHOLE_SIZE" << 89;
        QTest::newRow("articles") << "articles" << 89;
        QTest::newRow("outcome") << "outcome" << 89;
        QTest::newRow("read_back") << "read_back" << 89;
        QTest::newRow("time") << "time" << 94;
    }
    void eachCriterionCostsItsPoints()
    {
        QFETCH(QString, criterion);
        QFETCH(int, score);
        QList<IntakeStep> steps = goodPotholeRun();
        for (IntakeStep &s : steps) {
            if (criterion == u"type" && s.kind == IntakeStepKind::TypeChosen)
                s.detail[QStringLiteral("service_code")] = QStringLiteral("SDWRPR");
            if (criterion == u"location" && s.kind == IntakeStepKind::Location)
                s.detail[QStringLiteral("address")] = QStringLiteral("40 Centre St Ext, 02124");
            if (criterion == u"answer:POTHOLE_SIZE" && s.kind == IntakeStepKind::Answer &&
                s.detail.value(u"code").toString() == u"POTHOLE_SIZE")
                s.detail[QStringLiteral("values")] = QJsonArray{QStringLiteral("SMALL")};
            if (criterion == u"articles" && s.kind == IntakeStepKind::ArticleOpened)
                s.detail[QStringLiteral("article_id")] = QStringLiteral("info-b-en");
            if (criterion == u"outcome" && s.kind == IntakeStepKind::Outcome)
                s.detail[QStringLiteral("outcome")] = QStringLiteral("information_given");
            if (criterion == u"read_back" && s.kind == IntakeStepKind::ReadBack)
                s.detail[QStringLiteral("number")] = QStringLiteral("K7QMX-2A4FD"); // misheard
            if (criterion == u"time" && s.kind == IntakeStepKind::Outcome)
                s.at = T0.addSecs(200); // over 1.5 x 120: no time points
        }
        const PracticeResult r = scorer().score(pothole(), steps);
        const ScoreCriterion *c = ::criterion(r, criterion);
        QVERIFY(c);
        QVERIFY2(!c->met(), qPrintable(c->done));
        QCOMPARE(c->points, 0.0);
        QCOMPARE(r.score, score);
        QCOMPARE(r.passed(), score >= 80);
    }

    void typeChangedToTheRightOneCounts()
    {
        QList<IntakeStep> steps = goodPotholeRun();
        steps.insert(1, step(IntakeStepKind::TypeChosen,
                             {{QStringLiteral("service_code"), QStringLiteral("SDWRPR")}}, 5));
        const PracticeResult r = scorer().score(pothole(), steps);
        const ScoreCriterion *type = criterion(r, QStringLiteral("type"));
        QVERIFY(type->met());
        QCOMPARE(type->done, QStringLiteral("SDWRPR → REQPOTHL"));
    }

    void correctedAnswerCountsItsLastValue()
    {
        QList<IntakeStep> steps = goodPotholeRun();
        steps.insert(2, step(IntakeStepKind::Answer,
                             {{QStringLiteral("code"), QStringLiteral("POTHOLE_COUNT")},
                              {QStringLiteral("values"), QJsonArray{QStringLiteral("7")}}},
                             15));
        QCOMPARE(steps[3].detail.value(u"code").toString(), QStringLiteral("POTHOLE_COUNT"));
        steps[3].detail[QStringLiteral("previous")] = QJsonArray{QStringLiteral("7")};
        steps[3].detail[QStringLiteral("values")] = QJsonArray{QStringLiteral("1.0")};
        const PracticeResult r = scorer().score(pothole(), steps);
        const ScoreCriterion *count = criterion(r, QStringLiteral("answer:POTHOLE_COUNT"));
        QVERIFY2(count->met(), qPrintable(count->done));
        QVERIFY(count->done.contains(u"corrected"));
        QCOMPARE(r.score, 100);
    }

    void timeBetweenTargetAndOneAndAHalfGetsHalf()
    {
        QList<IntakeStep> steps = goodPotholeRun();
        steps.last().at = T0.addSecs(170);
        const PracticeResult r = scorer().score(pothole(), steps);
        QCOMPARE(criterion(r, QStringLiteral("time"))->points, 2.5);
    }

    void passMarkIsTheScenarios()
    {
        Scenario s = pothole();
        QList<IntakeStep> steps = goodPotholeRun();
        remove(steps, IntakeStepKind::ArticleOpened); // 80 of 90
        QVERIFY(scorer().score(s, steps).passed());
        s.passMark = 90;
        QVERIFY(!scorer().score(s, steps).passed());
        QCOMPARE(scorer().score(s, steps).score, 89);
    }

    void duplicateDecision()
    {
        Scenario s = pothole();
        s.expected.duplicate = QStringLiteral("attach");
        s.expected.outcome = Outcome::AttachedToExisting;
        QList<IntakeStep> steps = goodPotholeRun();
        remove(steps, IntakeStepKind::RequestCreated);
        steps.insert(6, step(IntakeStepKind::DuplicateDecision,
                             {{QStringLiteral("decision"), QStringLiteral("attach")}}, 55));
        steps.insert(7, step(IntakeStepKind::CallerAttached,
                             {{QStringLiteral("number"), QStringLiteral("K7QMX-2A4FC")}}, 58));
        steps.last().detail[QStringLiteral("outcome")] = QStringLiteral("attached_to_existing");
        PracticeResult r = scorer().score(s, steps);
        QVERIFY(criterion(r, QStringLiteral("duplicate"))->met());
        QCOMPARE(r.score, 100);
        // Created anyway: the decision and the outcome are wrong.
        steps[6].detail[QStringLiteral("decision")] = QStringLiteral("create_anyway");
        steps[7] = step(IntakeStepKind::RequestCreated,
                        {{QStringLiteral("service_code"), QStringLiteral("REQPOTHL")},
                         {QStringLiteral("number"), QStringLiteral("K7QMX-2A4FC")}},
                        58);
        steps.last().detail[QStringLiteral("outcome")] = QStringLiteral("request_created");
        r = scorer().score(s, steps);
        QVERIFY(!criterion(r, QStringLiteral("duplicate"))->met());
        QCOMPARE(criterion(r, QStringLiteral("duplicate"))->done, QStringLiteral("create_anyway"));
        QCOMPARE(r.score, 80);
    }

    void statusReadBackOfASeededNumber()
    {
        Scenario s;
        s.expected.outcome = Outcome::InformationGiven;
        s.expected.readBack = QStringLiteral("s1");
        const PracticeScorer withSeeds({}, {{QStringLiteral("s1"), QStringLiteral("K7QMX-2A4FC")}});
        QList<IntakeStep> steps = {
            step(IntakeStepKind::Started, {}, 0),
            step(IntakeStepKind::ReadBack,
                 {{QStringLiteral("number"), QStringLiteral("K7QMX-2A4FD")}}, 20),
            step(IntakeStepKind::Outcome,
                 {{QStringLiteral("outcome"), QStringLiteral("information_given")}}, 40)};
        QVERIFY(!criterion(withSeeds.score(s, steps), QStringLiteral("read_back"))->met());
        steps.insert(2, step(IntakeStepKind::ReadBack,
                             {{QStringLiteral("number"), QStringLiteral("K7QMX-2A4FC")}}, 30));
        const PracticeResult r = withSeeds.score(s, steps);
        QVERIFY(criterion(r, QStringLiteral("read_back"))->met());
        QCOMPARE(r.score, 100);
    }

    void referralOutsideTheCity()
    {
        Scenario s;
        s.expected.outsideCity = true;
        s.expected.referral = QStringLiteral("City of Cambridge");
        s.expected.outcome = Outcome::Referred;
        QList<IntakeStep> steps = {
            step(IntakeStepKind::Started, {}, 0),
            step(IntakeStepKind::Location,
                 {{QStringLiteral("address"), QStringLiteral("Harvard Square, Cambridge")},
                  {QStringLiteral("outside_city"), true},
                  {QStringLiteral("referral"), QStringLiteral("City of Cambridge")}},
                 20),
            step(IntakeStepKind::Outcome, {{QStringLiteral("outcome"), QStringLiteral("referred")}},
                 40)};
        PracticeResult r = scorer().score(s, steps);
        QVERIFY(r.passed());
        QCOMPARE(r.score, 100);
        // A request taken anyway fails the run, whatever the points.
        steps.insert(2, step(IntakeStepKind::RequestCreated,
                             {{QStringLiteral("service_code"), QStringLiteral("REQPOTHL")}}, 30));
        r = scorer().score(s, steps);
        QCOMPARE(r.critical.size(), 1);
        QCOMPARE(r.critical.first().id, QStringLiteral("request_outside_city"));
        QVERIFY(r.score >= 80);
        QVERIFY(!r.passed());
    }

    void emergencyNotTransferredFails_data()
    {
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<QString>("transfer");
        QTest::addColumn<bool>("requestTaken");
        QTest::addColumn<bool>("critical");
        QTest::addColumn<bool>("passes");
        QTest::newRow("warm transfer to 911") << "warm_transfer"
                                              << "911" << false << false << true;
        // Not the expected warm transfer (outcome points lost), but not critical.
        QTest::newRow("cold transfer to 911") << "cold_transfer"
                                              << "911" << false << false << false;
        QTest::newRow("transfer elsewhere") << "warm_transfer"
                                            << "BWSC" << false << true << false;
        QTest::newRow("information given") << "information_given"
                                           << "" << false << true << false;
        QTest::newRow("a request taken too") << "warm_transfer"
                                             << "911" << true << true << false;
        QTest::newRow("contact never ended") << ""
                                             << "" << false << true << false;
    }
    void emergencyNotTransferredFails()
    {
        QFETCH(QString, outcome);
        QFETCH(QString, transfer);
        QFETCH(bool, requestTaken);
        QFETCH(bool, critical);
        QFETCH(bool, passes);
        Scenario s;
        s.expected.serviceCode = QStringLiteral("FIREFOOD");
        s.expected.emergency = true;
        s.expected.outcome = Outcome::WarmTransfer;
        s.expected.transferTo = QStringLiteral("911");
        QList<IntakeStep> steps = {
            step(IntakeStepKind::Started, {}, 0),
            step(IntakeStepKind::TypeChosen,
                 {{QStringLiteral("service_code"), QStringLiteral("FIREFOOD")}}, 5)};
        if (requestTaken)
            steps.append(step(IntakeStepKind::RequestCreated,
                              {{QStringLiteral("service_code"), QStringLiteral("FIREFOOD")}}, 8));
        if (!outcome.isEmpty())
            steps.append(step(IntakeStepKind::Outcome,
                              {{QStringLiteral("outcome"), outcome},
                               {QStringLiteral("transfer_destination"), transfer}},
                              20));
        const PracticeResult r = scorer().score(s, steps);
        QCOMPARE(!r.critical.isEmpty(), critical);
        if (critical)
            QCOMPARE(r.critical.first().id, QStringLiteral("emergency_not_transferred"));
        QCOMPARE(r.passed(), passes);
    }

    void callerDataOnAConfidentialTypeFails()
    {
        Scenario s;
        s.expected.serviceCode = QStringLiteral("NEEDRMVL");
        s.expected.confidential = true;
        s.expected.outcome = Outcome::RequestCreated;
        QList<IntakeStep> steps = {
            step(IntakeStepKind::Started, {}, 0),
            step(IntakeStepKind::TypeChosen,
                 {{QStringLiteral("service_code"), QStringLiteral("NEEDRMVL")}}, 5),
            step(IntakeStepKind::CallerDetails,
                 {{QStringLiteral("name"), false},
                  {QStringLiteral("phone"), false},
                  {QStringLiteral("email"), false}},
                 6),
            step(IntakeStepKind::RequestCreated,
                 {{QStringLiteral("service_code"), QStringLiteral("NEEDRMVL")}}, 8),
            step(IntakeStepKind::Outcome,
                 {{QStringLiteral("outcome"), QStringLiteral("request_created")}}, 20)};
        QVERIFY(scorer().score(s, steps).passed());
        steps[2].detail[QStringLiteral("phone")] = true;
        const PracticeResult r = scorer().score(s, steps);
        QCOMPARE(r.critical.size(), 1);
        QCOMPARE(r.critical.first().id, QStringLiteral("caller_data_taken"));
        QCOMPARE(r.score, 100);
        QVERIFY(!r.passed());
        // The same details on a type that is not confidential are fine.
        s.expected.confidential = false;
        QVERIFY(scorer().score(s, steps).passed());
    }

    // A call popped on screen brings its number into the phone field: the call taker did not
    // take it, so a confidential type still passes; a name or email taken still fails.
    void aNumberFromTheCallIsNotTakenData()
    {
        Scenario s;
        s.expected.serviceCode = QStringLiteral("NEEDRMVL");
        s.expected.confidential = true;
        s.expected.outcome = Outcome::RequestCreated;
        QList<IntakeStep> steps = {
            step(IntakeStepKind::Started,
                 {{QStringLiteral("channel"), QStringLiteral("phone")},
                  {QStringLiteral("number_from_call"), true}},
                 0),
            step(IntakeStepKind::CallerDetails,
                 {{QStringLiteral("name"), false},
                  {QStringLiteral("phone"), true},
                  {QStringLiteral("email"), false}},
                 2),
            step(IntakeStepKind::TypeChosen,
                 {{QStringLiteral("service_code"), QStringLiteral("NEEDRMVL")}}, 5),
            step(IntakeStepKind::RequestCreated,
                 {{QStringLiteral("service_code"), QStringLiteral("NEEDRMVL")}}, 8),
            step(IntakeStepKind::Outcome,
                 {{QStringLiteral("outcome"), QStringLiteral("request_created")}}, 20)};
        QVERIFY(scorer().score(s, steps).critical.isEmpty());
        QVERIFY(scorer().score(s, steps).passed());
        steps[1].detail[QStringLiteral("name")] = true;
        QCOMPARE(scorer().score(s, steps).critical.size(), 1);
        steps[1].detail[QStringLiteral("name")] = false;
        steps[0].detail[QStringLiteral("number_from_call")] = false; // typed by hand
        QCOMPARE(scorer().score(s, steps).critical.size(), 1);
    }

    void anEmptyRunScoresNothing()
    {
        const PracticeResult r = scorer().score(pothole(), {});
        QCOMPARE(r.score, 0);
        QVERIFY(!r.passed());
    }

    void placesCompareWithoutZipAndCase()
    {
        QCOMPARE(normalizedPlace(QStringLiteral("40 Centre St, 02124")),
                 QStringLiteral("40 centre st"));
        QCOMPARE(normalizedPlace(QStringLiteral("Boylston St & Massachusetts Ave")),
                 QStringLiteral("boylston st & massachusetts ave"));
        QVERIFY(normalizedPlace(QStringLiteral("40 Centre St")) !=
                normalizedPlace(QStringLiteral("4 Centre St")));
    }
};

QTEST_GUILESS_MAIN(TestPracticeScore)
#include "tst_practicescore.moc"
