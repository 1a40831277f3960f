// tst_practicejourney: the trainers' scenarios by keyboard. A trainee may not write one; a
// trainer copies a bundled scenario, saves it under an id of its own and a trainee runs it to a
// pass; a trainer deletes their own scenario, never a bundled one.

#include "tests/gui/practicejourney.h"

using namespace civicdesk;

// Practice ▸ Write a practice scenario (Ctrl+Alt+W) is for trainers and admins: a trainee
// is told why not, and nothing is written.
void TestPracticeJourney::traineesMayNotWriteScenarios()
{
    const QString folder = m_settingsDir.filePath(QStringLiteral("practice-scenarios"));
    m_practice->setAuthoring(folder, AgentRole::CallTaker); // as main.cpp: the agent's role
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->intakePanel()->setFocus();
    QSignalSpy refused(m_practice.get(), &PracticeMode::authoringRefused);
    test::Journey j;
    QVERIFY(j.pressAndAnswer(Qt::Key_W, Qt::ControlModifier | Qt::AltModifier, Qt::Key_Return,
                             Qt::NoModifier, this)); // the reason, in a box
    QCOMPARE(refused.size(), 1);
    const QString told = refused.first().first().toString();
    QVERIFY2(told.contains(u"trainers and admins") && told.contains(u"call_taker"),
             qPrintable(told));
    QVERIFY(!QFileInfo::exists(folder));
}

// A trainer copies a bundled scenario in the editor by keyboard, is refused a bundled
// scenario's id (the field named and focused, nothing written), gives it its own id, title
// and opening line, saves it to the trainers' folder — and the copy is in the practice
// list, where a trainee runs it to a pass.
void TestPracticeJourney::aTrainerWritesAScenarioThenItIsRunToAPass()
{
    const QString folder = m_settingsDir.filePath(QStringLiteral("practice-scenarios"));
    m_practice->setAuthoring(folder, AgentRole::Trainer);
    const QList<Scenario> before = m_practice->scenarios().scenarios;
    const auto source = std::find_if(before.cbegin(), before.cend(), [](const Scenario &s) {
        return s.id == u"needles-confidential-en";
    });
    QVERIFY(source != before.cend());
    const int downs = int(source - before.cbegin()) + 1; // after "A new scenario"
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->intakePanel()->setFocus();
    QStringList failures;
    QString problems;
    bool opened = false;
    QTimer::singleShot(0, this, [&] {
        auto *editor = modalWithFocus<ScenarioEditorDialog>();
        opened = editor != nullptr;
        if (!editor) {
            failures << QStringLiteral("the editor did not open with the focus in it");
            return;
        }
        const auto fail = [&](const QString &what) {
            failures << what;
            editor->reject();
        };
        test::Journey e;
        if (e.focusName() != u"startComboBox")
            return fail(u"the focus starts on " + e.focusName());
        for (int i = 0; i < downs; ++i) {
            if (!e.press(Qt::Key_Down))
                return fail(QStringLiteral("Down"));
        }
        if (editor->scenario().opening != source->opening)
            return fail(QStringLiteral("the copy is not the bundled scenario"));
        if (!e.tabTo("idLineEdit") || !e.type("idLineEdit", QStringLiteral("pothole-en")))
            return fail(QStringLiteral("id"));
        if (!e.press(Qt::Key_S, Qt::ControlModifier) || !editor->isVisible())
            return fail(QStringLiteral("a bundled id was saved"));
        problems = editor->findChild<QLabel *>(QStringLiteral("problemsLabel"))->text();
        if (!e.type("idLineEdit", QStringLiteral("needles-trainer")))
            return fail(u"after the refusal the focus is on " + e.focusName());
        if (!e.press(Qt::Key_Tab) ||
            !e.type("titleLineEdit", QStringLiteral("Needles by the school gate")))
            return fail(QStringLiteral("title"));
        if (!e.tabTo("openingTextEdit") ||
            !e.type("openingTextEdit", QStringLiteral(" They are right by the school gate.")))
            return fail(QStringLiteral("opening"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_S, Qt::ControlModifier);
        if (editor->isVisible())
            fail(u"not saved: " +
                 editor->findChild<QLabel *>(QStringLiteral("problemsLabel"))->text());
    });
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_W, Qt::ControlModifier | Qt::AltModifier);
    QVERIFY(opened);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u"; ")));
    QVERIFY2(problems.contains(u"Scenario id (id): is a bundled scenario"), qPrintable(problems));
    QCOMPARE(QDir(folder).entryList(QDir::Files),
             QStringList{QStringLiteral("needles-trainer.json")});

    // In the practice list beside the bundled ones, as the trainers'; its lines as written.
    const ScenarioSet &set = m_practice->scenarios();
    QVERIFY(set.problems.isEmpty());
    QCOMPARE(set.scenarios.size(), before.size() + 1);
    QVERIFY(set.authored.contains(QStringLiteral("needles-trainer")));
    const Scenario &written = set.scenarios.last();
    QCOMPARE(written.title, QStringLiteral("Needles by the school gate"));
    QCOMPARE(written.opening, QString(source->opening + u" They are right by the school gate."));
    QCOMPARE(written.answers, source->answers);
    QCOMPARE(written.expected, source->expected);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->intakePanel()->setFocus();
    runNeedlesToAPass(QStringLiteral("needles-trainer"));
    // Kept in the training record under the trainer's scenario.
    const QList<PracticeRun> runs = m_record->runs(QStringLiteral("trainee"));
    QVERIFY(std::any_of(runs.cbegin(), runs.cend(), [](const PracticeRun &r) {
        return r.scenarioId == u"needles-trainer" && r.passed() &&
               r.scenarioTitle == u"Needles by the school gate";
    }));
}

