#pragma once

// Two desks of one city on one machine — a trainer's and a trainee's, each a real main window at
// 1366x768 with its practice mode — signed in to a real civicdesk-server (its store on SQLite or
// PostgreSQL, the fixture city imported): the live practice channel and practice shared through
// the central store, with every request the desks make recorded. For tst_livepracticejourney
// and tst_sharedpracticejourney. With CIVICDESK_TEST_LANGUAGE=es both desks run in Spanish.

#include "app/workstation/workspace.h"
#include "models/practice/practicechannel.h"
#include "models/practice/practiceshare.h"
#include "models/practice/trainingrecord.h"
#include "models/workstation/storecontext.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/packimport.h"
#include "tests/support/recordingnetwork.h"
#include "tests/support/serverprocess.h"
#include "tests/support/teststore.h"
#include "translations/translator.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
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

namespace civicdesk::test {

// The text `source` of translation context `context` in the language loaded.
inline QString translated(const char *context, const char *source)
{
    return QCoreApplication::translate(context, source);
}

inline QStringList itemTexts(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out.append(list->item(i)->text());
    return out;
}

class PracticeDesks : public QObject
{
protected:
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
            window, settings, QStringLiteral(CIVICDESK_DEMO_CITY_DIR "/practice"),
            practiceGraphs(
                m_live.db(), [agent] { return agent; },
                [this](Workspace &graph) { m_practiceHadSync |= graph.syncEngine() != nullptr; }));
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

    // The trainee takes the practice call: the practice phone rings with the scenario's caller,
    // as for a scripted run, and Ctrl+Shift+P answers (Ctrl+N without telephony); a contact runs.
    void takeTheCall(MainWindow &practice, test::Journey &j)
    {
#ifdef CIVICDESK_WITH_CTI
        QTRY_COMPARE(j.focusName(), QStringLiteral("answerCallButton"));
        QVERIFY(j.press(Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier));
#else
        practice.intakePanel()->setFocus();
        QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
#endif
        QTRY_VERIFY(!practice.intakePanel()->contactId().isEmpty());
    }

    // The server, the city, the users and both desks (from initTestCase; check
    // QTest::currentTestFailed() after).
    void setUpDesks()
    {
        const QString language = qEnvironmentVariable("CIVICDESK_TEST_LANGUAGE");
        if (!language.isEmpty())
            QCOMPARE(installTranslations(*QCoreApplication::instance(), language), language);
        m_spanish = language == u"es";
        QVERIFY(test::importPackWithoutHistory(m_live.db(), QStringLiteral(CIVICDESK_DEMO_CITY_DIR))
                    .ok());
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

    void tearDownDesks()
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

} // namespace civicdesk::test
