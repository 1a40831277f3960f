// Quality review through the real widgets, by keyboard only (every key to
// QApplication::focusWidget()): a supervisor opens the workspace (Ctrl+Shift+W), the quality
// review tab (Alt+Q), publishes the standard form (Alt+P), opens the sampled contact (Enter),
// scores it question by question beside its recorded steps and submits (Ctrl+Return); the agent
// opens their own evaluations (Ctrl+Shift+Q) and acknowledges it with a note (Alt+K); the
// supervisor links a coaching note to it (Enter on the evaluation, Alt+C) and the agent reads it.
// An agent's dispute (Alt+D) rescored by the supervisor (Alt+R); the form editor (Alt+V) making
// version 2 with a conditional scale question, after refusing a critical scale question. Results
// are read through the capability API.

#include "models/quality/qualityreviews.h"
#include "models/store/eventstore.h"
#include "models/workstation/storecontext.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/intake/intakepanel.h"
#include "ui/supervisor/evaluationdialog.h"
#include "ui/supervisor/evaluationfollowupdialog.h"
#include "ui/supervisor/formeditordialog.h"
#include "ui/supervisor/myevaluationsdialog.h"
#include "ui/supervisor/reviewpanel.h"
#include "ui/supervisor/supervisorworkspace.h"

#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

namespace {

const QString SampledCall = QStringLiteral("qa-contact-1");

void append(Database &db, const QString &kind, const QJsonObject &payload, qint64 secondsAgo)
{
    EventStore events(db);
    auto r = events.append(Event::make(QStringLiteral("contact"), SampledCall, kind, payload,
                                       QStringLiteral("Ximena"), QStringLiteral("W1"),
                                       QDateTime::currentDateTimeUtc().addSecs(-secondsAgo)));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
}

// Every focusable control shown in `window` has a name a screen reader says.
void verifyAccessibleNames(QWidget *window)
{
    for (QWidget *w : window->findChildren<QWidget *>()) {
        if (!w->isVisible() || !(w->focusPolicy() & Qt::TabFocus) || w->focusProxy())
            continue;
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        QVERIFY2(
            iface && !iface->text(QAccessible::Name).trimmed().isEmpty(),
            qPrintable(QString::fromLatin1(w->metaObject()->className()) + u'#' + w->objectName()));
    }
}

} // namespace

class TestQualityReview : public test::DeskFixture
{
    Q_OBJECT

    std::unique_ptr<EventStore> m_events;

    // The supervisor's quality review tab by keyboard: the workspace (Ctrl+Shift+W), Alt+Q.
    ReviewPanel *openReviewTab(test::Desk &desk, test::Journey &j)
    {
        if (!j.press(Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier) ||
            !QTest::qWaitFor([&j] { return j.focusName() == u"kpiFiguresTree"; }) ||
            !j.press(Qt::Key_Q, Qt::AltModifier) ||
            !QTest::qWaitFor([&j] { return j.focusName() == u"sampleTable"; }))
            return nullptr;
        return desk.window->supervisorWorkspace()->reviewPanel();
    }

    // The first evaluation of the tab opened (Tab to the list, Enter): its follow-up dialog.
    EvaluationFollowUpDialog *openFollowUp(test::Desk &desk, test::Journey &j)
    {
        ReviewPanel *panel = openReviewTab(desk, j);
        if (!panel || !j.tabTo("evaluationsTable") || !j.press(Qt::Key_Return) ||
            !QTest::qWaitFor([panel, &j] {
                return panel->followUpDialog() && panel->followUpDialog()->isVisible() &&
                       j.focusName() == u"followUpNoteEdit";
            }))
            return nullptr;
        return panel->followUpDialog();
    }

    // The agent's own evaluations by keyboard (Ctrl+Shift+Q).
    MyEvaluationsDialog *openMyEvaluations(test::Desk &desk, test::Journey &j)
    {
        if (!j.press(Qt::Key_Q, Qt::ControlModifier | Qt::ShiftModifier) ||
            !QTest::qWaitFor([&j] { return j.focusName() == u"myEvaluationsTable"; }))
            return nullptr;
        return desk.window->myEvaluations();
    }

