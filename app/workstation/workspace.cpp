#include "app/workstation/workspace.h"

#include "models/practice/practicestore.h"
#include "models/practice/scenarios/scenarioreference.h"
#include "models/sync/synccallarbiter.h"
#include "models/sync/syncclient.h"
#include "models/sync/syncengine.h"
#include "ui/common/mainwindow.h"
#include "ui/intake/intakepanel.h"

#ifdef CIVICDESK_WITH_CTI
#include "models/cti/telephonyadapter.h"
#include "ui/cti/callcontroller.h"
#include "ui/cti/telephonysettingsdialog.h"

#include <QMenu>
#include <QMessageBox>
#endif

#include <QCoreApplication>
#include <QNetworkInformation>

namespace civicdesk {

AgentRole workingRole(Settings &settings, bool centralStore, std::optional<AgentRole> signedInAs)
{
    if (signedInAs) {
        settings.setSignedInRole(*signedInAs);
        return *signedInAs;
    }
    if (centralStore)
        return settings.signedInRole().value_or(AgentRole::CallTaker);
    return settings.agentRole();
}

Workspace::Workspace(Database &database, const QString &agent, AgentRole role, SyncClient *client)
    : m_store(database, agent, role), m_journal(database), m_lookup(database, client)
{
    if (!client)
        return;
    m_store.setCentralStore(true);
    m_engine = std::make_unique<SyncEngine>(database, *client);
    m_callArbiter = std::make_unique<SyncCallArbiter>(*client);
    m_store.lobby.setArbiter(m_callArbiter.get());
    if (QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        QObject::connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged,
                         m_engine.get(),
                         [engine = m_engine.get()](QNetworkInformation::Reachability r) {
                             if (r == QNetworkInformation::Reachability::Online)
                                 engine->notifyReconnected();
                         });
    }
}

Workspace::~Workspace()
{
    shutDown();
}

#ifdef CIVICDESK_WITH_CTI
Status Workspace::startTelephony(const QString &spec, const QString &areaCode, MainWindow &window)
{
    auto endpoint = CtiEndpoint::parse(spec);
    if (!endpoint)
        return endpoint.error();
    if (const QString problem = NumberingPlan::areaCodeProblem(areaCode); !problem.isEmpty())
        return makeError(QStringLiteral("cti.areaCode"),
                         QCoreApplication::translate("Workspace", "Telephony: %1").arg(problem));
    // The old phone leaves the screen before its adapter goes.
    delete m_calls.data();
    if (m_telephony)
        m_telephony->stop();
    m_telephony.reset();
    if (endpoint.value().isNone())
        return Ok{};
    const NumberingPlan plan = NumberingPlan::northAmerica(areaCode.trimmed());
    m_telephony = TelephonyAdapter::create(endpoint.value(), plan);
    m_calls = new CallController(*m_telephony, *window.intakePanel(), m_store.intake, plan, window);
    m_telephony->start();
    return Ok{};
}

Status Workspace::offerTelephonySettings(Settings &settings, MainWindow &window)
{
    // In the File menu, before Quit (a menu of its own would need an Alt+letter of its own, and
    // the window's are taken: Phone, Help, Outcome, Name, Email).
    QAction *quit = window.findChild<QAction *>(QStringLiteral("quitAction"));
    auto *action =
        new QAction(QCoreApplication::translate("Workspace", "&Phone settings…"), &window);
    action->setObjectName(QStringLiteral("telephonySettingsAction"));
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O));
    QObject::connect(action, &QAction::triggered, &window, [this, &settings, &window] {
        TelephonySettingsDialog dialog(settings.telephony(), settings.telephonyAreaCode(),
                                       m_telephony.get(), &window);
        if (dialog.exec() != QDialog::Accepted)
            return;
        // Checked by the dialog; saved once the phone has taken them.
        if (const Status s = startTelephony(dialog.spec(), dialog.areaCode(), window); !s) {
            QMessageBox::warning(&window, dialog.windowTitle(), s.error().message);
            return;
        }
        settings.setTelephony(dialog.spec() == u"none" ? QString() : dialog.spec());
        settings.setTelephonyAreaCode(dialog.areaCode());
    });
    QMenu *file = nullptr;
    for (QObject *o : quit ? quit->associatedObjects() : QObjectList()) {
        if (auto *menu = qobject_cast<QMenu *>(o))
            file = menu;
    }
    if (file)
        file->insertAction(quit, action);
    else
        window.addAction(action); // the shortcut still works
    return startTelephony(settings.telephony(), settings.telephonyAreaCode(), window);
}
#else
// Never made without telephony; complete so the empty pointer can be destroyed.
class TelephonyAdapter
{
};

Status Workspace::startTelephony(const QString &spec, const QString &, MainWindow &)
{
    if (spec.trimmed().isEmpty() || spec.trimmed() == u"none")
        return Ok{};
    return makeError(QStringLiteral("cti.unavailable"),
                     QCoreApplication::translate("Workspace", "This build has no telephony "
                                                              "(CIVICDESK_WITH_CTI=OFF)."));
}

Status Workspace::offerTelephonySettings(Settings &settings, MainWindow &window)
{
    return startTelephony(settings.telephony(), QString(), window);
}
#endif

void Workspace::shutDown()
{
    m_store.lobby.setArbiter(nullptr);
    if (m_engine)
        m_engine->stop();
#ifdef CIVICDESK_WITH_CTI
    delete m_calls.data();
    if (m_telephony)
        m_telephony->stop();
#endif
}

PracticeGraphs practiceGraphs(Database &live, std::function<QString()> agent,
                              std::function<void(Workspace &)> built)
{
    PracticeGraphs graphs;
    graphs.workspace = [&live, agent = std::move(agent), built = std::move(built)](
                           const QString &path) -> Result<std::shared_ptr<StoreContext>> {
        auto created = PracticeStore::create(live, path);
        if (!created)
            return created.error();
        // The graph goes before its database.
        struct Practice
        {
            std::unique_ptr<Database> database;
            std::unique_ptr<Workspace> graph;
        };
        auto practice = std::make_shared<Practice>();
        practice->database = std::move(created.value());
        practice->graph = std::make_unique<Workspace>(*practice->database, agent(),
                                                      AgentRole::CallTaker, nullptr);
        if (built)
            built(*practice->graph);
        return std::shared_ptr<StoreContext>(practice, &practice->graph->store());
    };
    graphs.seed = [](StoreContext &practice, const Scenario &scenario) {
        return PracticeStore::seed(practice.database, practice.events, scenario, Clock());
    };
    graphs.reference = [&live] { return std::make_unique<ScenarioReference>(live); };
    graphs.cityZone = QTimeZone(live.meta(QStringLiteral("city_timezone")).toUtf8());
    return graphs;
}

} // namespace civicdesk
