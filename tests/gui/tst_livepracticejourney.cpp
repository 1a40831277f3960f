// A trainer plays the caller live, by keyboard on both sides, through a real civicdesk-server:
// the trainer's desk opens a live practice call (Practice ▸ Play the caller live, Ctrl+Alt+C) and
// reads out the join code; the trainee's desk joins (Ctrl+Alt+J) and the practice run starts
// with the trainer as the caller. Every key goes to QApplication::focusWidget() at 1366x768. The
// trainer's lines reach the trainee's caller panel, the trainee's questions (the keys and F4 in
// their own words) reach the trainer, the trainee's intake shows on the trainer's screen, read
// only, as it fills in, and the trainer ends the call. The practice workspace has no sync engine
// and nothing but the practice channel is asked of the server. A call taker cannot open a call.
// With CIVICDESK_TEST_LANGUAGE=es (tst_livepracticejourney_es) both desks run in Spanish and the
// trainer plays a Spanish-speaking caller (pothole-es): every line and question in Spanish.

#include "app/workstation/workspace.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/practice/practicechannel.h"
#include "models/practice/practiceshare.h"
#include "models/practice/trainingrecord.h"
#include "tests/gui/keyboardjourney.h"
#include "tests/support/recordingnetwork.h"
#include "tests/support/serverprocess.h"
#include "tests/support/teststore.h"
#include "translations/translator.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/common/storecontext.h"
#include "ui/intake/intakepanel.h"
#include "ui/practice/callerpanel.h"
#include "ui/practice/livetrainerwindow.h"
#include "ui/practice/practicemode.h"
#include "ui/practice/scenarioeditordialog.h"
#include "ui/practice/scenariopickerdialog.h"
#include "ui/practice/traineereportdialog.h"

#ifdef CIVICDESK_WITH_CTI
#include "models/cti/practicephone.h"
#endif

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace civicdesk;
using test::RecordingNetwork;
using test::ServerProcess;

namespace {

// The text `source` of translation context `context` in the language loaded.
QString translated(const char *context, const char *source)
{
    return QCoreApplication::translate(context, source);
}

QStringList itemTexts(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out.append(list->item(i)->text());
    return out;
}

} // namespace

class TestLivePracticeJourney : public QObject
{
    Q_OBJECT

    test::TempStore m_live;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<test::ServerStore> m_serverStore;
    std::unique_ptr<ServerProcess> m_server;
    RecordingNetwork m_network;
    QString m_trainerToken;
    QString m_traineeToken;
    // The trainer's desk and the trainee's: two workstations on one machine.
    std::unique_ptr<Settings> m_trainerSettings;
    std::unique_ptr<Settings> m_traineeSettings;
    std::unique_ptr<StoreContext> m_trainerStore;
    std::unique_ptr<StoreContext> m_traineeStore;
    std::unique_ptr<MainWindow> m_trainerWindow;
    std::unique_ptr<MainWindow> m_traineeWindow;
    std::unique_ptr<PracticeMode> m_trainer;
    std::unique_ptr<PracticeMode> m_trainee;
    // Each desk's training record (practice shared through the central store).
    std::unique_ptr<TrainingRecord> m_trainerRecord;
    std::unique_ptr<TrainingRecord> m_traineeRecord;
    bool m_practiceHadSync = false;
    bool m_spanish = false; // both desks in Spanish, a Spanish-speaking caller

