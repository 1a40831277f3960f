// A headless workstation process for the end-to-end tests: opens a store, signs in, optionally
// creates requests, and syncs until nothing is waiting, printing "waiting N" after every
// change of state so a test can kill it (SIGKILL) in the middle of a sync.
//   civicdesk-syncworker STORE SERVER_URL USER PASSWORD DEVICE CREATE BATCH

#include "models/domain/event.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/sync/syncclient.h"
#include "models/sync/syncengine.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <cstdio>

using namespace civicdesk;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 8) {
        std::fprintf(stderr, "usage: civicdesk-syncworker STORE URL USER PASSWORD DEVICE CREATE "
                             "BATCH\n");
        return 2;
    }
    auto db = Database::open(args.at(1));
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 1;
    }
    const QString user = args.at(3);
    const QString device = args.at(5);
    EventStore events(*db.value());
    for (int i = 0; i < args.at(6).toInt(); ++i) {
        const Event e = Event::make(
            QStringLiteral("request"), Event::newId(), QStringLiteral("request.created"),
            {{QStringLiteral("number"), QStringLiteral("%1-W%2").arg(device).arg(i)},
             {QStringLiteral("type_name"), QStringLiteral("Pothole")},
             {QStringLiteral("description"), QStringLiteral("worker %1").arg(i)}},
            user, device, QDateTime::currentDateTimeUtc());
        if (!events.append(e)) {
            std::fprintf(stderr, "append failed\n");
            return 1;
        }
    }
    QNetworkAccessManager network;
    SyncClient client(network, QUrl(args.at(2)));
    SyncEngine engine(*db.value(), client);
    engine.setBatchSize(args.at(7).toInt());
    engine.setLongPollSeconds(1);
    QObject::connect(&engine, &SyncEngine::statusChanged, &app, [&](const SyncStatus &status) {
        std::printf("waiting %d\n", status.waiting);
        std::fflush(stdout);
        if (status.waiting == 0 && status.connection == SyncStatus::Connection::Online)
            QCoreApplication::exit(0);
    });
    QObject::connect(&engine, &SyncEngine::authenticationRequired, &app,
                     [] { QCoreApplication::exit(3); });
    client.login(user, args.at(4), device, [&](Result<LoginResult> r) {
        if (!r) {
            std::fprintf(stderr, "login: %s\n", qPrintable(r.error().message));
            QCoreApplication::exit(1);
            return;
        }
        engine.start();
    });
    return QCoreApplication::exec();
}
