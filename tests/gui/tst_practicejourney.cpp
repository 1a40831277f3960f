// Practice mode by keyboard in the real windows at 1366x768: every key to
// QApplication::focusWidget(). Four bundled Boston scenarios are run to a pass (a confidential type
// taken anonymously, an emergency transferred to 911, a place outside the city referred, a status
// call with a misheard number) and one to a critical failure (the caller's phone taken on the
// confidential type). Isolation: the practice workspace is the composition root's Workspace with no
// sync client (no sync engine); a network manager that counts every request sits under the live
// workspace's sync client and sees none; the live store's files are the same byte for byte after
// practice, and the live draft is untouched.

#include "app/workstation/workspace.h"
#include "models/intake/intakerepository.h"
#include "models/practice/trainingrecord.h"
#include "models/sync/syncclient.h"
#include "models/workstation/storecontext.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/packimport.h"
#include "tests/support/teststore.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/intake/intakepanel.h"
#include "ui/lobby/counterpanel.h"
#include "ui/practice/callerpanel.h"
#include "ui/practice/callervoice.h"
#include "ui/practice/practicemode.h"
#include "ui/practice/scenarioeditordialog.h"
#include "ui/practice/scenariopickerdialog.h"
#include "ui/practice/traineereportdialog.h"
#include "ui/practice/traineereportpdf.h"

#ifdef CIVICDESK_WITH_CTI
#include "models/cti/practicephone.h"
#include "models/cti/telephonyadapter.h"
#endif

#ifdef CIVICDESK_TEST_SPEECH
#include "tests/support/recordingspeech.h"

#include <QtPlugin>
Q_IMPORT_PLUGIN(RecordingSpeechPlugin)
#endif

#include <QAbstractSocket>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

namespace {

// Any request made through it is a failure of the test.
class FailingNetwork : public QNetworkAccessManager
{
public:
    QStringList requests;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *data) override
    {
        requests.append(request.url().toString());
        return QNetworkAccessManager::createRequest(op, QNetworkRequest(QUrl()), data);
    }
};

// The modal dialog of type T that comes up, with the focus in it; null (and the dialog
// rejected, so the test fails instead of hanging) when it does not within 5 s.
template <typename T> T *modalWithFocus()
{
    T *dialog = nullptr;
    if (!QTest::qWaitFor(
            [&] {
                dialog = qobject_cast<T *>(QApplication::activeModalWidget());
                return dialog != nullptr;
            },
            5000))
        return nullptr;
    dialog->activateWindow();
    if (!QTest::qWaitFor(
            [&] {
                return QApplication::focusWidget() &&
                       QApplication::focusWidget()->window() == dialog;
            },
            5000)) {
        dialog->reject();
        return nullptr;
    }
    return dialog;
}

} // namespace

class TestPracticeJourney : public QObject
{
    Q_OBJECT

    test::TempStore m_live;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<Settings> m_settings;
    FailingNetwork m_network;
    // The live desk's phone: a call-event bridge on loopback that records every byte the live
    // adapter sends (a practice run must send it nothing).
    QTcpServer m_livePhone;
    QPointer<QTcpSocket> m_livePhoneLink;
    QByteArray m_livePhoneHeard;
    std::unique_ptr<SyncClient> m_client;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<PracticeMode> m_practice;
    std::unique_ptr<TrainingRecord> m_record;
    std::optional<PracticeResult> m_result;
    int m_practiceGraphs = 0;
    bool m_practiceHadSync = false;

