// civicdesk-server: the central store. Opens the store, optionally imports a city pack, and
// serves the Open311 API until SIGTERM or SIGINT, finishing the request in progress first.

#include "app/server/admincommands.h"
#include "app/server/apigate.h"
#include "app/server/cityimportcommand.h"
#include "app/server/epolldispatcher.h"
#include "app/server/httpreply.h"
#include "app/server/kpiapi.h"
#include "app/server/lowdelayserver.h"
#include "app/server/open311api.h"
#include "app/server/practiceapi.h"
#include "app/server/queryapi.h"
#include "app/server/routetable.h"
#include "app/server/serveroptions.h"
#include "app/server/sharedpracticeapi.h"
#include "app/server/storewriter.h"
#include "app/server/syncapi.h"
#include "app/server/useradmin.h"
#include "models/accounts/accountstore.h"
#include "models/citypack/citycheck.h"
#include "models/store/database.h"
#include "translations/translator.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QUrl>
#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace civicdesk;

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

int fail(const QString &message, int code = 1)
{
    std::fprintf(stderr, "civicdesk-server: %s\n", qPrintable(message));
    return code;
}

// Descriptors the process needs besides its client connections: the store, the listening
// socket, the signal pair, the log, PostgreSQL's sockets, libraries' files.
constexpr int ReservedDescriptors = 64;

// The connection cap that the descriptor limit allows: --max-connections when it fits, else an
// error; without it, the default lowered to what fits. The soft limit is raised to the hard one
// first (a systemd unit sets both with LimitNOFILE=).
Result<int> connectionCap(int requested)
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit); // refused under a seccomp filter: the unit's limit
        ::getrlimit(RLIMIT_NOFILE, &limit);
    }
    const qint64 descriptors =
        limit.rlim_cur == RLIM_INFINITY ? Q_INT64_C(1) << 30 : qint64(limit.rlim_cur);
    const qint64 room = descriptors - ReservedDescriptors;
    if (requested == 0 && room >= 1)
        return int(std::min<qint64>(ConnectionLimits::DefaultMaxConnections, room));
    if (requested > 0 && requested <= room)
        return requested;
    return makeError(QStringLiteral("cli.limit"),
                     QCoreApplication::translate("ServerOptions",
                                                 "%1 connections need %2 file descriptors; this "
                                                 "process may open %3 (raise LimitNOFILE= in the "
                                                 "unit or ulimit -n, or lower "
                                                 "--max-connections).")
                         .arg(std::max(requested, 1))
                         .arg(std::max(requested, 1) + ReservedDescriptors)
                         .arg(descriptors));
}

} // namespace

