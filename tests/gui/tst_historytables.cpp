// The History dock's tables on a call taker's screen (tst_historytables, and in Spanish
// tst_historytables_es), at a desktop's usual 10 pt with the default layout: at 1366x768 and at
// 1600x1000 no table needs a sideways scroll to read a row (the caller's, the location's and the
// agent's history, the callbacks, the search); every shown column's title is whole, and every
// value is whole or held whole by the row's tooltip; the columns the dock has no room for are
// hidden least needed first, and what they hold is in each row's tooltip and accessible
// description; a wider dock shows them again. Keys go to QApplication::focusWidget().

#include "models/city/cataloguerepository.h"
#include "models/itemmodels/callbacklistmodel.h"
#include "models/itemmodels/requestlistmodel.h"
#include "tests/gui/desklanguage.h"
#include "ui/history/historypanel.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QScrollBar>
#include <QStyle>
#include <QTableView>
#include <QTest>
#include <algorithm>

using namespace civicdesk;

namespace {

// The tables in the order of the History tabs (caller, location, agent, callbacks, search).
const char *const Tables[] = {"callerHistoryTableView", "locationHistoryTableView",
                              "agentHistoryTableView", "callbacksTableView", "requestTableView"};

// Why a row of `table` cannot be read as it is shown, one line each: a sideways scroll, a
// column past the view's edge or with its title cut, a value cut with no tooltip holding it,
// a hidden column's value missing from the row's tooltip or accessible description.
QStringList unreadable(const QTableView *table)
{
    QStringList found;
    const QString name = table->objectName();
    if (!table->isVisible())
        return {name + QStringLiteral(" is not on screen")};
    if (table->horizontalScrollBar()->isVisible() || table->horizontalScrollBar()->maximum() > 0)
        found.append(QStringLiteral("%1 scrolls sideways (%2 px)")
                         .arg(name)
                         .arg(table->horizontalScrollBar()->maximum()));
    const QHeaderView *header = table->horizontalHeader();
    const QAbstractItemModel *model = table->model();
    const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    const int grid = table->showGrid() ? 1 : 0;
    int shown = 0;
    for (int column = 0; column < header->count(); ++column) {
        const QString title = model->headerData(column, Qt::Horizontal).toString();
        if (header->isSectionHidden(column)) {
            for (int row = 0; row < std::min(model->rowCount(), 200); ++row) {
                const QModelIndex first = model->index(row, header->logicalIndex(0));
                const QString value = model->index(row, column).data().toString();
                for (int role : {int(Qt::ToolTipRole), int(Qt::AccessibleDescriptionRole)}) {
                    if (!value.isEmpty() && !first.data(role).toString().contains(value))
                        found.append(
                            QStringLiteral("%1 row %2: hidden \"%3\" (%4) not in role %5: \"%6\"")
                                .arg(name)
                                .arg(row)
                                .arg(title, value)
                                .arg(role)
                                .arg(first.data(role).toString()));
                }
            }
            continue;
        }
        ++shown;
        const int size = header->sectionSize(column);
        const int right = header->sectionViewportPosition(column) + size;
        if (right > table->viewport()->width())
            found.append(QStringLiteral("%1 column \"%2\" ends at %3 px, the view shows %4")
                             .arg(name, title)
                             .arg(right)
                             .arg(table->viewport()->width()));
        const int titleNeeds = header->fontMetrics().horizontalAdvance(title) + 2 * margin;
        if (titleNeeds > size)
            found.append(QStringLiteral("%1 header \"%2\" needs %3 px, has %4")
                             .arg(name, title)
                             .arg(titleNeeds)
                             .arg(size));
        for (int row = 0; row < std::min(model->rowCount(), 200); ++row) {
            const QModelIndex index = model->index(row, column);
            const QString value = index.data().toString();
            const int needed = table->sizeHintForIndex(index).width() + grid;
            if (needed > size && !index.data(Qt::ToolTipRole).toString().contains(value))
                found.append(
                    QStringLiteral("%1 row %2 \"%3\": \"%4\" needs %5 px, has %6, no tooltip")
                        .arg(name)
                        .arg(row)
                        .arg(title, value)
                        .arg(needed)
                        .arg(size));
        }
    }
    if (shown < 3)
        found.append(QStringLiteral("%1 shows only %2 columns").arg(name).arg(shown));
    return found;
}

QList<int> hiddenColumns(const QTableView *table)
{
    QList<int> hidden;
    for (int column = 0; column < table->horizontalHeader()->count(); ++column) {
        if (table->horizontalHeader()->isSectionHidden(column))
            hidden.append(column);
    }
    return hidden;
}

} // namespace