    std::unique_ptr<PracticeMode> practiceFor(MainWindow &window, Settings &settings,
                                              const QString &agent, AgentRole role,
                                              const QString &token)
    {
        auto mode = std::make_unique<PracticeMode>(
            window, m_live.db(), settings, QStringLiteral(CIVICDESK_DEMO_CITY_DIR "/practice"),
            [this, agent](Database &db) {
                auto graph = std::make_shared<Workspace>(db, agent, AgentRole::CallTaker, nullptr);
                m_practiceHadSync |= graph->syncEngine() != nullptr;
                return std::shared_ptr<StoreContext>(graph, &graph->store());
            });
        mode->setAuthoring(m_settingsDir.filePath(agent + QStringLiteral("-scenarios")), role);
        mode->setResultHandler([](const PracticeResult &) {});
        const QUrl server(m_server->baseUrl());
        mode->setChannelFactory([this, server, token] {
            return std::make_unique<PracticeChannel>(m_network, server, token);
        });
        // Scenarios and runs shared through the central store, as a signed-in workstation does.
        mode->setShare(new PracticeShare(
            m_network, server, [token] { return token; }, mode.get()));
        auto record =
            TrainingRecord::open(m_settingsDir.filePath(agent + QStringLiteral(".sqlite")));
        if (record) {
            mode->setTrainingRecord(record.value().get(), agent, role);
            (role == AgentRole::Trainer ? m_trainerRecord : m_traineeRecord) =
                std::move(record.value());
        }
        connect(&window, &MainWindow::liveTrainerRequested, mode.get(),
                &PracticeMode::chooseLiveTrainer);
        connect(&window, &MainWindow::liveJoinRequested, mode.get(), &PracticeMode::chooseJoinLive);
        connect(&window, &MainWindow::practiceRequested, mode.get(), &PracticeMode::choose);
        connect(&window, &MainWindow::scenarioEditorRequested, mode.get(),
                &PracticeMode::authorScenario);
        connect(&window, &MainWindow::traineeReportRequested, mode.get(),
                &PracticeMode::showTraineeReport);
        return mode;
    }

    // Runs `then` with the modal dialog of `type` once it is up with the focus in it (from the
    // dialog's own event loop: it may open after an answer of the server), or with null after
    // 20 s.
    void whenModal(const QMetaObject &type, std::function<void(QDialog *)> then)
    {
        auto *poll = new QTimer(this);
        QElapsedTimer waited;
        waited.start();
        connect(poll, &QTimer::timeout, this, [poll, waited, &type, then = std::move(then)] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            const bool up = dialog && dialog->metaObject() == &type &&
                            QApplication::focusWidget() &&
                            QApplication::focusWidget()->window() == dialog;
            if (!up && waited.elapsed() < 20000)
                return;
            poll->stop();
            poll->deleteLater();
            if (!up)
                qWarning("no %s with the focus: modal %s, focus %s", type.className(),
                         QApplication::activeModalWidget()
                             ? QApplication::activeModalWidget()->metaObject()->className()
                             : "none",
                         QApplication::focusWidget()
                             ? qPrintable(QApplication::focusWidget()->objectName())
                             : "none");
            then(up ? dialog : nullptr);
        });
        poll->start(50);
    }

    bool activate(QWidget *window)
    {
        window->raise();
        window->activateWindow();
        return QTest::qWaitForWindowActive(window) &&
               QTest::qWaitFor(
                   [window] {
                       return QApplication::focusWidget() &&
                              QApplication::focusWidget()->window() == window;
                   },
                   5000);
    }

