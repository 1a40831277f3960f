// civicdesk-cti-bench: the screen pop's latency end to end with real components. Two baresip
// processes on loopback (the resident calling, the agent's softphone with ctrl_tcp), the real
// main window with the baresip adapter wired by the composition root. Each of N calls (100 by
// default): the resident's phone is told to dial; the time runs from the moment the resident's
// INVITE leaves (its dial command is written to its ctrl_tcp; the INVITE is sent as baresip
// handles it, and loopback delivers it to the agent's softphone within microseconds) until the
// caller is on screen (the intake panel shows the caller found in the local store); then the
// resident hangs up and the missed call clears. Prints median, p95, p99 and max, and the
// bare phone's time (until the adapter reports the call offered) with the ratio of medians.
//   civicdesk-cti-bench [CALLS]     (QT_QPA_PLATFORM=offscreen by default)

#include "app/workstation/workspace.h"
#include "models/cti/baresipadapter.h"
#include "models/cti/telephonyadapter.h"
#include "tests/bench/percentile.h"
#include "tests/support/baresipprocess.h"
#include "tests/support/teststore.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/intake/intakepanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace civicdesk;

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int calls = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 100;
    if (const QString why = test::baresipMissing(); !why.isEmpty()) {
        std::fprintf(stderr, "cti bench: %s\n", qPrintable(why));
        return 1;
    }
    test::Baresip agentPhone;
    test::Baresip residentPhone;
    for (auto [phone, user] : {std::pair{&agentPhone, QStringLiteral("agent")},
                               std::pair{&residentPhone, QStringLiteral("6175550100")}}) {
        if (const QString why = phone->start(user); !why.isEmpty()) {
            std::fprintf(stderr, "cti bench: %s\n", qPrintable(why));
            return 1;
        }
    }
    test::TempStore store(test::TempStore::MiniCity);
    Workspace workspace(store.db(), QStringLiteral("agent1"), AgentRole::CallTaker);
    Caller rosa;
    rosa.name = QStringLiteral("Rosa Diaz");
    rosa.phone = QStringLiteral("(617) 555-0100");
    if (!workspace.store().service.saveCaller(rosa))
        return 1;
    QTemporaryDir settingsDir;
    Settings settings(settingsDir.filePath(QStringLiteral("bench.ini")));
    MainWindow window(workspace.store(), settings);
    window.resize(1366, 768);
    window.show();
    if (!workspace
             .startTelephony(QStringLiteral("baresip:127.0.0.1:%1").arg(agentPhone.ctrlPort()),
                             QStringLiteral("617"), window)
             .ok())
        return 1;
    BaresipAdapter resident(CtiEndpoint::tcp(CtiEndpoint::Kind::Baresip,
                                             QStringLiteral("127.0.0.1"), residentPhone.ctrlPort()),
                            {});
    resident.start();
    TelephonyAdapter *agent = workspace.telephony();
    if (!QTest::qWaitFor([&] {
            return agent->state() == LinkState::Connected &&
                   resident.state() == LinkState::Connected;
        }))
        return 1;
    auto *name = window.findChild<QLineEdit *>(QStringLiteral("callerNameLineEdit"));
    // Besides the pop, the bare phone: the same INVITE until the adapter reports it offered
    // (baresip, its ctrl_tcp event and the parse), with no lookup and no screen.
    std::vector<double> ms;
    std::vector<double> bare;
    QString callId;
    QElapsedTimer timer;
    QObject::connect(agent, &TelephonyAdapter::offered, &app,
                     [&callId, &bare, &timer](const CallOffer &offer) {
                         bare.push_back(double(timer.nsecsElapsed()) / 1e6);
                         callId = offer.callId;
                     });
    for (int i = 0; i < calls; ++i) {
        callId.clear();
        timer.start();
        resident.dial(agentPhone.uri());
        if (!QTest::qWaitFor([&] { return name->text() == u"Rosa Diaz"; }, 10000)) {
            std::fprintf(stderr, "cti bench: call %d never popped\n", i + 1);
            return 1;
        }
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        resident.hangUp(callId);
        if (!QTest::qWaitFor([&] { return name->text().isEmpty(); }, 10000)) {
            std::fprintf(stderr, "cti bench: call %d never ended\n", i + 1);
            return 1;
        }
    }
    const double median = bench::percentile(ms, 0.5);
    const double bareMedian = bench::percentile(bare, 0.5);
    std::printf("screen pop, resident's INVITE sent -> caller on screen, %d calls via baresip "
                "ctrl_tcp: median %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n"
                "bare phone (INVITE sent -> adapter's offered event): median %.1f ms, p99 %.1f "
                "ms; ratio pop/bare (medians) %.2f\n",
                int(ms.size()), median, bench::percentile(ms, 0.95), bench::percentile(ms, 0.99),
                bench::percentile(ms, 1.0), bareMedian, bench::percentile(bare, 0.99),
                bareMedian > 0 ? median / bareMedian : 0.0);
    resident.stop();
    workspace.shutDown();
    return 0;
}
