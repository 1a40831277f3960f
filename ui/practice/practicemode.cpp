#include "ui/practice/practicemode.h"

#include "models/practice/practicechannel.h"
#include "models/practice/scenarios/scenarioreference.h"
#include "models/practice/trainingrecord.h"
#include "models/workstation/storecontext.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/intake/intakepanel.h"
#include "ui/practice/callerpanel.h"
#include "ui/practice/callervoice.h"
#include "ui/practice/livetrainerwindow.h"
#include "ui/practice/practiceresultdialog.h"
#include "ui/practice/scenarioeditordialog.h"
#include "ui/practice/scenariopickerdialog.h"
#include "ui/practice/traineereportdialog.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>
#include <QUuid>
#include <utility>

#ifdef CIVICDESK_WITH_CTI
#include "models/cti/practicephone.h"
#include "ui/cti/callcontroller.h"
#endif

namespace civicdesk {

namespace {
// The practice tint: no screenshot of a practice run can pass for live work.
const QString PracticeStyle = QStringLiteral(
    "QMainWindow#practiceWindow { background: #f3d9b1; }"
    "QMainWindow#practiceWindow QDockWidget::title { background: #e0a050; }"
    "QMainWindow#practiceWindow QStatusBar { background: #e0a050; }"
    "QLabel#practiceBannerLabel { background: #b34700; color: white; font-weight: bold; "
    "padding: 4px 8px; }");
} // namespace

PracticeMode::PracticeMode(MainWindow &live, Settings &settings, QString scenarioDirectory,
                           PracticeGraphs graphs, QObject *parent)
    : QObject(parent), m_live(live), m_settings(settings),
      m_directory(std::move(scenarioDirectory)), m_graphs(std::move(graphs))
{
}

PracticeMode::~PracticeMode()
{
    tearDown();
    delete std::exchange(m_trainerWindow, nullptr);
    if (m_trainerChannel)
        m_trainerChannel.release()->finish();
}

CallerVoice *PracticeMode::voice()
{
    if (!m_voice)
        m_voice = new CallerVoice(m_speechEngine, this);
    return m_voice;
}

const ScenarioSet &PracticeMode::scenarios()
{
    if (!m_set) {
        // Checked against the live catalogue, knowledge base and referrals.
        const auto reference = m_graphs.reference();
        m_set = ScenarioLibrary(m_directory, m_trainerFolder).load(reference->loader());
        if (m_set->scenarios.isEmpty() && m_set->problems.isEmpty())
            m_set->problems.append(
                {m_directory, QString(), QString(), tr("holds no practice scenarios (*.json)")});
    }
    return *m_set;
}

void PracticeMode::choose()
{
    if (m_window) {
        m_window->raise();
        m_window->activateWindow();
        return;
    }
    refreshShared([this] { pickAndStart(); });
}

void PracticeMode::pickAndStart()
{
    ScenarioPickerDialog picker(scenarios(), &m_live);
    if (picker.exec() != QDialog::Accepted || picker.chosen() < 0)
        return;
    QString error;
    if (!start(scenarios().scenarios.at(picker.chosen()).id, &error))
        QMessageBox::warning(&m_live, tr("Practice"), error);
}

bool PracticeMode::start(const QString &scenarioId, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QList<Scenario> &all = scenarios().scenarios;
    const auto it = std::find_if(all.cbegin(), all.cend(),
                                 [&](const Scenario &s) { return s.id == scenarioId; });
    if (it == all.cend())
        return fail(tr("There is no practice scenario \"%1\".").arg(scenarioId));
    tearDown();
    m_scenario = *it;
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid())
        return fail(tr("No folder for the practice store: %1").arg(m_dir->errorString()));
    auto created = m_graphs.workspace(m_dir->filePath(QStringLiteral("practice.sqlite")));
    if (!created)
        return fail(tr("The practice store could not be made: %1").arg(created.error().message));
    m_store = std::move(created.value());
    // Practice takes calls as a call taker whoever signs in (a trainer demonstrating too);
    // every event carries the practice mark the central store refuses.
    m_store->events.setRole(AgentRole::CallTaker);
    m_store->events.setPracticeMark(true);
    auto seeded = m_graphs.seed(*m_store, m_scenario);
    if (!seeded) {
        tearDown();
        return fail(
            tr("The scenario's requests could not be made: %1").arg(seeded.error().message));
    }
    m_seedNumbers = seeded.value();
    m_window = new MainWindow(*m_store, m_settings);
    m_window->setPractice(true);
    decorate(m_scenario);
    // The live window stays as it was, out of the way.
    if (QWidget *focus = QApplication::focusWidget(); focus && focus->window() == &m_live)
        m_liveFocus = focus;
    const QRect where = m_live.geometry();
    m_live.hide();
    m_window->setGeometry(where);
    m_window->show();
    m_window->activateWindow();
    m_window->intakePanel()->setFocus(Qt::OtherFocusReason);
#ifdef CIVICDESK_WITH_CTI
    // A phone call rings the practice phone, popped like a live call: the scenario's number
    // (withheld for an anonymous caller) looked up in the practice store, its language, Answer
    // (Ctrl+Shift+P) starts the contact. The phone has no link: nothing reaches a real one.
    if (m_scenario.channel == Channel::Phone) {
        const NumberingPlan plan = NumberingPlan::northAmerica(m_settings.telephonyAreaCode());
        m_phone = new PracticePhone(plan, m_window);
        new CallController(*m_phone, *m_window->intakePanel(), m_store->intake, plan, *m_window);
        // Answered, the contact has started (CallController's connection comes first): it is the
        // run's.
        connect(m_phone, &TelephonyAdapter::answered, this, [this] {
            if (m_window && !m_window->intakePanel()->contactId().isEmpty())
                m_contact = m_window->intakePanel()->contactId();
        });
        m_phone->ring(
            QStringLiteral("practice-") + QUuid::createUuid().toString(QUuid::WithoutBraces),
            m_scenario.caller.anonymous ? QStringLiteral("anonymous") : m_scenario.caller.phone,
            m_scenario.caller.language);
    }
#endif
    emit started(m_scenario.id);
    return true;
}