private slots:
    void initTestCase()
    {
        const QString language = qEnvironmentVariable("CIVICDESK_TEST_LANGUAGE");
        if (!language.isEmpty())
            QCOMPARE(installTranslations(*QCoreApplication::instance(), language), language);
        m_spanish = language == u"es";
        auto pack = CityPack::load(QStringLiteral(CIVICDESK_DEMO_CITY_DIR));
        QVERIFY(pack.ok());
        pack.value().history.clear();
        QVERIFY(CityImporter(m_live.db()).import(pack.value()).ok());
        m_serverStore = std::make_unique<test::ServerStore>();
        if (m_serverStore->url().isEmpty())
            QFAIL(qPrintable(u"no store: " + m_serverStore->error()));
        m_server =
            std::make_unique<ServerProcess>(QStringLiteral(CIVICDESK_SERVER), m_serverStore->url());
        // A city in the central store: a shared scenario is checked against its catalogue.
        QString imported;
        QVERIFY2(test::importMiniCity(*m_server, &imported), qPrintable(imported));
        QVERIFY(m_server->addUser(QStringLiteral("tina"), QStringLiteral("trainer")));
        QVERIFY(m_server->addUser(QStringLiteral("ana"), QStringLiteral("call_taker")));
        QVERIFY(m_server->start());
        m_trainerToken = m_server->login(QStringLiteral("tina"));
        m_traineeToken = m_server->login(QStringLiteral("ana"));
        QVERIFY(!m_trainerToken.isEmpty() && !m_traineeToken.isEmpty());

        m_trainerSettings =
            std::make_unique<Settings>(m_settingsDir.filePath(QStringLiteral("tina.ini")));
        m_traineeSettings =
            std::make_unique<Settings>(m_settingsDir.filePath(QStringLiteral("ana.ini")));
        m_trainerStore =
            std::make_unique<StoreContext>(m_live.db(), QStringLiteral("tina"), AgentRole::Trainer);
        m_traineeStore = std::make_unique<StoreContext>(m_live.db(), QStringLiteral("ana"),
                                                        AgentRole::CallTaker);
        m_trainerWindow = test::openMainWindow(*m_trainerStore, *m_trainerSettings);
        m_traineeWindow = test::openMainWindow(*m_traineeStore, *m_traineeSettings);
        QVERIFY(m_trainerWindow && m_traineeWindow);
        m_trainer = practiceFor(*m_trainerWindow, *m_trainerSettings, QStringLiteral("tina"),
                                AgentRole::Trainer, m_trainerToken);
        m_trainee = practiceFor(*m_traineeWindow, *m_traineeSettings, QStringLiteral("ana"),
                                AgentRole::CallTaker, m_traineeToken);
        QVERIFY(m_trainer->scenarios().problems.isEmpty());
    }

    // A call taker is told that trainers open live calls; nothing is asked of the server.
    void callTakerCannotOpenACall()
    {
        QVERIFY(activate(m_traineeWindow.get()));
        m_trainee->setJoinCodeAsker([] { return QString(); }); // no message boxes
        QSignalSpy refused(m_trainee.get(), &PracticeMode::liveRefused);
        test::Journey j;
        QVERIFY(j.press(Qt::Key_C, Qt::ControlModifier | Qt::AltModifier));
        QCOMPARE(refused.size(), 1);
        const QString refusal =
            translated("civicdesk::PracticeMode",
                       "Live practice calls are opened by trainers and admins; this "
                       "workstation works as %1. To take a live call from a trainer, "
                       "choose Practice ▸ Join a trainer's live call (Ctrl+Alt+J).");
        QVERIFY(
            refused.first().first().toString().startsWith(refusal.left(refusal.indexOf(u"%1"))));
        QVERIFY(!m_trainee->trainerChannel());
        QVERIFY(m_network.urls.isEmpty());
    }

    void trainerPlaysTheCallerLive()
    {
        // ---- The trainer opens the call: Ctrl+Alt+C, the pothole scenario, Enter.
        QVERIFY(activate(m_trainerWindow.get()));
        const QList<Scenario> &all = m_trainer->scenarios().scenarios;
        const QString scenarioId =
            m_spanish ? QStringLiteral("pothole-es") : QStringLiteral("pothole-en");
        const auto it = std::find_if(all.cbegin(), all.cend(),
                                     [&](const Scenario &s) { return s.id == scenarioId; });
        QVERIFY(it != all.cend());
        const int downs = int(it - all.cbegin());
        QSignalSpy opened(m_trainer.get(), &PracticeMode::liveOpened);
        bool picked = false;
        QTimer::singleShot(0, this, [&] {
            ScenarioPickerDialog *picker = nullptr;
            if (!QTest::qWaitFor(
                    [&] {
                        picker =
                            qobject_cast<ScenarioPickerDialog *>(QApplication::activeModalWidget());
                        return picker != nullptr;
                    },
                    5000))
                return;
            if (!QTest::qWaitFor(
                    [&] {
                        return QApplication::focusWidget() &&
                               QApplication::focusWidget()->window() == picker;
                    },
                    5000)) {
                picker->reject();
                return;
            }
            for (int i = 0; i < downs; ++i)
                QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
            picked = picker->chosen() == downs;
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
            if (picker->isVisible())
                picker->reject();
        });
        test::Journey trainerKeys;
        QVERIFY(trainerKeys.press(Qt::Key_C, Qt::ControlModifier | Qt::AltModifier));
        QVERIFY(picked);
        QTRY_COMPARE(opened.size(), 1);
        const QString code = opened.first().first().toString();
        QCOMPARE(code.size(), 6);
        LiveTrainerWindow *trainerWindow = m_trainer->liveTrainerWindow();
        QVERIFY(trainerWindow);
        trainerWindow->resize(1366, 768);
        QVERIFY(QTest::qWaitForWindowExposed(trainerWindow));
        QVERIFY(activate(trainerWindow));
        QVERIFY(trainerWindow->codeLabel()->text().contains(code));
        QCOMPARE(trainerKeys.focusName(), QStringLiteral("callerLineEdit"));
        // Every control is named for a screen reader; no Alt+letter is claimed twice.
        for (QWidget *w : trainerWindow->findChildren<QWidget *>()) {
            if (w->focusPolicy() != Qt::NoFocus && w->isVisible())
                QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
        }
        QVERIFY2(test::mnemonicClashes(trainerWindow).isEmpty(),
                 qPrintable(test::mnemonicClashes(trainerWindow).join(u'\n')));

        // ---- The trainee joins with the code: the practice run starts, the trainer calls.
        QVERIFY(activate(m_traineeWindow.get()));
        m_trainee->setJoinCodeAsker([code] { return code; });
        QSignalSpy joined(m_trainee.get(), &PracticeMode::liveJoined);
        test::Journey j;
        QVERIFY(j.press(Qt::Key_J, Qt::ControlModifier | Qt::AltModifier));
        QTRY_COMPARE(joined.size(), 1);
        QCOMPARE(joined.first().first().toString(), scenarioId);
        MainWindow *practice = m_trainee->practiceWindow();
        QVERIFY(practice);
        QVERIFY(!m_practiceHadSync);
        practice->resize(1366, 768);
        QVERIFY(QTest::qWaitForWindowExposed(practice));
        QVERIFY(activate(practice));
        CallerPanel *caller = m_trainee->callerPanel();
        QVERIFY(caller->isLive());
        QVERIFY(practice->windowTitle().contains(u"tina"));
        const QString joinedLine =
            translated("civicdesk::LiveTrainerWindow", "%1 joined; say the caller's opening line.")
                .arg(u"ana");
        QTRY_VERIFY(itemTexts(trainerWindow->transcript()).join(u'\n').contains(joinedLine));

        // ---- The trainer says the opening line (ready in the line: Enter says it).
        QVERIFY(activate(trainerWindow));
        QCOMPARE(trainerKeys.focusName(), QStringLiteral("callerLineEdit"));
        QVERIFY(trainerKeys.press(Qt::Key_Return));
        QTRY_COMPARE(caller->transcript().last(), it->opening);
        // Typed key by key: QTest types ASCII only, so the Spanish is written without accents.
        const QString where = m_spanish
                                  ? QStringLiteral("Esta delante del 40 de Centre Street, 02124.")
                                  : QStringLiteral("It's outside 40 Centre Street, 02124.");
        QVERIFY(trainerKeys.type("callerLineEdit", where));
        QVERIFY(trainerKeys.press(Qt::Key_Return));
        QTRY_COMPARE(caller->transcript().last(), where);

        // ---- The trainee takes the call: a contact, the type, a question by key and in words.
        QVERIFY(activate(practice));
#ifdef CIVICDESK_WITH_CTI
        // The practice phone rings with the scenario's caller, as for a scripted run.
        QTRY_COMPARE(j.focusName(), QStringLiteral("answerCallButton"));
        QVERIFY(j.press(Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier));
#else
        practice->intakePanel()->setFocus();
        QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
#endif
        QTRY_VERIFY(!practice->intakePanel()->contactId().isEmpty());
        QVERIFY(j.press(Qt::Key_F6)); // what happened? — to the trainer
        const QString asks =
            translated("civicdesk::LiveTrainerWindow", "%1 asks").arg(u"ana") + u": ";
        QTRY_VERIFY(itemTexts(trainerWindow->transcript())
                        .join(u'\n')
                        .contains(asks + translated("civicdesk::CallerPanel", "What happened?")));
        QVERIFY(j.press(Qt::Key_1, Qt::ControlModifier));
        QVERIFY(j.type("typeSearchLineEdit", QStringLiteral("pothole")));
        QVERIFY(j.press(Qt::Key_Return));
        const QString type = practice->intakePanel()->currentTypeCode();
        QVERIFY(!type.isEmpty());
        QVERIFY(j.press(Qt::Key_F4));
        QCOMPARE(j.focusName(), QStringLiteral("liveQuestionLineEdit"));
        const QString question = m_spanish ? QStringLiteral("Esta en el carril de circulacion?")
                                           : QStringLiteral("Is it in the travel lane?");
        QVERIFY(j.type("liveQuestionLineEdit", question));
        QVERIFY(j.press(Qt::Key_Return));
        QCOMPARE(caller->transcript().last(), question);
        QTRY_VERIFY(itemTexts(trainerWindow->transcript()).join(u'\n').contains(asks + question));

        // ---- The trainer sees the intake filling in, read only.
        QTRY_VERIFY(trainerWindow->lastIntake().value(u"type").toString().contains(type));
        QVERIFY(trainerWindow->intakeView()->isReadOnly());
        QVERIFY(trainerWindow->intakeView()->toPlainText().contains(type));
        QVERIFY(trainerWindow->intakeView()->toPlainText().contains(
            translated("IntakeMirror", "Contact: %1 (%2 s)")
                .arg(translated("IntakeMirror", "running"), QString())
                .section(u'(', 0, 0)));

        // For the README (CIVICDESK_SHOTS=folder): both sides as they are now.
        if (const QString shots = qEnvironmentVariable("CIVICDESK_SHOTS"); !shots.isEmpty()) {
            QVERIFY(trainerWindow->grab().save(shots + QStringLiteral("/live-trainer.png")));
            QVERIFY(practice->grab().save(shots + QStringLiteral("/live-trainee.png")));
        }

        // ---- The trainer ends the call (Ctrl+E): the trainee is told, the window goes.
        QVERIFY(activate(trainerWindow));
        QVERIFY(trainerKeys.press(Qt::Key_E, Qt::ControlModifier));
        QTRY_VERIFY(!m_trainer->liveTrainerWindow());
        QTRY_COMPARE(caller->transcript().last(),
                     translated("civicdesk::PracticeMode",
                                "The live call has ended; score it (Ctrl+Alt+S) or leave "
                                "practice (Ctrl+Alt+X)."));

        // Nothing but the practice channel was asked of the server.
        QVERIFY(m_network.urls.size() >= 8);
        for (const QUrl &url : std::as_const(m_network.urls))
            QVERIFY2(url.path().startsWith(u"/api/v1/practice/"), qPrintable(url.toString()));

        // ---- The trainee leaves practice: back to the live desk.
        QVERIFY(activate(practice));
        QVERIFY(j.press(Qt::Key_X, Qt::ControlModifier | Qt::AltModifier));
        QTRY_VERIFY(!m_trainee->practiceWindow());
        QVERIFY(!m_trainee->traineeChannel());
        qInfo("live practice call: trainer %d keys, trainee %d keys beyond typed text",
              trainerKeys.keys, j.keys);
    }

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
#ifdef CIVICDESK_WITH_CTI
        QTRY_COMPARE(j.focusName(), QStringLiteral("answerCallButton"));
        QVERIFY(j.press(Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier));
