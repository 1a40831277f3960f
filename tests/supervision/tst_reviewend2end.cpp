// Quality review through the real civicdesk-server (SQLite, and PostgreSQL in the _postgres
// run), three workstations: a supervisor scores two call takers' contacts; each call taker's
// replica receives their own evaluation by sync and nobody else's (the server filters the pull);
// Ana reads hers and disputes it while offline, the dispute reaches the supervisor when she is
// back online, the supervisor rescores it and adds a coaching note, and both reach Ana; Ben
// acknowledges his. A decision forged on a call taker's workstation past its own check is
// refused by the server.

#include "models/domain/supervision/evaluationform.h"
#include "models/quality/qualityreviews.h"
#include "tests/support/reviewforms.h"
#include "tests/support/serverdesks.h"

#include <QSqlQuery>
#include <QTest>

using namespace civicdesk;
using namespace civicdesk::test;

namespace {

EvaluationForm smallForm()
{
    return twoQuestionForm(QStringLiteral("e2e-call"), QStringLiteral("End-to-end call form"));
}

// The review events a replica holds about anyone but `agent`.
qint64 reviewsNotAbout(SyncWorkstation &ws, const QString &agent)
{
    QSqlQuery q(QSqlDatabase::database(ws.db().connectionName()));
    q.prepare(QStringLiteral("SELECT payload FROM events WHERE entity_type = 'review'"));
    if (!q.exec())
        return -1;
    qint64 others = 0;
    while (q.next()) {
        if (!q.value(0).toString().contains(QStringLiteral("\"agent\":\"%1\"").arg(agent)))
            ++others;
    }
    return others;
}

} // namespace

class TestReviewEndToEnd : public QObject
{
    Q_OBJECT

    ServerDesks m_desks{QStringLiteral(CIVICDESK_SERVER)};
    SyncWorkstation *m_supervisor = nullptr;
    SyncWorkstation *m_ana = nullptr;
    SyncWorkstation *m_ben = nullptr;

private slots:
    void initTestCase()
    {
        QVERIFY2(m_desks.setUp({{QStringLiteral("sam"), QStringLiteral("supervisor")},
                                {QStringLiteral("ana"), QStringLiteral("call_taker")},
                                {QStringLiteral("ben"), QStringLiteral("call_taker")}}),
                 qPrintable(m_desks.error()));
        m_supervisor =
            m_desks.signIn(QStringLiteral("SSSS2"), QStringLiteral("sam"), AgentRole::Supervisor);
        m_ana =
            m_desks.signIn(QStringLiteral("AAAA3"), QStringLiteral("ana"), AgentRole::CallTaker);
        m_ben =
            m_desks.signIn(QStringLiteral("BBBB4"), QStringLiteral("ben"), AgentRole::CallTaker);
        QVERIFY(m_supervisor && m_ana && m_ben);
    }

    void cleanupTestCase() { m_desks.stop(); }

