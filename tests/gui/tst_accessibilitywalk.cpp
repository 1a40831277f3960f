// The accessibility walk: the QAccessible tree of the real main window, in each state of the
// intake journeys, has a name on every focusable control, and every form field is named by its
// label (a screen reader announces the question, never the value "— choose —").

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/workstation/storecontext.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "translations/translator.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/intake/callpop.h"
#include "ui/intake/intakepanel.h"
#include "ui/lobby/kioskwindow.h"
#ifdef CIVICDESK_WITH_CTI
#include "ui/cti/telephonysettingsdialog.h"
#endif

#include <QAccessible>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

Q_DECLARE_METATYPE(civicdesk::AgentRole)

namespace {

QString describe(const QWidget *w)
{
    QStringList path;
    for (const QWidget *p = w; p && path.size() < 4; p = p->parentWidget())
        path.prepend(QString::fromLatin1(p->metaObject()->className()) + u'#' + p->objectName());
    return path.join(QStringLiteral(" > "));
}

// "&Phone:" -> "Phone"; "What are the make, model and color? *" -> "What are ... color?".
QString labelText(const QLabel *label)
{
    QString text = label->text();
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(u'&');
    text.replace(u'\x01', u'&');
    text = text.trimmed();
    if (text.endsWith(QStringLiteral(" *")))
        text.chop(2);
    if (text.endsWith(u':'))
        text.chop(1);
    return text.trimmed();
}

class Walk
{
public:
    explicit Walk(QWidget *window) : m_window(window) {}

    QStringList problems;
    int focusable = 0;

    void run()
    {
        visit(QAccessible::queryAccessibleInterface(m_window), 0);
        // Form fields: a visible label with a visible buddy names that buddy.
        const QList<QLabel *> labels = m_window->findChildren<QLabel *>();
        for (const QLabel *label : labels) {
            QWidget *field = label->buddy();
            if (!field || !label->isVisible() || !field->isVisible() || label->text().isEmpty())
                continue;
            QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(field);
            const QString name = iface ? iface->text(QAccessible::Name) : QString();
            const QString expected = labelText(label);
            // The name says the label, or is its first words ("Description" for
            // "Description (what the caller sees or needs)").
            const bool named = name.contains(expected, Qt::CaseInsensitive) ||
                               (!name.isEmpty() && expected.startsWith(name, Qt::CaseInsensitive));
            if (!named)
                problems.append(QStringLiteral("%1 is named \"%2\", its label says \"%3\"")
                                    .arg(describe(field), name, expected));
        }
    }

private:
    void visit(QAccessibleInterface *iface, int depth)
    {
        if (!iface || !iface->isValid() || depth > 80)
            return;
        QObject *object = iface->object();
        if (object && m_seen.contains(object))
            return;
        if (object)
            m_seen.insert(object);
        auto *widget = qobject_cast<QWidget *>(object);
        if (widget && widget->isVisible() && widget->isEnabled() &&
            (widget->focusPolicy() & Qt::TabFocus)) {
            ++focusable;
            if (iface->text(QAccessible::Name).trimmed().isEmpty())
                problems.append(QStringLiteral("no name: %1").arg(describe(widget)));
        }
        for (int i = 0; i < iface->childCount(); ++i)
            visit(iface->child(i), depth + 1);
    }

    QWidget *m_window;
    QSet<QObject *> m_seen;
};

} // namespace

class TestAccessibilityWalk : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    QTemporaryDir m_settingsDir;

    // What is wrong with `window` in `state`: unnamed controls, fields not named by their
    // label, an Alt+letter claimed twice (with two owners the key only moves between them).
    static QStringList problemsOf(QWidget *window, const char *state)
    {
        Walk walk(window);
        walk.run();
        qInfo("%s: %d focusable controls", state, walk.focusable);
        QStringList problems = walk.problems + test::mnemonicClashes(window);
        if (walk.focusable == 0)
            problems.append(QStringLiteral("nothing focusable"));
        for (QString &p : problems)
            p.prepend(QString::fromLatin1(state) + QStringLiteral(": "));
        return problems;
    }

    void check(QWidget *window, const char *state)
    {
        const QStringList problems = problemsOf(window, state);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("\n"))));
    }

    // Presses `key` where a dialog is expected and walks the dialog once it has the focus.
    QStringList walkDialog(test::Journey &j, int key, Qt::KeyboardModifiers modifiers,
                           const char *state)
    {
        QStringList problems;
        const bool came = j.inDialog(
            key, modifiers,
            [&problems, state](QDialog &dialog) {
                problems = problemsOf(&dialog, state);
                return true;
            },
            this);
        if (!came)
            problems.append(QString::fromLatin1(state) + QStringLiteral(": never came up"));
        return problems;
    }