    // An evaluation of one of `agent`'s contacts on the latest standard form, through the API.
    QString submitFor(QualityReviews &reviews, const QString &agent)
    {
        const auto form = reviews.latestForm(ReviewPanel::standardForm().id);
        auto id = reviews.submit(QStringLiteral("qa-contact-9"), agent, *form, fullMarks(*form));
        return id ? id.value() : QString();
    }

    // Every question asked answered with its best value (the number read back).
    static ReviewAnswers fullMarks(const EvaluationForm &form)
    {
        ReviewAnswers answers;
        for (const FormQuestion &q : form.questions()) {
            if (q.showIf.isEmpty())
                answers.insert(q.id, ReviewAnswer{q.maxValue(), {}});
        }
        answers.insert(QStringLiteral("read_back"), ReviewAnswer{1, {}});
        return answers;
    }

private slots:
    void init()
    {
        QVERIFY(freshCity());
        m_events = std::make_unique<EventStore>(m_store->db());
    }

    void fromTheSampleToTheAgentsAcknowledgement()
    {
        // Ximena's call of a minute and a half: a short contact, with one recorded step.
        append(m_store->db(), QStringLiteral("contact.started"),
               {{QStringLiteral("channel"), QStringLiteral("phone")}}, 120);
        append(m_store->db(), QStringLiteral("contact.step_recorded"),
               {{QStringLiteral("step"), QStringLiteral("type_chosen")},
                {QStringLiteral("detail"),
                 QJsonObject{{QStringLiteral("service_code"), QStringLiteral("RODENTACT")}}}},
               100);
        append(m_store->db(), QStringLiteral("contact.ended"),
               {{QStringLiteral("outcome"), QStringLiteral("request_created")}}, 30);

        Desk sam = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        QVERIFY(sam.window);
        test::Journey j;
        QVERIFY(j.press(Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier));
        SupervisorWorkspace *workspace = sam.window->supervisorWorkspace();
        QVERIFY(workspace);
        QTRY_COMPARE(j.focusName(), QStringLiteral("kpiFiguresTree"));
        QVERIFY(j.press(Qt::Key_Q, Qt::AltModifier));
        QTRY_COMPARE(j.focusName(), QStringLiteral("sampleTable"));
        ReviewPanel *panel = workspace->reviewPanel();
        verifyAccessibleNames(workspace);

        // No form yet: publish the standard one; the focus comes back to the sample.
        QVERIFY(!panel->reviews().latestForm(ReviewPanel::standardForm().id));
        QVERIFY(j.press(Qt::Key_P, Qt::AltModifier));
        QTRY_VERIFY(panel->reviews().latestForm(ReviewPanel::standardForm().id));
        QTRY_COMPARE(j.focusName(), QStringLiteral("sampleTable"));

        // Down to Ximena's contact (the sample may hold the fixture city's contacts too).
        auto *table = qobject_cast<QTableWidget *>(QApplication::focusWidget());
        QVERIFY(table->rowCount() >= 1);
        for (int i = 0;
             i < table->rowCount() && table->item(table->currentRow(), 0)->text() != SampledCall;
             ++i)
            QVERIFY(j.press(Qt::Key_Down));
        QCOMPARE(table->item(table->currentRow(), 0)->text(), SampledCall);
        QCOMPARE(table->item(table->currentRow(), 4)->text(), QStringLiteral("short"));
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_VERIFY(panel->evaluationDialog() && panel->evaluationDialog()->isVisible());
        EvaluationDialog *dialog = panel->evaluationDialog();
        QTRY_COMPARE(j.focusName(), QStringLiteral("answer_greeting"));
        // The recorded steps beside the form.
        auto *steps = dialog->findChild<QListWidget *>(QStringLiteral("evaluationStepsList"));
        QVERIFY(steps);
        QVERIFY(steps->count() >= 3);
        QVERIFY(steps->item(1)->text().contains(u"type_chosen"));
        verifyAccessibleNames(dialog);

        // Each answer list: Down to the answer, Tab past the comment to the next question.
        // Yes, 4 of 5, Yes, Yes, (read back: asked once a request was taken) Yes, then N/A.
        const QList<std::pair<const char *, int>> answers = {
            {"answer_greeting", 1},      {"answer_courtesy", 4},      {"answer_type_right", 1},
            {"answer_request_taken", 1}, {"answer_read_back", 1},     {"answer_knowledge", 3},
            {"answer_emergency", 3},     {"answer_personal_data", 3}, {"answer_jurisdiction", 3}};
        for (const auto &[name, downs] : answers) {
            QVERIFY2(j.tabTo(name), name);
            for (int i = 0; i < downs; ++i)
                QVERIFY(j.press(Qt::Key_Down));
        }
        auto *knowledge = dialog->findChild<QComboBox *>(QStringLiteral("answer_knowledge"));
        QCOMPARE(knowledge->currentText(), QStringLiteral("N/A"));
        QVERIFY(j.press(Qt::Key_Return, Qt::ControlModifier));
        QTRY_VERIFY(!dialog->isVisible());
        QTRY_COMPARE(j.focusName(), QStringLiteral("sampleTable"));

        // Opening 87.5 %, intake 100 % (knowledge N/A), safety all N/A:
        // (1 x 87.5 + 2 x 100) / 3 = 95.8.
        const QList<Evaluation> submitted = panel->reviews().evaluations(QStringLiteral("Ximena"));
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(submitted.first().score, 95.8);
        QCOMPARE(submitted.first().reviewer, QStringLiteral("sam"));
        QCOMPARE(submitted.first().contactId, SampledCall);
        QCOMPARE(table->item(table->currentRow(), 6)->text(), QLocale().toString(95.8, 'f', 1));
        sam.window.reset();

        // The agent: her own evaluations, acknowledged with a note.
        Desk ximena = openDesk(QStringLiteral("Ximena"), AgentRole::CallTaker);
        QVERIFY(ximena.window);
        test::Journey a;
        QVERIFY(a.press(Qt::Key_Q, Qt::ControlModifier | Qt::ShiftModifier));
        MyEvaluationsDialog *mine = ximena.window->myEvaluations();
        QVERIFY(mine);
        QTRY_COMPARE(a.focusName(), QStringLiteral("myEvaluationsTable"));
        QCOMPARE(mine->table()->rowCount(), 1);
        verifyAccessibleNames(mine);
        QVERIFY(a.press(Qt::Key_Tab));
        QVERIFY(a.type("evaluationResponseEdit", QStringLiteral("Thanks, noted")));
        QVERIFY(a.press(Qt::Key_K, Qt::AltModifier));
        QualityReviews reviews(m_store->db(), ximena.store->events, QStringLiteral("Ximena"));
        QTRY_COMPARE(reviews.evaluation(submitted.first().id)->state,
                     Evaluation::State::Acknowledged);
        QCOMPARE(reviews.evaluation(submitted.first().id)->response,
                 QStringLiteral("Thanks, noted"));
        ximena.window.reset();

        // The supervisor links a coaching note to it: Enter on the evaluation, the note, Alt+C.
        Desk again = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        QVERIFY(again.window);
        test::Journey c;
        EvaluationFollowUpDialog *followUp = openFollowUp(again, c);
        QVERIFY(followUp);
        ReviewPanel *againPanel = again.window->supervisorWorkspace()->reviewPanel();
        verifyAccessibleNames(followUp);
        QVERIFY(test::mnemonicClashes(followUp).isEmpty());
        // Acknowledged, not disputed: there is no decision to take.
        QVERIFY(!followUp->findChild<QPushButton *>(QStringLiteral("upholdButton"))->isEnabled());
        QVERIFY(c.type("followUpNoteEdit", QStringLiteral("Read the number back slower")));
        QVERIFY(c.press(Qt::Key_C, Qt::AltModifier));
        QTRY_COMPARE(againPanel->reviews().evaluation(submitted.first().id)->coachingNotes,
                     QStringList{QStringLiteral("Read the number back slower")});
        QTRY_COMPARE(c.focusName(), QStringLiteral("followUpNoteEdit"));
        QVERIFY(c.press(Qt::Key_Escape));
        QTRY_COMPARE(c.focusName(), QStringLiteral("evaluationsTable"));
        again.window.reset();

        // The agent sees the note with her evaluation.
        Desk back = openDesk(QStringLiteral("Ximena"), AgentRole::CallTaker);
        QVERIFY(back.window);
        test::Journey b;
        MyEvaluationsDialog *backDialog = openMyEvaluations(back, b);
        QVERIFY(backDialog);
        auto *details = backDialog->findChild<QLabel *>(QStringLiteral("myEvaluationDetailsLabel"));
        QVERIFY(details && details->isVisible());
        QVERIFY2(details->text().contains(u"Read the number back slower"),
                 qPrintable(details->text()));
        qInfo("quality review journey: %d keys (supervisor), %d keys (agent), %d keys (coaching)",
              j.keys, a.keys, c.keys);
    }

