// Practice mode by keyboard in the real windows at 1366x768: every key to
// QApplication::focusWidget(). Four bundled Boston scenarios are run to a pass (a confidential type
// taken anonymously, an emergency transferred to 911, a place outside the city referred, a status
// call with a misheard number) and one to a critical failure (the caller's phone taken on the
// confidential type). Isolation: the practice workspace is the composition root's Workspace with no
// sync client (no sync engine); a network manager that counts every request sits under the live
// workspace's sync client and sees none; the live store's files are the same byte for byte after
// practice, and the live draft is untouched. (The suite's class and set-up: practicejourney.h; its
// other tests: practicescenarios.cpp, practicereport.cpp.)

#include "tests/gui/practicejourney.h"

#ifdef CIVICDESK_TEST_SPEECH
#include <QtPlugin>
Q_IMPORT_PLUGIN(RecordingSpeechPlugin)
#endif

using namespace civicdesk;

void TestPracticeJourney::initTestCase()
{
    QVERIFY(
        test::importPackWithoutHistory(m_live.db(), QStringLiteral(CIVICDESK_DEMO_CITY_DIR)).ok());
    m_settings = std::make_unique<Settings>(m_settingsDir.filePath(QStringLiteral("d.ini")));
    // The live workstation is configured for a central store; it is never reached.
    m_client = std::make_unique<SyncClient>(m_network, QUrl(QStringLiteral("http://127.0.0.1:9")));
    m_workspace = std::make_unique<Workspace>(m_live.db(), QStringLiteral("trainee"),
                                              AgentRole::CallTaker, m_client.get());
    QVERIFY(m_workspace->syncEngine());
    m_window = test::openMainWindow(m_workspace->store(), *m_settings);
    QVERIFY(m_window);
#ifdef CIVICDESK_WITH_CTI
    QVERIFY(m_livePhone.listen(QHostAddress::LocalHost));
    connect(&m_livePhone, &QTcpServer::newConnection, this, [this] {
        m_livePhoneLink = m_livePhone.nextPendingConnection();
        connect(m_livePhoneLink, &QTcpSocket::readyRead, this,
                [this] { m_livePhoneHeard += m_livePhoneLink->readAll(); });
    });
    QVERIFY(
        m_workspace
            ->startTelephony(QStringLiteral("socket:127.0.0.1:%1").arg(m_livePhone.serverPort()),
                             QStringLiteral("617"), *m_window)
            .ok());
    QTRY_VERIFY(m_livePhoneLink);
    QTRY_COMPARE(m_workspace->telephony()->state(), LinkState::Connected);
#endif
    m_practice = std::make_unique<PracticeMode>(
        *m_window, *m_settings, QStringLiteral(CIVICDESK_DEMO_CITY_DIR "/practice"),
        // As main.cpp builds it: the composition root's graph, no sync client.
        practiceGraphs(
            m_live.db(), [] { return QStringLiteral("trainee"); },
            [this](Workspace &graph) {
                ++m_practiceGraphs;
                m_practiceHadSync |= graph.syncEngine() != nullptr;
            }));
    QVERIFY(m_practice->scenarios().problems.isEmpty());
#ifdef CIVICDESK_TEST_SPEECH
    m_practice->setSpeechEngine(test::recordingSpeechEngine());
#endif
    m_practice->setResultHandler([this](const PracticeResult &r) { m_result = r; });
    connect(m_window.get(), &MainWindow::practiceRequested, m_practice.get(),
            &PracticeMode::choose);
    // As main.cpp keeps it: the training record in its own file, never the live store.
    auto record =
        TrainingRecord::open(m_settingsDir.filePath(QStringLiteral("training-record.sqlite")));
    QVERIFY(record.ok());
    m_record = std::move(record.value());
    m_practice->setTrainingRecord(m_record.get(), QStringLiteral("trainee"), AgentRole::CallTaker);
    connect(m_window.get(), &MainWindow::traineeReportRequested, m_practice.get(),
            &PracticeMode::showTraineeReport);
    connect(m_window.get(), &MainWindow::scenarioEditorRequested, m_practice.get(),
            &PracticeMode::authorScenario);
}

void TestPracticeJourney::confidentialTypePasses()
{
    m_window->intakePanel()->setFocus();
    runNeedlesToAPass(QStringLiteral("needles-confidential-en"));
}

void TestPracticeJourney::emergencyPasses()
{
    test::Journey j;
    startScenario(j, QStringLiteral("restaurant-fire-en"));
    chooseType(j, "restaurant fire", "FIREFOOD");
    finish(j); // the wrap-up says warm transfer to 911
    QVERIFY2(m_result->passed(), qPrintable(report()));
    QVERIFY(m_result->critical.isEmpty());
    qInfo("practice, emergency: %d keys beyond typed text", j.keys);
    leave(j);
}

void TestPracticeJourney::outsideTheCityPasses()
{
    test::Journey j;
    startScenario(j, QStringLiteral("cambridge-referral-en"));
    chooseType(j, "pothole repair", "REQPOTHL");
    QVERIFY(j.tabTo("addressLineEdit", 20));
    QVERIFY(j.type("addressLineEdit", QStringLiteral("Harvard Square, Cambridge")));
    finish(j, true); // "referred"; the pothole form is discarded
    QVERIFY2(m_result->passed(), qPrintable(report()));
    qInfo("practice, outside the city: %d keys beyond typed text", j.keys);
    leave(j);
}

