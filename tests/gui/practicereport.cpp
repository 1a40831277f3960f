// tst_practicejourney: the trainee's own report by keyboard (the runs of the suite in the
// training record, TRAINING on every printed page), and the caller's voice.

#include "tests/gui/practicejourney.h"

using namespace civicdesk;

// Ctrl+Alt+T in the live window: the trainee's own report, walked by keyboard (every stop
// visible and named), closed with Escape; the runs of this test are in the training record
// with their results, and the printed report says TRAINING on every page.
void TestPracticeJourney::theTraineeReportByKeyboard()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->intakePanel()->setFocus();
    QStringList stops;
    QString summary;
    bool traineeFixed = false;
    int scenarioRows = 0;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = modalWithFocus<TraineeReportDialog>();
        if (!dialog)
            return;
        summary = dialog->findChild<QLabel *>(QStringLiteral("traineeSummaryLabel"))->text();
        traineeFixed =
            !dialog->findChild<QComboBox *>(QStringLiteral("traineeComboBox"))->isEnabled();
        scenarioRows = dialog->report().scenarios.size();
        for (int i = 0; i < 8; ++i) {
            QWidget *focus = QApplication::focusWidget();
            if (!focus || !focus->isVisible() || focus->window() != dialog) {
                stops.append(QStringLiteral("<lost>"));
                break;
            }
            stops.append(focus->accessibleName().isEmpty()
                             ? QStringLiteral("<unnamed %1>")
                                   .arg(QLatin1String(focus->metaObject()->className()))
                             : focus->accessibleName());
            QTest::keyClick(focus, Qt::Key_Tab);
        }
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        if (dialog->isVisible())
            dialog->reject();
    });
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_T, Qt::ControlModifier | Qt::AltModifier);
    QVERIFY2(!stops.isEmpty(), "the report did not open");
    QVERIFY2(!stops.join(u' ').contains(u"<"), qPrintable(stops.join(u" | ")));
    for (const char *name :
         {"Report parts", "Export the calls as CSV", "Save the report as PDF", "Close the report"})
        QVERIFY2(stops.contains(QString::fromLatin1(name)), qPrintable(stops.join(u" | ")));
    QVERIFY(traineeFixed); // a call taker sees their own report only
    QCOMPARE(scenarioRows, m_practice->scenarios().scenarios.size());

    // Through the capability: six runs, the confidential-data one failed critically.
    const QList<PracticeRun> runs = m_record->runs(QStringLiteral("trainee"));
    QSet<QString> passedScenarios;
    for (const PracticeRun &r : runs) {
        if (r.passed())
            passedScenarios.insert(r.scenarioId);
    }
    const QString counts = QStringLiteral("Practice calls: 7 · scenarios passed: %1 of %2")
                               .arg(passedScenarios.size())
                               .arg(scenarioRows);
    QVERIFY2(summary.startsWith(counts), qPrintable(summary));
    QCOMPARE(runs.size(), 7);
    QCOMPARE(
        std::count_if(runs.cbegin(), runs.cend(), [](const PracticeRun &r) { return r.passed(); }),
        6);
    QVERIFY(std::any_of(runs.cbegin(), runs.cend(), [](const PracticeRun &r) {
        return r.critical.contains(QStringLiteral("caller_data_taken"));
    }));

    // The printable report: TRAINING on every page, the trainee, the scenarios.
    const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    QVERIFY2(!pdftotext.isEmpty(), "pdftotext (poppler-utils) is needed");
    const TraineeReport report =
        traineeReport(QStringLiteral("trainee"), runs, m_practice->scenarios().scenarios);
    const QString pdf = m_settingsDir.filePath(QStringLiteral("report.pdf"));
    const Status written = writeTraineeReportPdf(report, QTimeZone("America/New_York"), pdf);
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
    QProcess text;
    text.start(pdftotext, {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    QVERIFY(text.waitForFinished(30000));
    const QString printed = QString::fromUtf8(text.readAllStandardOutput());
    QVERIFY2(printed.contains(u"Practice report: trainee"), qPrintable(printed));
    const int pages = int(printed.count(u'\f'));
    QVERIFY(pages >= 1);
    QCOMPARE(int(printed.count(u"TRAINING · trainee · page")), pages);
    QVERIFY2(printed.contains(counts), qPrintable(printed));
    QVERIFY(printed.contains(u"Not passed yet"));
    QVERIFY(printed.contains(u"caller_data_taken"));
    QVERIFY(!writeTraineeReportPdf(report, QTimeZone("America/New_York"),
                                   QStringLiteral("/proc/no/report.pdf"))
                 .ok());
}

#ifdef CIVICDESK_TEST_SPEECH
// Practice run ▸ Caller's voice (Ctrl+Alt+V): a Spanish caller's lines are said by the
// speech engine in Spanish as the trainee asks (the "recorder" engine keeps them instead of
// playing them); off again, the lines are shown only. The transcript shows every line.
void TestPracticeJourney::theCallerIsSpokenWhenTheVoiceIsOn()
{
    const QList<Scenario> &all = m_practice->scenarios().scenarios;
    const auto s = std::find_if(all.cbegin(), all.cend(),
                                [](const Scenario &x) { return x.id == u"pothole-es"; });
    QVERIFY(s != all.cend());
    const auto said = [] {
        QStringList out;
        for (const test::SpokenLine &line : std::as_const(test::spokenLines())) {
            if (line.locale.language() != QLocale::Spanish)
                return QStringList{u"not Spanish: " + line.text};
            out.append(line.text);
        }
        return out;
    };
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->intakePanel()->setFocus();
    test::Journey j;
    startScenario(j, s->id);
    CallerPanel *caller = m_practice->callerPanel();
    test::spokenLines().clear();
    QVERIFY(j.press(Qt::Key_V, Qt::ControlModifier | Qt::AltModifier)); // on
    QCOMPARE(j.focusName(), QStringLiteral("callerPhoneLineEdit"));     // still in the intake
    QTRY_COMPARE(said(), QStringList{s->opening}); // the caller's last line, again
    QVERIFY(caller->transcript().last().contains(test::recordingSpeechEngine()));
    QVERIFY(j.press(Qt::Key_F5)); // where is it?
    QTRY_COMPARE(said(), QStringList({s->opening, s->location}));
    QVERIFY(j.press(Qt::Key_V, Qt::ControlModifier | Qt::AltModifier)); // off
    QVERIFY(j.press(Qt::Key_F6));                                       // what happened?
    QCOMPARE(caller->transcript().last(), s->details);
    QTest::qWait(50);
    QCOMPARE(said(), QStringList({s->opening, s->location}));
    // Left mid-call (this run is about the voice): the next run speaks only when turned on.
    leave(j);
    QVERIFY(!m_practice->voice()->isOn());
}
#endif
