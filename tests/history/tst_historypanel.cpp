// The history panel through its real widgets, offscreen: the three views that follow the
// contact, search typed into the filters (answered on the search thread), and callbacks
// scheduled and marked done. (A request's detail: historydetail.cpp; the suite's class:
// historypanelsuite.h.)

#include "tests/history/historypanelsuite.h"

using namespace civicdesk;

void TestHistoryPanel::init()
{
    m_fx = std::make_unique<test::HistoryFixture>();
    const HistoryContext context{m_fx->db(), m_fx->events(), QStringLiteral("agent1"),
                                 QTimeZone("America/New_York"), AgentRole::CallTaker};
    m_services = std::make_unique<HistoryServices>(context);
    m_requests = std::make_unique<RequestListModel>(m_fx->db());
    m_panel = std::make_unique<HistoryPanel>(*m_services, *m_requests);
    m_panel->setClock(m_fx->clock());
    m_panel->resize(1100, 700);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TestHistoryPanel::cleanup()
{
    m_panel.reset();
    m_requests.reset();
    m_services.reset();
    m_fx.reset();
}

void TestHistoryPanel::theThreeViewsFollowTheContact()
{
    QTableView *caller = table("callerHistoryTableView");
    QTableView *location = table("locationHistoryTableView");
    QTableView *agent = table("agentHistoryTableView");
    QAbstractItemModelTester callerTester(caller->model(), Mode::QtTest);
    QAbstractItemModelTester locationTester(location->model(), Mode::QtTest);
    QCOMPARE(caller->model()->rowCount(), 0);
    QCOMPARE(location->model()->rowCount(), 0);
    QCOMPARE(agent->model()->rowCount(), 1); // agent1's own contact
    QCOMPARE(cell(agent, 0, 0), display());  // the city's published form, as the banner

    m_panel->setCaller(m_fx->benId);
    QCOMPARE(caller->model()->rowCount(), 2);
    QVERIFY(cell(caller, 0, 1).startsWith(u"Contact"));
    QCOMPARE(cell(caller, 1, 0), display());
    auto *tabs = child<QTabWidget>(m_panel.get(), "historyTabWidget");
    QCOMPARE(tabs->tabText(HistoryPanel::CallerTab), QStringLiteral("C&aller (2)"));

    m_panel->setLocation(test::HistoryFixture::Latitude, test::HistoryFixture::Longitude,
                         test::HistoryFixture::address());
    QCOMPARE(location->model()->rowCount(), 3);
    QCOMPARE(cell(location, 0, 0), display());
    QCOMPARE(cell(location, 0, 2), QStringLiteral("Open"));
    QVERIFY(cell(location, 1, 5).endsWith(u"(same address)"));
    QVERIFY(cell(location, 2, 5).endsWith(u"(11 m away)"));
    QCOMPARE(cell(location, 2, 3), QStringLiteral("Overdue")); // closed after its target
    m_panel->clearLocation();
    QCOMPARE(location->model()->rowCount(), 0);
    m_panel->setCaller({});
    QCOMPARE(caller->model()->rowCount(), 0);
}

void TestHistoryPanel::theCallerViewAddsWhatTheCentralStoreHas()
{
    QTableView *caller = table("callerHistoryTableView");
    auto *caption = m_panel->findChild<QLabel *>(QStringLiteral("callerHistoryLabel"));
    QVERIFY(caption);
    m_panel->setCaller(m_fx->anaId);
    const int local = caller->model()->rowCount();
    QVERIFY(local > 0);
    // Online: the central store knows one more request of this caller.
    ServiceRequest elsewhere;
    elsewhere.id = QStringLiteral("made-on-another-workstation");
    elsewhere.number = QStringLiteral("ZZ9ZZ-0001X");
    elsewhere.typeName = QStringLiteral("Graffiti Removal");
    elsewhere.openedAt = m_fx->now().addDays(-2);
    QString askedPhone;
    std::function<void(const CentralAnswer &)> pending;
    m_panel->setCentralQuery(
        [&](CentralKey key, const QString &value, std::function<void(const CentralAnswer &)> done) {
            if (key == CentralKey::Phone)
                askedPhone = value;
            pending = std::move(done);
        });
    QCOMPARE(askedPhone, QStringLiteral("+16175550142"));
    QVERIFY(pending);
    pending(CentralAnswer{{elsewhere}, true, {}});
    QCOMPARE(caller->model()->rowCount(), local + 1);
    QVERIFY(caption->text().contains(u"1 more from the central store"));
    bool shown = false;
    for (int row = 0; row < caller->model()->rowCount(); ++row)
        shown = shown || cell(caller, row, 0) == elsewhere.number;
    QVERIFY(shown);
    // Offline: only this workstation's records, and the view says so.
    m_panel->setCaller(m_fx->anaId);
    pending(CentralAnswer{{},
                          false,
                          QStringLiteral("The central store cannot be reached (timeout): "
                                         "showing this workstation's records only.")});
    QCOMPARE(caller->model()->rowCount(), local);
    QVERIFY(caption->text().contains(u"cannot be reached"));
    // A late answer for a caller the agent has moved on from is dropped.
    m_panel->setCaller(m_fx->anaId);
    auto late = std::move(pending);
    m_panel->setCaller(m_fx->benId);
    const int ben = caller->model()->rowCount();
    late(CentralAnswer{{elsewhere}, true, {}});
    QCOMPARE(caller->model()->rowCount(), ben);
}

void TestHistoryPanel::searchThroughTheFilters()
{
    m_panel->focusFilter();
    auto *filter = child<QLineEdit>(m_panel.get(), "historyFilterLineEdit");
    QTRY_COMPARE(QApplication::focusWidget(), filter);
    QTableView *requests = table("requestTableView");
    QAbstractItemModelTester tester(requests->model(), Mode::QtTest);
    auto *count = child<QLabel>(m_panel.get(), "historyCountLabel");
    QTRY_COMPARE(count->text(), QStringLiteral("26 requests (26 loaded)"));
    QVERIFY(m_panel->model()->isThreaded());
    QTest::keyClicks(filter, QStringLiteral("Rodent"));
    QTRY_COMPARE(requests->model()->rowCount(), 8);
    filter->clear();
    QTest::keyClicks(child<QLineEdit>(m_panel.get(), "historyPhoneLineEdit"),
                     QStringLiteral("617 555 0199"));
    QTRY_COMPARE(requests->model()->rowCount(), 1);
    QCOMPARE(cell(requests, 0, 0), display());
    child<QLineEdit>(m_panel.get(), "historyPhoneLineEdit")->clear();
    auto *status = child<QComboBox>(m_panel.get(), "historyStatusComboBox");
    status->setCurrentIndex(status->findData(QStringLiteral("closed")));
    QTRY_COMPARE(requests->model()->rowCount(), 25);
    // Sorting is done by the store: the lowest case number first.
    requests->sortByColumn(0, Qt::AscendingOrder);
    QTRY_COMPARE(cell(requests, 0, 0), QStringLiteral("101001240735"));
    requests->sortByColumn(0, Qt::DescendingOrder);
    QTRY_COMPARE(cell(requests, 0, 0), QStringLiteral("101001323489"));
    // Enter on a row opens its detail.
    requests->setFocus();
    requests->setCurrentIndex(requests->model()->index(0, 0));
    QTest::keyClick(requests, Qt::Key_Return);
    QTRY_VERIFY(m_panel->detailDialog() && m_panel->detailDialog()->isVisible());
    QVERIFY(child<QLabel>(m_panel->detailDialog(), "detailTitleLabel")
                ->text()
                .startsWith(u"101001323489"));
}

void TestHistoryPanel::typingFasterThanTheStoreAnswersShowsTheLastFilter()
{
    m_panel->focusFilter();
    auto *filter = child<QLineEdit>(m_panel.get(), "historyFilterLineEdit");
    QTableView *requests = table("requestTableView");
    QAbstractItemModelTester tester(requests->model(), Mode::QtTest);
    auto *count = child<QLabel>(m_panel.get(), "historyCountLabel");
    QTRY_COMPARE(count->text(), QStringLiteral("26 requests (26 loaded)"));
    // Each word applied at once (as a debounce timeout would), one after the other.
    for (const QString &words : {QStringLiteral("Bird"), QStringLiteral("Rod"),
                                 QStringLiteral("Rodent"), QStringLiteral("Russell")}) {
        filter->setText(words);
        child<HistorySearchView>(m_panel.get(), "historySearchView")->applyFilter();
    }
    QCOMPARE(count->text(), QStringLiteral("Searching…"));
    QTRY_COMPARE(count->text(), QStringLiteral("3 requests (3 loaded)"));
    QCOMPARE(requests->model()->rowCount(), 3);
    QTRY_VERIFY(m_panel->model()->staleDropped() >= 3);
}

void TestHistoryPanel::callbacksAreScheduledAndMarkedDone()
{
    RequestDetailDialog *detail = openDetailFromCallerView();
    QVERIFY(detail);
    auto *timeline = child<QTableView>(detail, "timelineTableView");
    auto *tabs = child<QTabWidget>(m_panel.get(), "historyTabWidget");
    QTableView *callbacks = table("callbacksTableView");
    QAbstractItemModelTester tester(callbacks->model(), Mode::QtTest);
    QCOMPARE(callbacks->model()->rowCount(), 0);
    QCOMPARE(tabs->tabText(tabs->indexOf(m_panel->callbacksView())),
             QStringLiteral("Call&backs (0 due)"));
    QVERIFY(!child<QPushButton>(detail, "detailCallbackDoneButton")->isVisible());

    // 45 minutes from now, typed in Boston time.
    const QTimeZone boston("America/New_York");
    const QDateTime due = m_fx->now().addSecs(45 * 60);
    const QDateTime local = due.toTimeZone(boston);
    auto *dueEdit = child<QDateTimeEdit>(detail, "detailCallbackDueDateTimeEdit");
    dueEdit->setDateTime(QDateTime(local.date(), local.time()));
    auto *note = child<QLineEdit>(detail, "detailCallbackNoteLineEdit");
    QTest::keyClicks(note, QStringLiteral("Tell her when the crew comes"));
    QTest::keyClick(note, Qt::Key_Return);
    QTRY_VERIFY(cell(timeline, timeline->model()->rowCount() - 1, TimelineModel::What)
                    .startsWith(u"Callback to Ana Ruiz, +16175550142 by "));
    QVERIFY(cell(timeline, timeline->model()->rowCount() - 1, TimelineModel::What)
                .endsWith(u": Tell her when the crew comes"));
    QCOMPARE(callbacks->model()->rowCount(), 1);
    QCOMPARE(cell(callbacks, 0, CallbackListModel::Number), display());
    QCOMPARE(cell(callbacks, 0, CallbackListModel::State), QStringLiteral("Due soon"));
    QCOMPARE(tabs->tabText(tabs->indexOf(m_panel->callbacksView())),
             QStringLiteral("Call&backs (1 due)"));
    QCOMPARE(m_panel->callbacksView()->model()->entry(0).dueAt, due);

    // Any agent marks it done, with how it went.
    m_panel->setAgentRole(AgentRole::CallTaker);
    auto *done = child<QPushButton>(detail, "detailCallbackDoneButton");
    QVERIFY(done->isVisible());
    auto *outcome = child<QComboBox>(detail, "detailCallbackOutcomeComboBox");
    outcome->setCurrentIndex(outcome->findData(QStringLiteral("left_message")));
    QTest::mouseClick(done, Qt::LeftButton);
    QTRY_COMPARE(cell(timeline, timeline->model()->rowCount() - 1, TimelineModel::What),
                 QStringLiteral("Callback done: Left a message"));
    QCOMPARE(callbacks->model()->rowCount(), 0);
    QCOMPARE(tabs->tabText(tabs->indexOf(m_panel->callbacksView())),
             QStringLiteral("Call&backs (0 due)"));
    QVERIFY(!done->isVisible());

    // A time in the past is refused, with the reason shown.
    dueEdit->setDateTime(QDateTime(local.date(), local.time()).addSecs(-2 * 3600));
    QTest::mouseClick(child<QPushButton>(detail, "detailScheduleCallbackButton"), Qt::LeftButton);
    QTRY_VERIFY(child<QLabel>(detail, "detailMessageLabel")->text().contains(u"after now"));
}

QTEST_MAIN(TestHistoryPanel)
