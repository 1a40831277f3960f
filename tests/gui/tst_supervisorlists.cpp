// The supervisor workspace's lists by keyboard only (every key to QApplication::focusWidget())
// in the real main window at 1366x768: the SLA alerts (overdue and due soon, narrowed by the
// workspace's queue filter, department and type, Enter to a request's detail and timeline), the
// repeat locations (Enter on an address lists its requests, Enter on one opens its timeline) and
// the answers (Enter on "Calls closed" lists the contacts an answer closed; a search that found no
// answer lists its contacts). Results are read through the capability API (SupervisionKpis).

#include "models/store/eventstore.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "tests/support/appendevent.h"
#include "tests/support/citytoday.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "ui/common/mainwindow.h"
#include "ui/history/requestdetaildialog.h"
#include "ui/supervisor/answerspanel.h"
#include "ui/supervisor/drilldowndialog.h"
#include "ui/supervisor/myfiguresdialog.h"
#include "ui/supervisor/repeatlocationspanel.h"
#include "ui/supervisor/reviewpanel.h"
#include "ui/supervisor/slaalertspanel.h"
#include "ui/supervisor/supervisorworkspace.h"

#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QJsonObject>
#include <QLocale>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

using namespace civicdesk;

namespace {

const QTimeZone NewYork("America/New_York");

void append(Database &db, const QString &type, const QString &id, const QString &kind,
            const QJsonObject &payload, const QDateTime &at,
            const QString &agent = QStringLiteral("ana"))
{
    test::appendEvent(db, type, id, kind, payload, agent, QStringLiteral("W1"), at);
}

// A request opened at `opened`, due `dueInMinutes` from now (negative: overdue).
void request(Database &db, const QString &id, const QString &type, const QString &department,
             const QString &address, const QDateTime &opened, qint64 dueInMinutes)
{
    append(db, QStringLiteral("request"), id, QStringLiteral("request.created"),
           {{QStringLiteral("number"), id},
            {QStringLiteral("service_code"), type},
            {QStringLiteral("type_name"), type.toLower()},
            {QStringLiteral("department_code"), department},
            {QStringLiteral("address"), address},
            {QStringLiteral("due_at"),
             QDateTime::currentDateTimeUtc().addSecs(dueInMinutes * 60).toString(Qt::ISODate)}},
           opened);
}

void contact(Database &db, const QString &id, const QDateTime &at, const QString &article,
             const QString &search, const QString &outcome,
             const QString &agent = QStringLiteral("ana"))
{
    append(db, QStringLiteral("contact"), id, QStringLiteral("contact.started"),
           {{QStringLiteral("channel"), QStringLiteral("phone")}}, at, agent);
    if (!article.isEmpty())
        append(db, QStringLiteral("contact"), id, QStringLiteral("contact.article_opened"),
               {{QStringLiteral("article_id"), article}}, at.addSecs(10), agent);
    if (!search.isEmpty())
        append(db, QStringLiteral("contact"), id, QStringLiteral("contact.search_unanswered"),
               {{QStringLiteral("query"), search}, {QStringLiteral("language"), u"en"_qs}},
               at.addSecs(5), agent);
    append(db, QStringLiteral("contact"), id, QStringLiteral("contact.ended"),
           {{QStringLiteral("outcome"), outcome}}, at.addSecs(60), agent);
}

// The focus is in `window` (after a dialog opened or closed).
bool focusIn(const QWidget *window)
{
    return QTest::qWaitFor(
        [window] {
            return QApplication::focusWidget() && QApplication::focusWidget()->window() == window;
        },
        5000);
}

} // namespace