void PracticeMode::decorate(const Scenario &scenario)
{
    MainWindow &w = *m_window;
    w.setObjectName(QStringLiteral("practiceWindow"));
    w.setStyleSheet(PracticeStyle);
    w.setWindowTitle(tr("PRACTICE — %1").arg(scenario.title));
    auto *banner = new QToolBar(tr("Practice"), &w);
    banner->setObjectName(QStringLiteral("practiceBanner"));
    banner->setMovable(false);
    banner->setFloatable(false);
    auto *label = new QLabel(
        tr("PRACTICE — nothing here reaches residents · %1").arg(scenario.title.toHtmlEscaped()),
        banner);
    label->setObjectName(QStringLiteral("practiceBannerLabel"));
    banner->addWidget(label);
    w.addToolBar(Qt::TopToolBarArea, banner);

    m_caller = new CallerPanel(
        scenario, m_seedNumbers,
        [this] { return m_window ? m_window->intakePanel()->lastNumber() : QString(); }, &w);
    connect(m_caller, &CallerPanel::numberReadBack, &w, [this](const QString &number) {
        m_window->intakePanel()->recordReadBack(number, QString());
    });
    // Once the run has started: a live call first sets the script aside (its opening is not
    // said), a scripted run's opening is said now when the voice is on.
    QMetaObject::invokeMethod(
        m_caller, [caller = m_caller, voice = voice()] { caller->setVoice(voice); },
        Qt::QueuedConnection);
    auto *dock = new QDockWidget(tr("Caller (practice)"), &w);
    dock->setObjectName(QStringLiteral("callerDock"));
    dock->setWidget(m_caller);
    dock->setFeatures(QDockWidget::DockWidgetMovable);
    w.addDockWidget(Qt::LeftDockWidgetArea, dock);
    // Under the intake, small: the transcript's last lines and the keys.
    for (QDockWidget *other : w.findChildren<QDockWidget *>()) {
        if (other->objectName() == u"intakeDock") {
            w.splitDockWidget(other, dock, Qt::Vertical);
            w.resizeDocks({other, dock}, {5, 2}, Qt::Vertical);
        }
    }

    QMenu *menu = w.menuBar()->addMenu(tr("P&ractice run"));
    QAction *score = menu->addAction(tr("&Score this call"), this, &PracticeMode::showResult);
    score->setObjectName(QStringLiteral("scorePracticeAction"));
    score->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
    QAction *leave = menu->addAction(tr("&Leave practice"), this, &PracticeMode::leave);
    leave->setObjectName(QStringLiteral("leavePracticeAction"));
    // Not Ctrl+Alt+L: that goes to the lobby counter in every main window.
    leave->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_X));
    QAction *speak = menu->addAction(tr("Caller's &voice (speak the caller's lines)"));
    speak->setObjectName(QStringLiteral("speakCallerAction"));
    speak->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_V));
    speak->setCheckable(true);
    speak->setChecked(voice()->isOn());
    connect(speak, &QAction::triggered, this, [this, speak](bool on) {
        // Could not be turned on: stays off, and the transcript says why.
        speak->setChecked(voice()->setOn(on) && on);
        if (m_caller)
            m_caller->voiceSwitched();
    });
    // Joining a trainer's live call from a practice window leaves this run for it.
    connect(&w, &MainWindow::liveJoinRequested, this, &PracticeMode::chooseJoinLive);
    connect(&w, &MainWindow::liveTrainerRequested, this, &PracticeMode::chooseLiveTrainer);

    // The contact the trainee runs; when it ends, the run is scored.
    IntakePanel *intake = w.intakePanel();
    connect(intake, &IntakePanel::contactReset, this, [this, intake] {
        if (!intake->contactId().isEmpty()) {
            m_contact = intake->contactId();
            return;
        }
        if (m_contact.isEmpty() && m_store) {
            // A contact taken on the ringing practice phone with Ctrl+N starts without a
            // reset of its own; the practice store holds this run's contacts only.
            const QList<HistoryEntry> mine = m_store->history.history.forAgent(m_store->agent, 5);
            for (const HistoryEntry &e : mine) {
                if (e.kind == HistoryEntry::Kind::Contact) {
                    m_contact = e.contact.id;
                    break;
                }
            }
        }
        if (!m_contact.isEmpty()) {
            m_contactEnded = true;
            QMetaObject::invokeMethod(this, &PracticeMode::showResult, Qt::QueuedConnection);
        }
    });
}