#else
        practice->intakePanel()->setFocus();
        QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
#endif
        QTRY_VERIFY(!practice->intakePanel()->contactId().isEmpty());
        QVERIFY(j.press(Qt::Key_F5)); // where? — the scripted caller answers
        // Ended at once (Ctrl+E, Finish contact): scored, kept, and sent to the central store.
        QSignalSpy shared(m_trainee.get(), &PracticeMode::runsShared);
        QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
        QVERIFY(j.tabTo("outcomeComboBox"));
        QVERIFY(j.press(Qt::Key_Down)); // an outcome: a contact ends with one
        QVERIFY(j.tabTo("finishContactButton"));
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_VERIFY2_WITH_TIMEOUT(
            !shared.isEmpty(),
            qPrintable(QStringLiteral("result %1, runs %2, contact %3, focus %4")
                           .arg(m_trainee->lastResult().has_value())
                           .arg(m_traineeRecord->runs().size())
                           .arg(practice->intakePanel()->contactId())
                           .arg(j.focusName())),
            20000);
        QCOMPARE(shared.first().at(0).toInt(), 1);
        QVERIFY2(shared.first().at(1).toString().isEmpty(),
                 qPrintable(shared.first().at(1).toString()));
        QVERIFY(m_traineeRecord->unsent(QStringLiteral("ana")).isEmpty());
        QVERIFY(j.press(Qt::Key_X, Qt::ControlModifier | Qt::AltModifier));
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

    void cleanupTestCase()
    {
        m_trainee.reset();
        m_trainer.reset();
        m_traineeRecord.reset();
        m_trainerRecord.reset();
        m_traineeWindow.reset();
        m_trainerWindow.reset();
        if (m_server)
            m_server->terminate();
    }
};

QTEST_MAIN(TestLivePracticeJourney)
#include "tst_livepracticejourney.moc"
