// Quality review: the evaluation form's rules (weighted sections, N/A out of the denominator,
// critical items, required comments, conditional questions) against hand-computed scores; a bad
// form or evaluation refused with a clear message and nothing written; the review's life as
// events on the workstation's store - published in versions, submitted by several reviewers
// independently, acknowledged or disputed by the agent alone within the window, decided once,
// a coaching note - with the permission table deciding who may.

#include "models/domain/permissions/eventpermission.h"
#include "models/quality/qualityreviews.h"
#include "models/quality/revieweragreement.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "tests/support/teststore.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace civicdesk;

namespace {

FormQuestion yesNo(const QString &id, const QString &text)
{
    FormQuestion q;
    q.id = id;
    q.text = text;
    return q;
}

// A 311 call form:
//   greeting (weight 1): greet (yes/no), courtesy (scale 1-5, comment below 3)
//   intake   (weight 2): type_right, request_taken, readback (critical; asked only when a
//                        request was taken), kb_used (N/A allowed)
//   safety   (weight 1): emergency_diverted (critical, N/A allowed)
// An overall comment is required below 50.
EvaluationForm callForm()
{
    EvaluationForm form;
    form.id = QStringLiteral("call-qa");
    form.version = 1;
    form.title = QStringLiteral("311 call quality");
    form.commentBelowScore = 50;
    FormQuestion courtesy = yesNo(QStringLiteral("courtesy"), QStringLiteral("Courtesy"));
    courtesy.kind = FormQuestion::Kind::Scale;
    courtesy.scaleMax = 5;
    courtesy.commentBelow = 3;
    FormQuestion readback =
        yesNo(QStringLiteral("readback"), QStringLiteral("Request number read back"));
    readback.critical = true;
    readback.showIf = QStringLiteral("request_taken");
    readback.showIfValue = 1;
    FormQuestion kb = yesNo(QStringLiteral("kb_used"), QStringLiteral("Knowledge base used"));
    kb.allowNotApplicable = true;
    FormQuestion emergency =
        yesNo(QStringLiteral("emergency_diverted"), QStringLiteral("Emergency diverted to 911"));
    emergency.critical = true;
    emergency.allowNotApplicable = true;
    form.sections = {
        FormSection{
            QStringLiteral("greeting"),
            QStringLiteral("Greeting"),
            1,
            {yesNo(QStringLiteral("greet"), QStringLiteral("Greeted by the script")), courtesy}},
        FormSection{QStringLiteral("intake"),
                    QStringLiteral("Intake"),
                    2,
                    {yesNo(QStringLiteral("type_right"), QStringLiteral("Right request type")),
                     yesNo(QStringLiteral("request_taken"), QStringLiteral("Request taken")),
                     readback, kb}},
        FormSection{QStringLiteral("safety"), QStringLiteral("Safety"), 1, {emergency}}};
    return form;
}

ReviewAnswers answers(std::initializer_list<std::pair<const char *, std::optional<int>>> values)
{
    ReviewAnswers a;
    for (const auto &[id, value] : values)
        a.insert(QString::fromLatin1(id), ReviewAnswer{value, QString()});
    return a;
}

// Everything right where it applies: greeting 1.75/2 = 87.5 %, intake 3/3 = 100 % (kb N/A),
// safety all N/A (out): (1 x 87.5 + 2 x 100) / 3 = 95.83.
ReviewAnswers goodCall()
{
    return answers({{"greet", 1},
                    {"courtesy", 4},
                    {"type_right", 1},
                    {"request_taken", 1},
                    {"readback", 1},
                    {"kb_used", std::nullopt},
                    {"emergency_diverted", std::nullopt}});
}

} // namespace

class TestQualityReviews : public QObject
{
    Q_OBJECT

    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 9), QTime(15, 0), Qt::UTC);

    qint64 reviewEventCount(Database &db)
    {
        QSqlQuery q(QSqlDatabase::database(db.connectionName()));
        return q.exec(QStringLiteral("SELECT count(*) FROM events WHERE entity_type = 'review'")) &&
                       q.next()
                   ? q.value(0).toLongLong()
                   : -1;
    }