QList<IntakeStep> PracticeMode::steps() const
{
    if (!m_store || m_contact.isEmpty())
        return {};
    return intakeStepsFromEvents(m_store->events.eventsFor(QStringLiteral("contact"), m_contact));
}

void PracticeMode::showResult()
{
    if (!m_store)
        return;
    const ArticleRepository &articles = m_store->articles;
    const PracticeScorer scorer(
        [&articles](const QString &id) {
            const auto article = articles.byId(id);
            return article && !article->translationGroup.isEmpty() ? article->translationGroup : id;
        },
        m_seedNumbers);
    const QList<IntakeStep> recorded = steps();
    const PracticeResult result = scorer.score(m_scenario, recorded);
    m_lastResult = result;
    if (m_contactEnded && m_record) {
        // Kept in the training record, never in the live store.
        const PracticeRun run =
            practiceRun(m_agent, m_scenario, result, QDateTime::currentDateTimeUtc());
        // Sent to the central store when the trainee leaves practice: nothing goes out during
        // a practice run.
        if (auto s = m_record->add(run); !s)
            QMessageBox::warning(m_window ? static_cast<QWidget *>(m_window) : &m_live,
                                 tr("Practice"),
                                 tr("The run was scored but not kept: %1").arg(s.error().message));
    }
    m_contactEnded = false;
    emit scored(result);
    if (m_resultHandler) {
        m_resultHandler(result);
        return;
    }
    PracticeResultDialog dialog(m_scenario, result, recorded, m_window);
    const int choice = dialog.exec();
    if (choice == PracticeResultDialog::TryAgain)
        start(m_scenario.id);
    else if (choice == PracticeResultDialog::Leave)
        leave();
}

