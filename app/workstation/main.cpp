// civicdesk: the workstation. Parses the command line, opens the local store, loads the city
// pack on first run, and shows the main window.

#include "app/workstation/agentswitch.h"
#include "app/workstation/commandline.h"
#include "app/workstation/startupcheck.h"
#include "app/workstation/workspace.h"
#include "models/citypack/citycheck.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/citypack/prebuiltstore.h"
#include "models/practice/practicechannel.h"
#include "models/practice/practiceshare.h"
#include "models/practice/trainingrecord.h"
#include "models/store/database.h"
#include "models/sync/firstsync.h"
#include "models/sync/syncclient.h"
#include "models/sync/syncengine.h"
#include "models/workstation/storecontext.h"
#include "translations/translator.h"
#include "ui/common/importdialog.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/history/historypanel.h"
#include "ui/lobby/callout.h"
#include "ui/lobby/displayboard.h"
#include "ui/lobby/kioskwindow.h"
#include "ui/map/mapoverviewpanel.h"
#include "ui/map/mapsettings.h"
#include "ui/map/mapwarmup.h"
#include "ui/practice/practicemode.h"
#include "ui/supervisor/supervisorworkspace.h"
#include "ui/supervisor/wallboard.h"
#include "ui/sync/logindialog.h"
#include "ui/sync/synccontroller.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QProgressDialog>
#include <QStandardPaths>
#include <cstdio>
#include <memory>

using namespace civicdesk;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "civicdesk: %s\n", qPrintable(message));
    QMessageBox::critical(nullptr, QCoreApplication::translate("main", "CivicDesk"), message);
    return 1;
}

