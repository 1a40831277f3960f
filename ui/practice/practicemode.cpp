#include "ui/practice/practicemode.h"

#include "models/city/cataloguerepository.h"
#include "models/intake/intakerepository.h"
#include "models/knowledge/articlerepository.h"
#include "models/practice/intakemirror.h"
#include "models/practice/practicechannel.h"
#include "models/practice/practicestore.h"
#include "models/practice/trainingrecord.h"
#include "models/requests/historyrepository.h"
#include "models/store/database.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/common/storecontext.h"
#include "ui/intake/intakepanel.h"
#include "ui/practice/callerpanel.h"
#include "ui/practice/livetrainerwindow.h"
#include "ui/practice/practiceresultdialog.h"
#include "ui/practice/scenarioeditordialog.h"
#include "ui/practice/scenariopickerdialog.h"
#include "ui/practice/traineereportdialog.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
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

PracticeMode::PracticeMode(MainWindow &live, Database &liveDatabase, Settings &settings,
                           QString scenarioDirectory, WorkspaceFactory factory, QObject *parent)
    : QObject(parent), m_live(live), m_liveDatabase(liveDatabase), m_settings(settings),
      m_directory(std::move(scenarioDirectory)), m_factory(std::move(factory))
{
}

PracticeMode::~PracticeMode()
{
    tearDown();
    delete std::exchange(m_trainerWindow, nullptr);
    if (m_trainerChannel)
        m_trainerChannel.release()->finish();
}