void PracticeMode::setTrainingRecord(TrainingRecord *record, const QString &agent, AgentRole role)
{
    m_record = record;
    m_agent = agent;
    m_role = role;
}

void PracticeMode::showTraineeReport()
{
    if (!m_record) {
        QMessageBox::information(&m_live, tr("Trainee report"),
                                 tr("This workstation keeps no training record."));
        return;
    }
    refreshShared([this] { sendRuns([this] { openTraineeReport(); }); });
}

void PracticeMode::openTraineeReport()
{
    const QTimeZone &zone = m_graphs.cityZone;
    TraineeReportDialog dialog(*m_record, scenarios().scenarios, m_agent, m_role,
                               zone.isValid() ? zone : QTimeZone::systemTimeZone(),
                               m_window ? static_cast<QWidget *>(m_window) : &m_live);
    dialog.exec();
}

void PracticeMode::setAuthoring(const QString &trainerFolder, AgentRole role)
{
    m_trainerFolder = trainerFolder;
    m_authorRole = role;
    m_set.reset();
}

void PracticeMode::authorScenario()
{
    QWidget *parent = m_window ? static_cast<QWidget *>(m_window) : &m_live;
    if (!mayAuthorScenarios(m_authorRole)) {
        const QString reason = tr("Practice scenarios are written by trainers and admins; this "
                                  "workstation works as %1. Ask a trainer for a new scenario, or "
                                  "practise with the ones listed (Ctrl+Alt+P).")
                                   .arg(agentRoleName(m_authorRole));
        emit authoringRefused(reason);
        QMessageBox::information(parent, tr("Practice scenarios"), reason);
        return;
    }
    refreshShared([this] { openScenarioEditor(); });
}

void PracticeMode::openScenarioEditor()
{
    QWidget *parent = m_window ? static_cast<QWidget *>(m_window) : &m_live;
    // Checked against the live catalogue, knowledge base and referrals, as every file is.
    const auto reference = m_graphs.reference();
    const ScenarioLibrary library(m_directory, m_trainerFolder);
    const ScenarioSet set = scenarios();
    ScenarioEditorDialog editor(set, library, reference->loader(), reference->catalogue(),
                                reference->referrals(), m_authorRole, parent);
    shareThrough(editor);
    if (editor.exec() != QDialog::Accepted)
        return;
    m_set.reset(); // listed in the picker from now on (or no longer, once deleted)
    if (!editor.deletedId().isEmpty()) {
        m_live.statusBar()->showMessage(
            tr("Practice scenario \"%1\" deleted; it is no longer in the practice list.")
                .arg(editor.deletedId()),
            15000);
        return;
    }
    m_live.statusBar()->showMessage(
        tr("Practice scenario \"%1\" saved in %2; it is in the practice list.")
            .arg(editor.savedId(), editor.savedPath()),
        15000);
}

void PracticeMode::leave()
{
    tearDown();
    m_live.show();
    m_live.raise();
    m_live.activateWindow();
    if (m_liveFocus)
        m_liveFocus->setFocus(Qt::OtherFocusReason);
    emit left();
    sendRuns(); // the runs of this practice, to the trainer's report
}

void PracticeMode::tearDown()
{
    // The practice window is dropped as it is (no question about unfinished work: nothing of
    // it is kept), then its workspace, then its database and folder.
    if (m_window) {
        m_window->hide();
        delete std::exchange(m_window, nullptr);
    }
    m_caller = nullptr;
    m_phone = nullptr;
    m_mirrorTimer = nullptr; // a child of the window
    // Leaving the run leaves its live call (the trainer's screen says so).
    if (m_traineeChannel)
        m_traineeChannel.release()->finish();
    m_store.reset(); // the graph, then its database
    m_dir.reset();
    m_contact.clear();
    m_seedNumbers.clear();
}

} // namespace civicdesk
