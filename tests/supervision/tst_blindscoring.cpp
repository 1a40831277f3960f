// Independent scoring through the real civicdesk-server (SQLite, and PostgreSQL in the _postgres
// run): two supervisors score the same contact. Until Sue has submitted her own evaluation, the
// central store gives her nothing of Sam's (neither her pull, nor the review endpoint with her
// token, nor her replica's QualityReviews); her own submission brings Sam's evaluation with it,
// and both then see both, with their agreement. A contact only Sam scored stays hidden from Sue;
// the agent still receives every evaluation about her.

#include "models/domain/supervision/evaluationform.h"
#include "models/quality/qualityreviews.h"
#include "models/quality/revieweragreement.h"
#include "tests/support/reviewforms.h"
#include "tests/support/serverdesks.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace civicdesk;
using namespace civicdesk::test;

namespace {

EvaluationForm blindForm()
{
    return twoQuestionForm(QStringLiteral("blind-call"), QStringLiteral("Blind call form"));
}

ReviewAnswers answers(double greeting, double courtesy)
{
    ReviewAnswers a;
    a.insert(QStringLiteral("greeting"), ReviewAnswer{greeting, {}});
    a.insert(QStringLiteral("courtesy"), ReviewAnswer{courtesy, {}});
    return a;
}

// The evaluations a replica's log holds that `reviewer` submitted.
qint64 evaluationsBy(SyncWorkstation &ws, const QString &reviewer)
{
    QSqlQuery q(QSqlDatabase::database(ws.db().connectionName()));
    q.prepare(QStringLiteral("SELECT count(*) FROM events WHERE kind = "
                             "'review.evaluation_submitted' AND actor = ?"));
    q.addBindValue(reviewer);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

// The evaluations by `reviewer` among the review events `events` (JSON events of the server).
int submittedBy(const QJsonArray &events, const QString &reviewer)
{
    int n = 0;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        if (e.value(u"kind").toString() == u"review.evaluation_submitted" &&
            e.value(u"actor").toString() == reviewer)
            ++n;
    }
    return n;
}

} // namespace

class TestBlindScoring : public QObject
{
    Q_OBJECT

    ServerDesks m_desks{QStringLiteral(CIVICDESK_SERVER)};
    SyncWorkstation *m_sam = nullptr;
    SyncWorkstation *m_sue = nullptr;
    SyncWorkstation *m_ana = nullptr;