// A status call: the caller misreads the number, the check symbol catches it, asked again
// the caller reads it right, and the status read back is the scenario's seeded request.
void TestPracticeJourney::statusReadBackOfAMisheardNumberPasses()
{
    test::Journey j;
    startScenario(j, QStringLiteral("status-misheard-en"));
    CallerPanel *caller = m_practice->callerPanel();
    const auto numberSaid = [caller] {
        static const QRegularExpression number(QStringLiteral("[0-9A-Z]{5}-[0-9A-Z]{5}"));
        return number.match(caller->transcript().last()).captured(0);
    };
    QVERIFY(j.press(Qt::Key_F9)); // the request number?
    const QString misheard = numberSaid();
    QVERIFY2(!misheard.isEmpty(), qPrintable(caller->transcript().last()));
    QVERIFY(j.press(Qt::Key_R, Qt::ControlModifier));
    QVERIFY(j.type("readbackNumberLineEdit", misheard));
    QVERIFY(j.press(Qt::Key_Return));
    auto *result =
        m_practice->practiceWindow()->findChild<QLabel *>(QStringLiteral("readbackResultLabel"));
    QTRY_VERIFY2(result->text().contains(u"not a valid request number"),
                 qPrintable(result->text()));
    QVERIFY(j.press(Qt::Key_F9)); // asked again
    const QString number = numberSaid();
    QVERIFY(number != misheard);
    QVERIFY(j.type("readbackNumberLineEdit", number)); // replaces the selected number
    QVERIFY(j.press(Qt::Key_Return));
    QTRY_VERIFY2(result->text().contains(u"Graffiti"), qPrintable(result->text()));
    QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
    QVERIFY(j.press(Qt::Key_Down)); // "Information given"
    QVERIFY(j.tabTo("finishContactButton"));
    QVERIFY(j.press(Qt::Key_Return));
    QTRY_VERIFY(m_result.has_value());
    QVERIFY2(m_result->passed(), qPrintable(report()));
    QCOMPARE(m_result->score, 100);
    leave(j);
}

// The caller's phone taken on a confidential type fails the run whatever the points.
void TestPracticeJourney::callerDataOnAConfidentialTypeFails()
{
    test::Journey j;
    startScenario(j, QStringLiteral("needles-confidential-en"));
    QVERIFY(j.press(Qt::Key_F7)); // who is calling? The caller gives their name...
    QVERIFY(j.press(Qt::Key_Tab));
    QVERIFY(j.type("callerNameLineEdit", QStringLiteral("Laura Chen"))); // ...and it is taken
    chooseType(j, "needle", "NEEDRMVL");
    QVERIFY(j.press(Qt::Key_Tab));
    QVERIFY(j.type("addressLineEdit", QStringLiteral("1 centre st 02119")));
    QVERIFY(j.press(Qt::Key_Return));
    QVERIFY(j.press(Qt::Key_Return, Qt::ControlModifier));
    QTRY_VERIFY(!m_practice->practiceWindow()->intakePanel()->lastNumber().isEmpty());
    finish(j);
    QVERIFY(!m_result->passed());
    QCOMPARE(m_result->critical.size(), 1);
    QCOMPARE(m_result->critical.first().id, QStringLiteral("caller_data_taken"));
    leave(j);
}

// Practice leaves live work as it was: the live draft, the live store's files, no network.
void TestPracticeJourney::liveWorkIsUntouched()
{
    test::Journey j;
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->intakePanel()->setFocus();
    QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
    QVERIFY(j.type("callerPhoneLineEdit", QStringLiteral("6175550100")));
    m_window->intakePanel()->keepAsDraft();
    IntakeRepository intake(m_live.db());
    const QList<Draft> drafts = intake.drafts();
    QCOMPARE(drafts.size(), 1);
    const QString dump = test::dumpStore(m_live.db());
    const QByteArray main = test::fileSha256(m_live.path());
    const QByteArray wal = test::fileSha256(m_live.path() + QStringLiteral("-wal"));
    const int runs = m_practiceGraphs;

    startScenario(j, QStringLiteral("restaurant-fire-en"));
    chooseType(j, "restaurant fire", "FIREFOOD");
    finish(j);
    leave(j);

    QCOMPARE(m_practiceGraphs, runs + 1);
    QVERIFY(!m_practiceHadSync);
    QCOMPARE(test::fileSha256(m_live.path()), main);
    QCOMPARE(test::fileSha256(m_live.path() + QStringLiteral("-wal")), wal);
    QCOMPARE(test::dumpStore(m_live.db()), dump);
    QCOMPARE(intake.drafts().size(), 1);
    QCOMPARE(intake.drafts().first().payload, drafts.first().payload);
    QCOMPARE(m_window->intakePanel()->contactId(), drafts.first().contactId);
    QVERIFY2(m_network.requests.isEmpty(), qPrintable(m_network.requests.join(u' ')));
#ifdef CIVICDESK_WITH_CTI
    // The practice call was answered with the live key on the practice phone: the live
    // phone heard nothing and is still connected.
    QCOMPARE(m_livePhoneHeard, QByteArray());
    QCOMPARE(m_workspace->telephony()->state(), LinkState::Connected);
#endif
    m_window->intakePanel()->discardUnfinishedWork();
}

void TestPracticeJourney::cleanupTestCase()
{
    QVERIFY2(m_network.requests.isEmpty(), qPrintable(m_network.requests.join(u' ')));
    m_practice.reset();
    m_window.reset();
}

QTEST_MAIN(TestPracticeJourney)