class TestHistoryTables : public test::LanguageDeskFixture
{
    Q_OBJECT

    // The real main window at `screen` with the default layout, shown and active, the focus in
    // its intake.
    Desk openAt(QSize screen)
    {
        // A settings file of its own: no layout left by an earlier window.
        static int opened = 0;
        Desk desk;
        desk.settings = std::make_unique<Settings>(
            m_settingsDir.filePath(QStringLiteral("desk%1.ini").arg(++opened)));
        desk.store = std::make_unique<StoreContext>(m_store->db(), QStringLiteral("agent1"),
                                                    AgentRole::CallTaker);
        desk.window = std::make_unique<MainWindow>(*desk.store, *desk.settings);
        desk.window->resize(screen);
        desk.window->show();
        if (!QTest::qWaitForWindowExposed(desk.window.get()))
            return {};
        desk.window->activateWindow();
        if (!QTest::qWaitForWindowActive(desk.window.get()))
            return {};
        desk.window->intakePanel()->setFocus();
        return desk;
    }

    // Every history view has rows: a caller with a request at 12 S Russell St taken by agent1,
    // and a callback promised on it.
    static bool seed(Desk &desk)
    {
        IntakeService &intake = desk.store->service;
        const auto type =
            CatalogueRepository(desk.store->database).serviceType(QStringLiteral("BIRDINFEST"));
        const auto contact = intake.startContact(Channel::Phone);
        Caller caller;
        caller.name = QStringLiteral("María José Fernández");
        caller.phone = QStringLiteral("(617) 555-0142");
        const auto callerId = intake.saveCaller(caller);
        if (!type || !contact || !callerId)
            return false;
        NewRequest request;
        request.type = *type;
        request.description = QStringLiteral("Pigeons nesting over the door");
        request.location.address = QStringLiteral("12 S Russell St, 02114");
        request.location.latitude = 42.3608;
        request.location.longitude = -71.0659;
        request.location.neighborhood = QStringLiteral("Beacon Hill");
        request.callerId = callerId.value();
        const auto created = intake.createRequest(request);
        if (!created || !intake.endContact(contact.value(), Outcome::RequestCreated, {},
                                           QStringLiteral("Filed")))
            return false;
        const auto callback = desk.store->history.actions.scheduleCallback(
            created.value().id, QDateTime::currentDateTimeUtc().addSecs(45 * 60),
            QStringLiteral("Tell her when the crew comes"));
        if (!callback)
            return false;
        HistoryPanel *panel = desk.window->historyPanel();
        panel->refresh();
        panel->setCaller(callerId.value());
        panel->setLocation(42.3608, -71.0659, QStringLiteral("12 S Russell St"));
        return true;
    }

    // Shows each History tab by its Alt letter; false (with a warning) when a table is not read
    // whole once the layout has settled.
    static bool everyTableReadable(test::Journey &j, MainWindow *window, const QString &when)
    {
        const QList<Qt::Key> letters =
            test::spanish() ? QList<Qt::Key>{Qt::Key_L, Qt::Key_A, Qt::Key_M, Qt::Key_D, Qt::Key_Q}
                            : QList<Qt::Key>{Qt::Key_A, Qt::Key_I, Qt::Key_M, Qt::Key_B, Qt::Key_S};
        for (int i = 0; i < letters.size(); ++i) {
            if (!j.press(letters.at(i), Qt::AltModifier))
                return false;
            auto *table = window->findChild<QTableView *>(QString::fromLatin1(Tables[i]));
            if (!table || !QTest::qWaitFor([table] { return table->model()->rowCount() > 0; })) {
                qWarning("%s: %s has no rows", qPrintable(when), Tables[i]);
                return false;
            }
            QStringList problems;
            const bool ok =
                QTest::qWaitFor([&] { return (problems = unreadable(table)).isEmpty(); }, 2000);
            if (!ok) {
                qWarning("%s:\n%s", qPrintable(when), qPrintable(problems.join(u'\n')));
                return false;
            }
        }
        return true;
    }

private slots:
    void initTestCase() { QVERIFY(useLanguageAndDesktopFont()); }
    void cleanupTestCase() { restoreFont(); }
    void init() { QVERIFY(freshCity()); }