    // Ctrl+Alt+P in the live window, the scenario picked with Down and Enter in the picker.
    void startScenario(test::Journey &j, const QString &id)
    {
        const QList<Scenario> &all = m_practice->scenarios().scenarios;
        const auto it =
            std::find_if(all.cbegin(), all.cend(), [&](const Scenario &s) { return s.id == id; });
        QVERIFY2(it != all.cend(), qPrintable(id));
        const int downs = int(it - all.cbegin());
        bool picked = false;
        QTimer::singleShot(0, this, [&] {
            auto *picker = modalWithFocus<ScenarioPickerDialog>();
            if (!picker)
                return;
            for (int i = 0; i < downs; ++i)
                QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
            picked = picker->chosen() == downs;
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
            if (picker->isVisible())
                picker->reject();
        });
        m_result.reset();
        QElapsedTimer clock;
        clock.start();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_P,
                        Qt::ControlModifier | Qt::AltModifier);
        // A figure, not a test: the practice store copied from Boston's reference data.
        qInfo("practice workspace for %s ready in %lld ms", qPrintable(id), clock.elapsed());
        QVERIFY(picked);
        QVERIFY(m_practice->practiceWindow());
        MainWindow *w = m_practice->practiceWindow();
        w->resize(1366, 768);
        QVERIFY(QTest::qWaitForWindowExposed(w));
        w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(w));
        QVERIFY(!m_window->isVisible());
        QCOMPARE(w->objectName(), QStringLiteral("practiceWindow"));
        QVERIFY(w->windowTitle().startsWith(u"PRACTICE"));
        // Its lobby counter prints TRAINING on every receipt and handout; the live one does not.
        QVERIFY(w->counterPanel() && w->counterPanel()->isTraining());
        QVERIFY(!m_window->counterPanel()->isTraining());
        // Its "Practice run" menu keeps its Alt letter: no control of the window shares it.
        const QStringList clashes = test::mnemonicClashes(w);
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u'\n')));
#ifdef CIVICDESK_WITH_CTI
        // The practice phone rings with the scenario's caller (issue 19 item 5): the pop of a
        // live call — the number in the phone field, withheld said plainly — answered with
        // the live key. It has no link: no socket anywhere in the practice window.
        QVERIFY(m_practice->phone());
        QVERIFY(m_practice->phone()->endpoint().isNone());
        QVERIFY(w->findChildren<QAbstractSocket *>().isEmpty());
        QTRY_COMPARE(j.focusName(), QStringLiteral("answerCallButton"));
        const QString ringing = w->findChild<QLabel *>(QStringLiteral("callStatusLabel"))->text();
        QVERIFY2(ringing.startsWith(u"Ringing"), qPrintable(ringing));
        const QString phone =
            w->findChild<QLineEdit *>(QStringLiteral("callerPhoneLineEdit"))->text();
        QCOMPARE(phone.isEmpty(), it->caller.anonymous || it->caller.phone.isEmpty());
        QVERIFY(j.press(Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier)); // answered
        QTRY_VERIFY(!w->intakePanel()->contactId().isEmpty()); // the call starts the contact
#else
        w->intakePanel()->setFocus();
        QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier)); // no phone in this build: by hand
