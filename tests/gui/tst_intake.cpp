// The call taker's flow through the real intake widgets, keyboard only, on the fixture city
// (real Boston types and definitions): a complete request with read-back, invalid input of every
// datatype, an emergency type, a confidential type, an address outside the city, attaching a
// caller to a duplicate, and the draft coming back after the workstation process is killed.

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/domain/requestnumber.h"
#include "models/requests/requestrepository.h"
#include "models/workstation/storecontext.h"
#include "tests/gui/intakefixture.h"
#include "tests/support/teststore.h"
#include "ui/intake/intakepanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>
#include <ctime>

using namespace civicdesk;
using test::child;

class TestIntake : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<StoreContext> m_context;
    std::unique_ptr<IntakePanel> m_panel;
    int m_keystrokes = 0;

    void type(QWidget *widget, const QString &text)
    {
        widget->setFocus();
        QTest::keyClicks(widget, text);
        m_keystrokes += int(text.size());
    }
    void key(QWidget *widget, Qt::Key k, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTest::keyClick(widget, k, modifiers);
        ++m_keystrokes;
    }
    int count(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_store->db().connectionName()));
        if (!q.exec(sql) || !q.next())
            qFatal("query failed: %s", qPrintable(sql));
        return q.value(0).toInt();
    }
    QWidget *focused() { return QApplication::focusWidget(); }
    void chooseType(const QString &words)
    {
        m_panel->focusSearch();
        type(child<QLineEdit>(m_panel.get(), "typeSearchLineEdit"), words);
        key(focused(), Qt::Key_Return);
    }
    void pickAddress(const QString &text)
    {
        auto *address = child<QLineEdit>(m_panel.get(), "addressLineEdit");
        type(address, text);
        QVERIFY(child<QListWidget>(m_panel.get(), "addressMatchList")->count() > 0);
        key(address, Qt::Key_Return);
    }

    // A fresh store with the pack at `packPath` imported, and the intake panel on it.
    void openPanelOn(const QString &packPath)
    {
        m_panel.reset();
        m_context.reset();
        m_store = std::make_unique<test::TempStore>();
        auto pack = CityPack::load(packPath);
        QVERIFY(pack.ok());
        CityImporter importer(m_store->db());
        QVERIFY(importer.import(pack.value()).ok());
        m_context = std::make_unique<StoreContext>(m_store->db(), QStringLiteral("agent1"));
        m_panel = std::make_unique<IntakePanel>(
            IntakeContext{m_context->catalogue, m_context->requests, m_context->intake,
                          m_context->service, m_context->addresses, m_context->districts});
        m_panel->resize(700, 1200);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        m_panel->activateWindow();
        m_keystrokes = 0;
    }

    // The referral to Cambridge is on screen, and submitting stores nothing.
    // The fixture city with a boundary, a rat request started, and a point picked on the map
    // in Cambridge, beyond the boundary.
    void pickBeyondTheBoundary(test::FixturePack &pack)
    {
        test::addCityLimits(pack);
        openPanelOn(pack.path());
        chooseType(QStringLiteral("rat"));
        IntakeLocation beyond;
        beyond.landmark = QStringLiteral("Point picked on the map (42.37360, -71.10970)");
        beyond.latitude = 42.3736;
        beyond.longitude = -71.1097;
        m_panel->setPickedLocation(beyond);
    }

    void expectCambridgeReferralAndNothingStored()
    {
        auto *referral = child<QLabel>(m_panel.get(), "referralLabel");
        QVERIFY(referral->isVisible());
        QVERIFY(referral->text().contains(u"City of Cambridge"));
        QVERIFY(referral->text().contains(u"617-349-4000"));
        m_panel->submit();
        QVERIFY(child<QLabel>(m_panel.get(), "intakeMessageLabel")->text().contains(u"outside"));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM requests WHERE origin = 'local'")), 0);
    }

