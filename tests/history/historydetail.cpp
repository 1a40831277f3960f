// tst_historypanel: a request's detail through the panel's real widgets — a timeline edited by
// two agents, status changes by role, read-back from a number typed with a mistake,
// duplicates linked and unlinked by role, and the detail in the agent's language.

#include "tests/history/historypanelsuite.h"

using namespace civicdesk;

void TestHistoryPanel::aTimelineWithEditsByTwoAgents()
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

void TestHistoryPanel::statusChangesByRole()
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

void TestHistoryPanel::readBackWithAMistypedNumber()
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
    QVERIFY2(result->text().contains(u"not a valid request number"), qPrintable(result->text()));
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
    QTest::mouseClick(child<QPushButton>(m_panel.get(), "readbackDetailsButton"), Qt::LeftButton);
    QTRY_VERIFY(m_panel->detailDialog() && m_panel->detailDialog()->isVisible());
    QCOMPARE(child<QTableView>(m_panel->detailDialog(), "timelineTableView")->model()->rowCount(),
             3);
}

void TestHistoryPanel::duplicatesAreLinkedAndUnlinkedByRole()
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
    QVERIFY(
        child<QLabel>(detail, "detailDuplicatesLabel")->text().contains(u"101001241058 (Open)"));
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
    QVERIFY(
        child<QLabel>(detail, "detailDuplicatesLabel")->text().contains(u"101001241058 (Closed)"));

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
void TestHistoryPanel::theDetailSpeaksTheAgentsLanguage()
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