#endif
        QCOMPARE(j.focusName(), QStringLiteral("callerPhoneLineEdit"));
    }

    // The confidential needle report, taken anonymously to a pass with every point (the
    // number the phone popped in is the call's, not taken).
    void runNeedlesToAPass(const QString &id)
    {
        test::Journey j;
        startScenario(j, id);
        CallerPanel *caller = m_practice->callerPanel();
        QVERIFY(j.press(Qt::Key_F6)); // what happened?
        QVERIFY(caller->transcript().last().contains(u"syringes"));
        chooseType(j, "needle", "NEEDRMVL");
        QVERIFY(j.type("descriptionTextEdit", QStringLiteral("Six syringes by the fence")));
        QVERIFY(j.press(Qt::Key_F5)); // where is it?
        QVERIFY(caller->transcript().last().contains(u"1 Centre Street"));
        QVERIFY(j.press(Qt::Key_Tab));
        QVERIFY(j.type("addressLineEdit", QStringLiteral("1 centre st 02119")));
        QVERIFY(j.press(Qt::Key_Return));
        QVERIFY(j.press(Qt::Key_Return, Qt::ControlModifier)); // submit
        QTRY_VERIFY(!m_practice->practiceWindow()->intakePanel()->lastNumber().isEmpty());
        QVERIFY(j.press(Qt::Key_F9, Qt::ShiftModifier)); // the number read back
        QVERIFY(caller->transcript().last().contains(
            m_practice->practiceWindow()->intakePanel()->lastNumber()));
        finish(j);
        QVERIFY2(m_result->passed(), qPrintable(report()));
        QCOMPARE(m_result->score, 100);
        qInfo("practice, %s: %d keys beyond typed text", qPrintable(id), j.keys);
        leave(j);
    }

    void chooseType(test::Journey &j, const char *words, const char *code)
    {
        QVERIFY(j.press(Qt::Key_1, Qt::ControlModifier));
        QVERIFY(j.type("typeSearchLineEdit", QString::fromUtf8(words)));
        QVERIFY(j.press(Qt::Key_Return));
        QCOMPARE(m_practice->practiceWindow()->intakePanel()->currentTypeCode(),
                 QString::fromUtf8(code));
    }

    // Ctrl+E, Tab to "Finish contact", Enter; the run is scored when the contact ends.
    void finish(test::Journey &j, bool discardForm = false)
    {
        QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
        QVERIFY(j.tabTo("finishContactButton"));
        if (discardForm)
            QVERIFY(
                j.pressAndAnswer(Qt::Key_Return, Qt::NoModifier, Qt::Key_D, Qt::AltModifier, this));
        else
            QVERIFY(j.press(Qt::Key_Return));
        QTRY_VERIFY(m_result.has_value());
    }

    void leave(test::Journey &j)
    {
        QVERIFY(j.press(Qt::Key_X, Qt::ControlModifier | Qt::AltModifier));
        QTRY_VERIFY(!m_practice->practiceWindow());
        QVERIFY(m_window->isVisible());
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        // Back where the agent was before practice.
        QTRY_VERIFY(QApplication::focusWidget() &&
                    QApplication::focusWidget()->window() == m_window.get());
    }

    QString report() const
    {
        if (!m_result)
            return QStringLiteral("(no result)");
        QStringList lines{QStringLiteral("score %1").arg(m_result->score)};
        for (const ScoreCriterion &c : m_result->criteria)
            lines.append(QStringLiteral("%1: expected %2, done %3, %4/%5")
                             .arg(c.id, c.expected, c.done)
                             .arg(c.points)
                             .arg(c.maxPoints));
        for (const CriticalFailure &f : m_result->critical)
            lines.append(u"CRITICAL " + f.id);
        return lines.join(u'\n');
    }