// The trainer deletes their own scenario in the editor by keyboard, after a question that is
// first answered No; a bundled scenario cannot be deleted (the button is off, the key does
// nothing).
void TestPracticeJourney::aTrainerDeletesTheirOwnScenarioNotABundledOne()
{
    const QString folder = m_settingsDir.filePath(QStringLiteral("practice-scenarios"));
    m_practice->setAuthoring(folder, AgentRole::Trainer);
    QVERIFY(m_practice->scenarios().authored.contains(QStringLiteral("needles-trainer")));
    QCOMPARE(QDir(folder).entryList(QDir::Files),
             QStringList{QStringLiteral("needles-trainer.json")});
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->intakePanel()->setFocus();
    QStringList failures;
    QStringList questions;
    bool opened = false;
    QTimer::singleShot(0, this, [&] {
        auto *editor = modalWithFocus<ScenarioEditorDialog>();
        opened = editor != nullptr;
        if (!editor)
            return;
        const auto fail = [&](const QString &what) {
            failures << what;
            editor->reject();
        };
        auto *button = editor->findChild<QPushButton *>(QStringLiteral("deleteScenarioButton"));
        if (!button || button->isEnabled() || button->accessibleName().isEmpty())
            return fail(QStringLiteral("delete is offered for a new scenario"));
        test::Journey e;
        // A copy of a bundled scenario: nothing to delete, Ctrl+Shift+D does nothing.
        if (!e.press(Qt::Key_Down) || button->isEnabled())
            return fail(QStringLiteral("delete is offered for a bundled scenario"));
        bool asked = false;
        editor->setConfirmation([&](const QString &question) {
            asked = true;
            questions << question;
            return false;
        });
        if (!e.press(Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier) || asked ||
            !editor->isVisible())
            return fail(QStringLiteral("a bundled scenario was asked about"));
        // The trainer's own: the last in the list.
        if (!e.press(Qt::Key_End) || !button->isEnabled())
            return fail(QStringLiteral("delete is not offered for the trainer's own"));
        if (!e.press(Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier) || !asked ||
            !editor->isVisible() || !QFile::exists(folder + u"/needles-trainer.json"))
            return fail(QStringLiteral("No did not keep the scenario"));
        editor->setConfirmation([&](const QString &question) {
            questions << question;
            return true;
        });
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_D,
                        Qt::ControlModifier | Qt::ShiftModifier);
        if (editor->isVisible())
            fail(QStringLiteral("not deleted"));
    });
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_W, Qt::ControlModifier | Qt::AltModifier);
    QVERIFY(opened);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u"; ")));
    QCOMPARE(questions.size(), 2);
    QVERIFY(questions.first().contains(u"needles-trainer"));
    QVERIFY(QDir(folder).entryList(QDir::Files).isEmpty());
    QVERIFY(m_practice->scenarios().authored.isEmpty());
    QVERIFY(m_window->statusBar()->currentMessage().contains(u"deleted"));
}
