// The intake replay in the supervisor workspace, by keyboard only (every key to
// QApplication::focusWidget()) in the real main window at 1366x768: a supervisor opens the
// workspace (Ctrl+Shift+W), lists today's contacts (Enter on "All contacts"), presses R on a
// contact recorded by the real intake and reads its steps beside the list, with the request it
// created and the request's timeline; Down moves to the next contact and the replay follows.
// Results are read through the capability API.

#include "models/city/cataloguerepository.h"
#include "models/intake/intakerecorder.h"
#include "models/intake/intakeservice.h"
#include "models/itemmodels/timelinemodel.h"
#include "models/quality/intakereplay.h"
#include "models/store/eventstore.h"
#include "models/workstation/storecontext.h"
#include "tests/support/citytoday.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/intake/intakepanel.h"
#include "ui/supervisor/drilldowndialog.h"
#include "ui/supervisor/exportactions.h"
#include "ui/supervisor/replaypanel.h"
#include "ui/supervisor/supervisorworkspace.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace civicdesk;

class TestReplayJourney : public test::DeskFixture
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(freshCity()); }

    void supervisorReplaysAnIntakeFromTheDrillDown()
    {
        // Ximena's two calls a few minutes ago, recorded by the real intake: a request
        // (with a type change and a correction), then an information call with an article.
        QDateTime now = test::startWithinCityToday(QTimeZone("America/New_York"), 900);
        EventStore events(m_store->db());
        events.setRole(AgentRole::CallTaker);
        IntakeService service(m_store->db(), events, QStringLiteral("Ximena"));
        service.setClock([&now] { return now; });
        IntakeRecorder recorder(service);
        const CatalogueRepository catalogue(m_store->db());
        const auto rodents = catalogue.serviceType(QStringLiteral("RODENTACT"));
        const auto birds = catalogue.serviceType(QStringLiteral("BIRDINFEST"));
        QVERIFY(rodents && birds);
        const QString first = service.startContact(Channel::Phone).value();
        recorder.setContact(first);
        now = now.addSecs(6);
        QVERIFY(recorder.typeChosen(*rodents).ok());
        now = now.addSecs(9);
        QVERIFY(recorder.typeChosen(*birds).ok());
        Answers answers{{QStringLiteral("SR-BIRDINFEST1"), {QStringLiteral("No")}}};
        QVERIFY(recorder.answersChanged(*birds, answers).ok());
        now = now.addSecs(4);
        answers[QStringLiteral("SR-BIRDINFEST1")] = {QStringLiteral("Yes")};
        QVERIFY(recorder.answersChanged(*birds, answers).ok());
        IntakeLocation where;
        where.address = QStringLiteral("12 S Russell St, 02114");
        where.latitude = 42.3608;
        where.longitude = -71.0659;
        now = now.addSecs(11);
        QVERIFY(recorder.locationSet(where, false, {}).ok());
        NewRequest request;
        request.type = *birds;
        request.answers = answers;
        request.location = where;
        now = now.addSecs(20);
        const auto created = service.createRequest(request);
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        const QString number = created.value().number.compact();
        QVERIFY(
            recorder.requestCreated(created.value().id, number, birds->code, where.address).ok());
        now = now.addSecs(5);
        QVERIFY(recorder.readBack(number, created.value().id).ok());
        now = now.addSecs(10);
        QVERIFY(service.endContact(first, Outcome::RequestCreated, {}, {}).ok());
        now = now.addSecs(60);
        const QString second = service.startContact(Channel::Phone).value();
        recorder.setContact(second);
        now = now.addSecs(30);
        QVERIFY(service.recordArticleOpened(second, QStringLiteral("kb-none")).ok());
        now = now.addSecs(30);
        QVERIFY(service.endContact(second, Outcome::InformationGiven, {}, {}).ok());

        test::Desk desk = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        QVERIFY(desk.window);
        MainWindow *window = desk.window.get();
        test::Journey j;
        QVERIFY(j.press(Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier));
        SupervisorWorkspace *workspace = window->supervisorWorkspace();
        QVERIFY(workspace);
        QTRY_COMPARE(j.focusName(), QStringLiteral("kpiFiguresTree"));
        auto *figures = qobject_cast<QTreeWidget *>(QApplication::focusWidget());
        QCOMPARE(figures->currentItem()->text(0), QStringLiteral("All contacts"));
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_COMPARE(j.focusName(), QStringLiteral("drillTable"));
        DrillDownDialog *drill = workspace->drillDown();
        QVERIFY(drill);
        QCOMPARE(drill->rowCount(), 2);
        ReplayPanel *panel = drill->replayPanel();
        QVERIFY(panel);
        QVERIFY(!panel->isVisible());

        // R: the first (oldest) contact's intake beside the list, the focus on its steps.
        QVERIFY(j.press(Qt::Key_R));
        QTRY_COMPARE(j.focusName(), QStringLiteral("replayStepsTable"));
        QVERIFY(panel->isVisible());
        QVERIFY(drill->table()->isVisible());
        QVERIFY(panel->replay());
        const auto expected = IntakeReplays(m_store->db(), desk.store->events)
                                  .forContact(first, AgentRole::Supervisor, QStringLiteral("sam"));
        QVERIFY(expected);
        QCOMPARE(panel->replay()->contactId, first);
        QCOMPARE(panel->replay()->steps.size(), expected.value().steps.size());
        QCOMPARE(panel->stepsTable()->rowCount(), int(expected.value().steps.size()));
        QCOMPARE(expected.value().typeChanges, 1);
        QCOMPARE(expected.value().answerCorrections, 1);
        // Each row says what happened and how long it took.
        QCOMPARE(panel->stepsTable()->item(2, 1)->text(), QStringLiteral("0:09"));
        QVERIFY2(panel->stepsTable()->item(2, 3)->text().contains(birds->name),
                 qPrintable(panel->stepsTable()->item(2, 3)->text()));
        QVERIFY(panel->stepsTable()->item(4, 3)->text().contains(QStringLiteral("No → Yes")));
        // The request it created, and the request's timeline.
        QCOMPARE(panel->requestId(), created.value().id);
        QVERIFY(panel->timeline()->rowCount() >= 1);
        QCOMPARE(panel->timeline()->entries().first().kind, TimelineEntry::Kind::Created);

        // Every focusable control of the drill-down and the replay has a name.
        for (QWidget *w : drill->findChildren<QWidget *>()) {
            if (!w->isVisible() || !(w->focusPolicy() & Qt::TabFocus) || w->focusProxy())
                continue;
            QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
            QVERIFY2(iface && !iface->text(QAccessible::Name).trimmed().isEmpty(),
                     qPrintable(QString::fromLatin1(w->metaObject()->className()) + u'#' +
                                w->objectName()));
        }
        // At 1366x768 the list and the replay fit on the screen.
        QVERIFY(drill->frameGeometry().width() <= 1366);
        QVERIFY(drill->frameGeometry().height() <= 768);

        // Tab reaches the request and its timeline.
        QVERIFY(j.tabTo("replayRequestComboBox"));
        QVERIFY(j.tabTo("replayTimelineTableView"));

        // Back to the list: Down, and the replay follows to the information call.
        QVERIFY(j.tabTo("drillTable"));
        QVERIFY(j.press(Qt::Key_Down));
        QTRY_COMPARE(panel->replay()->contactId, second);
        QCOMPARE(panel->replay()->outcome, QStringLiteral("information_given"));
        QCOMPARE(panel->replay()->articlesOpened, 1);
        QVERIFY(panel->requestId().isEmpty());
        QVERIFY(j.press(Qt::Key_Escape));
        QTRY_VERIFY(!workspace->drillDown());
        qInfo("replay journey: %d keys", j.keys);

        // The export button writes the period's contacts as CSV to the file chosen; the
        // callers' details only when ticked.
        auto *exports = workspace->findChild<ExportActions *>(QStringLiteral("exportActions"));
        QVERIFY(exports);
        QVERIFY(exports->callerDetailsAction()->isEnabled());
        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("contacts.csv"));
        exports->setFileChooser([&path](const QString &, const QString &suggested) {
            return suggested.endsWith(u".csv") ? path : QString();
        });
        auto *action = workspace->findChild<QAction *>(QStringLiteral("exportContactsAction"));
        QVERIFY(action);
        action->trigger();
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray csv = file.readAll();
        QCOMPARE(csv.count("\r\n"), 3); // the header and two contacts
        QVERIFY(csv.startsWith("contact_id,started_at,"));
        QVERIFY(csv.contains(first.toUtf8()) && csv.contains(second.toUtf8()));
        QVERIFY(exports->statusLabel()->isVisible());
        QVERIFY(exports->statusLabel()->text().contains(QStringLiteral("2 row")));
        // A place that cannot be written: a clear message and no file.
        QVERIFY(!exports
                     ->exportTo(SupervisionExport::ExportKind::Requests,
                                out.filePath(QStringLiteral("missing/dir/requests.csv")))
                     .ok());
        QVERIFY(exports->statusLabel()->text().startsWith(QStringLiteral("Nothing exported")));
    }
};

QTEST_MAIN(TestReplayJourney)
#include "tst_replayjourney.moc"