// A new workstation's first sync of the city from the central store, with a progress bar. An
// interruption (closing the dialog, a crash) keeps every page loaded so far: the next start
// resumes there.
Status runFirstSync(Database &database, SyncClient &client)
{
    FirstSync first(database, client);
    QProgressDialog progress(QCoreApplication::translate("main", "Loading the city from the "
                                                                 "central store…"),
                             QCoreApplication::translate("main", "Stop (resume later)"), 0, 100);
    progress.setObjectName(QStringLiteral("firstSyncProgressDialog"));
    progress.setWindowTitle(QCoreApplication::translate("main", "CivicDesk: first sync"));
    progress.setMinimumDuration(0);
    QEventLoop loop;
    Status result = Ok{};
    QObject::connect(&first, &FirstSync::progress, &progress,
                     [&progress](qint64 loaded, qint64 total, const QString &table) {
                         progress.setMaximum(int(std::max<qint64>(1, total / 100)));
                         progress.setValue(int(loaded / 100));
                         if (!table.isEmpty())
                             progress.setLabelText(
                                 QCoreApplication::translate("main", "Loading the city from "
                                                                     "the central store: %1 "
                                                                     "(%2 of %3 rows)")
                                     .arg(table)
                                     .arg(loaded)
                                     .arg(total));
                     });
    QObject::connect(&first, &FirstSync::retrying, &progress, [&progress](const QString &reason) {
        progress.setLabelText(QCoreApplication::translate("main", "Waiting for the central "
                                                                  "store: %1")
                                  .arg(reason));
    });
    QObject::connect(&first, &FirstSync::finished, &loop, [&](bool ok, const QString &error) {
        if (!ok)
            result = makeError(QStringLiteral("sync.first"), error);
        loop.quit();
    });
    QObject::connect(&progress, &QProgressDialog::canceled, &loop, [&] {
        first.cancel();
        result = makeError(QStringLiteral("sync.first"),
                           QCoreApplication::translate("main", "The first sync was stopped; "
                                                               "it resumes at the next start."));
        loop.quit();
    });
    first.start();
    loop.exec();
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer started;
    started.start();
    // QtWebEngine (the map) shares OpenGL contexts with the widgets.
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    // A check of a city pack, --help and --version open no window, so they run without a
    // display too (a city's IT person checking a pack on a server over SSH).
    const std::unique_ptr<QCoreApplication> application =
        needsNoWindow(argc, argv) ? std::make_unique<QCoreApplication>(argc, argv)
                                  : std::make_unique<QApplication>(argc, argv);
    QCoreApplication &app = *application;
    QCoreApplication::setOrganizationName(QStringLiteral("CivicDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("civicdesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CIVICDESK_VERSION));
    if (qobject_cast<QApplication *>(&app)) {
        QApplication::setApplicationDisplayName(QStringLiteral("CivicDesk"));
        QApplication::setDesktopFileName(QStringLiteral("org.civicdesk.CivicDesk"));
    }

    Settings settings;
    // The language must be known before --help is printed, so peek at --lang first.
    QString requestedLanguage = settings.language();
    const QStringList args = QCoreApplication::arguments();
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == u"--lang" && i + 1 < args.size())
            requestedLanguage = args.at(i + 1);
        else if (args.at(i).startsWith(u"--lang="))
            requestedLanguage = args.at(i).mid(7);
    }
    installTranslations(app, requestedLanguage.toLower());

    auto options = parseCommandLine(args);
    if (!options) {
        std::fprintf(stderr, "civicdesk: %s\n", qPrintable(options.error().message));
        return 2;
    }

    // Before the store is opened: a check writes nothing anywhere.
    if (!options.value().checkCity.isEmpty()) {
        const CityCheck check = checkCityPack(options.value().checkCity);
        std::printf("%s\n", qPrintable(check.report(options.value().checkCity)));
        return check.problems.isEmpty() ? 0 : 1;
    }
    // Sync with a central store when one is configured (--server, remembered, or the settings
    // page); otherwise the workstation runs standalone on its local store (the demo default).
    if (options.value().serverGiven)
        settings.setServerUrl(options.value().serverUrl);
    const QString serverUrl = settings.serverUrl();
    // A standalone first start copies the store made from this very pack when the program was
    // built (seconds); without one, or when the pack or the schema changed since, the pack is
    // imported below as before.
    if (serverUrl.isEmpty() && !options.value().reimport &&
        !QFileInfo::exists(options.value().databasePath)) {
        const QString prebuilt = PrebuiltStore::pathBeside(QCoreApplication::applicationDirPath(),
                                                           options.value().cityDir);
        if (auto s = PrebuiltStore::install(prebuilt, options.value().cityDir,
                                            options.value().databasePath);
            !s)
            std::fprintf(stderr, "civicdesk: %s\n", qPrintable(s.error().message));
    }
    auto database = Database::open(options.value().databasePath);
    if (!database)
        return fail(database.error().message);

    std::unique_ptr<QNetworkAccessManager> network;
    std::unique_ptr<SyncClient> client;
    QString agent = settings.agentName();
    std::optional<AgentRole> signedInAs;
    bool signedIn = false;
    if (!serverUrl.isEmpty()) {
        network = std::make_unique<QNetworkAccessManager>();
        client = std::make_unique<SyncClient>(*network, QUrl(serverUrl));
        auto device = database.value()->deviceCode();
        if (!device)
            return fail(device.error().message);
        // The agent signs in before the window opens; "Work offline" keeps working locally.
        LoginDialog login(serverUrl, agent, QString(),
                          [&](const QString &user, const QString &password,
                              std::function<void(const QString &)> done) {
                              client->login(user, password, device.value(),
                                            [&signedInAs, done](Result<LoginResult> r) {
                                                if (r)
                                                    signedInAs = agentRoleFromName(r.value().role);
                                                done(r ? QString() : r.error().message);
                                            });
                          });
        signedIn = login.exec() == QDialog::Accepted;
        if (signedIn) {
            agent = login.user();
            settings.setAgentName(agent);
        }
    }

    if (database.value()->meta(QStringLiteral("city_id")).isEmpty() && client) {
        if (!signedIn)
            return fail(QCoreApplication::translate("main",
                                                    "This workstation has no city yet: sign in "
                                                    "once so it can load the city from the "
                                                    "central store %1.")
                            .arg(serverUrl));
        if (auto s = runFirstSync(*database.value(), *client); !s)
            return fail(s.error().message);
    } else {
        // A store holds one city: a --city pack of another city is imported (and refused unless
        // --replace-city), never silently ignored.
        const QString current = database.value()->meta(QStringLiteral("city_id"));
        if (current.isEmpty() || options.value().reimport || options.value().cityGiven) {
            auto pack = CityPack::load(options.value().cityDir);
            if (!pack)
                return fail(pack.error().message);
            if (current.isEmpty() || options.value().reimport || pack.value().id != current) {
                ImportDialog dialog(options.value().databasePath, pack.value(),
                                    options.value().replaceCity);
                auto report = dialog.run();
                if (!report)
                    return fail(QCoreApplication::translate("main",
                                                            "The city pack could not be loaded; "
                                                            "the store is unchanged.\n\n%1")
                                    .arg(report.error().message));
            }
        }
    }

    if (agent.isEmpty())
        agent = Settings::desktopUser(); // the name the status bar shows
    // The object graph, once: the store's services under the one role, and a sync engine only
    // with a central store.
    Workspace workspace(
        *database.value(), agent,
        workingRole(settings, client != nullptr, signedIn ? signedInAs : std::nullopt),
        client.get());
    StoreContext &store = workspace.store();
    SyncEngine *engine = workspace.syncEngine();
    if (options.value().wallboard) {
        // The wall screen: no desk, the same store kept current by the same sync.
        if (!SupervisorWorkspace::mayOpen(store.role))
            return fail(QCoreApplication::translate("main", "The wallboard is for supervisors and "
                                                            "admins; %1 works as %2.")
                            .arg(agent, agentRoleName(store.role)));
        Wallboard wall(supervisorContextOf(store), settings.wallboard());
        if (engine && signedIn)
            engine->start();
        wall.showFullScreen();
        const int status = QApplication::exec();
        workspace.shutDown();
        return status;
    }
    if (options.value().kiosk || options.value().displayBoard) {
        // A lobby screen: the same store and sync, no agent window.
        std::unique_ptr<QWidget> screen;
        if (options.value().kiosk) {
            auto kiosk = std::make_unique<KioskWindow>(
                store.lobby, store.database.meta(QStringLiteral("city_name")));
            kiosk->setTimeZone(store.database.meta(QStringLiteral("city_timezone")));
            screen = std::move(kiosk);
        } else {
            auto board =
                std::make_unique<DisplayBoard>(store.lobby.repository(), store.database.changes());
            if (options.value().speakCalls) {
                auto *callOut = new CallOut({}, board.get());
                if (auto s = callOut->setVoice(options.value().speakVoice); !s)
                    return fail(s.error().message);
                board->setCallOut(callOut);
            }
            screen = std::move(board);
        }
        if (engine && signedIn)
            engine->start();
        screen->showFullScreen();
        const int status = QApplication::exec();
        workspace.shutDown();
        return status;
    }
    MainWindow window(store, settings);
    SyncController sync(window, settings, workspace.journal(), workspace.centralLookup(),
                        store.events, engine, client.get(), agent);
    // With a central store the caller and location views also ask it (standalone they would
    // only repeat the local answer).
    if (engine)
        window.historyPanel()->setCentralQuery(sync.centralQuery());
    if (engine && signedIn)
        engine->start();
    // Practice (Ctrl+Alt+P): the city pack's scenarios, on a practice workspace built like this
    // one but on its own database and with no sync client, so nothing can reach the central
    // store or a resident.
    PracticeMode practice(window, settings, options.value().cityDir + QStringLiteral("/practice"),
                          practiceGraphs(*database.value(), [&store] { return store.agent; }));
    QObject::connect(&window, &MainWindow::practiceRequested, &practice, &PracticeMode::choose);
    // The training record: every scored practice run, in its own file beside the live store.
    const QDir recordDir =
        database.value()->dialect() == Dialect::Sqlite
            ? QFileInfo(database.value()->path()).absoluteDir()
            : QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    const QString recordPath = recordDir.filePath(QStringLiteral("training-record.sqlite"));
    QDir().mkpath(recordDir.path());
    auto trainingRecord = TrainingRecord::open(recordPath);
    if (trainingRecord)
        practice.setTrainingRecord(trainingRecord.value().get(), agent, store.role);
    else
        std::fprintf(stderr, "civicdesk: %s\n", qPrintable(trainingRecord.error().message));
    QObject::connect(&window, &MainWindow::traineeReportRequested, &practice,
                     &PracticeMode::showTraineeReport);
    // Scenarios trainers write in the client, beside the training record (the city pack's
    // bundled ones stay read-only). With a central store they are shared through it with every
    // workstation, and so are the trainees' runs: the folder is then this workstation's copy of
    // the central store's scenarios.
    const bool shared = client && signedIn;
    const QString trainerFolder =
        recordDir.filePath(shared ? QStringLiteral("practice-scenarios-shared")
                                  : QStringLiteral("practice-scenarios"));
    std::unique_ptr<PracticeShare> practiceShare;
    if (shared) {
        practiceShare = std::make_unique<PracticeShare>(
            QUrl(serverUrl), [sync = client.get()] { return sync->token(); });
        practice.setShare(practiceShare.get());
    }
    practice.setAuthoring(trainerFolder, store.role);
    practice.sendRuns(); // runs scored while the central store could not be reached
    QObject::connect(&window, &MainWindow::scenarioEditorRequested, &practice,
                     &PracticeMode::authorScenario);
    // A shared counter PC: File ▸ Switch agent (Ctrl+Shift+U) signs the next agent in without
    // closing the window; with a central store it checks them there (refused while it cannot
    // be reached), standalone any name works under the workstation's role.
    AgentSwitch agentSwitch(window, store, settings,
                            client ? centralSignIn(*network, *client, engine, *database.value())
                                   : standaloneSignIn(settings),
                            client != nullptr);
    agentSwitch.setOnSwitched([&] {
        sync.setAgent(store.agent);
        if (trainingRecord)
            practice.setTrainingRecord(trainingRecord.value().get(), store.agent, store.role);
        practice.setAuthoring(trainerFolder, store.role);
    });
    // Live practice calls (a trainer plays the caller from another workstation) go through the
    // central store's practice channel, each on an object of its own that speaks only that.
    QObject::connect(&window, &MainWindow::liveTrainerRequested, &practice,
                     &PracticeMode::chooseLiveTrainer);
    QObject::connect(&window, &MainWindow::liveJoinRequested, &practice,
                     &PracticeMode::chooseJoinLive);
    if (client && signedIn)
        practice.setChannelFactory([server = QUrl(serverUrl), sync = client.get()] {
            return std::make_unique<PracticeChannel>(server, sync->token());
        });
    // The phone (--cti, remembered, or File ▸ Phone settings): calls pop up from the local
    // store.
    if (options.value().ctiGiven)
        settings.setTelephony(options.value().cti);
    if (auto s = workspace.offerTelephonySettings(settings, window); !s)
        std::fprintf(stderr, "civicdesk: %s\n", qPrintable(s.error().message));
    window.showFitted();
    // The map is prepared hidden once the window has been idle a moment, so its tab opens at
    // once (ui/map/mapwarmup.h); "prepareInBackground=false" in [map] of the settings turns it
    // off.
    if (MapSettings().prepareInBackground())
        new MapWarmUp(window.mapPanel()->mapView(), MapWarmUp::DefaultIdle, &window);
    if (options.value().startupCheck)
        runStartupCheck(started);
    const int status = QApplication::exec();
    // The window may still write while it closes: from here on changes wait in the outbox.
    workspace.shutDown();
    return status;
}