class TestSupervisorLists : public test::DeskFixture
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(freshCity()); }

    void theListsByKeyboard()
    {
        Database &db = m_store->db();
        // Everything within the city's today (the first minutes after midnight included).
        const QDateTime start = test::startWithinCityToday(NewYork, 1800);
        request(db, QStringLiteral("ALERT-1"), QStringLiteral("POTHOLE"), QStringLiteral("PWD"),
                QStringLiteral("1 Zebra Row"), start, -90);
        request(db, QStringLiteral("ALERT-2"), QStringLiteral("SIGNAL"), QStringLiteral("BTD"),
                QStringLiteral("2 Zebra Row"), start.addSecs(60), -30);
        request(db, QStringLiteral("ALERT-3"), QStringLiteral("POTHOLE"), QStringLiteral("PWD"),
                QStringLiteral("1 ZEBRA ROW"), start.addSecs(120), 120);
        contact(db, QStringLiteral("ask-1"), start, QStringLiteral("zebra-answer"), {},
                QStringLiteral("information_given"));
        contact(db, QStringLiteral("ask-2"), start.addSecs(200), QStringLiteral("zebra-answer"),
                QStringLiteral("zebra crossing paint"), QStringLiteral("cold_transfer"));

        Desk desk = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        test::Journey j;
        SupervisorWorkspace *workspace = test::openSupervisorWorkspace(desk, j);
        QVERIFY(workspace);
        auto *tabs = workspace->findChild<QTabWidget *>(QStringLiteral("supervisorTabWidget"));
        QVERIFY(tabs);
        const auto tabTo = [&](QWidget *panel) {
            for (int i = 0; i < tabs->count() && tabs->currentWidget() != panel; ++i) {
                if (!j.press(Qt::Key_Tab, Qt::ControlModifier))
                    return false;
            }
            return tabs->currentWidget() == panel;
        };
        // Escape closes the request's detail, then the drill-down (each takes the focus back in
        // turn), and the keyboard is back in the workspace.
        const auto backToWorkspace = [&] {
            for (QWidget *window : {static_cast<QWidget *>(workspace->requestDetail()),
                                    static_cast<QWidget *>(workspace->drillDown())}) {
                if (!window || !window->isVisible())
                    continue;
                if (!focusIn(window) || !j.press(Qt::Key_Escape))
                    return false;
                if (!QTest::qWaitFor([&] {
                        return !workspace->requestDetail() ||
                               !workspace->requestDetail()->isVisible();
                    }))
                    return false;
            }
            return QTest::qWaitFor([&] { return !workspace->drillDown(); }) && focusIn(workspace);
        };

        // SLA alerts, the third tab: most urgent first, whatever else the store holds.
        QVERIFY(tabTo(workspace->slaAlertsPanel()));
        QCOMPARE(j.focusName(), QStringLiteral("slaAlertTable"));
        SlaAlertsPanel *alerts = workspace->slaAlertsPanel();
        const KpiFilter f = workspace->filter();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto overdue = desk.store->kpis.requestsBehind(f, KpiCell{KpiCell::Metric::Overdue}, now);
        auto soon = desk.store->kpis.requestsBehind(f, KpiCell{KpiCell::Metric::DueSoon}, now);
        QVERIFY(overdue.ok() && soon.ok());
        QCOMPARE(alerts->shownRequests().size(), overdue.value().size() + soon.value().size());
        QVERIFY(alerts->shownRequests().indexOf(u"ALERT-1"_qs) <
                alerts->shownRequests().indexOf(u"ALERT-2"_qs));
        QVERIFY(alerts->shownRequests().indexOf(u"ALERT-2"_qs) <
                alerts->shownRequests().indexOf(u"ALERT-3"_qs));
        QVERIFY2(alerts->summary().contains(u"BTD: "), qPrintable(alerts->summary()));

        // The workspace's queue filter: department BTD, then PWD, then its potholes overdue only
        // (Down through the departments and types of the open requests, in order; the imported
        // history has some of its own).
        QVERIFY(j.tabTo("kpiDepartmentComboBox", 30));
        auto *department = qobject_cast<QComboBox *>(QApplication::focusWidget());
        QVERIFY(department);
        const auto downTo = [&](QComboBox *box, const QString &text) {
            for (int i = 0; i < box->count() && box->currentText() != text; ++i) {
                if (!j.press(Qt::Key_Down))
                    return false;
            }
            return box->currentText() == text;
        };
        QVERIFY(downTo(department, QStringLiteral("BTD")));
        QCOMPARE(workspace->filter().department, QStringLiteral("BTD"));
        QVERIFY(alerts->shownRequests().contains(u"ALERT-2"_qs));
        QVERIFY(!alerts->shownRequests().contains(u"ALERT-1"_qs));
        // Every request figure follows the queue: the backlog is BTD's only, and the alerts'
        // count is its whole count, not only what is listed.
        qint64 btdOverdue = 0;
        for (const KpiBacklogRow &row : workspace->report().backlog) {
            QCOMPARE(row.department, QStringLiteral("BTD"));
            btdOverdue += row.overdue;
        }
        QCOMPARE(workspace->report().overdue, btdOverdue);
        QVERIFY2(alerts->summary().contains(
                     QStringLiteral("BTD: %1 overdue").arg(QLocale().toString(btdOverdue))),
                 qPrintable(alerts->summary()));
        auto btdLines = desk.store->kpis.requestsBehind(workspace->filter(),
                                                        KpiCell{KpiCell::Metric::Overdue}, now);
        QVERIFY(btdLines.ok());
        QCOMPARE(alerts->shownRequests().size(), qMin(btdLines.value().size(), qsizetype(1000)));
        QVERIFY(downTo(department, QStringLiteral("PWD")));
        QVERIFY(alerts->shownRequests().contains(u"ALERT-1"_qs));
        QVERIFY(alerts->shownRequests().contains(u"ALERT-3"_qs));
        QVERIFY(!alerts->shownRequests().contains(u"ALERT-2"_qs));
        QVERIFY(j.press(Qt::Key_Tab));
        QCOMPARE(j.focusName(), QStringLiteral("kpiTypeComboBox"));
        QVERIFY(downTo(qobject_cast<QComboBox *>(QApplication::focusWidget()),
                       QStringLiteral("pothole")));
        QCOMPARE(workspace->filter().serviceCode, QStringLiteral("POTHOLE"));
        QVERIFY(alerts->shownRequests().contains(u"ALERT-1"_qs));
        QVERIFY(alerts->shownRequests().contains(u"ALERT-3"_qs));
        QVERIFY(j.tabTo("slaAlertWhichComboBox", 30));
        QVERIFY(j.press(Qt::Key_Down)); // overdue only
        QVERIFY(alerts->shownRequests().contains(u"ALERT-1"_qs));
        QVERIFY(!alerts->shownRequests().contains(u"ALERT-3"_qs));
        // Back to the list; Enter on the first overdue request opens its timeline.
        QVERIFY(j.press(Qt::Key_Backtab));
        QCOMPARE(j.focusName(), QStringLiteral("slaAlertTable"));
        QVERIFY(j.press(Qt::Key_Home));
        const QString first = alerts->shownRequests().first();
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_VERIFY(workspace->requestDetail() && workspace->requestDetail()->isVisible());
        QCOMPARE(workspace->requestDetail()->requestId(), first);
        QVERIFY(focusIn(workspace->requestDetail()));
        QVERIFY(backToWorkspace());

        // Repeat locations: "1 Zebra Row" twice (written two ways).
        QVERIFY(tabTo(workspace->repeatLocationsPanel()));
        QCOMPARE(j.focusName(), QStringLiteral("repeatLocationsTable"));
        const RepeatLocationReport &repeats = workspace->repeatLocationsPanel()->report();
        auto expected = desk.store->kpis.repeatLocations(workspace->filter());
        QVERIFY(expected.ok());
        QCOMPARE(repeats.locations, expected.value().locations);
        qsizetype zebra = -1;
        for (qsizetype i = 0; i < repeats.rows.size(); ++i) {
            if (repeats.rows.at(i).key == u"1 zebra row")
                zebra = i;
        }
        QVERIFY(zebra >= 0);
        QCOMPARE(repeats.rows.at(zebra).requests, 2);
        for (qsizetype i = 0; i <= zebra; ++i) // the total is the first line
            QVERIFY(j.press(Qt::Key_Down));
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_COMPARE(j.focusName(), QStringLiteral("drillTable"));
        QCOMPARE(workspace->drillDown()->rowCount(), 2);
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_VERIFY(workspace->requestDetail() && workspace->requestDetail()->isVisible());
        QCOMPARE(workspace->requestDetail()->requestId(), QStringLiteral("ALERT-1"));
        QVERIFY(focusIn(workspace->requestDetail()));
        QVERIFY(backToWorkspace());

        // Answers: the zebra answer was opened twice and closed one call.
        QVERIFY(tabTo(workspace->answersPanel()));
        QCOMPARE(j.focusName(), QStringLiteral("answersTable"));
        const AnswerReport &answers = workspace->answersPanel()->report();
        QCOMPARE(answers.answers.size(), 1);
        QCOMPARE(answers.answers.first().contacts, 2);
        QCOMPARE(answers.answers.first().closed, 1);
        QVERIFY(j.press(Qt::Key_Home));
        QVERIFY(j.press(Qt::Key_Right));
        QVERIFY(j.press(Qt::Key_Right)); // Calls closed
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_COMPARE(j.focusName(), QStringLiteral("drillTable"));
        QCOMPARE(workspace->drillDown()->rowCount(), 1);
        QVERIFY(backToWorkspace());
        QVERIFY(j.tabTo("unansweredSearchesTable"));
        QCOMPARE(answers.unanswered.size(), 1);
        QCOMPARE(answers.unanswered.first().query, QStringLiteral("zebra crossing paint"));
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_COMPARE(j.focusName(), QStringLiteral("drillTable"));
        QCOMPARE(workspace->drillDown()->rowCount(), 1);
        QVERIFY(backToWorkspace());

        // Every focusable control of the new tabs has a name a screen reader says.
        for (QWidget *panel : {static_cast<QWidget *>(workspace->slaAlertsPanel()),
                               static_cast<QWidget *>(workspace->repeatLocationsPanel()),
                               static_cast<QWidget *>(workspace->answersPanel())}) {
            tabs->setCurrentWidget(panel);
            QTRY_VERIFY(panel->isVisible());
            for (QWidget *w : panel->findChildren<QWidget *>()) {
                if (!w->isVisible() || !(w->focusPolicy() & Qt::TabFocus) || w->focusProxy())
                    continue;
                QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
                QVERIFY2(iface && !iface->text(QAccessible::Name).trimmed().isEmpty(),
                         qPrintable(w->objectName()));
            }
        }
        qInfo("supervisor lists journey: %d keys", j.keys);
    }

    // A call taker's own figures, Ctrl+Shift+K: hers only (bob's contact is not in them), every
    // number drills down to her own contacts.
    void anAgentSeesHerOwnFigures()
    {
        Database &db = m_store->db();
        const QDateTime start = test::startWithinCityToday(NewYork, 1800);
        contact(db, QStringLiteral("own-1"), start, {}, {}, QStringLiteral("information_given"));
        contact(db, QStringLiteral("own-2"), start.addSecs(300), {}, {},
                QStringLiteral("warm_transfer"));
        contact(db, QStringLiteral("other-1"), start.addSecs(600), {}, {},
                QStringLiteral("information_given"), QStringLiteral("bob"));

        Desk desk = openDesk(QStringLiteral("ana"), AgentRole::CallTaker);
        QVERIFY(desk.window);
        test::Journey j;
        QVERIFY(j.press(Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier));
        MyFiguresDialog *mine = desk.window->myFigures();
        QVERIFY(mine);
        QTRY_COMPARE(j.focusName(), QStringLiteral("myFiguresTree"));
        QCOMPARE(mine->filter().agent, QStringLiteral("ana"));
        QCOMPARE(mine->report().contacts, 2);
        QCOMPARE(mine->report().transfers, 1);
        // The first figure is "All contacts": Enter lists her two.
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_COMPARE(j.focusName(), QStringLiteral("drillTable"));
        QCOMPARE(mine->drillDown()->rowCount(), 2);
        QVERIFY(j.press(Qt::Key_Escape));
        QVERIFY(focusIn(mine));
        QTRY_COMPARE(j.focusName(), QStringLiteral("myFiguresTree"));
        // This week: still hers only.
        QVERIFY(j.press(Qt::Key_P, Qt::AltModifier));
        QCOMPARE(j.focusName(), QStringLiteral("myFiguresPeriodComboBox"));
        QVERIFY(j.press(Qt::Key_Down));
        QTRY_COMPARE(mine->filter().period.first,
                     KpiPeriod::thisWeek(QDateTime::currentDateTimeUtc(), NewYork).first);
        QCOMPARE(mine->report().contacts, 2);
        QVERIFY(test::mnemonicClashes(mine).isEmpty());
        for (QWidget *w : mine->findChildren<QWidget *>()) {
            if (!w->isVisible() || !(w->focusPolicy() & Qt::TabFocus) || w->focusProxy())
                continue;
            QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
            QVERIFY2(iface && !iface->text(QAccessible::Name).trimmed().isEmpty(),
                     qPrintable(w->objectName()));
        }
    }

    // Quality review's second way of sampling, by keyboard: N contacts per agent, each scored by
    // one reviewer, the reviewers dealt in turn.
    void aSamplePerAgent()
    {
        Database &db = m_store->db();
        const QDateTime start = test::startWithinCityToday(NewYork, 1800);
        for (int i = 0; i < 3; ++i)
            contact(db, QStringLiteral("ana-%1").arg(i), start.addSecs(i * 120), {}, {},
                    QStringLiteral("information_given"));
        for (int i = 0; i < 2; ++i)
            contact(db, QStringLiteral("bob-%1").arg(i), start.addSecs(600 + i * 120), {}, {},
                    QStringLiteral("information_given"), QStringLiteral("bob"));
        Desk desk = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        test::Journey j;
        SupervisorWorkspace *workspace = test::openSupervisorWorkspace(desk, j);
        QVERIFY(workspace);
        QVERIFY(j.press(Qt::Key_Q, Qt::AltModifier));
        QTRY_COMPARE(j.focusName(), QStringLiteral("sampleTable"));
        // Reviewers: sam and lee.
        QVERIFY(j.tabTo("sampleReviewersEdit"));
        QVERIFY(j.press(Qt::Key_A, Qt::ControlModifier));
        QVERIFY(j.type("sampleReviewersEdit", QStringLiteral("sam, lee")));
        QVERIFY(j.press(Qt::Key_K, Qt::AltModifier));
        QCOMPARE(j.focusName(), QStringLiteral("sampleKindComboBox"));
        QVERIFY(j.press(Qt::Key_Down)); // per agent
        QVERIFY(j.press(Qt::Key_Tab));
        QCOMPARE(j.focusName(), QStringLiteral("samplePerAgentSpinBox"));
        QVERIFY(j.press(Qt::Key_A, Qt::ControlModifier));
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("2"));
        QVERIFY(j.press(Qt::Key_D, Qt::AltModifier));
        ReviewPanel *panel = workspace->reviewPanel();
        QTRY_COMPARE(panel->sample().size(), 4); // two of ana's three, bob's two
        QMap<QString, int> perAgent;
        QMap<QString, int> perReviewer;
        for (const SampledContact &s : panel->sample()) {
            ++perAgent[s.contact.agent];
            QCOMPARE(s.reviewers.size(), 1);
            ++perReviewer[s.reviewers.first()];
        }
        QCOMPARE(perAgent.value(QStringLiteral("ana")), 2);
        QCOMPARE(perAgent.value(QStringLiteral("bob")), 2);
        QCOMPARE(perReviewer.value(QStringLiteral("sam")), 2);
        QCOMPARE(perReviewer.value(QStringLiteral("lee")), 2);
        QVERIFY(test::mnemonicClashes(workspace).isEmpty());
    }
};

QTEST_MAIN(TestSupervisorLists)
#include "tst_supervisorlists.moc"