    void scoredPulledDisputedDecided()
    {
        QualityReviews sam(m_supervisor->db(), m_supervisor->events(), QStringLiteral("sam"));
        QualityReviews ana(m_ana->db(), m_ana->events(), QStringLiteral("ana"));
        QualityReviews ben(m_ben->db(), m_ben->events(), QStringLiteral("ben"));

        // The supervisor publishes a form and scores one contact of each call taker.
        auto version = sam.publishForm(smallForm());
        QVERIFY2(version.ok(), version.ok() ? "" : qPrintable(version.error().message));
        const EvaluationForm form = *sam.latestForm(smallForm().id);
        ReviewAnswers answers;
        answers.insert(QStringLiteral("greeting"), ReviewAnswer{1, {}});
        answers.insert(QStringLiteral("courtesy"), ReviewAnswer{3, {}});
        auto anaEval = sam.submit(QStringLiteral("contact-ana"), QStringLiteral("ana"), form,
                                  answers, QStringLiteral("Slow on the address"));
        QVERIFY2(anaEval.ok(), anaEval.ok() ? "" : qPrintable(anaEval.error().message));
        auto benEval =
            sam.submit(QStringLiteral("contact-ben"), QStringLiteral("ben"), form, answers);
        QVERIFY(benEval.ok());

        // Each call taker's replica receives their own evaluation by sync, and only that.
        QTRY_COMPARE_WITH_TIMEOUT(ana.evaluations().size(), qsizetype(1), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(ben.evaluations().size(), qsizetype(1), 20000);
        QCOMPARE(ana.evaluations().first().id, anaEval.value());
        QCOMPARE(ana.evaluations().first().score, 75.0); // (100 + 50) / 2
        QCOMPARE(ana.evaluations().first().comment, QStringLiteral("Slow on the address"));
        QCOMPARE(ana.evaluations().first().reviewer, QStringLiteral("sam"));
        QCOMPARE(ben.evaluations().first().id, benEval.value());
        QCOMPARE(reviewsNotAbout(*m_ana, QStringLiteral("ana")), 0);
        QCOMPARE(reviewsNotAbout(*m_ben, QStringLiteral("ben")), 0);
        QVERIFY(!ana.latestForm(form.id)); // not even the form

        // Offline, Ana still reads it and disputes it; the dispute waits in her outbox.
        m_desks.setOnline(*m_ana, false);
        QCOMPARE(ana.evaluations(QStringLiteral("ana")).size(), qsizetype(1));
        QVERIFY(ana.dispute(anaEval.value(), QStringLiteral("The caller gave two addresses")).ok());
        QCOMPARE(ana.evaluation(anaEval.value())->state, Evaluation::State::Disputed);
        QTest::qWait(500);
        QCOMPARE(sam.evaluation(anaEval.value())->state, Evaluation::State::Submitted);
        m_desks.setOnline(*m_ana, true);
        QTRY_COMPARE_WITH_TIMEOUT(sam.evaluation(anaEval.value())->state,
                                  Evaluation::State::Disputed, 20000);
        QCOMPARE(sam.evaluation(anaEval.value())->response,
                 QStringLiteral("The caller gave two addresses"));

        // Ben acknowledges his; the supervisor sees it.
        QVERIFY(ben.acknowledge(benEval.value(), QStringLiteral("Thanks")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(sam.evaluation(benEval.value())->state,
                                  Evaluation::State::Acknowledged, 20000);

        // The supervisor rescores Ana's and adds a coaching note: both reach her replica.
        QVERIFY(
            sam.decide(anaEval.value(), false, 87.5, QStringLiteral("Two addresses, fair")).ok());
        QVERIFY(sam.noteCoaching(anaEval.value(), QStringLiteral("Read the address back")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(ana.evaluation(anaEval.value())->coachingNotes.size(),
                                  qsizetype(1), 20000);
        const Evaluation decided = *ana.evaluation(anaEval.value());
        QCOMPARE(decided.state, Evaluation::State::Decided);
        QCOMPARE(decided.decision, QStringLiteral("rescored"));
        QCOMPARE(decided.finalScore, 87.5);
        QCOMPARE(decided.decisionNote, QStringLiteral("Two addresses, fair"));
        QCOMPARE(decided.coachingNotes, QStringList{QStringLiteral("Read the address back")});
        QCOMPARE(reviewsNotAbout(*m_ana, QStringLiteral("ana")), 0);
        QVERIFY(!ben.evaluation(anaEval.value()));

        // A decision forged on Ben's workstation, past its own check: the server refuses it.
        const Event forged =
            Event::make(QStringLiteral("review"), benEval.value(), QStringLiteral("review.decided"),
                        {{QStringLiteral("agent"), QStringLiteral("ben")},
                         {QStringLiteral("decision"), QStringLiteral("rescored")},
                         {QStringLiteral("score"), 100},
                         {QStringLiteral("note"), QStringLiteral("I decide")}},
                        QStringLiteral("ben"), m_ben->device(), QDateTime::currentDateTimeUtc());
        m_ben->events().setRole(std::nullopt);
        QVERIFY(m_ben->events().append(forged).ok()); // queued locally, unchecked
        m_ben->events().setRole(AgentRole::CallTaker);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ben->sync().deliveryOf(QStringLiteral("review"), benEval.value()).state ==
                DeliveryState::Rejected,
            20000);
        QCOMPARE(sam.evaluation(benEval.value())->state, Evaluation::State::Acknowledged);
    }
};

QTEST_GUILESS_MAIN(TestReviewEndToEnd)
#include "tst_reviewend2end.moc"