    // What the server gives `token`: its pull from the start and its review endpoint.
    QJsonArray pulled(const QString &token)
    {
        QJsonArray events;
        for (const QJsonObject &e : m_desks.server().allEvents(token))
            events.append(e);
        return events;
    }
    QJsonArray reviewEndpoint(const QString &token)
    {
        const auto reply = m_desks.server().get(QStringLiteral("/api/v1/reviews"), token);
        if (reply.status != 200)
            return {};
        return reply.json().object().value(u"reviews").toArray();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_desks.setUp({{QStringLiteral("sam"), QStringLiteral("supervisor")},
                                {QStringLiteral("sue"), QStringLiteral("supervisor")},
                                {QStringLiteral("ana"), QStringLiteral("call_taker")}},
                               ServerFixture::City::None, {QStringLiteral("sue")}),
                 qPrintable(m_desks.error()));
        m_sam =
            m_desks.signIn(QStringLiteral("SAMM2"), QStringLiteral("sam"), AgentRole::Supervisor);
        m_sue =
            m_desks.signIn(QStringLiteral("SUEE3"), QStringLiteral("sue"), AgentRole::Supervisor);
        m_ana =
            m_desks.signIn(QStringLiteral("ANAA4"), QStringLiteral("ana"), AgentRole::CallTaker);
        QVERIFY(m_sam && m_sue && m_ana);
    }

    void cleanupTestCase() { m_desks.stop(); }

    void othersScoresStayHiddenUntilTheReviewerScored()
    {
        QualityReviews sam(m_sam->db(), m_sam->events(), QStringLiteral("sam"));
        QualityReviews sue(m_sue->db(), m_sue->events(), QStringLiteral("sue"));
        QualityReviews ana(m_ana->db(), m_ana->events(), QStringLiteral("ana"));
        const QString sueToken = m_desks.fixture().token(QStringLiteral("sue"));
        QVERIFY(!sueToken.isEmpty());

        QVERIFY(sam.publishForm(blindForm()).ok());
        const EvaluationForm form = *sam.latestForm(blindForm().id);
        auto samShared = sam.submit(QStringLiteral("contact-1"), QStringLiteral("ana"), form,
                                    answers(1, 5), QStringLiteral("Good"));
        QVERIFY2(samShared.ok(), samShared.ok() ? "" : qPrintable(samShared.error().message));
        auto samOnly = sam.submit(QStringLiteral("contact-2"), QStringLiteral("ana"), form,
                                  answers(0, 3), QStringLiteral("Missed the greeting"));
        QVERIFY(samOnly.ok());

        // The agent receives both evaluations about her; Sue receives the form (sync reached
        // past Sam's evaluations) but nothing of them, by any way.
        QTRY_COMPARE_WITH_TIMEOUT(ana.evaluations().size(), qsizetype(2), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(sue.latestForm(form.id).has_value(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_sue->sync().cursor(), m_desks.server().lastSeq(sueToken),
                                  20000);
        QCOMPARE(evaluationsBy(*m_sue, QStringLiteral("sam")), 0);
        QVERIFY(sue.evaluations().isEmpty());
        QCOMPARE(submittedBy(pulled(sueToken), QStringLiteral("sam")), 0);
        QCOMPARE(submittedBy(reviewEndpoint(sueToken), QStringLiteral("sam")), 0);
        auto early = m_desks.server().get(QStringLiteral("/api/v1/reviews?agent=ana"), sueToken);
        QCOMPARE(early.status, 200);
        QCOMPARE(
            submittedBy(early.json().object().value(u"reviews").toArray(), QStringLiteral("sam")),
            0);

        // Sue scores contact 1 herself: Sam's evaluation of it comes with her own by sync.
        auto sueShared = sue.submit(QStringLiteral("contact-1"), QStringLiteral("ana"), form,
                                    answers(1, 3), QStringLiteral("Fine"));
        QVERIFY2(sueShared.ok(), sueShared.ok() ? "" : qPrintable(sueShared.error().message));
        QTRY_COMPARE_WITH_TIMEOUT(evaluationsBy(*m_sue, QStringLiteral("sam")), qint64(1), 20000);
        QCOMPARE(sue.evaluations().size(), qsizetype(2));
        QVERIFY(sue.evaluation(samShared.value()).has_value());
        QCOMPARE(sue.evaluation(samShared.value())->score, 100.0);
        QVERIFY(!sue.evaluation(samOnly.value()).has_value()); // contact 2: Sue never scored it
        QCOMPARE(submittedBy(pulled(sueToken), QStringLiteral("sam")), 1);
        QCOMPARE(submittedBy(reviewEndpoint(sueToken), QStringLiteral("sam")), 1);

        // Sam, who scored contact 1 first, receives Sue's; both see the same agreement.
        QTRY_COMPARE_WITH_TIMEOUT(evaluationsBy(*m_sam, QStringLiteral("sue")), qint64(1), 20000);
        const auto samView = revieweragreement::agreement(sam.evaluations(), form.id);
        const auto sueView = revieweragreement::agreement(sue.evaluations(), form.id);
        QCOMPARE(samView.contacts, 1);
        QCOMPARE(sueView.contacts, 1);
        QCOMPARE(samView.scorePercentWithin5, sueView.scorePercentWithin5);
        QTRY_COMPARE_WITH_TIMEOUT(ana.evaluations().size(), qsizetype(3), 20000);
    }
};

QTEST_GUILESS_MAIN(TestBlindScoring)
#include "tst_blindscoring.moc"
