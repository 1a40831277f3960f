// A shared counter PC for the agent-switch kill test: Bob's call is kept as his draft, Ana
// signs in and takes a call, then switches in turn (her call kept as her draft, the next
// sign-in not done yet); says READY there and waits to be killed (SIGKILL) by the test.

#include "models/workstation/storecontext.h"
#include "tests/gui/intakefixture.h"
#include "ui/intake/intakepanel.h"

#include <QApplication>
#include <QLineEdit>
#include <QTest>
#include <algorithm>
#include <cstdio>

using namespace civicdesk;

namespace {

// An agent takes a call and types the caller's number; returns once the autosave has it.
bool takeCall(IntakePanel &panel, StoreContext &store, const QString &phone)
{
    panel.startContact();
    QTest::keyClicks(test::child<QLineEdit>(&panel, "callerPhoneLineEdit"), phone);
    return QTest::qWaitFor(
        [&] {
            const QList<Draft> drafts = store.intake.drafts();
            return std::any_of(drafts.cbegin(), drafts.cend(), [&](const Draft &d) {
                return d.id == IntakeSession::draftIdFor(store.agent) &&
                       d.payload.value(u"caller_phone").toString() == phone;
            });
        },
        10000);
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2)
        return 2;
    auto db = Database::open(QString::fromLocal8Bit(argv[1]));
    if (!db)
        return 3;
    StoreContext store(*db.value(), QStringLiteral("bob"), AgentRole::CallTaker);
    IntakePanel panel({store.catalogue, store.requests, store.intake, store.service,
                       store.addresses, store.districts});
    panel.show();
    if (!takeCall(panel, store, QStringLiteral("617 555 0111")) || !panel.parkForAnotherAgent())
        return 4;
    store.switchAgent(QStringLiteral("ana"), AgentRole::Supervisor);
    panel.restoreDraft();
    if (!takeCall(panel, store, QStringLiteral("617 555 0100")) || !panel.parkForAnotherAgent())
        return 5;
    std::printf("READY\n");
    std::fflush(stdout);
    return QApplication::exec();
}
