// A workstation process for the draft test: it opens the store, types into the intake panel,
// waits until the draft is saved, says READY, and waits to be killed (SIGKILL) by the test.

#include "models/workstation/storecontext.h"
#include "tests/gui/intakefixture.h"
#include "ui/intake/intakepanel.h"

#include <QApplication>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>
#include <cstdio>

using namespace civicdesk;

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2)
        return 2;
    auto db = Database::open(QString::fromLocal8Bit(argv[1]));
    if (!db)
        return 3;
    StoreContext store(*db.value(), QStringLiteral("agent1"));
    IntakePanel panel({store.catalogue, store.requests, store.intake, store.service,
                       store.addresses, store.districts});
    panel.show();
    panel.startContact();
    QTest::keyClicks(test::child<QLineEdit>(&panel, "callerPhoneLineEdit"),
                     QStringLiteral("617 555 0199"));
    panel.focusSearch();
    QTest::keyClicks(test::child<QLineEdit>(&panel, "typeSearchLineEdit"),
                     QStringLiteral("garbage"));
    panel.chooseCurrentType();
    QTest::keyClicks(test::child<QPlainTextEdit>(&panel, "descriptionTextEdit"),
                     QStringLiteral("Bags left at the curb since Monday"));
    // Wait for the autosave to reach the store.
    for (int i = 0; i < 200; ++i) {
        QTest::qWait(50);
        const QList<Draft> drafts = store.intake.drafts();
        if (!drafts.isEmpty() &&
            drafts.first().payload.value(u"description").toString().endsWith(u"Monday"))
            break;
    }
    std::printf("READY\n");
    std::fflush(stdout);
    return QApplication::exec();
}
