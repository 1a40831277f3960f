// The evaluations CSV (one row per evaluation) written from real review events and parsed back
// with the city pack's CSV reader: the period in the city's days (an evaluation at 23:30 local
// on the last day is in, one at 00:00 the next day out), times with their offset, the score after
// a decided dispute, the answers, RFC 4180 quoting of comments, an agent's export limited to
// their own evaluations, the team filter, and a bad period refused with nothing written.

#include "models/quality/qualityreviews.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/supervision/agentteams.h"
#include "models/supervision/reports/evaluationexport.h"
#include "tests/support/parsedcsv.h"
#include "tests/support/teststore.h"

#include <QBuffer>
#include <QTest>

using namespace civicdesk;

namespace {

const QTimeZone Boston("America/New_York");

QDateTime utc(int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, minute), Qt::UTC);
}

FormQuestion yesNo(const QString &id, const QString &text)
{
    FormQuestion q;
    q.id = id;
    q.text = text;
    return q;
}

// Two equal yes/no questions, the second N/A-able: greet + readback.
EvaluationForm form()
{
    EvaluationForm f;
    f.id = QStringLiteral("call-qa");
    f.title = QStringLiteral("311 call quality");
    FormQuestion readback = yesNo(QStringLiteral("readback"), QStringLiteral("Number read back"));
    readback.allowNotApplicable = true;
    f.sections = {
        FormSection{QStringLiteral("call"),
                    QStringLiteral("Call"),
                    1,
                    {yesNo(QStringLiteral("greet"), QStringLiteral("Greeted")), readback}}};
    return f;
}

ReviewAnswers answers(int greet, std::optional<int> readback)
{
    return {{QStringLiteral("greet"), ReviewAnswer{greet, QString()}},
            {QStringLiteral("readback"), ReviewAnswer{readback, QString()}}};
}

KpiFilter november()
{
    KpiFilter f;
    f.period = KpiPeriod::days(QDate(2026, 11, 1), QDate(2026, 11, 30), Boston);
    return f;
}

} // namespace

class TestEvaluationExport : public QObject
{
    Q_OBJECT

    test::TempStore m_store;
    std::unique_ptr<EventStore> m_supervisor;
    QList<Evaluation> m_evaluations;
    QString m_disputed;

    QString submit(const QString &reviewer, const QString &contact, const QString &agent,
                   const QDateTime &at, const ReviewAnswers &a, const QString &comment = {})
    {
        QualityReviews reviews(m_store.db(), *m_supervisor, reviewer, Clock::fixed(at));
        const auto published = reviews.latestForm(QStringLiteral("call-qa"));
        auto id = reviews.submit(contact, agent, *published, a, comment);
        if (!id.ok())
            qWarning("submit: %s", qPrintable(id.error().message));
        return id.ok() ? id.value() : QString();
    }

    QByteArray write(const KpiFilter &filter, AgentRole role, const QString &agent, int *rows)
    {
        QByteArray bytes;
        QBuffer out(&bytes);
        out.open(QIODevice::WriteOnly);
        const auto written =
            EvaluationExport::write(out, m_evaluations, filter, role, agent,
                                    AgentTeams::memberships(m_store.db().connectionName()));
        *rows = written.ok() ? written.value() : -1;
        return bytes;
    }

private slots:
    void initTestCase()
    {
        m_supervisor = std::make_unique<EventStore>(m_store.db());
        m_supervisor->setRole(AgentRole::Supervisor);
        QualityReviews sam(m_store.db(), *m_supervisor, QStringLiteral("sam"),
                           Clock::fixed(utc(10, 1, 12)));
        QVERIFY(sam.publishForm(form()).ok());
        QVERIFY(AgentTeams(m_store.db(), *m_supervisor, QStringLiteral("sam"))
                    .assign(QStringLiteral("ana"), QStringLiteral("North"))
                    .ok());
        // 31 October 23:30 in Boston (03:30 UTC on 1 November): October, out.
        QVERIFY(!submit(QStringLiteral("sam"), QStringLiteral("c0"), QStringLiteral("ana"),
                        utc(11, 1, 3, 30), answers(1, 1))
                     .isEmpty());
        // 2 November: ana, by two reviewers; the comment needs quoting.
        QVERIFY(!submit(QStringLiteral("sam"), QStringLiteral("c1"), QStringLiteral("ana"),
                        utc(11, 2, 15), answers(1, std::nullopt),
                        QStringLiteral("Good, \"warm\" greeting\nno request"))
                     .isEmpty());
        m_disputed = submit(QStringLiteral("bea"), QStringLiteral("c1"), QStringLiteral("ana"),
                            utc(11, 2, 16), answers(0, std::nullopt));
        QVERIFY(!m_disputed.isEmpty());
        // 30 November 23:30 in Boston (04:30 UTC on 1 December): bob, in.
        QVERIFY(!submit(QStringLiteral("sam"), QStringLiteral("c2"), QStringLiteral("bob"),
                        utc(12, 1, 4, 30), answers(1, 0))
                     .isEmpty());
        // 1 December 00:00 in Boston: out.
        QVERIFY(!submit(QStringLiteral("sam"), QStringLiteral("c3"), QStringLiteral("bob"),
                        utc(12, 1, 5), answers(1, 1))
                     .isEmpty());
        // Ana disputes bea's 0; a supervisor rescores it to 50.
        EventStore agentEvents(m_store.db());
        agentEvents.setRole(AgentRole::CallTaker);
        QualityReviews ana(m_store.db(), agentEvents, QStringLiteral("ana"),
                           Clock::fixed(utc(11, 3, 15)));
        QVERIFY(ana.dispute(m_disputed, QStringLiteral("I did greet")).ok());
        QualityReviews cy(m_store.db(), *m_supervisor, QStringLiteral("cy"),
                          Clock::fixed(utc(11, 4, 15)));
        QVERIFY(cy.decide(m_disputed, false, 50, QStringLiteral("Greeting was late")).ok());
        m_evaluations = sam.evaluations();
        QCOMPARE(m_evaluations.size(), 5);
    }

