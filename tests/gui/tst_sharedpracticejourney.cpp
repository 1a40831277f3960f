// Practice shared through the central store, by keyboard on two desks against a real
// civicdesk-server (issue 17): the trainer writes a scenario on one desk, the trainee's desk lists
// it and takes the call, and the scored run reaches the trainer's report on the other desk. Every
// key goes to QApplication::focusWidget() at 1366x768; nothing but /api/v1/practice/ is asked of
// the server. With CIVICDESK_TEST_LANGUAGE=es (tst_sharedpracticejourney_es) both desks run in
// Spanish.

#include "tests/gui/practicedesks.h"

using namespace civicdesk;
using namespace civicdesk::test;

class TestSharedPracticeJourney : public PracticeDesks
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpDesks(); }

    // Practice shared through the central store (issue 17): the trainer writes a scenario by
    // keyboard on one desk (a copy of a bundled one, Ctrl+Alt+W, Ctrl+S): the central store checks
    // and keeps it. The trainee's desk lists it in Ctrl+Alt+P and takes the call; the scored run
    // goes to the central store and is in the trainer's report (Ctrl+Alt+T) on the other desk.
    void aScenarioWrittenOnOneDeskIsPractisedOnAnother()
    {
        const QString sourceId = QStringLiteral("cambridge-referral-en");
        const QString sharedId = QStringLiteral("cambridge-shared");
        const QList<Scenario> &bundled = m_trainer->scenarios().scenarios;
        const auto source = std::find_if(bundled.cbegin(), bundled.cend(),
                                         [&](const Scenario &s) { return s.id == sourceId; });
        QVERIFY(source != bundled.cend());
        const int downs = int(source - bundled.cbegin()) + 1; // after "A new scenario"
        QVERIFY(activate(m_trainerWindow.get()));
        m_trainerWindow->intakePanel()->setFocus();
        QStringList failures;
        bool saved = false;
        whenModal(ScenarioEditorDialog::staticMetaObject, [&](QDialog *dialog) {
            auto *editor = qobject_cast<ScenarioEditorDialog *>(dialog);
            if (!editor)
                return void(failures << QStringLiteral("the editor did not open with the focus"));
            test::Journey e;
            for (int i = 0; i < downs; ++i)
                e.press(Qt::Key_Down);
            if (!e.tabTo("idLineEdit") || !e.type("idLineEdit", sharedId) ||
                !e.press(Qt::Key_Tab) ||
                !e.type("titleLineEdit", QStringLiteral("Harvard Square, shared")))
                return void(failures << u"typing the id and title, at " + e.focusName());
            // Saved in the central store first (the trainer's role and the scenario checked
            // there), then here.
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_S, Qt::ControlModifier);
            saved = !editor->isVisible();
            if (!saved) {
                failures << editor->findChild<QLabel *>(QStringLiteral("problemsLabel"))->text();
                editor->reject();
            }
        });
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_W,
                        Qt::ControlModifier | Qt::AltModifier);
        QTRY_VERIFY_WITH_TIMEOUT(saved || !failures.isEmpty(), 20000);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u"; ")));
        const auto kept =
            m_server->get(QStringLiteral("/api/v1/practice/scenarios"), m_traineeToken);
        QCOMPARE(kept.json()[u"scenarios"][0][u"scenario"][u"id"].toString(), sharedId);
        QCOMPARE(kept.json()[u"scenarios"][0][u"author"].toString(), QStringLiteral("tina"));

        // ---- The trainee's desk: Ctrl+Alt+P brings the shared scenarios, the new one is listed.
        QVERIFY(activate(m_traineeWindow.get()));
        m_traineeWindow->intakePanel()->setFocus();
        bool picked = false;
        whenModal(ScenarioPickerDialog::staticMetaObject, [&](QDialog *dialog) {
            auto *picker = qobject_cast<ScenarioPickerDialog *>(dialog);
            if (!picker)
                return;
            const QList<Scenario> &listed = m_trainee->scenarios().scenarios;
            const auto it = std::find_if(listed.cbegin(), listed.cend(),
                                         [&](const Scenario &s) { return s.id == sharedId; });
            const int row = int(it - listed.cbegin());
            for (int i = 0; i < row; ++i)
                QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
            picked = it != listed.cend() && picker->chosen() == row &&
                     m_trainee->scenarios().authored.contains(sharedId);
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
            if (picker->isVisible())
                picker->reject();
        });
        QSignalSpy started(m_trainee.get(), &PracticeMode::started);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_P,
                        Qt::ControlModifier | Qt::AltModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty(), 20000);
        QVERIFY(picked);
        QCOMPARE(started.first().first().toString(), sharedId);
        MainWindow *practice = m_trainee->practiceWindow();
        QVERIFY(practice);
        practice->resize(1366, 768);
        QVERIFY(QTest::qWaitForWindowExposed(practice));
        QVERIFY(activate(practice));
        test::Journey j;
        // Nothing goes out during the practice run itself.
        const qsizetype asked = m_network.urls.size();
        takeTheCall(*practice, j);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(j.press(Qt::Key_F5)); // where? — the scripted caller answers
        // Ended at once (Ctrl+E, Finish contact): scored and kept, to be sent on leaving.
        QSignalSpy shared(m_trainee.get(), &PracticeMode::runsShared);
        QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
        QVERIFY(j.tabTo("outcomeComboBox"));
        QVERIFY(j.press(Qt::Key_Down)); // an outcome: a contact ends with one
        QVERIFY(j.tabTo("finishContactButton"));
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_VERIFY2(m_trainee->lastResult().has_value(), qPrintable(j.focusName()));
        QCOMPARE(m_traineeRecord->unsent(QStringLiteral("ana")).size(), 1);
        QCOMPARE(m_network.urls.size(), asked);
        QVERIFY(shared.isEmpty());
        // Leaving practice (Ctrl+Alt+X) sends the run to the central store.
        QVERIFY(j.press(Qt::Key_X, Qt::ControlModifier | Qt::AltModifier));
        QTRY_VERIFY_WITH_TIMEOUT(!shared.isEmpty(), 20000);
        QCOMPARE(shared.first().at(0).toInt(), 1);
        QVERIFY2(shared.first().at(1).toString().isEmpty(),
                 qPrintable(shared.first().at(1).toString()));
        QVERIFY(m_traineeRecord->unsent(QStringLiteral("ana")).isEmpty());
        QTRY_VERIFY(!m_trainee->practiceWindow());

        // ---- The trainer's report, on the other desk, has the trainee's run.
        QVERIFY(m_trainerRecord->runs(QStringLiteral("ana")).isEmpty());
        QVERIFY(activate(m_trainerWindow.get()));
        bool reported = false;
        whenModal(TraineeReportDialog::staticMetaObject, [&](QDialog *report) {
            reported = report != nullptr;
            if (report)
                QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        });
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_T,
                        Qt::ControlModifier | Qt::AltModifier);
        QTRY_VERIFY_WITH_TIMEOUT(reported, 25000);
        const QList<PracticeRun> runs = m_trainerRecord->runs(QStringLiteral("ana"));
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().scenarioId, sharedId);
        QCOMPARE(runs.first().scenarioTitle, QStringLiteral("Harvard Square, shared"));
        for (const QUrl &url : std::as_const(m_network.urls))
            QVERIFY2(url.path().startsWith(u"/api/v1/practice/"), qPrintable(url.toString()));
    }

    void cleanupTestCase() { tearDownDesks(); }
};

QTEST_MAIN(TestSharedPracticeJourney)
#include "tst_sharedpracticejourney.moc"
