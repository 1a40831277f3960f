// The history panel through its real widgets, offscreen: the three views that follow the
// contact, search typed into the filters (answered on the search thread), a request's detail
// with a timeline edited by two agents, status changes by role, duplicates linked and unlinked
// by role, callbacks scheduled and marked done, and read-back from a number typed with a
// mistake.

#include "models/city/cataloguerepository.h"
#include "models/intake/intakeservice.h"
#include "models/itemmodels/callbacklistmodel.h"
#include "models/itemmodels/requestlistmodel.h"
#include "models/itemmodels/timelinemodel.h"
#include "models/requests/historycontext.h"
#include "models/requests/historyservices.h"
#include "models/requests/requestsearchrepository.h"
#include "tests/history/historyfixture.h"
#include "ui/history/callbacklistview.h"
#include "ui/history/historypanel.h"
#include "ui/history/historysearchview.h"
#include "ui/history/requestdetaildialog.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace civicdesk;
using Mode = QAbstractItemModelTester::FailureReportingMode;

class TestHistoryPanel : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::HistoryFixture> m_fx;
    std::unique_ptr<HistoryServices> m_services;  // as the composition root builds them
    std::unique_ptr<RequestListModel> m_requests; // the same (StoreContext::requestList)
    std::unique_ptr<HistoryPanel> m_panel;

    template <typename T> T *child(QWidget *root, const char *name)
    {
        T *widget = root->findChild<T *>(QString::fromLatin1(name));
        if (!widget)
            qFatal("no widget %s", name);
        return widget;
    }
    QTableView *table(const char *name) { return child<QTableView>(m_panel.get(), name); }
    QString cell(QTableView *view, int row, int column)
    {
        return view->model()->index(row, column).data().toString();
    }
    QString display() const
    {
        return m_fx->requestNumber.left(5) + u'-' + m_fx->requestNumber.mid(5);
    }
    RequestDetailDialog *openDetailFromCallerView()
    {
        m_panel->setCaller(m_fx->anaId);
        m_panel->showTab(HistoryPanel::CallerTab);
        QTableView *view = table("callerHistoryTableView");
        view->setFocus();
        view->setCurrentIndex(view->model()->index(0, 0));
        QTest::keyClick(view, Qt::Key_Return);
        RequestDetailDialog *detail = m_panel->detailDialog();
        if (detail && !QTest::qWaitForWindowExposed(detail))
            return nullptr;
        return detail;
    }