    // The agent disputes by keyboard; the supervisor rescores it by keyboard; the agent sees
    // the new score and the reason.
    // Two reviewers scored the same contact independently; the supervisor names the reference
    // reviewer first in Reviewers (typed, Enter) and reads the agreement per question and the
    // other reviewer's calibration against the reference.
    void agreementPerQuestionAndCalibrationAgainstTheReference()
    {
        QualityReviews sam(m_store->db(), *m_events, QStringLiteral("sam"));
        QVERIFY(sam.publishForm(ReviewPanel::standardForm()).ok());
        QVERIFY(!submitFor(sam, QStringLiteral("Ximena")).isEmpty());
        // Bea scores the same contact with the first question one lower.
        QualityReviews bea(m_store->db(), *m_events, QStringLiteral("bea"));
        const auto form = bea.latestForm(ReviewPanel::standardForm().id);
        ReviewAnswers answers = fullMarks(*form);
        const FormQuestion first = form->questions().first();
        answers[first.id] = ReviewAnswer{first.maxValue() - 1, QStringLiteral("Late greeting")};
        const auto lower = bea.submit(QStringLiteral("qa-contact-9"), QStringLiteral("Ximena"),
                                      *form, answers, QStringLiteral("Late greeting"));
        QVERIFY2(lower.ok(), lower.ok() ? "" : qPrintable(lower.error().message));
        double samScore = -1;
        for (const Evaluation &e : sam.evaluations())
            samScore = e.reviewer == u"sam" ? e.finalScore : samScore;
        const double difference = bea.evaluation(lower.value())->finalScore - samScore;
        QVERIFY(difference < 0);

        Desk desk = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        QVERIFY(desk.window);
        test::Journey j;
        ReviewPanel *panel = openReviewTab(desk, j);
        QVERIFY(panel);
        auto *agreement = panel->findChild<QLabel *>(QStringLiteral("reviewAgreementLabel"));
        QVERIFY(agreement->text().contains(u"Reviewer agreement on 1 contacts"));
        QVERIFY2(agreement->text().contains(first.text), qPrintable(agreement->text()));
        // The reference: bea, named first.
        QVERIFY(j.press(Qt::Key_E, Qt::AltModifier));
        QCOMPARE(j.focusName(), QStringLiteral("sampleReviewersEdit"));
        QVERIFY(j.press(Qt::Key_A, Qt::ControlModifier));
        QVERIFY(j.type("sampleReviewersEdit", QStringLiteral("bea, sam")));
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_VERIFY2(agreement->text().contains(u"Against the reference reviewer bea"),
                     qPrintable(agreement->text()));
        // Sam scored higher than the reference, by the difference of the two scores.
        const QString expected =
            QStringLiteral("sam +") + QLocale().toString(-difference, 'f', 1) + u" points";
        QVERIFY2(agreement->text().contains(expected),
                 qPrintable(expected + u" in " + agreement->text()));
        QVERIFY(agreement->isVisible());
    }

