// Quality-review sampling (the centre sample stratified by duration, N per agent, reviewers
// spread evenly, the same sample for the same seed) and reviewer agreement (Krippendorff's
// alpha against hand-computed fixtures and Krippendorff's own published example, percent
// agreement, calibration against a reference reviewer).

#include "models/domain/event.h"
#include "models/quality/revieweragreement.h"
#include "models/quality/reviewsampling.h"
#include "models/store/eventstore.h"
#include "tests/support/teststore.h"

#include <QSet>
#include <QTest>
#include <algorithm>

using namespace civicdesk;
using namespace civicdesk::revieweragreement;

namespace {

QList<SampleCandidate> hundredContacts()
{
    // c000..c099 lasting 0, 10, ... 990 s: 60 short (< 600 s) and 40 long.
    QList<SampleCandidate> list;
    const QDateTime start(QDate(2026, 11, 2), QTime(14, 0), Qt::UTC);
    for (int i = 0; i < 100; ++i)
        list.append({QStringLiteral("c%1").arg(i, 3, 10, QLatin1Char('0')),
                     QStringLiteral("agent%1").arg(i % 4), start.addSecs(i * 3600), i * 10});
    return list;
}

QStringList idsOf(const QList<SampledContact> &sample)
{
    QStringList ids;
    for (const SampledContact &s : sample)
        ids.append(s.contact.contactId);
    return ids;
}

// "1 2 . 3" -> one reviewer's values per unit ("." = no value).
void addRater(Ratings &ratings, const QString &rater, const QString &values)
{
    const QStringList cells = values.split(u' ');
    for (int unit = 0; unit < cells.size(); ++unit) {
        if (cells.at(unit) != u".")
            ratings[QStringLiteral("u%1").arg(unit, 2, 10, QLatin1Char('0'))].insert(
                rater, cells.at(unit).toDouble());
    }
}

Evaluation scored(const EvaluationForm &form, const QString &contact, const QString &reviewer,
                  double score, std::optional<int> q1, std::optional<int> q2)
{
    Evaluation e;
    e.id = contact + u'-' + reviewer;
    e.contactId = contact;
    e.reviewer = reviewer;
    e.agent = QStringLiteral("ana");
    e.form = form;
    e.finalScore = score;
    e.answers.insert(QStringLiteral("q1"), ReviewAnswer{q1, QString()});
    e.answers.insert(QStringLiteral("q2"), ReviewAnswer{q2, QString()});
    return e;
}

} // namespace