private slots:
    void init()
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
    void cleanup()
    {
        m_panel.reset();
        m_requests.reset();
        m_services.reset();
        m_fx.reset();
    }

    void theThreeViewsFollowTheContact()
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

    void theCallerViewAddsWhatTheCentralStoreHas()
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
        m_panel->setCentralQuery([&](CentralKey key, const QString &value,
                                     std::function<void(const CentralAnswer &)> done) {
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

    void searchThroughTheFilters()
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

    void aTimelineWithEditsByTwoAgents()
    {
        m_fx->changeField(QStringLiteral("agent1"), QStringLiteral("description"),
                          QStringLiteral("Pigeons over the back door"));
        m_fx->changeField(QStringLiteral("agent2"), QStringLiteral("address"),
                          QStringLiteral("14 S Russell St, 02114"));
        RequestDetailDialog *detail = openDetailFromCallerView();
        QVERIFY(detail);
        auto *timeline = child<QTableView>(detail, "timelineTableView");
        QAbstractItemModelTester tester(timeline->model(), Mode::QtTest);
        QCOMPARE(timeline->model()->rowCount(), 5);
        QVERIFY(cell(timeline, 0, TimelineModel::What).contains(u"Ana Ruiz"));
        QCOMPARE(cell(timeline, 0, TimelineModel::Channel), QStringLiteral("Phone"));
        QVERIFY(cell(timeline, 1, TimelineModel::What).contains(u"Ben Ode"));
        QVERIFY(cell(timeline, 1, TimelineModel::Agent).startsWith(u"agent2"));
        QCOMPARE(cell(timeline, 3, TimelineModel::What),
                 QStringLiteral("Description changed: Pigeons nesting over the door → Pigeons "
                                "over the back door"));
        QVERIFY(cell(timeline, 3, TimelineModel::Agent).startsWith(u"agent1"));
        QCOMPARE(cell(timeline, 4, TimelineModel::What),
                 QStringLiteral("Address changed: 12 S Russell St, 02114 → 14 S Russell St, "
                                "02114"));
        QVERIFY(cell(timeline, 4, TimelineModel::Agent).startsWith(u"agent2"));
        QVERIFY(child<QLabel>(detail, "detailCallersLabel")->text().contains(u"Ana Ruiz"));
        QVERIFY(child<QLabel>(detail, "detailCallersLabel")->text().contains(u"Ben Ode"));
        QCOMPARE(child<QLabel>(detail, "detailAddressLabel")->text(),
                 QStringLiteral("14 S Russell St, 02114"));
    }

    void statusChangesByRole()
    {
        RequestDetailDialog *detail = openDetailFromCallerView();
        QVERIFY(detail);
        auto *status = child<QComboBox>(detail, "detailStatusComboBox");
        auto *change = child<QPushButton>(detail, "detailChangeStatusButton");
        auto *timeline = child<QTableView>(detail, "timelineTableView");
        // A call taker cannot move an open request; they add a note.
        QVERIFY(!status->isEnabled());
        QVERIFY(!change->isEnabled());
        auto *note = child<QLineEdit>(detail, "detailNoteLineEdit");
        QTest::keyClicks(note, QStringLiteral("Caller says the birds are back"));
        QTest::keyClick(note, Qt::Key_Return);
        QTRY_COMPARE(timeline->model()->rowCount(), 4);
        QCOMPARE(cell(timeline, 3, TimelineModel::What),
                 QStringLiteral("Internal note: Caller says the birds are back"));

        m_panel->setAgentRole(AgentRole::Supervisor);
        QVERIFY(status->isEnabled());
        QCOMPARE(status->count(), 2); // in progress, closed
        status->setCurrentIndex(status->findData(QStringLiteral("closed")));
        auto *reason = child<QComboBox>(detail, "detailClosureReasonComboBox");
        QVERIFY(reason->isEnabled());
        reason->setCurrentIndex(reason->findData(QStringLiteral("resolved")));
        QTest::mouseClick(change, Qt::LeftButton);
        QTRY_COMPARE(child<QLabel>(detail, "detailStatusLabel")->text(), QStringLiteral("Closed"));
        QCOMPARE(cell(timeline, 4, TimelineModel::What),
                 QStringLiteral("Status: Open → Closed (Resolved)"));
        QVERIFY(cell(timeline, 4, TimelineModel::Agent).startsWith(u"agent1"));
        // The views follow: the location list shows it closed.
        m_panel->setLocation(test::HistoryFixture::Latitude, test::HistoryFixture::Longitude,
                             test::HistoryFixture::address());
        QCOMPARE(cell(table("locationHistoryTableView"), 0, 2), QStringLiteral("Closed"));

        m_panel->setAgentRole(AgentRole::CallTaker);
        QCOMPARE(status->count(), 1);
        QCOMPARE(status->itemText(0), QStringLiteral("Reopen"));
        QTest::mouseClick(change, Qt::LeftButton);
        QTRY_COMPARE(child<QLabel>(detail, "detailStatusLabel")->text(), QStringLiteral("Open"));
        QCOMPARE(cell(timeline, 5, TimelineModel::What), QStringLiteral("Reopened: Open"));
    }

    void readBackWithAMistypedNumber()
    {
        m_panel->focusReadback();
        auto *number = child<QLineEdit>(m_panel.get(), "readbackNumberLineEdit");
        QTRY_COMPARE(QApplication::focusWidget(), number);
        auto *result = child<QLabel>(m_panel.get(), "readbackResultLabel");
        // One symbol misheard: the check symbol catches it before any lookup.
        QString misheard = display();
        const int at = 7;
        misheard[at] = misheard.at(at) == u'2' ? u'3' : u'2';
        QTest::keyClicks(number, misheard);
        QTest::keyClick(number, Qt::Key_Return);
        QTRY_VERIFY(result->isVisible());
        QVERIFY2(result->text().contains(u"not a valid request number"),
                 qPrintable(result->text()));
        QVERIFY(!child<QPushButton>(m_panel.get(), "readbackDetailsButton")->isEnabled());

        number->selectAll();
        QTest::keyClicks(number, display().toLower());
        QTest::keyClick(number, Qt::Key_Return);
        QTRY_VERIFY(result->text().startsWith(u"Request " + display()));
        QVERIFY(result->text().contains(u"Bird infestation at 12 S Russell St, 02114"));
        QVERIFY(result->text().contains(u"It is open and waiting for the department."));
        QVERIFY(result->text().contains(u"It is expected to be resolved by"));
        QVERIFY(result->text().contains(u"There is no public update yet."));

        // An imported case number, read with spaces: it has no check character, so nothing is
        // read before a second detail from the caller matches.
        number->selectAll();
        QTest::keyClicks(number, QStringLiteral("1010 0124 1058"));
        QTest::keyClick(number, Qt::Key_Return);
        auto *confirm = child<QLineEdit>(m_panel.get(), "readbackConfirmLineEdit");
        QTRY_COMPARE(QApplication::focusWidget(), confirm);
        QVERIFY2(result->text().contains(u"no check character"), qPrintable(result->text()));
        QVERIFY(!result->text().contains(u"Alpheus"));
        QVERIFY(!child<QPushButton>(m_panel.get(), "readbackDetailsButton")->isEnabled());
        QTest::keyClicks(confirm, QStringLiteral("12 Main St"));
        QTest::keyClick(confirm, Qt::Key_Return);
        QVERIFY2(result->text().contains(u"does not match"), qPrintable(result->text()));
        QVERIFY(!result->text().contains(u"Alpheus"));
        confirm->selectAll();
        QTest::keyClicks(confirm, QStringLiteral("76 Alpheus Road"));
        QTest::keyClick(confirm, Qt::Key_Return);
        QTRY_VERIFY(result->text().startsWith(u"Request 101001241058"));
        QVERIFY(result->text().contains(u"It was closed on"));
        QVERIFY(result->text().contains(u"Latest update"));
        QTest::mouseClick(child<QPushButton>(m_panel.get(), "readbackDetailsButton"),
                          Qt::LeftButton);
        QTRY_VERIFY(m_panel->detailDialog() && m_panel->detailDialog()->isVisible());
        QCOMPARE(
            child<QTableView>(m_panel->detailDialog(), "timelineTableView")->model()->rowCount(),
            3);
    }

    void typingFasterThanTheStoreAnswersShowsTheLastFilter()
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

    // The number as the agent types it, split in two as it is read aloud.
    QString displayOf(const QString &compact) const
    {
        return compact.size() == 10 ? compact.left(5) + u'-' + compact.mid(5) : compact;
    }

    void duplicatesAreLinkedAndUnlinkedByRole()
    {
        const QString imported =
            RequestSearchRepository(m_fx->db()).byNumber(QStringLiteral("101001241058"))->id;
        m_panel->openRequest(imported);
        RequestDetailDialog *detail = m_panel->detailDialog();
        QVERIFY(detail && QTest::qWaitForWindowExposed(detail));
        auto *timeline = child<QTableView>(detail, "timelineTableView");
        QAbstractItemModelTester tester(timeline->model(), Mode::QtTest);
        // A call taker reopens it (the caller says it is not fixed) and links it to the open
        // request the caller's neighbour made.
        auto *status = child<QComboBox>(detail, "detailStatusComboBox");
        QCOMPARE(status->itemText(0), QStringLiteral("Reopen"));
        QTest::mouseClick(child<QPushButton>(detail, "detailChangeStatusButton"), Qt::LeftButton);
        QTRY_COMPARE(child<QLabel>(detail, "detailStatusLabel")->text(), QStringLiteral("Open"));
        auto *unlink = child<QPushButton>(detail, "detailUnlinkDuplicateButton");
        QVERIFY(!unlink->isEnabled());
        auto *parentNumber = child<QLineEdit>(detail, "detailDuplicateOfLineEdit");
        parentNumber->setFocus();
        QTest::keyClicks(parentNumber, display());
        QTest::keyClick(parentNumber, Qt::Key_Return);
        QTRY_VERIFY(detail->findChild<QLabel *>(QStringLiteral("detailDuplicateOfLabel")));
        QVERIFY(child<QLabel>(detail, "detailDuplicateOfLabel")->text().contains(display()));
        const int rows = timeline->model()->rowCount();
        QCOMPARE(cell(timeline, rows - 1, TimelineModel::What),
                 u"Linked as a duplicate of " + display());
        QVERIFY(cell(timeline, rows - 1, TimelineModel::Agent).startsWith(u"agent1"));
        QVERIFY(parentNumber->isReadOnly());
        QVERIFY(!child<QPushButton>(detail, "detailLinkDuplicateButton")->isEnabled());
        QVERIFY(!unlink->isEnabled()); // call takers do not unlink

        // The parent shows its duplicate, in its fields and its timeline.
        m_panel->openRequest(m_fx->requestId);
        QTRY_VERIFY(m_panel->detailDialog() && m_panel->detailDialog() != detail);
        detail = m_panel->detailDialog();
        QVERIFY(QTest::qWaitForWindowExposed(detail));
        timeline = child<QTableView>(detail, "timelineTableView");
        QVERIFY(child<QLabel>(detail, "detailDuplicatesLabel")
                    ->text()
                    .contains(u"101001241058 (Open)"));
        QCOMPARE(cell(timeline, timeline->model()->rowCount() - 1, TimelineModel::What),
                 QStringLiteral("Duplicate linked: 101001241058 reports the same problem"));

        // A supervisor closes the parent, and its open duplicate with it.
        m_panel->setAgentRole(AgentRole::Supervisor);
        status = child<QComboBox>(detail, "detailStatusComboBox");
        status->setCurrentIndex(status->findData(QStringLiteral("closed")));
        auto *closeDuplicates = child<QCheckBox>(detail, "detailCloseDuplicatesCheckBox");
        QVERIFY(closeDuplicates->isVisible());
        QVERIFY(closeDuplicates->isChecked());
        QCOMPARE(closeDuplicates->text(), QStringLiteral("Also close 1 open duplicate(s)"));
        auto *reason = child<QComboBox>(detail, "detailClosureReasonComboBox");
        reason->setCurrentIndex(reason->findData(QStringLiteral("resolved")));
        QTest::mouseClick(child<QPushButton>(detail, "detailChangeStatusButton"), Qt::LeftButton);
        QTRY_COMPARE(child<QLabel>(detail, "detailStatusLabel")->text(), QStringLiteral("Closed"));
        QCOMPARE(child<QLabel>(detail, "detailMessageLabel")->text(),
                 QStringLiteral("Closed, with 1 duplicate(s)."));
        QVERIFY(child<QLabel>(detail, "detailDuplicatesLabel")
                    ->text()
                    .contains(u"101001241058 (Closed)"));

        // Following the link opens the duplicate, where the supervisor unlinks it.
        emit detail->requestLinkActivated(imported);
        QTRY_VERIFY(m_panel->detailDialog() && m_panel->detailDialog()->requestId() == imported);
        detail = m_panel->detailDialog();
        QVERIFY(QTest::qWaitForWindowExposed(detail));
        timeline = child<QTableView>(detail, "timelineTableView");
        QCOMPARE(cell(timeline, timeline->model()->rowCount() - 1, TimelineModel::What),
                 QStringLiteral("Status: Open → Closed (Duplicate of another request)"));
        unlink = child<QPushButton>(detail, "detailUnlinkDuplicateButton");
        QVERIFY(unlink->isEnabled());
        QTest::mouseClick(unlink, Qt::LeftButton);
        QTRY_VERIFY(!detail->findChild<QLabel *>(QStringLiteral("detailDuplicateOfLabel")));
        QCOMPARE(cell(timeline, timeline->model()->rowCount() - 1, TimelineModel::What),
                 u"Unlinked: no longer a duplicate of " + display());
        QVERIFY(child<QPushButton>(detail, "detailLinkDuplicateButton")->isEnabled());
    }

    // The detail is written for the agent: each answer as its question and the chosen label,
    // the department by name, and no "central store" line on a standalone workstation.
    void theDetailSpeaksTheAgentsLanguage()
    {
        const auto type = CatalogueRepository(m_fx->db()).serviceType(QStringLiteral("BIRDINFEST"));
        QVERIFY(type);
        IntakeService intake(m_fx->db(), m_fx->events(), QStringLiteral("agent1"));
        NewRequest request;
        request.type = *type;
        request.description = QStringLiteral("Pigeons on the roof");
        request.location.address = m_fx->address();
        request.answers.insert(QStringLiteral("SR-BIRDINFEST1"), {QStringLiteral("Yes")});
        request.answers.insert(QStringLiteral("SR-BIRDINFEST2"), {QStringLiteral("Roof")});
        const auto created = intake.createRequest(request);
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
        m_panel->openRequest(created.value().id);
        RequestDetailDialog *detail = m_panel->detailDialog();
        QVERIFY(detail);
        const QString answers = child<QLabel>(detail, "detailAnswersLabel")->text();
        QVERIFY2(answers.contains(u"Any evidence of roosting? Yes"), qPrintable(answers));
        QVERIFY2(answers.contains(u"Location of birds Roof"), qPrintable(answers));
        QVERIFY(!answers.contains(u"SR-BIRDINFEST"));
        const auto department = CatalogueRepository(m_fx->db()).department(type->departmentCode);
        QVERIFY(department);
        QCOMPARE(child<QLabel>(detail, "detailDepartmentLabel")->text(), department->name);
        QVERIFY(!detail->findChild<QLabel *>(QStringLiteral("deliveryStateLabel")));
    }

    void callbacksAreScheduledAndMarkedDone()
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
        QTest::mouseClick(child<QPushButton>(detail, "detailScheduleCallbackButton"),
                          Qt::LeftButton);
        QTRY_VERIFY(child<QLabel>(detail, "detailMessageLabel")->text().contains(u"after now"));
    }
};

QTEST_MAIN(TestHistoryPanel)
#include "tst_historypanel.moc"