    void disputeDecidedByTheSupervisor()
    {
        QualityReviews setup(m_store->db(), *m_events, QStringLiteral("sam"));
        QVERIFY(setup.publishForm(ReviewPanel::standardForm()).ok());
        const QString id = submitFor(setup, QStringLiteral("Ximena"));
        QVERIFY(!id.isEmpty());

        Desk ximena = openDesk(QStringLiteral("Ximena"), AgentRole::CallTaker);
        QVERIFY(ximena.window);
        test::Journey a;
        QVERIFY(openMyEvaluations(ximena, a));
        QVERIFY(a.press(Qt::Key_Tab));
        QVERIFY(a.type("evaluationResponseEdit", QStringLiteral("The caller hung up first")));
        QVERIFY(a.press(Qt::Key_D, Qt::AltModifier));
        QTRY_COMPARE(setup.evaluation(id)->state, Evaluation::State::Disputed);
        ximena.window.reset();

        Desk sam = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        QVERIFY(sam.window);
        test::Journey j;
        EvaluationFollowUpDialog *followUp = openFollowUp(sam, j);
        QVERIFY(followUp);
        auto *summary = followUp->findChild<QLabel *>(QStringLiteral("evaluationSummaryLabel"));
        QVERIFY(summary->text().contains(u"The caller hung up first"));
        // No reason yet: refused, and nothing written.
        QVERIFY(j.press(Qt::Key_R, Qt::AltModifier));
        QCOMPARE(setup.evaluation(id)->state, Evaluation::State::Disputed);
        QVERIFY(j.type("followUpNoteEdit", QStringLiteral("Hung up: the read-back is N/A")));
        QVERIFY(j.press(Qt::Key_Tab));
        QCOMPARE(j.focusName(), QStringLiteral("rescoreSpinBox"));
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("90"));
        QVERIFY(j.press(Qt::Key_R, Qt::AltModifier));
        QTRY_COMPARE(setup.evaluation(id)->state, Evaluation::State::Decided);
        const Evaluation decided = *setup.evaluation(id);
        QCOMPARE(decided.decision, QStringLiteral("rescored"));
        QCOMPARE(decided.finalScore, 90.0);
        QCOMPARE(decided.decisionNote, QStringLiteral("Hung up: the read-back is N/A"));
        // Decided once: the buttons are off now.
        QVERIFY(!followUp->findChild<QPushButton *>(QStringLiteral("rescoreButton"))->isEnabled());
        QVERIFY(j.press(Qt::Key_Escape));
        sam.window.reset();