class TestReviewSampling : public QObject
{
    Q_OBJECT

private slots:
    void centreSampleIsStratifiedByDuration()
    {
        const auto sample =
            reviewsampling::centreSample(hundredContacts(), reviewsampling::CentrePlan{}, 311);
        QCOMPARE(sample.size(), 40);
        int shortOnes = 0;
        for (const SampledContact &s : sample) {
            const bool isLong = s.contact.durationSeconds >= 600;
            QCOMPARE(s.stratum, isLong ? QStringLiteral("long") : QStringLiteral("short"));
            shortOnes += isLong ? 0 : 1;
        }
        QCOMPARE(shortOnes, 30);
        const QStringList ids = idsOf(sample);
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), 40); // no contact twice
    }

    void theSameSeedDrawsTheSameSample()
    {
        QList<SampleCandidate> shuffled = hundredContacts();
        std::reverse(shuffled.begin(), shuffled.end());
        const reviewsampling::CentrePlan plan;
        const QStringList first = idsOf(reviewsampling::centreSample(hundredContacts(), plan, 7));
        // The order the candidates come in does not matter; the seed does.
        QCOMPARE(idsOf(reviewsampling::centreSample(shuffled, plan, 7)), first);
        QVERIFY(idsOf(reviewsampling::centreSample(hundredContacts(), plan, 8)) != first);
    }

    void aShortStratumGivesWhatThereIs()
    {
        reviewsampling::CentrePlan plan;
        plan.longCount = 50; // only 40 long contacts exist
        const auto sample = reviewsampling::centreSample(hundredContacts(), plan, 1);
        QCOMPARE(sample.size(), 70);
        QVERIFY(reviewsampling::centreSample({}, plan, 1).isEmpty());
    }

    void perAgentTakesUpToNOfEach()
    {
        QList<SampleCandidate> pool;
        const QList<std::pair<QString, int>> agents = {
            {QStringLiteral("ana"), 5}, {QStringLiteral("bo"), 2}, {QStringLiteral("cy"), 8}};
        for (const auto &[agent, count] : agents) {
            for (int i = 0; i < count; ++i)
                pool.append({agent + QString::number(i), agent, QDateTime(), 60});
        }
        const auto sample = reviewsampling::perAgentSample(pool, 3, 42);
        QMap<QString, int> perAgent;
        for (const SampledContact &s : sample) {
            QCOMPARE(s.stratum, s.contact.agent);
            ++perAgent[s.contact.agent];
        }
        QCOMPARE(perAgent.value(QStringLiteral("ana")), 3);
        QCOMPARE(perAgent.value(QStringLiteral("bo")), 2);
        QCOMPARE(perAgent.value(QStringLiteral("cy")), 3);
        QCOMPARE(idsOf(reviewsampling::perAgentSample(pool, 3, 42)), idsOf(sample));
    }

    void reviewersAreSpreadEvenly()
    {
        auto sample =
            reviewsampling::centreSample(hundredContacts(), reviewsampling::CentrePlan{}, 3);
        // Minneapolis: every call scored by the analyst and three supervisors.
        const QStringList four = {QStringLiteral("analyst"), QStringLiteral("sup1"),
                                  QStringLiteral("sup2"), QStringLiteral("sup3")};
        reviewsampling::assignReviewers(sample, four, 4);
        for (const SampledContact &s : sample) {
            QStringList sorted = s.reviewers;
            sorted.sort();
            QCOMPARE(sorted, four);
        }
        // Two of three reviewers per contact: 80 scorings, 26 or 27 each, never one twice.
        reviewsampling::assignReviewers(
            sample, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}, 2);
        QMap<QString, int> load;
        for (const SampledContact &s : sample) {
            QCOMPARE(s.reviewers.size(), 2);
            QVERIFY(s.reviewers.at(0) != s.reviewers.at(1));
            for (const QString &r : s.reviewers)
                ++load[r];
        }
        for (int n : load)
            QVERIFY2(n == 26 || n == 27, qPrintable(QString::number(n)));
        // Ten contacts, four reviewers, one each: 3, 3, 2, 2.
        sample.resize(10);
        reviewsampling::assignReviewers(sample, four, 1);
        load.clear();
        for (const SampledContact &s : sample)
            ++load[s.reviewers.value(0)];
        QList<int> loads = load.values();
        std::sort(loads.begin(), loads.end());
        QCOMPARE(loads, (QList<int>{2, 2, 3, 3}));
    }

    void candidatesComeFromTheStore()
    {
        test::TempStore store;
        EventStore events(store.db());
        const QDateTime t(QDate(2026, 11, 3), QTime(15, 0), Qt::UTC);
        const auto contact = [&](const QString &id, const QDateTime &at, int seconds, bool end) {
            QVERIFY(events
                        .append(Event::make(QStringLiteral("contact"), id,
                                            QStringLiteral("contact.started"),
                                            {{QStringLiteral("channel"), QStringLiteral("phone")}},
                                            QStringLiteral("ana"), QStringLiteral("D1"), at))
                        .ok());
            if (end)
                QVERIFY(events
                            .append(Event::make(
                                QStringLiteral("contact"), id, QStringLiteral("contact.ended"),
                                {{QStringLiteral("outcome"), QStringLiteral("information_given")}},
                                QStringLiteral("ana"), QStringLiteral("D1"), at.addSecs(seconds)))
                            .ok());
        };
        contact(QStringLiteral("k1"), t, 95, true);
        contact(QStringLiteral("k2"), t.addDays(1), 700, true);
        contact(QStringLiteral("k3"), t.addDays(2), 0, false);  // still running
        contact(QStringLiteral("k4"), t.addDays(40), 60, true); // another month
        const auto found = reviewsampling::endedContacts(
            store.db(), QDateTime(QDate(2026, 11, 1), QTime(4, 0), Qt::UTC),
            QDateTime(QDate(2026, 12, 1), QTime(5, 0), Qt::UTC));
        QCOMPARE(found.size(), 2);
        QCOMPARE(found.at(0).contactId, QStringLiteral("k1"));
        QCOMPARE(found.at(0).durationSeconds, 95);
        QCOMPARE(found.at(0).agent, QStringLiteral("ana"));
        QCOMPARE(found.at(1).durationSeconds, 700);
    }

    void alphaByHand()
    {
        // Three contacts, two reviewers, yes/no: (yes, yes), (yes, no), (no, no).
        // n = 6; Do = 2/6; De = (3 x 3 x 2) / (6 x 5) = 0.6; alpha = 1 - (1/3)/0.6 = 4/9.
        Ratings r;
        addRater(r, QStringLiteral("A"), QStringLiteral("1 1 0"));
        addRater(r, QStringLiteral("B"), QStringLiteral("1 0 0"));
        QCOMPARE(qRound(*krippendorffAlpha(r, Metric::Nominal) * 1e6), qRound(4.0 / 9.0 * 1e6));
        QCOMPARE(qRound(*percentAgreement(r) * 100), 6667);
        // No variation at all: alpha is undefined, percent agreement is 100.
        Ratings same;
        addRater(same, QStringLiteral("A"), QStringLiteral("1 1"));
        addRater(same, QStringLiteral("B"), QStringLiteral("1 1"));
        QVERIFY(!krippendorffAlpha(same, Metric::Nominal));
        QCOMPARE(*percentAgreement(same), 100.0);
        QVERIFY(!krippendorffAlpha({}, Metric::Interval));
    }

    void alphaOfKrippendorffsPublishedExample()
    {
        // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": four observers,
        // twelve units, missing values; alpha nominal 0.743, interval 0.849.
        Ratings r;
        addRater(r, QStringLiteral("A"), QStringLiteral("1 2 3 3 2 1 4 1 2 . . ."));
        addRater(r, QStringLiteral("B"), QStringLiteral("1 2 3 3 2 2 4 1 2 5 . 3"));
        addRater(r, QStringLiteral("C"), QStringLiteral(". 3 3 3 2 3 4 2 2 5 1 ."));
        addRater(r, QStringLiteral("D"), QStringLiteral("1 2 3 3 2 4 4 1 2 5 1 ."));
        QCOMPARE(qRound(*krippendorffAlpha(r, Metric::Nominal) * 1000), 743);
        QCOMPARE(qRound(*krippendorffAlpha(r, Metric::Interval) * 1000), 849);
    }

    void agreementAndCalibrationOverEvaluations()
    {
        EvaluationForm form;
        form.id = QStringLiteral("qa");
        form.version = 1;
        form.title = QStringLiteral("QA");
        FormQuestion q1;
        q1.id = QStringLiteral("q1");
        q1.text = QStringLiteral("Greeted");
        FormQuestion q2;
        q2.id = QStringLiteral("q2");
        q2.text = QStringLiteral("Courtesy");
        q2.kind = FormQuestion::Kind::Scale;
        q2.scaleMax = 5;
        q2.allowNotApplicable = true;
        form.sections = {FormSection{QStringLiteral("s"), QStringLiteral("S"), 1, {q1, q2}}};
        EvaluationForm other = form;
        other.id = QStringLiteral("other");
        const QList<Evaluation> evaluations = {
            scored(form, QStringLiteral("c1"), QStringLiteral("r1"), 90, 1, 5),
            scored(form, QStringLiteral("c1"), QStringLiteral("r2"), 80, 1, 4),
            scored(form, QStringLiteral("c2"), QStringLiteral("r1"), 50, 0, 3),
            scored(form, QStringLiteral("c2"), QStringLiteral("r2"), 52, 1, 3),
            scored(form, QStringLiteral("c3"), QStringLiteral("r1"), 20, 0, 2),
            scored(form, QStringLiteral("c3"), QStringLiteral("r2"), 20, 0, std::nullopt),
            // Another form's evaluation of the same contact is left out.
            scored(other, QStringLiteral("c3"), QStringLiteral("r3"), 99, 1, 1)};
        const Report report = agreement(evaluations, QStringLiteral("qa"));
        QCOMPARE(report.contacts, 3);
        // Scores 90/80, 50/52, 20/20 (interval): Do = 208/6, De = 51360/30 = 1712.
        QCOMPARE(qRound(*report.scoreAlpha * 1e6), qRound((1.0 - (208.0 / 6.0) / 1712.0) * 1e6));
        QCOMPARE(qRound(*report.scorePercentWithin5 * 100), 6667);
        QCOMPARE(report.questions.size(), 2);
        // q1 as alphaByHand: 4/9.
        QCOMPARE(report.questions.at(0).contacts, 3);
        QCOMPARE(qRound(*report.questions.at(0).alpha * 1e6), qRound(4.0 / 9.0 * 1e6));
        // q2: 5/4 and 3/3 (c3 has one value: N/A leaves it unpaired): Do = 2/4, De = 22/12,
        // alpha = 1 - 0.5 / (22/12) = 8/11; one pair of two agrees.
        QCOMPARE(report.questions.at(1).contacts, 2);
        QCOMPARE(qRound(*report.questions.at(1).alpha * 1e6), qRound(8.0 / 11.0 * 1e6));
        QCOMPARE(*report.questions.at(1).percent, 50.0);

        const QList<Calibration> calibration =
            calibrate(evaluations, QStringLiteral("qa"), QStringLiteral("r1"));
        QCOMPARE(calibration.size(), 1);
        QCOMPARE(calibration.first().reviewer, QStringLiteral("r2"));
        QCOMPARE(calibration.first().contacts, 3);
        // Differences -10, +2, 0.
        QCOMPARE(qRound(calibration.first().meanDifference * 1000), qRound(-8.0 / 3.0 * 1000));
        QCOMPARE(calibration.first().meanAbsoluteDifference, 4.0);
        // ReviewAnswers both gave: q1 x3 (2 equal), q2 x2 (1 equal): 3 of 5.
        QCOMPARE(*calibration.first().answerMatch, 60.0);
    }
};

QTEST_GUILESS_MAIN(TestReviewSampling)
#include "tst_reviewsampling.moc"