    void everyHistoryTableIsReadWithoutScrolling_data()
    {
        QTest::addColumn<QSize>("screen");
        QTest::newRow("1366x768") << QSize(1366, 768);
        QTest::newRow("1600x1000") << QSize(1600, 1000);
    }

    void everyHistoryTableIsReadWithoutScrolling()
    {
        QFETCH(QSize, screen);
        Desk desk = openAt(screen);
        QVERIFY(desk.window);
        QVERIFY(seed(desk));
        test::Journey j;
        QVERIFY(j.press(Qt::Key_4, Qt::ControlModifier));
        QVERIFY(
            everyTableReadable(j, desk.window.get(), QString::fromLatin1(QTest::currentDataTag())));

        // The search's rows stay reachable and readable by keyboard: Tab reaches the table
        // from the filter, Down moves to the next row.
        auto *requests = desk.window->findChild<QTableView *>(QStringLiteral("requestTableView"));
        QVERIFY(j.tabTo("requestTableView"));
        const int row = requests->currentIndex().row();
        QVERIFY(j.press(Qt::Key_Down));
        QCOMPARE(requests->currentIndex().row(), row + 1);
        QCOMPARE(requests->horizontalScrollBar()->maximum(), 0);
    }

    // At 1366x768 the search hides its least needed columns, the channel first; a wider dock
    // shows them again, and narrowing it hides them anew.
    void hiddenColumnsComeBackAsTheDockWidens()
    {
        Desk desk = openAt(QSize(1366, 768));
        QVERIFY(desk.window);
        QVERIFY(seed(desk));
        test::Journey j;
        QVERIFY(j.press(Qt::Key_4, Qt::ControlModifier));
        QVERIFY(j.press(test::spanish() ? Qt::Key_Q : Qt::Key_S, Qt::AltModifier));
        auto *requests = desk.window->findChild<QTableView *>(QStringLiteral("requestTableView"));
        QTRY_VERIFY(requests->model()->rowCount() > 0);
        const QList<int> order = {RequestListModel::Channel, RequestListModel::Sla,
                                  RequestListModel::Opened, RequestListModel::Status};
        QTRY_VERIFY(requests->isColumnHidden(RequestListModel::Channel));
        const QList<int> narrow = hiddenColumns(requests);
        QList<int> leastNeeded = order.mid(0, narrow.size());
        std::sort(leastNeeded.begin(), leastNeeded.end());
        QCOMPARE(narrow, leastNeeded);
        // What the channel holds is in the row's tooltip.
        const QModelIndex first = requests->model()->index(0, RequestListModel::Number);
        const QString channel =
            requests->model()->index(0, RequestListModel::Channel).data().toString();
        QVERIFY(!channel.isEmpty());
        QVERIFY2(first.data(Qt::ToolTipRole).toString().contains(channel),
                 qPrintable(first.data(Qt::ToolTipRole).toString()));

        // The dock widened: every column is back, still without a sideways scroll.
        QDockWidget *history = desk.window->findChild<QDockWidget *>(QStringLiteral("historyDock"));
        QDockWidget *intake = desk.window->findChild<QDockWidget *>(QStringLiteral("intakeDock"));
        const QSize window = desk.window->size();
        const QList<int> widths = {intake->width(), history->width()};
        desk.window->resize(2400, 768);
        desk.window->resizeDocks({intake, history}, {600, 1800}, Qt::Horizontal);
        QTRY_VERIFY2(hiddenColumns(requests).isEmpty(),
                     qPrintable(QStringLiteral("the history dock is %1 px wide, hidden: %2")
                                    .arg(history->width())
                                    .arg(hiddenColumns(requests).size())));
        QTRY_VERIFY2(unreadable(requests).isEmpty(), qPrintable(unreadable(requests).join(u'\n')));

        // Narrowed again: the same columns go.
        desk.window->resize(window);
        desk.window->resizeDocks({intake, history}, widths, Qt::Horizontal);
        QTRY_COMPARE(hiddenColumns(requests), narrow);
        QTRY_VERIFY2(unreadable(requests).isEmpty(), qPrintable(unreadable(requests).join(u'\n')));
    }
};

QTEST_MAIN(TestHistoryTables)
#include "tst_historytables.moc"