private slots:
    void init() { openPanelOn(test::testDataDir() + QStringLiteral("/minipack")); }

    void cleanup()
    {
        m_panel.reset();
        m_context.reset();
        m_store.reset();
    }

    // Issue 12, item 13: once a type is chosen its list shrinks to the chosen row and its
    // details go, so the questions get the room (the list kept about 160 px); typing in the
    // search opens the whole list again, and the next request starts with it open.
    void theTypeListGivesWayToTheQuestions()
    {
        auto *list = child<QListView>(m_panel.get(), "typeListView");
        auto *details = child<QWidget>(m_panel.get(), "typeDetailBrowser");
        const int row = list->fontMetrics().height();
        QVERIFY(list->height() >= 6 * row);
        QVERIFY(details->isVisible());
        chooseType(QStringLiteral("garbage"));
        QCOMPARE(m_panel->currentTypeCode(), QStringLiteral("MTRECYDBI"));
        QVERIFY2(list->height() <= 2 * row + 2 * list->frameWidth(),
                 qPrintable(QStringLiteral("the type list keeps %1 px").arg(list->height())));
        QVERIFY(!details->isVisible());
        // The chosen type is the row still shown.
        const QModelIndex current = list->currentIndex();
        QCOMPARE(current.data().toString(), QStringLiteral("Trash or recycling not collected"));
        QVERIFY(list->viewport()->rect().intersects(list->visualRect(current)));
        // Changing the type: typing opens the list again.
        m_panel->focusSearch();
        type(focused(), QStringLiteral("rod"));
        QVERIFY(list->height() >= 6 * row);
        QVERIFY(details->isVisible());
        key(focused(), Qt::Key_Return);
        QVERIFY(list->height() <= 2 * row + 2 * list->frameWidth());
    }

    void aCompleteCallByKeyboard()
    {
        auto *start = child<QPushButton>(m_panel.get(), "startContactButton");
        start->setFocus();
        key(start, Qt::Key_Space);
        QVERIFY(!m_panel->contactId().isEmpty());
        QCOMPARE(focused(), child<QLineEdit>(m_panel.get(), "callerPhoneLineEdit"));
        type(focused(), QStringLiteral("(617) 555-0100"));
        key(focused(), Qt::Key_Tab);
        type(focused(), QStringLiteral("Ana Ruiz"));
        // She wants an email, not a call back: Tab past email and language, choose "Email".
        key(focused(), Qt::Key_Tab);
        key(focused(), Qt::Key_Tab);
        key(focused(), Qt::Key_Tab);
        QCOMPARE(focused(), child<QComboBox>(m_panel.get(), "callerPreferenceComboBox"));
        key(focused(), Qt::Key_Down);

        chooseType(QStringLiteral("garbage")); // a synonym of "Trash or recycling not collected"
        QCOMPARE(m_panel->currentTypeCode(), QStringLiteral("MTRECYDBI"));
        // Submitting now names what is missing, and saves nothing.
        key(focused(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(child<QLabel>(m_panel.get(), "error_SR-MTRECYDBI1")->isVisible());
        QVERIFY(child<QLabel>(m_panel.get(), "error_SR-MTRECYDBI1")->text().contains(u"required"));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM requests WHERE origin = 'local'")), 0);
        // The focus went to the field in error: choose "Trash" with the keyboard.
        QCOMPARE(focused(), child<QComboBox>(m_panel.get(), "attribute_SR-MTRECYDBI1"));
        key(focused(), Qt::Key_Down);
        QCOMPARE(
            child<QComboBox>(m_panel.get(), "attribute_SR-MTRECYDBI1")->currentData().toString(),
            QStringLiteral("Trash"));
        // A dependent question appears only for trash.
        QVERIFY(
            child<QComboBox>(m_panel.get(), "attribute_CNSTRCT_MTRL")->isVisibleTo(m_panel.get()));
        pickAddress(QStringLiteral("10 a st"));
        QVERIFY(child<QLabel>(m_panel.get(), "addressChosenLabel")->text().contains(u"A St"));
        key(focused(), Qt::Key_Return, Qt::ControlModifier);

        auto *result = child<QLabel>(m_panel.get(), "resultLabel");
        QVERIFY(result->isVisible());
        const QString number = result->property("number").toString();
        QVERIFY2(RequestNumber::parse(number).ok(), qPrintable(number));
        QVERIFY(result->text().contains(u"Expected by"));
        qInfo("keystrokes for a typical request (contact, caller, type, one answer, address, "
              "submit): %d",
              m_keystrokes);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM requests WHERE origin = 'local' AND "
                                      "caller_id IS NOT NULL AND attributes_json LIKE "
                                      "'%Trash%' AND due_at IS NOT NULL AND latitude IS NOT NULL")),
                 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM callers WHERE phone = '+16175550100' "
                                      "AND name = 'Ana Ruiz' AND preference = 'email'")),
                 1);

        // Wrap-up: the outcome is already "request created".
        m_panel->beginWrapUp();
        QCOMPARE(child<QComboBox>(m_panel.get(), "outcomeComboBox")->currentData().toString(),
                 QStringLiteral("request_created"));
        type(child<QPlainTextEdit>(m_panel.get(), "wrapUpNotesEdit"), QStringLiteral("Read back"));
        auto *finish = child<QPushButton>(m_panel.get(), "finishContactButton");
        finish->setFocus();
        key(finish, Qt::Key_Space);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM contacts WHERE outcome = "
                                      "'request_created' AND ended_at IS NOT NULL AND channel = "
                                      "'phone'")),
                 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM drafts")), 0);
    }

    // Issue 12 (13, "times mix machine time and the city's time"): a workstation whose clock
    // runs in another zone (UTC here) reads back the expected date as the city's calendar has
    // it. At 23:30 on a Monday in Boston it is already Tuesday in UTC.
    void theExpectedDateIsTheCitysDate()
    {
        const QByteArray zoneBefore = qgetenv("TZ");
        qputenv("TZ", "UTC");
        tzset();
        const QTimeZone boston("America/New_York");
        m_context->service.setClock(
            Clock::fixed(QDateTime(QDate(2026, 12, 7), QTime(23, 30), boston).toUTC()));
        QSignalSpy created(m_panel.get(), &IntakePanel::requestCreated);
        m_panel->startContact();
        type(focused(), QStringLiteral("(617) 555-0100")); // this type calls the caller back
        chooseType(QStringLiteral("garbage"));
        key(focused(), Qt::Key_Return, Qt::ControlModifier); // the focus goes to what is missing
        key(focused(), Qt::Key_Down);                        // "Trash"
        pickAddress(QStringLiteral("10 a st"));
        key(focused(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY2(created.count() == 1,
                 qPrintable(child<QLabel>(m_panel.get(), "intakeMessageLabel")->text()));
        const auto request = m_context->requests.byId(created.first().first().toString());
        QVERIFY(request && request->dueAt.isValid());
        const QDate due = request->dueAt.toTimeZone(boston).date();
        QVERIFY(due != request->dueAt.toLocalTime().date()); // the two calendars differ here
        const QString text = child<QLabel>(m_panel.get(), "resultLabel")->text();
        if (zoneBefore.isNull())
            qunsetenv("TZ");
        else
            qputenv("TZ", zoneBefore);
        tzset();
        QVERIFY2(text.contains(QLocale().toString(due, QLocale::LongFormat)), qPrintable(text));
        m_panel->discardUnfinishedWork();
    }

    void invalidInputOfEveryDatatypeIsNamed()
    {
        chooseType(QStringLiteral("vehicle abandoned"));
        QCOMPARE(m_panel->currentTypeCode(), QStringLiteral("ABNDVHCL"));
        type(child<QLineEdit>(m_panel.get(), "attribute_VEHICLE_DESC"),
             QStringLiteral("Red sedan"));
        type(child<QLineEdit>(m_panel.get(), "attribute_DAYS_PARKED"), QStringLiteral("several"));
        type(child<QLineEdit>(m_panel.get(), "attribute_LAST_MOVED"), QStringLiteral("last week"));
        m_panel->submit();
        QVERIFY(child<QLabel>(m_panel.get(), "error_DAYS_PARKED")
                    ->text()
                    .contains(u"must be a number"));
        QVERIFY(
            child<QLabel>(m_panel.get(), "error_LAST_MOVED")->text().contains(u"date and time"));
        QCOMPARE(focused(), child<QLineEdit>(m_panel.get(), "attribute_DAYS_PARKED"));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM requests WHERE origin = 'local'")), 0);
        child<QLineEdit>(m_panel.get(), "attribute_DAYS_PARKED")->clear();
        type(child<QLineEdit>(m_panel.get(), "attribute_DAYS_PARKED"), QStringLiteral("5"));
        child<QLineEdit>(m_panel.get(), "attribute_LAST_MOVED")->clear();
        type(child<QLineEdit>(m_panel.get(), "attribute_LAST_MOVED"),
             QStringLiteral("2026-11-18 08:00"));
        pickAddress(QStringLiteral("36 a st"));
        m_panel->submit();
        QVERIFY(child<QLabel>(m_panel.get(), "resultLabel")->isVisible());
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM requests WHERE origin = 'local' AND "
                                      "attributes_json LIKE '%DAYS_PARKED%'")),
                 1);
    }

    void anEmergencyStopsTheIntake()
    {
        chooseType(QStringLiteral("fire"));
        QCOMPARE(m_panel->currentTypeCode(), QStringLiteral("FIREFOOD"));
        auto *banner = child<QLabel>(m_panel.get(), "emergencyLabel");
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(u"911"));
        QVERIFY(!child<QPushButton>(m_panel.get(), "submitRequestButton")->isEnabled());
        m_panel->submit();
        QVERIFY(child<QLabel>(m_panel.get(), "intakeMessageLabel")->text().contains(u"911"));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM requests WHERE origin = 'local'")), 0);
    }

    void aConfidentialTypeNeverStoresTheCaller()
    {
        type(child<QLineEdit>(m_panel.get(), "callerPhoneLineEdit"), QStringLiteral("6175550123"));
        chooseType(QStringLiteral("crowded apartment"));
        QCOMPARE(m_panel->currentTypeCode(), QStringLiteral("OVRCRWD"));
        QVERIFY(child<QLabel>(m_panel.get(), "sensitiveLabel")->isVisible());
        QVERIFY(!child<QLineEdit>(m_panel.get(), "callerPhoneLineEdit")->isEnabled());
        pickAddress(QStringLiteral("57 a chestnut"));
        m_panel->submit();
        QVERIFY(child<QLabel>(m_panel.get(), "resultLabel")->isVisible());
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM requests WHERE origin = 'local' AND "
                                      "caller_id IS NULL")),
                 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM callers")), 0);
    }

    void anAddressOutsideTheCityIsReferred()
    {
        chooseType(QStringLiteral("rat"));
        QCOMPARE(m_panel->currentTypeCode(), QStringLiteral("RODENTACT"));
        type(child<QLineEdit>(m_panel.get(), "addressLineEdit"),
             QStringLiteral("100 Main St, Cambridge"));
        expectCambridgeReferralAndNothingStored();
    }

    // With a point and a boundary layer, the boundary decides "outside the city": a point
    // picked on the map where no address is near is refused beyond the boundary (the neighbour
    // named by its polygon), and inside it the request keeps the point.
    void aPointIsJudgedByTheBoundary()
    {
        test::FixturePack pack;
        pickBeyondTheBoundary(pack);
        expectCambridgeReferralAndNothingStored();
        auto *referral = child<QLabel>(m_panel.get(), "referralLabel");

        IntakeLocation inside;
        inside.landmark = QStringLiteral("Point picked on the map (42.33000, -71.07000)");
        inside.latitude = 42.33;
        inside.longitude = -71.07;
        m_panel->setPickedLocation(inside);
        QVERIFY(!referral->isVisible());
        m_panel->submit();
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM requests WHERE origin = 'local' AND "
                                      "latitude = 42.33 AND longitude = -71.07")),
                 1);
    }

    // Typing in the address box does not undo the boundary's verdict: while the place is still
    // the point picked beyond the boundary (no address chosen), it stays refused and referred.
    void typingDoesNotMoveAPointBeyondTheBoundaryIntoTheCity()
    {
        test::FixturePack pack;
        pickBeyondTheBoundary(pack);
        type(child<QLineEdit>(m_panel.get(), "addressLineEdit"), QStringLiteral("zz"));
        expectCambridgeReferralAndNothingStored();
        // Choosing an address of the city's own list makes that address the place.
        key(child<QLineEdit>(m_panel.get(), "addressLineEdit"), Qt::Key_A, Qt::ControlModifier);
        pickAddress(QStringLiteral("10 a st"));
        QVERIFY(!child<QLabel>(m_panel.get(), "referralLabel")->isVisible());
        m_panel->submit();
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM requests WHERE origin = 'local'")), 1);
    }

    void aLandmarkIsAcceptedWithoutAnAddress()
    {
        chooseType(QStringLiteral("rat"));
        auto *noAddress = child<QCheckBox>(m_panel.get(), "noAddressCheckBox");
        noAddress->setFocus();
        key(noAddress, Qt::Key_Space);
        type(child<QLineEdit>(m_panel.get(), "landmarkLineEdit"),
             QStringLiteral("Behind the Frog Pond on Boston Common"));
        m_panel->submit();
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM requests WHERE origin = 'local' AND "
                                      "address LIKE '%Frog Pond%' AND latitude IS NULL")),
                 1);
    }

    void aSecondCallerIsAttachedToTheDuplicate()
    {
        chooseType(QStringLiteral("rat"));
        pickAddress(QStringLiteral("10 a st"));
        m_panel->submit();
        const QString first =
            child<QLabel>(m_panel.get(), "resultLabel")->property("number").toString();
        QVERIFY(!first.isEmpty());

        type(child<QLineEdit>(m_panel.get(), "callerPhoneLineEdit"),
             QStringLiteral("617-555-0142"));
        chooseType(QStringLiteral("rodent"));
        pickAddress(QStringLiteral("10 a st"));
        auto *duplicates = child<QListWidget>(m_panel.get(), "duplicateListWidget");
        QVERIFY(duplicates->isVisible());
        QCOMPARE(duplicates->count(), 1);
        // The number as the banner and History show it: the city's form, with the hyphen.
        const QString shown = RequestNumber::parse(first).value().display();
        QVERIFY(duplicates->item(0)->text().contains(shown));
        key(focused(), Qt::Key_D, Qt::ControlModifier);
        QVERIFY(child<QLabel>(m_panel.get(), "resultLabel")->text().contains(u"existing request"));
        QVERIFY(child<QLabel>(m_panel.get(), "resultLabel")->text().contains(shown));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM requests WHERE origin = 'local'")), 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM request_callers")), 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM events WHERE kind = "
                                      "'request.note_added'")),
                 1);
    }

    void aPlacePickedOnTheMapBecomesTheLocation()
    {
        chooseType(QStringLiteral("rat"));
        QSignalSpy chosen(m_panel.get(), &IntakePanel::locationChosen);
        IntakeLocation where;
        where.address = QStringLiteral("10 A St, 02127");
        where.latitude = 42.3376;
        where.longitude = -71.0588;
        where.neighborhood = QStringLiteral("South Boston");
        m_panel->setPickedLocation(where);
        QVERIFY(child<QLabel>(m_panel.get(), "addressChosenLabel")->text().contains(u"10 A St"));
        QVERIFY(
            child<QLabel>(m_panel.get(), "addressChosenLabel")->text().contains(u"South Boston"));
        QCOMPARE(chosen.count(), 1);
        m_panel->submit();
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM requests WHERE origin = 'local' AND "
                                      "latitude = 42.3376")),
                 1);
    }

    void theDraftSurvivesAKilledProcess()
    {
        const QString path = m_store->path();
        m_panel.reset();
        m_context.reset();
        m_store->close();
        const QString failed = test::killDraftChild(QStringLiteral(INTAKE_DRAFT_CHILD), path);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));

        m_store->reopen();
        m_context = std::make_unique<StoreContext>(m_store->db(), QStringLiteral("agent1"));
        m_panel = std::make_unique<IntakePanel>(
            IntakeContext{m_context->catalogue, m_context->requests, m_context->intake,
                          m_context->service, m_context->addresses, m_context->districts});
        QVERIFY(!m_panel->contactId().isEmpty());
        QCOMPARE(m_panel->currentTypeCode(), QStringLiteral("MTRECYDBI"));
        QCOMPARE(test::child<QPlainTextEdit>(m_panel.get(), "descriptionTextEdit")->toPlainText(),
                 QStringLiteral("Bags left at the curb since Monday"));
        QCOMPARE(test::child<QLineEdit>(m_panel.get(), "callerPhoneLineEdit")->text(),
                 QStringLiteral("617 555 0199"));
        QVERIFY(
            test::child<QLabel>(m_panel.get(), "intakeMessageLabel")->text().contains(u"Restored"));
    }
};

QTEST_MAIN(TestIntake)
#include "tst_intake.moc"