private slots:
    void initTestCase()
    {
        QVERIFY(test::importPackWithoutHistory(m_live.db(), QStringLiteral(CIVICDESK_DEMO_CITY_DIR))
                    .ok());
        m_settings = std::make_unique<Settings>(m_settingsDir.filePath(QStringLiteral("d.ini")));
        // The live workstation is configured for a central store; it is never reached.
        m_client =
            std::make_unique<SyncClient>(m_network, QUrl(QStringLiteral("http://127.0.0.1:9")));
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
        QVERIFY(m_workspace
                    ->startTelephony(
                        QStringLiteral("socket:127.0.0.1:%1").arg(m_livePhone.serverPort()),
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
        m_practice->setTrainingRecord(m_record.get(), QStringLiteral("trainee"),
                                      AgentRole::CallTaker);
        connect(m_window.get(), &MainWindow::traineeReportRequested, m_practice.get(),
                &PracticeMode::showTraineeReport);
        connect(m_window.get(), &MainWindow::scenarioEditorRequested, m_practice.get(),
                &PracticeMode::authorScenario);
    }

    void confidentialTypePasses()
    {
        m_window->intakePanel()->setFocus();
        runNeedlesToAPass(QStringLiteral("needles-confidential-en"));
    }

    void emergencyPasses()
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

    void outsideTheCityPasses()
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
    void statusReadBackOfAMisheardNumberPasses()
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
        auto *result = m_practice->practiceWindow()->findChild<QLabel *>(
            QStringLiteral("readbackResultLabel"));
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
    void callerDataOnAConfidentialTypeFails()
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
    void liveWorkIsUntouched()
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

    // Practice ▸ Write a practice scenario (Ctrl+Alt+W) is for trainers and admins: a trainee
    // is told why not, and nothing is written.
    void traineesMayNotWriteScenarios()
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
    void aTrainerWritesAScenarioThenItIsRunToAPass()
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
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_W,
                        Qt::ControlModifier | Qt::AltModifier);
        QVERIFY(opened);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u"; ")));
        QVERIFY2(problems.contains(u"Scenario id (id): is a bundled scenario"),
                 qPrintable(problems));
        QCOMPARE(QDir(folder).entryList(QDir::Files),
                 QStringList{QStringLiteral("needles-trainer.json")});

        // In the practice list beside the bundled ones, as the trainers'; its lines as written.
        const ScenarioSet &set = m_practice->scenarios();
        QVERIFY(set.problems.isEmpty());
        QCOMPARE(set.scenarios.size(), before.size() + 1);
        QVERIFY(set.authored.contains(QStringLiteral("needles-trainer")));
        const Scenario &written = set.scenarios.last();
        QCOMPARE(written.title, QStringLiteral("Needles by the school gate"));
        QCOMPARE(written.opening,
                 QString(source->opening + u" They are right by the school gate."));
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

    // Ctrl+Alt+T in the live window: the trainee's own report, walked by keyboard (every stop
    // visible and named), closed with Escape; the runs of this test are in the training record
    // with their results, and the printed report says TRAINING on every page.
    void theTraineeReportByKeyboard()
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
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_T,
                        Qt::ControlModifier | Qt::AltModifier);
        QVERIFY2(!stops.isEmpty(), "the report did not open");
        QVERIFY2(!stops.join(u' ').contains(u"<"), qPrintable(stops.join(u" | ")));
        for (const char *name : {"Report parts", "Export the calls as CSV",
                                 "Save the report as PDF", "Close the report"})
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
        QCOMPARE(std::count_if(runs.cbegin(), runs.cend(),
                               [](const PracticeRun &r) { return r.passed(); }),
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

    // The trainer deletes their own scenario in the editor by keyboard, after a question that is
    // first answered No; a bundled scenario cannot be deleted (the button is off, the key does
    // nothing).
    void aTrainerDeletesTheirOwnScenarioNotABundledOne()
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
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_W,
                        Qt::ControlModifier | Qt::AltModifier);
        QVERIFY(opened);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u"; ")));
        QCOMPARE(questions.size(), 2);
        QVERIFY(questions.first().contains(u"needles-trainer"));
        QVERIFY(QDir(folder).entryList(QDir::Files).isEmpty());
        QVERIFY(m_practice->scenarios().authored.isEmpty());
        QVERIFY(m_window->statusBar()->currentMessage().contains(u"deleted"));
    }

#ifdef CIVICDESK_TEST_SPEECH
    // Practice run ▸ Caller's voice (Ctrl+Alt+V): a Spanish caller's lines are said by the
    // speech engine in Spanish as the trainee asks (the "recorder" engine keeps them instead of
    // playing them); off again, the lines are shown only. The transcript shows every line.
    void theCallerIsSpokenWhenTheVoiceIsOn()
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

    void cleanupTestCase()
    {
        QVERIFY2(m_network.requests.isEmpty(), qPrintable(m_network.requests.join(u' ')));
        m_practice.reset();
        m_window.reset();
    }
};

QTEST_MAIN(TestPracticeJourney)
#include "tst_practicejourney.moc"