const ScenarioSet &PracticeMode::scenarios()
{
    if (!m_set) {
        // Checked against the live catalogue, knowledge base and referrals.
        const CatalogueRepository catalogue(m_liveDatabase);
        const ArticleRepository articles(m_liveDatabase);
        const ScenarioLoader loader(catalogue, articles,
                                    IntakeRepository(m_liveDatabase).referrals());
        m_set = ScenarioLibrary(m_directory, m_trainerFolder).load(loader);
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
    auto created =
        PracticeStore::create(m_liveDatabase, m_dir->filePath(QStringLiteral("practice.sqlite")));
    if (!created)
        return fail(tr("The practice store could not be made: %1").arg(created.error().message));
    m_database = std::move(created.value());
    m_store = m_factory(*m_database);
    // Practice takes calls as a call taker whoever signs in (a trainer demonstrating too);
    // every event carries the practice mark the central store refuses.
    m_store->events.setRole(AgentRole::CallTaker);
    m_store->events.setPracticeMark(true);
    auto seeded = PracticeStore::seed(*m_database, m_store->events, m_scenario, Clock());
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
            const QList<HistoryEntry> mine =
                HistoryRepository(*m_database).forAgent(m_store->agent, 5);
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
    const QTimeZone zone(m_liveDatabase.meta(QStringLiteral("city_timezone")).toUtf8());
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
    // Checked against the live catalogue, knowledge base and referrals, as every file is.
    const CatalogueRepository catalogue(m_liveDatabase);
    const ArticleRepository articles(m_liveDatabase);
    const QList<Referral> referrals = IntakeRepository(m_liveDatabase).referrals();
    const ScenarioLoader loader(catalogue, articles, referrals);
    const ScenarioLibrary library(m_directory, m_trainerFolder);
    const ScenarioSet set = scenarios();
    ScenarioEditorDialog editor(set, library, loader, catalogue, referrals, m_authorRole, parent);
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

void PracticeMode::refuseLive(QWidget *parent, const QString &reason)
{
    emit liveRefused(reason);
    if (!m_joinCodeAsker) // tests answer through the seam and read the signal
        QMessageBox::information(parent, tr("Live practice call"), reason);
}

void PracticeMode::chooseLiveTrainer()
{
    if (m_trainerWindow) {
        m_trainerWindow->raise();
        m_trainerWindow->activateWindow();
        return;
    }
    if (!mayLeadLivePractice(m_authorRole))
        return refuseLive(&m_live,
                          tr("Live practice calls are opened by trainers and admins; this "
                             "workstation works as %1. To take a live call from a trainer, "
                             "choose Practice ▸ Join a trainer's live call (Ctrl+Alt+J).")
                              .arg(agentRoleName(m_authorRole)));
    if (!m_channelFactory)
        return refuseLive(&m_live, tr("A live practice call goes through the central store: "
                                      "start CivicDesk with a server and sign in. Without one, "
                                      "practise with the scripted caller (Ctrl+Alt+P)."));
    ScenarioPickerDialog picker(scenarios(), &m_live);
    picker.setWindowTitle(tr("Play the caller live: choose the scenario"));
    if (picker.exec() != QDialog::Accepted || picker.chosen() < 0)
        return;
    QString error;
    if (!openLiveTrainer(scenarios().scenarios.at(picker.chosen()).id, &error))
        refuseLive(&m_live, error);
}

bool PracticeMode::openLiveTrainer(const QString &scenarioId, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!m_channelFactory)
        return fail(tr("A live practice call goes through the central store; this workstation "
                       "has none."));
    const QList<Scenario> &all = scenarios().scenarios;
    const auto it = std::find_if(all.cbegin(), all.cend(),
                                 [&](const Scenario &s) { return s.id == scenarioId; });
    if (it == all.cend())
        return fail(tr("There is no practice scenario \"%1\".").arg(scenarioId));
    if (m_trainerChannel)
        return fail(tr("A live practice call is open already; end it first (Ctrl+E)."));
    m_trainerChannel = m_channelFactory();
    const Scenario scenario = *it;
    m_trainerChannel->open(
        scenario.id, scenario.title, [this, scenario](Result<PracticeCallInfo> opened) {
            if (!opened) {
                m_trainerChannel.release()->deleteLater();
                return refuseLive(&m_live, tr("The live practice call could not be opened: %1")
                                               .arg(opened.error().message));
            }
            m_trainerWindow = new LiveTrainerWindow(*m_trainerChannel, scenario, &m_live);
            m_trainerWindow->setAttribute(Qt::WA_DeleteOnClose);
            connect(m_trainerWindow, &LiveTrainerWindow::endRequested, m_trainerWindow,
                    &QDialog::close);
            connect(m_trainerWindow, &QObject::destroyed, this, [this] {
                m_trainerWindow = nullptr;
                if (m_trainerChannel)
                    m_trainerChannel.release()->finish();
            });
            m_trainerWindow->show();
            m_trainerWindow->activateWindow();
            emit liveOpened(opened.value().code);
        });
    return true;
}

void PracticeMode::chooseJoinLive()
{
    if (!m_channelFactory)
        return refuseLive(&m_live, tr("A live practice call goes through the central store: "
                                      "start CivicDesk with a server and sign in. Without one, "
                                      "practise with the scripted caller (Ctrl+Alt+P)."));
    bool ok = false;
    const QString code =
        m_joinCodeAsker
            ? m_joinCodeAsker()
            : QInputDialog::getText(m_window ? static_cast<QWidget *>(m_window) : &m_live,
                                    tr("Join a trainer's live call"),
                                    tr("The &join code on the trainer's screen:"),
                                    QLineEdit::Normal, QString(), &ok);
    if (code.trimmed().isEmpty())
        return;
    joinLive(code);
}

void PracticeMode::joinLive(const QString &code)
{
    QWidget *parent = m_window ? static_cast<QWidget *>(m_window) : &m_live;
    if (!m_channelFactory)
        return refuseLive(parent, tr("A live practice call goes through the central store; "
                                     "this workstation has none."));
    if (m_traineeChannel)
        return refuseLive(parent, tr("You are in a live practice call already; leave it first "
                                     "(Ctrl+Alt+X)."));
    m_traineeChannel = m_channelFactory();
    m_traineeChannel->join(code, [this](Result<PracticeCallInfo> joined) {
        // start() leaves any run before (and its channel): this one is kept aside meanwhile.
        std::unique_ptr<PracticeChannel> channel = std::move(m_traineeChannel);
        QWidget *shown = m_window ? static_cast<QWidget *>(m_window) : &m_live;
        if (!joined) {
            channel.release()->deleteLater();
            return refuseLive(shown,
                              tr("Could not join the live call: %1").arg(joined.error().message));
        }
        QString error;
        if (!start(joined.value().scenario, &error)) {
            channel.release()->finish();
            return refuseLive(shown, tr("The trainer chose a scenario this workstation cannot "
                                        "run: %1")
                                         .arg(error));
        }
        m_traineeChannel = std::move(channel);
        PracticeChannel *live = m_traineeChannel.get();
        m_window->setWindowTitle(
            tr("PRACTICE — live call with %1 — %2").arg(joined.value().trainer, m_scenario.title));
        m_caller->setLiveCaller([live](const QString &question) { live->ask(question); });
        connect(
            live, &PracticeChannel::lineReceived, m_caller,
            [caller = m_caller](const QString &line, const QString &) { caller->hearLine(line); });
        connect(live, &PracticeChannel::ended, m_caller, [caller = m_caller](const QString &) {
            caller->liveEnded(tr("The live call has ended; score it (Ctrl+Alt+S) or leave "
                                 "practice (Ctrl+Alt+X)."));
        });
        connect(live, &PracticeChannel::failed, m_caller,
                [caller = m_caller](const QString &message) { caller->liveNotice(message); });
        // The trainer sees the intake as it fills in (sent only when it changed).
        m_mirrorTimer = new QTimer(m_window);
        m_mirrorTimer->setInterval(500);
        connect(m_mirrorTimer, &QTimer::timeout, this, &PracticeMode::mirrorIntake);
        m_mirrorTimer->start();
        mirrorIntake();
        emit liveJoined(m_scenario.id);
    });
}

void PracticeMode::mirrorIntake()
{
    if (m_traineeChannel && m_window)
        m_traineeChannel->mirror(intakeMirror(m_window->intakePanel()->session()));
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
    m_store.reset();
    m_database.reset();
    m_dir.reset();
    m_contact.clear();
    m_seedNumbers.clear();
}

} // namespace civicdesk