        Desk back = openDesk(QStringLiteral("Ximena"), AgentRole::CallTaker);
        QVERIFY(back.window);
        test::Journey b;
        MyEvaluationsDialog *backDialog = openMyEvaluations(back, b);
        QVERIFY(backDialog);
        auto *details = backDialog->findChild<QLabel *>(QStringLiteral("myEvaluationDetailsLabel"));
        QVERIFY2(details->text().contains(QLocale().toString(90.0, 'f', 1)) &&
                     details->text().contains(u"Hung up: the read-back is N/A"),
                 qPrintable(details->text()));
    }

    // The form editor by keyboard: a new conditional scale question in the Intake section;
    // a critical scale question is refused with the reason and nothing is published; fixed,
    // it is published as version 2, and the evaluation scored on version 1 keeps version 1.
    void editingTheFormPublishesANewVersion()
    {
        QualityReviews setup(m_store->db(), *m_events, QStringLiteral("sam"));
        QVERIFY(setup.publishForm(ReviewPanel::standardForm()).ok());
        const QString earlier = submitFor(setup, QStringLiteral("Ximena"));
        QVERIFY(!earlier.isEmpty());

        Desk sam = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        QVERIFY(sam.window);
        test::Journey j;
        ReviewPanel *panel = openReviewTab(sam, j);
        QVERIFY(panel);
        QVERIFY(test::mnemonicClashes(sam.window->supervisorWorkspace()).isEmpty());
        QVERIFY(j.press(Qt::Key_V, Qt::AltModifier));
        QTRY_VERIFY(panel->formEditor() && panel->formEditor()->isVisible());
        FormEditorDialog *editor = panel->formEditor();
        QTRY_COMPARE(j.focusName(), QStringLiteral("formTitleEdit"));
        verifyAccessibleNames(editor);
        const QStringList clashes = test::mnemonicClashes(editor);
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u'\n')));

        // To the Intake section, then a new question in it.
        QVERIFY(j.tabTo("formSectionsList"));
        QVERIFY(j.press(Qt::Key_Down));
        QVERIFY(j.press(Qt::Key_D, Qt::AltModifier));
        QTRY_COMPARE(j.focusName(), QStringLiteral("questionTextEdit"));
        QVERIFY(j.type("questionTextEdit", QStringLiteral("Offered a call back")));
        QVERIFY(j.press(Qt::Key_Tab));
        QCOMPARE(j.focusName(), QStringLiteral("questionKindCombo"));
        QVERIFY(j.press(Qt::Key_Down)); // a scale (1 to 5)
        QVERIFY(j.tabTo("questionCriticalCheck"));
        QVERIFY(j.press(Qt::Key_Space));
        // Critical on a scale: refused with the reason, nothing published.
        QVERIFY(j.press(Qt::Key_P, Qt::AltModifier));
        QTRY_VERIFY2(editor->error().contains(u"only a yes/no question can be critical"),
                     qPrintable(editor->error()));
        QCOMPARE(setup.latestForm(ReviewPanel::standardForm().id)->version, 1);
        QVERIFY(editor->isVisible());
        // Not critical; asked only when a request was taken.
        QVERIFY(j.press(Qt::Key_C, Qt::AltModifier));
        QTRY_VERIFY(
            !editor->findChild<QCheckBox *>(QStringLiteral("questionCriticalCheck"))->isChecked());
        QVERIFY(j.press(Qt::Key_O, Qt::AltModifier));
        QCOMPARE(j.focusName(), QStringLiteral("questionShowIfCombo"));
        auto *condition = qobject_cast<QComboBox *>(QApplication::focusWidget());
        for (int i = 0;
             i < condition->count() && condition->currentData().toString() != u"request_taken"; ++i)
            QVERIFY(j.press(Qt::Key_Down));
        QVERIFY(j.press(Qt::Key_Tab));
        QCOMPARE(j.focusName(), QStringLiteral("questionShowIfValueSpinBox"));
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("1"));
        QVERIFY(j.press(Qt::Key_P, Qt::AltModifier));
        QTRY_VERIFY(!editor->isVisible());
        QTRY_COMPARE(j.focusName(), QStringLiteral("sampleTable"));

        const auto latest = setup.latestForm(ReviewPanel::standardForm().id);
        QCOMPARE(latest->version, 2);
        const FormQuestion *added = latest->question(QStringLiteral("q1"));
        QVERIFY(added);
        QCOMPARE(added->text, QStringLiteral("Offered a call back"));
        QCOMPARE(added->kind, FormQuestion::Kind::Scale);
        QCOMPARE(added->scaleMax, 5);
        QVERIFY(!added->critical);
        QCOMPARE(added->showIf, QStringLiteral("request_taken"));
        QCOMPARE(added->showIfValue, 1);
        QCOMPARE(latest->sections.at(1).questions.last().id, QStringLiteral("q1"));
        // The evaluation scored before keeps its version.
        QCOMPARE(setup.evaluation(earlier)->form.version, 1);
        QVERIFY(!setup.evaluation(earlier)->form.question(QStringLiteral("q1")));
        qInfo("form editor journey: %d keys", j.keys);
    }
};

QTEST_MAIN(TestQualityReview)
#include "tst_qualityreview.moc"