    void oneRowPerEvaluationOfTheCityMonth()
    {
        int rows = 0;
        const test::ParsedCsv p =
            test::parseCsv(write(november(), AgentRole::Supervisor, QStringLiteral("sam"), &rows));
        QCOMPARE(rows, 3);
        QCOMPARE(p.header, EvaluationExport::columns());
        QCOMPARE(p.rows.size(), 3);
        // Oldest first; local times with their offset.
        QCOMPARE(p.column(0, QStringLiteral("contact_id")), QStringLiteral("c1"));
        QCOMPARE(p.column(0, QStringLiteral("reviewer")), QStringLiteral("sam"));
        QCOMPARE(p.column(0, QStringLiteral("submitted_at")),
                 QStringLiteral("2026-11-02T10:00:00-05:00"));
        QCOMPARE(p.column(0, QStringLiteral("team")), QStringLiteral("North"));
        QCOMPARE(p.column(0, QStringLiteral("form_id")), QStringLiteral("call-qa"));
        QCOMPARE(p.column(0, QStringLiteral("form_version")), QStringLiteral("1"));
        QCOMPARE(p.column(0, QStringLiteral("score")),
                 QStringLiteral("100.0")); // readback N/A: out
        QCOMPARE(p.column(0, QStringLiteral("answers")), QStringLiteral("greet=1;readback=na"));
        QCOMPARE(p.column(0, QStringLiteral("comment")),
                 QStringLiteral("Good, \"warm\" greeting\nno request"));
        QCOMPARE(p.column(0, QStringLiteral("state")), QStringLiteral("submitted"));
        QCOMPARE(p.column(0, QStringLiteral("response_due")),
                 QStringLiteral("2026-11-16T10:00:00-05:00"));
        // The disputed one, rescored.
        QCOMPARE(p.column(1, QStringLiteral("evaluation_id")), m_disputed);
        QCOMPARE(p.column(1, QStringLiteral("score")), QStringLiteral("0.0"));
        QCOMPARE(p.column(1, QStringLiteral("final_score")), QStringLiteral("50.0"));
        QCOMPARE(p.column(1, QStringLiteral("state")), QStringLiteral("decided"));
        QCOMPARE(p.column(1, QStringLiteral("response")), QStringLiteral("I did greet"));
        QCOMPARE(p.column(1, QStringLiteral("decision_note")), QStringLiteral("Greeting was late"));
        // 23:30 on the last day, Boston time: in; no team.
        QCOMPARE(p.column(2, QStringLiteral("agent")), QStringLiteral("bob"));
        QCOMPARE(p.column(2, QStringLiteral("submitted_at")),
                 QStringLiteral("2026-11-30T23:30:00-05:00"));
        QCOMPARE(p.column(2, QStringLiteral("team")), QString());
        QCOMPARE(p.column(2, QStringLiteral("score")), QStringLiteral("50.0"));
    }

    void anAgentExportsTheirOwnOnlyAndTeamsFilter()
    {
        int rows = 0;
        test::ParsedCsv p =
            test::parseCsv(write(november(), AgentRole::CallTaker, QStringLiteral("bob"), &rows));
        QCOMPARE(rows, 1);
        QCOMPARE(p.column(0, QStringLiteral("agent")), QStringLiteral("bob"));
        // An agent asking for another agent's still gets their own.
        KpiFilter other = november();
        other.agent = QStringLiteral("ana");
        p = test::parseCsv(write(other, AgentRole::CallTaker, QStringLiteral("bob"), &rows));
        QCOMPARE(rows, 1);
        QCOMPARE(p.column(0, QStringLiteral("agent")), QStringLiteral("bob"));
        // A supervisor's agent and team filters.
        p = test::parseCsv(write(other, AgentRole::Supervisor, QStringLiteral("sam"), &rows));
        QCOMPARE(rows, 2);
        KpiFilter north = november();
        north.team = QStringLiteral("North");
        p = test::parseCsv(write(north, AgentRole::Supervisor, QStringLiteral("sam"), &rows));
        QCOMPARE(rows, 2);
        QCOMPARE(p.column(1, QStringLiteral("agent")), QStringLiteral("ana"));
    }

    void aBadPeriodWritesNothing()
    {
        KpiFilter bad = november();
        bad.period.first = QDate(2026, 12, 5);
        int rows = 0;
        const QByteArray bytes = write(bad, AgentRole::Supervisor, QStringLiteral("sam"), &rows);
        QCOMPARE(rows, -1);
        QVERIFY(bytes.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEvaluationExport)
#include "tst_evaluationexport.moc"