private slots:
    void weightedSectionsAndNotApplicable()
    {
        const auto score = scoreEvaluation(callForm(), goodCall());
        QVERIFY2(score.ok(), score.ok() ? "" : qPrintable(score.error().message));
        QCOMPARE(score.value().sections.size(), 3);
        QCOMPARE(score.value().sections.at(0).percent(), 87.5);
        QCOMPARE(score.value().sections.at(1).percent(), 100.0);
        QCOMPARE(score.value().sections.at(1).possible, 3.0); // kb_used N/A: not counted
        QVERIFY(!score.value().sections.at(2).counted());
        QCOMPARE(qRound(score.value().percent * 1000), qRound(287.5 / 3.0 * 1000));
        QVERIFY(!score.value().failed());
    }

    void aConditionalQuestionNotAskedLeavesTheDenominator()
    {
        // No request taken: readback is not asked. greeting 0.25/2 = 12.5 %, intake 1/3,
        // safety 100 %: (12.5 + 2 x 33.33 + 100) / 4 = 44.79, below 50: a comment is needed.
        ReviewAnswers a = answers({{"greet", 0},
                                   {"courtesy", 2},
                                   {"type_right", 0},
                                   {"request_taken", 0},
                                   {"kb_used", 1},
                                   {"emergency_diverted", 1}});
        a[QStringLiteral("courtesy")].comment = QStringLiteral("Interrupted the caller twice");
        const auto noComment = scoreEvaluation(callForm(), a);
        QVERIFY(!noComment.ok());
        QVERIFY2(noComment.error().message.contains(u"overall comment"),
                 qPrintable(noComment.error().message));
        const auto score = scoreEvaluation(callForm(), a, QStringLiteral("Let us listen together"));
        QVERIFY2(score.ok(), score.ok() ? "" : qPrintable(score.error().message));
        QCOMPARE(qRound(score.value().percent * 1000),
                 qRound((12.5 + 2 * 100.0 / 3.0 + 100.0) / 4.0 * 1000));
        // Answering the question that is not asked is refused.
        a.insert(QStringLiteral("readback"), ReviewAnswer{1, QString()});
        const auto asked = scoreEvaluation(callForm(), a, QStringLiteral("x"));
        QVERIFY(!asked.ok());
        QVERIFY2(asked.error().message.contains(u"Request number read back"),
                 qPrintable(asked.error().message));
    }

    void aCriticalItemFailsTheWholeEvaluation()
    {
        ReviewAnswers a = goodCall();
        a[QStringLiteral("readback")].value = 0;
        const auto score = scoreEvaluation(callForm(), a, QStringLiteral("No number read back"));
        QVERIFY(score.ok());
        QVERIFY(score.value().failed());
        QCOMPARE(score.value().criticalFailed, QStringList{QStringLiteral("readback")});
        QCOMPARE(score.value().percent, 0.0);
        // Before the critical rule: greeting 87.5, intake 2/3.
        QCOMPARE(qRound(score.value().weightedPercent * 1000),
                 qRound((87.5 + 2 * 200.0 / 3.0) / 3.0 * 1000));
    }

    void badEvaluationsAreRefusedWithAClearMessage_data()
    {
        QTest::addColumn<QString>("question");
        QTest::addColumn<QVariant>("value"); // invalid QVariant: N/A; "drop": unanswered
        QTest::addColumn<QString>("says");
        QTest::newRow("unanswered")
            << QStringLiteral("type_right") << QVariant(QStringLiteral("drop"))
            << QStringLiteral("Answer \"Right request type\"");
        QTest::newRow("N/A not allowed")
            << QStringLiteral("greet") << QVariant() << QStringLiteral("cannot be N/A");
        QTest::newRow("scale out of range")
            << QStringLiteral("courtesy") << QVariant(6) << QStringLiteral("from 1 to 5");
        QTest::newRow("yes/no out of range")
            << QStringLiteral("greet") << QVariant(2) << QStringLiteral("yes or no");
        QTest::newRow("comment required below 3")
            << QStringLiteral("courtesy") << QVariant(2) << QStringLiteral("needs a comment");
        QTest::newRow("no such question")
            << QStringLiteral("hold_music") << QVariant(1) << QStringLiteral("has no question");
    }

    void badEvaluationsAreRefusedWithAClearMessage()
    {
        QFETCH(QString, question);
        QFETCH(QVariant, value);
        QFETCH(QString, says);
        ReviewAnswers a = goodCall();
        if (value.toString() == u"drop")
            a.remove(question);
        else
            a.insert(question, ReviewAnswer{value.isValid() ? std::optional<int>(value.toInt())
                                                            : std::nullopt,
                                            QString()});
        const auto score = scoreEvaluation(callForm(), a);
        QVERIFY(!score.ok());
        QVERIFY2(score.error().message.contains(says), qPrintable(score.error().message));
    }

    void badFormsAreRefused_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<QString>("says");
        QTest::newRow("weight 0") << 0 << QStringLiteral("weight must be above 0");
        QTest::newRow("critical scale") << 1 << QStringLiteral("only a yes/no question");
        QTest::newRow("condition on a later question") << 2 << QStringLiteral("not an earlier");
        QTest::newRow("question id twice") << 3 << QStringLiteral("used twice");
        QTest::newRow("scale of one") << 4 << QStringLiteral("a scale runs");
        QTest::newRow("no sections") << 5 << QStringLiteral("at least one section");
        QTest::newRow("condition value impossible") << 6 << QStringLiteral("cannot have");
    }

    void badFormsAreRefused()
    {
        QFETCH(int, fault);
        QFETCH(QString, says);
        EvaluationForm form = callForm();
        QVERIFY(form.validate().ok());
        switch (fault) {
        case 0:
            form.sections[1].weight = 0;
            break;
        case 1:
            form.sections[0].questions[1].critical = true;
            break;
        case 2:
            form.sections[0].questions[0].showIf = QStringLiteral("request_taken");
            break;
        case 3:
            form.sections[2].questions[0].id = QStringLiteral("greet");
            break;
        case 4:
            form.sections[0].questions[1].scaleMax = 1;
            break;
        case 5:
            form.sections.clear();
            break;
        default:
            form.sections[1].questions[2].showIfValue = 3;
            break;
        }
        const Status v = form.validate();
        QVERIFY(!v.ok());
        QVERIFY2(v.error().message.contains(says), qPrintable(v.error().message));
        // The same rule when the form arrives as JSON (an event).
        QVERIFY(!EvaluationForm::fromJson(form.toJson()).ok());
    }

    void aFormRoundTripsThroughJson()
    {
        const auto back = EvaluationForm::fromJson(callForm().toJson());
        QVERIFY(back.ok());
        QCOMPARE(back.value().toJson(), callForm().toJson());
        QJsonObject odd = callForm().toJson();
        QJsonArray sections = odd.value(u"sections").toArray();
        QJsonObject first = sections.at(0).toObject();
        QJsonArray questions = first.value(u"questions").toArray();
        QJsonObject q = questions.at(0).toObject();
        q.insert(QStringLiteral("kind"), QStringLiteral("free_text"));
        questions.replace(0, q);
        first.insert(QStringLiteral("questions"), questions);
        sections.replace(0, first);
        odd.insert(QStringLiteral("sections"), sections);
        const auto refused = EvaluationForm::fromJson(odd);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(u"free_text"));
    }

    void formsArePublishedInVersions()
    {
        test::TempStore store;
        EventStore events(store.db());
        events.setRole(AgentRole::Supervisor);
        QualityReviews sam(store.db(), events, QStringLiteral("sam"), Clock::fixed(m_t0));
        auto v1 = sam.publishForm(callForm());
        QVERIFY2(v1.ok(), v1.ok() ? "" : qPrintable(v1.error().message));
        QCOMPARE(v1.value(), 1);
        EvaluationForm changed = callForm();
        changed.sections[1].weight = 3;
        QCOMPARE(sam.publishForm(changed).value(), 2);
        // The same form again is no new version.
        const auto again = sam.publishForm(changed);
        QVERIFY(!again.ok());
        QVERIFY2(again.error().message.contains(u"version 2"), qPrintable(again.error().message));
        QCOMPARE(sam.latestForm(QStringLiteral("call-qa"))->version, 2);
        QCOMPARE(sam.latestForm(QStringLiteral("call-qa"))->sections.at(1).weight, 3.0);
        QCOMPARE(sam.form(QStringLiteral("call-qa"), 1)->sections.at(1).weight, 2.0);
        QCOMPARE(sam.latestForms().size(), 1);
        // A bad form is refused and nothing is written.
        const qint64 before = reviewEventCount(store.db());
        EvaluationForm bad = callForm();
        bad.sections[0].weight = -1;
        QVERIFY(!sam.publishForm(bad).ok());
        QCOMPARE(reviewEventCount(store.db()), before);
        // An agent may not publish forms.
        EventStore agentEvents(store.db());
        agentEvents.setRole(AgentRole::CallTaker);
        QualityReviews ana(store.db(), agentEvents, QStringLiteral("ana"), Clock::fixed(m_t0));
        const auto refused = ana.publishForm(callForm());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("forbidden"));
    }

    void aReviewFromSubmissionToDecision()
    {
        test::TempStore store;
        EventStore supEvents(store.db());
        supEvents.setRole(AgentRole::Supervisor);
        QualityReviews sam(store.db(), supEvents, QStringLiteral("sam"), Clock::fixed(m_t0));
        QualityReviews bea(store.db(), supEvents, QStringLiteral("bea"), Clock::fixed(m_t0));
        QVERIFY(sam.publishForm(callForm()).ok());
        const EvaluationForm form = *sam.latestForm(QStringLiteral("call-qa"));

        auto first = sam.submit(QStringLiteral("contact-1"), QStringLiteral("ana"), form,
                                goodCall(), QString(), QStringLiteral("2026-11 centre"));
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
        auto e = sam.evaluation(first.value());
        QVERIFY(e);
        QCOMPARE(e->score, 95.8); // rounded to a tenth
        QCOMPARE(e->reviewer, QStringLiteral("sam"));
        QCOMPARE(e->agent, QStringLiteral("ana"));
        QCOMPARE(e->sample, QStringLiteral("2026-11 centre"));
        QCOMPARE(e->state, Evaluation::State::Submitted);
        QCOMPARE(e->responseDue(), m_t0.addDays(14));
        // Each reviewer scores a contact once; another reviewer scores it independently.
        QVERIFY(
            !sam.submit(QStringLiteral("contact-1"), QStringLiteral("ana"), form, goodCall()).ok());
        QVERIFY(
            bea.submit(QStringLiteral("contact-1"), QStringLiteral("ana"), form, goodCall()).ok());
        // Nobody scores their own contact; a form never published is refused.
        QVERIFY(
            !sam.submit(QStringLiteral("contact-9"), QStringLiteral("sam"), form, goodCall()).ok());
        EvaluationForm unpublished = form;
        unpublished.version = 7;
        QVERIFY(
            !sam.submit(QStringLiteral("contact-2"), QStringLiteral("ana"), unpublished, goodCall())
                 .ok());

        // The agent: may not submit; may not answer someone else's evaluation.
        EventStore agentEvents(store.db());
        agentEvents.setRole(AgentRole::CallTaker);
        QualityReviews ana(store.db(), agentEvents, QStringLiteral("ana"),
                           Clock::fixed(m_t0.addDays(3)));
        QualityReviews bob(store.db(), agentEvents, QStringLiteral("bob"),
                           Clock::fixed(m_t0.addDays(3)));
        const auto agentSubmits =
            ana.submit(QStringLiteral("contact-3"), QStringLiteral("bob"), form, goodCall());
        QVERIFY(!agentSubmits.ok());
        QCOMPARE(agentSubmits.error().code, QStringLiteral("forbidden"));
        const Status notHers = bob.acknowledge(first.value());
        QVERIFY(!notHers.ok());
        QCOMPARE(notHers.error().code, QStringLiteral("forbidden"));
        QVERIFY2(notHers.error().message.contains(u"ana"), qPrintable(notHers.error().message));
        QCOMPARE(ana.evaluations(QStringLiteral("ana")).size(), 2);
        QVERIFY(ana.evaluations(QStringLiteral("bob")).isEmpty());

        // She acknowledges the one, once.
        QVERIFY(ana.acknowledge(first.value(), QStringLiteral("Thanks")).ok());
        QCOMPARE(ana.evaluation(first.value())->state, Evaluation::State::Acknowledged);
        QVERIFY(!ana.dispute(first.value(), QStringLiteral("changed my mind")).ok());
        // A supervisor cannot decide what was not disputed.
        QVERIFY(!sam.decide(first.value(), true, 0, QStringLiteral("ok")).ok());

        // The second: too late after 14 days; in time, disputed with a reason, then decided.
        const QString second = bea.evaluations(QStringLiteral("ana")).first().id;
        QCOMPARE(bea.evaluation(second)->reviewer, QStringLiteral("bea"));
        QualityReviews anaLate(store.db(), agentEvents, QStringLiteral("ana"),
                               Clock::fixed(m_t0.addDays(15)));
        const Status late = anaLate.dispute(second, QStringLiteral("I read it back"));
        QVERIFY(!late.ok());
        QVERIFY2(late.error().message.contains(u"14 days"), qPrintable(late.error().message));
        QVERIFY(!ana.dispute(second, QStringLiteral("  ")).ok()); // a reason is required
        QVERIFY(
            ana.dispute(second, QStringLiteral("The caller hung up before the read-back")).ok());
        QCOMPARE(ana.evaluation(second)->state, Evaluation::State::Disputed);
        QVERIFY(!ana.decide(second, false, 100, QStringLiteral("mine")).ok()); // not hers
        QVERIFY(!sam.decide(second, false, 90, QString()).ok());               // a reason
        QVERIFY(sam.decide(second, false, 90, QStringLiteral("Heard the recording: fair")).ok());
        e = sam.evaluation(second);
        QCOMPARE(e->state, Evaluation::State::Decided);
        QCOMPARE(e->decision, QStringLiteral("rescored"));
        QCOMPARE(e->score, 95.8);
        QCOMPARE(e->finalScore, 90.0);
        QVERIFY(!sam.decide(second, true, 0, QStringLiteral("again")).ok()); // decided once

        // Coaching notes: supervisors write them, linked to the evaluation.
        QVERIFY(sam.noteCoaching(second, QStringLiteral("Practise the read-back script")).ok());
        QVERIFY(!ana.noteCoaching(second, QStringLiteral("self-coaching")).ok());
        QCOMPARE(sam.evaluation(second)->coachingNotes,
                 QStringList{QStringLiteral("Practise the read-back script")});
    }

    // The store refuses an evaluation whose score does not follow from its form and answers,
    // however it was made, and writes nothing.
    void othersEvaluationsStayHiddenUntilTheReviewerScored()
    {
        // Independent scoring on one store: Bea sees nothing of Sam's evaluation of a contact
        // (no score, no agreement) until she has submitted her own; the agent sees every
        // evaluation about her; a disputed evaluation is open to every supervisor to decide.
        test::TempStore store;
        EventStore supEvents(store.db());
        supEvents.setRole(AgentRole::Supervisor);
        QualityReviews sam(store.db(), supEvents, QStringLiteral("sam"), Clock::fixed(m_t0));
        QualityReviews bea(store.db(), supEvents, QStringLiteral("bea"), Clock::fixed(m_t0));
        EventStore agentEvents(store.db());
        agentEvents.setRole(AgentRole::CallTaker);
        QualityReviews ana(store.db(), agentEvents, QStringLiteral("ana"), Clock::fixed(m_t0));
        QVERIFY(sam.publishForm(callForm()).ok());
        const EvaluationForm form = *sam.latestForm(QStringLiteral("call-qa"));
        auto shared =
            sam.submit(QStringLiteral("contact-1"), QStringLiteral("ana"), form, goodCall());
        QVERIFY(shared.ok());
        auto samOnly =
            sam.submit(QStringLiteral("contact-2"), QStringLiteral("ana"), form, goodCall());
        QVERIFY(samOnly.ok());
        QVERIFY(bea.evaluations().isEmpty());
        QVERIFY(!bea.evaluation(shared.value()));
        QCOMPARE(revieweragreement::agreement(bea.evaluations(), form.id).contacts, 0);
        QCOMPARE(ana.evaluations(QStringLiteral("ana")).size(), qsizetype(2));

        QVERIFY(
            bea.submit(QStringLiteral("contact-1"), QStringLiteral("ana"), form, goodCall()).ok());
        QCOMPARE(bea.evaluations().size(), qsizetype(2));
        QCOMPARE(bea.evaluation(shared.value())->reviewer, QStringLiteral("sam"));
        QCOMPARE(revieweragreement::agreement(bea.evaluations(), form.id).contacts, 1);
        QVERIFY(!bea.evaluation(samOnly.value())); // contact 2: Bea never scored it

        // Once the agent disputes contact 2's evaluation, a supervisor must decide it.
        QVERIFY(ana.dispute(samOnly.value(), QStringLiteral("The caller hung up")).ok());
        QVERIFY(bea.evaluation(samOnly.value()));
        QVERIFY(bea.decide(samOnly.value(), true, 0, QStringLiteral("It stands")).ok());
    }

    void theStoreRecomputesTheScore()
    {
        test::TempStore store;
        EventStore events(store.db());
        events.setRole(AgentRole::Supervisor);
        const qint64 before = reviewEventCount(store.db());
        QJsonObject payload{{QStringLiteral("agent"), QStringLiteral("ana")},
                            {QStringLiteral("contact_id"), QStringLiteral("contact-1")},
                            {QStringLiteral("form"), callForm().toJson()},
                            {QStringLiteral("answers"), reviewAnswersToJson(goodCall())},
                            {QStringLiteral("score"), 100},
                            {QStringLiteral("critical_failed"), false}};
        const auto make = [&] {
            return Event::make(QStringLiteral("review"), Event::newId(),
                               QStringLiteral("review.evaluation_submitted"), payload,
                               QStringLiteral("sam"), QStringLiteral("D1"), m_t0);
        };
        auto r = events.append(make());
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(u"95.8"), qPrintable(r.error().message));
        QCOMPARE(reviewEventCount(store.db()), before);
        payload.insert(QStringLiteral("score"), 95.8);
        QVERIFY(events.append(make()).ok());
        // A critical failure claimed away is refused too.
        ReviewAnswers failed = goodCall();
        failed[QStringLiteral("readback")].value = 0;
        payload.insert(QStringLiteral("answers"), reviewAnswersToJson(failed));
        payload.insert(QStringLiteral("comment"), QStringLiteral("No number read back"));
        payload.insert(QStringLiteral("score"), 0);
        QVERIFY(!events.append(make()).ok());
        payload.insert(QStringLiteral("critical_failed"), true);
        QVERIFY(events.append(make()).ok());
    }
};

QTEST_GUILESS_MAIN(TestQualityReviews)
#include "tst_qualityreviews.moc"