int main(int argc, char *argv[])
{
    // The main thread holds every client connection (a thousand long-polls): its dispatcher
    // waits on an epoll set, so a wake-up costs what is ready, not what is open. Chosen before
    // the application object is made; CIVICDESK_EVENT_DISPATCHER=qt keeps Qt's own (to compare).
    if (qEnvironmentVariable("CIVICDESK_EVENT_DISPATCHER") != u"qt") {
        auto dispatcher = std::make_unique<EpollDispatcher>();
        if (dispatcher->isValid())
            QCoreApplication::setEventDispatcher(dispatcher.release());
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("CivicDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("civicdesk-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CIVICDESK_VERSION));
    // API clients get English messages unless the operator chooses otherwise.
    installTranslations(app, qEnvironmentVariable("CIVICDESK_LANG", QStringLiteral("en")));

    auto options = parseServerOptions(QCoreApplication::arguments());
    if (!options)
        return fail(options.error().message, 2);
    // Before the store is opened: a check writes nothing anywhere.
    if (!options.value().checkCity.isEmpty()) {
        const CityCheck check = checkCityPack(options.value().checkCity);
        std::printf("%s\n", qPrintable(check.report(options.value().checkCity)));
        return check.problems.isEmpty() ? 0 : 1;
    }
    // Serving: a connection cap the process could not hold is refused before the store is
    // opened (and perhaps migrated).
    ConnectionLimits connectionLimits = options.value().connections;
    if (options.value().admin == ServerOptions::Admin::None &&
        options.value().importCity.isEmpty()) {
        const auto cap = connectionCap(connectionLimits.maxConnections);
        if (!cap)
            return fail(cap.error().message, 2);
        connectionLimits.maxConnections = cap.value();
        // Without a choice, a quarter of the places is kept for signed-in workstations.
        int &anonymous = connectionLimits.maxAnonymousConnections;
        anonymous =
            anonymous == 0 ? std::max(1, cap.value() * 3 / 4) : std::min(anonymous, cap.value());
    }
    if (!options.value().importCity.isEmpty())
        return runCityImport(options.value());
    auto database = Database::open(options.value().database);
    if (!database)
        return fail(database.error().message);

    if (options.value().admin != ServerOptions::Admin::None)
        return runAdminCommand(options.value(), *database.value());

    // Signals reach the event loop through a socket pair, so the request being handled
    // finishes (its transaction commits) before the server exits.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return fail(QStringLiteral("cannot create the signal socket pair"));
    QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [] {
        qCInfo(lcServer) << "stopping";
        QCoreApplication::quit();
    });
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);

    // After a database outage, the next request finds a fresh connection.
    http::setStoreRecovery([store = database.value().get()] {
        if (store->dialect() != Dialect::Postgres)
            return false; // a file store has no connection to lose
        if (auto s = store->reconnect(); !s) {
            qCWarning(lcServer) << "the store is still unreachable:" << s.error().message;
            return false;
        }
        qCInfo(lcServer) << "reconnected to the store";
        return true;
    });
    // Pushes, sign-ins, sign-outs and Open311 POSTs are written on a thread of their own with a
    // second connection to the store.
    StoreWriter writer(options.value().database, *database.value());
    if (auto s = writer.start(); !s)
        return fail(s.error().message);
    QHttpServer server;
    AccountStore accounts(*database.value());
    SyncApi sync(*database.value(), accounts, writer, options.value().signIns,
                 options.value().pushQueue);
    sync.registerRoutes(server);
    QueryApi queries(*database.value(), accounts);
    queries.registerRoutes(server);
    KpiApi kpis(*database.value(), accounts);
    kpis.registerRoutes(server);
    UserAdmin userAdmin(accounts, writer, options.value().pushQueue);
    userAdmin.registerRoutes(server);
    Open311Api open311(*database.value(), accounts, writer, options.value().pushQueue,
                       options.value().publicUrl, [&sync] { sync.eventsAccepted(); });
    open311.registerRoutes(server);
    // Live practice calls: held in memory, never written to the store.
    PracticeApi practice(accounts);
    practice.registerRoutes(server);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &app,
                     [&practice] { practice.shutdown(); });
    // Shared practice: trainers' scenarios and trainees' runs, in tables of their own.
    SharedPracticeApi sharedPractice(*database.value(), accounts, writer,
                                     options.value().pushQueue);
    sharedPractice.registerRoutes(server);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &app, [&sync] { sync.shutdown(); });
    server.setMissingHandler([](const QHttpServerRequest &request,
                                QHttpServerResponder &&responder) {
        QElapsedTimer timer;
        timer.start();
        const QString path = request.url().path();
        // A known path asked with another method is a 405 naming the methods it answers.
        const QByteArray allowed = allowedMethods(path);
        const bool wrongMethod = !allowed.isEmpty();
        const auto status = wrongMethod ? QHttpServerResponse::StatusCode::MethodNotAllowed
                                        : QHttpServerResponse::StatusCode::NotFound;
        // Open311 clients get the spec's error list; everyone else the sync API's error.
        QHttpServerResponse response =
            path.startsWith(u"/open311")
                ? open311reply::error(
                      path.endsWith(u".xml") ? Open311Api::Format::Xml : Open311Api::Format::Json,
                      status,
                      wrongMethod
                          ? QCoreApplication::translate("HttpApi", "This resource answers %1 only.")
                                .arg(QString::fromLatin1(allowed))
                          : QCoreApplication::translate("Open311Api", "No such Open311 resource; "
                                                                      "see discovery.json."))
            : wrongMethod
                ? http::error(status, QStringLiteral("method_not_allowed"),
                              QCoreApplication::translate("HttpApi", "This resource answers %1 "
                                                                     "only.")
                                  .arg(QString::fromLatin1(allowed)))
                : http::error(status, QStringLiteral("not_found"),
                              QCoreApplication::translate("HttpApi", "No such endpoint: %1")
                                  .arg(path.left(200)));
        if (wrongMethod)
            response.setHeader(QByteArrayLiteral("Allow"), allowed);
        http::logRequest(request, response, timer);
        response.write(std::move(responder));
    });
    // Requests that need a sign-in and have none are refused before their body is read; the
    // connection cap keeps places for connections that carry a valid token.
    ApiGate gate(accounts);
    auto *listener = new LowDelayServer(
        connectionLimits, [&gate](const RequestHead &head) { return gate.admit(head); },
        [&gate](const RequestHead &head) { return gate.signedIn(head); }, &server);
    const quint16 port = listener->listen(options.value().address, options.value().port)
                             ? listener->serverPort()
                             : 0;
    if (port != 0)
        server.bind(listener);
    if (port == 0)
        return fail(QStringLiteral("cannot listen on %1:%2 (in use, or not an address of this "
                                   "machine)")
                        .arg(options.value().address.toString())
                        .arg(options.value().port));
    if (options.value().publicUrl.isEmpty()) {
        QUrl url;
        url.setScheme(QStringLiteral("http"));
        url.setHost(options.value().address.toString());
        url.setPort(port);
        url.setPath(QStringLiteral("/open311/v2"));
        open311.setPublicUrl(url.toString());
    }
    std::printf("civicdesk-server listening on %s:%u, store %s\n",
                qPrintable(options.value().address.toString()), port,
                // The store's path, or its PostgreSQL URL without the password.
                qPrintable(database.value()->path()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