private slots:
    // CIVICDESK_TEST_LANGUAGE=es walks the window with the Spanish translation loaded.
    void initTestCase()
    {
        const QString language = qEnvironmentVariable("CIVICDESK_TEST_LANGUAGE");
        if (!language.isEmpty())
            QCOMPARE(installTranslations(*QCoreApplication::instance(), language), language);
    }

    void init()
    {
        m_store = std::make_unique<test::TempStore>();
        auto pack = CityPack::load(test::testDataDir() + QStringLiteral("/minipack"));
        QVERIFY(pack.ok());
        QVERIFY(CityImporter(m_store->db()).import(pack.value()).ok());
    }

    void everyStateOfTheIntake()
    {
        Settings settings(m_settingsDir.filePath(QStringLiteral("walk.ini")));
        StoreContext store(m_store->db(), QStringLiteral("agent1"));
        auto owned = test::openMainWindow(store, settings);
        QVERIFY(owned);
        MainWindow &window = *owned;
        check(&window, "start");

        test::Journey j;
        window.intakePanel()->setFocus();
        QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
        QVERIFY(j.type("callerPhoneLineEdit", QStringLiteral("617")));
        check(&window, "contact started, callers found");

        // Generated questions of every kind, with required marks and dependencies.
        QVERIFY(j.press(Qt::Key_1, Qt::ControlModifier));
        QVERIFY(j.type("typeSearchLineEdit", QStringLiteral("garbage")));
        QVERIFY(j.press(Qt::Key_Return));
        check(&window, "trash form");
        // A question's combo box is announced by its question, whatever its value.
        auto *combo = qobject_cast<QComboBox *>(QApplication::focusWidget());
        QVERIFY(combo);
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(combo);
        QCOMPARE(iface->text(QAccessible::Name),
                 QStringLiteral("Is your trash curbside pickup or an alley?"));
        QVERIFY(j.press(Qt::Key_Down));
        QCOMPARE(iface->text(QAccessible::Name),
                 QStringLiteral("Is your trash curbside pickup or an alley?"));
        QCOMPARE(iface->text(QAccessible::Value), QStringLiteral("Curb Side Pickup"));

        QVERIFY(j.press(Qt::Key_1, Qt::ControlModifier));
        QVERIFY(j.type("typeSearchLineEdit", QStringLiteral("vehicle abandoned")));
        QVERIFY(j.press(Qt::Key_Return));
        check(&window, "vehicle form");

        QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
        check(&window, "wrap-up");
        // The outcome keeps its name (in the window's language) whatever is chosen.
        const QString outcomeName = QCoreApplication::translate("civicdesk::WrapUpBox", "Outcome");
        QAccessibleInterface *outcome =
            QAccessible::queryAccessibleInterface(QApplication::focusWidget());
        QCOMPARE(outcome->text(QAccessible::Name), outcomeName);
        QVERIFY(j.press(Qt::Key_Down));
        QCOMPARE(outcome->text(QAccessible::Name), outcomeName);

        QVERIFY(j.press(Qt::Key_4, Qt::ControlModifier));
        check(&window, "history");
        // A city case id waits for its second detail.
        QVERIFY(j.press(Qt::Key_R, Qt::ControlModifier));
        QVERIFY(j.type("readbackNumberLineEdit", QStringLiteral("101001241058")));
        QVERIFY(j.press(Qt::Key_Return));
        QCOMPARE(j.focusName(), QStringLiteral("readbackConfirmLineEdit"));
        check(&window, "read-back confirmation");
        // The address suggestions under the address field.
        QVERIFY(j.press(Qt::Key_1, Qt::ControlModifier));
        QVERIFY(j.type("typeSearchLineEdit", QStringLiteral("rodent")));
        QVERIFY(j.press(Qt::Key_Return));
        QVERIFY(j.press(Qt::Key_Tab));
        QVERIFY(j.type("addressLineEdit", QStringLiteral("10 a st")));
        check(&window, "address suggestions");
        QVERIFY(j.press(Qt::Key_3, Qt::ControlModifier));
        check(&window, "map");
    }

    // Every view of every area, with the whole intake on screen (a request form and the
    // wrap-up), for a call taker, a supervisor (the Supervisor menu, the article editing
    // buttons) and a lobby desk (the counter beside the intake): no Alt+letter twice.
    void everyViewForEveryRole_data()
    {
        QTest::addColumn<AgentRole>("role");
        QTest::newRow("call taker") << AgentRole::CallTaker;
        QTest::newRow("supervisor") << AgentRole::Supervisor;
        QTest::newRow("lobby") << AgentRole::Lobby;
    }

    void everyViewForEveryRole()
    {
        QFETCH(AgentRole, role);
        Settings settings(m_settingsDir.filePath(QString::fromLatin1(QTest::currentDataTag())));
        StoreContext store(m_store->db(), QStringLiteral("agent1"), role);
        auto owned = test::openMainWindow(store, settings);
        QVERIFY(owned);
        MainWindow &window = *owned;
        test::Journey j;
        window.intakePanel()->setFocus();
        QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
        QVERIFY(j.press(Qt::Key_1, Qt::ControlModifier));
        QVERIFY(j.type("typeSearchLineEdit", QStringLiteral("rodent")));
        QVERIFY(j.press(Qt::Key_Return));
        QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
        const auto everyTab = [&window](const char *tabs, const QByteArray &area) {
            auto *widget = window.findChild<QTabWidget *>(QString::fromLatin1(tabs));
            QVERIFY(widget);
            for (int i = 0; i < widget->count(); ++i) {
                widget->setCurrentIndex(i);
                const QStringList clashes = test::mnemonicClashes(&window);
                QVERIFY2(clashes.isEmpty(),
                         qPrintable(QStringLiteral("%1, %2\n%3")
                                        .arg(QString::fromLatin1(area),
                                             QString(widget->tabText(i)).remove(u'&'),
                                             clashes.join(QStringLiteral("\n")))));
            }
        };
        const QStringList knowledge = test::mnemonicClashes(&window);
        QVERIFY2(knowledge.isEmpty(), qPrintable(knowledge.join(QStringLiteral("\n"))));
        QVERIFY(j.press(Qt::Key_4, Qt::ControlModifier));
        everyTab("historyTabWidget", "history");
        QVERIFY(j.press(Qt::Key_3, Qt::ControlModifier));
        everyTab("mapTabWidget", "map");
        QVERIFY(j.press(Qt::Key_L, Qt::ControlModifier | Qt::AltModifier));
        QTRY_VERIFY(window.findChild<QWidget *>(QStringLiteral("counterPanel"))->isVisible());
        const QStringList counter = test::mnemonicClashes(&window);
        QVERIFY2(counter.isEmpty(), qPrintable(u"lobby counter\n" + counter.join(u'\n')));
    }

    // The lobby's check-in kiosk at each step, for an English- and a Spanish-speaking visitor:
    // every choice named for a screen reader in the visitor's language, the name field by its
    // question.
    void theKioskEveryStep()
    {
        StoreContext store(m_store->db(), QStringLiteral("kiosk"), AgentRole::Lobby);
        KioskWindow kiosk(store.lobby, QStringLiteral("Mini Boston"));
        kiosk.setTicketFolder(m_settingsDir.filePath(QStringLiteral("tickets")));
        kiosk.resize(1366, 768);
        kiosk.show();
        QVERIFY(QTest::qWaitForWindowActive(&kiosk));
        test::Journey j;
        for (const bool spanish : {false, true}) {
            const QByteArray visitor = spanish ? "Spanish visitor, " : "English visitor, ";
            const auto walk = [&](const char *step) {
                const QByteArray state = visitor + step;
                check(&kiosk, state.constData());
            };
            walk("language");
            if (spanish)
                QVERIFY(j.press(Qt::Key_Tab));
            QVERIFY(j.press(Qt::Key_Return));
            walk("reason");
            QVERIFY(j.press(Qt::Key_Return));
            walk("need");
            QVERIFY(j.press(Qt::Key_Return));
            walk("name");
            QVERIFY(j.press(Qt::Key_Return));
            QCOMPARE(j.focusName(), QStringLiteral("kioskDoneButton"));
            walk("ticket");
            QVERIFY(j.press(Qt::Key_Return));
        }
    }

    // The phone on the intake: Dial (no call), the callers sharing a number, Transfer (an
    // answered call), and Phone settings in each kind of phone.
    void telephony()
    {
        // A desktop's usual 10 pt (offscreen gives 9 pt; Xvfb and most desktops 10 pt).
        const QFont font = QApplication::font();
        const auto restore = qScopeGuard([font] { QApplication::setFont(font); });
        QFont desktop = font;
        desktop.setPointSize(10);
        QApplication::setFont(desktop);
        Settings settings(m_settingsDir.filePath(QStringLiteral("phone.ini")));
        StoreContext store(m_store->db(), QStringLiteral("agent1"));
        for (const char *name : {"Ana Ruiz", "Luis Ruiz"}) {
            Caller caller;
            caller.name = QString::fromLatin1(name);
            caller.phone = QStringLiteral("(617) 555-0142");
            QVERIFY(store.service.saveCaller(caller).ok());
        }
        auto owned = test::openMainWindow(store, settings);
        QVERIFY(owned);
        MainWindow &window = *owned;
        IntakePanel *intake = window.intakePanel();
        intake->setTelephonyShown(true);
        check(&window, "phone, no call");
        test::Journey j;
        intake->setFocus();
        QStringList problems =
            walkDialog(j, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier, "dial dialog");
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

        CallPresentation call;
        call.kind = CallPresentation::Kind::SeveralCallers;
        call.call.callId = QStringLiteral("walk-1");
        call.call.number = QStringLiteral("+16175550142");
        call.callers = store.intake.callersWithPhone(QStringLiteral("+16175550142"));
        QCOMPARE(call.callers.size(), 2);
        call.phoneText = QStringLiteral("(617) 555-0142");
        call.numberText = call.phoneText;
        intake->presentCall(call);
        QTRY_VERIFY(window.findChild<QWidget *>(QStringLiteral("callerMatchList"))->isVisible());
        check(&window, "phone ringing, callers share the number");
        // The call row fits the intake at 1366x768: no command is cut off.
        for (const char *name :
             {"answerCallButton", "hangUpCallButton", "transferCallButton", "dialButton"}) {
            const auto *button = window.findChild<QWidget *>(QString::fromLatin1(name));
            QVERIFY(button);
            QVERIFY2(test::offScreen(button).isEmpty(), qPrintable(test::offScreen(button)));
        }
        const QStringList cut = test::truncatedTexts(window.intakePanel());
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u'\n')));
        QVERIFY(j.press(Qt::Key_Return)); // the first caller
        intake->callAnswered(call.call.callId, QDateTime::currentDateTimeUtc());
        QTRY_VERIFY(!intake->contactId().isEmpty());
        check(&window, "phone, on the call");
        problems =
            walkDialog(j, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier, "transfer dialog");
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

#ifdef CIVICDESK_WITH_CTI
        for (const char *spec :
             {"none", "baresip:127.0.0.1:4444", "socket:127.0.0.1:5070", "socket:/run/cti.sock"}) {
            TelephonySettingsDialog dialog(QString::fromLatin1(spec), QStringLiteral("617"),
                                           nullptr, &window);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            const QByteArray state = QByteArray("phone settings, ") + spec;
            check(&dialog, state.constData());
        }
#endif
    }
};

QTEST_MAIN(TestAccessibilityWalk)
#include "tst_accessibilitywalk.moc"
