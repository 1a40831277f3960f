// Keyboard journeys through the real main window at 1366x768: every key goes to
// QApplication::focusWidget(), never to a widget looked up by name; after each key the focused
// widget must be visible. Results are read through the capability API.
//  - Ctrl+E ends the contact while focus is in a text field (a QLineEdit takes Ctrl+E as "end
//    of line" on X11), and Enter on the focused "Finish contact" button presses it.
//  - Ctrl+Q during a call asks: go back, keep as draft, or discard; nothing typed is lost.

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/intake/intakerepository.h"
#include "models/requests/historyrepository.h"
#include "tests/support/teststore.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/common/storecontext.h"
#include "ui/intake/intakepanel.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace civicdesk;

class TestKeyboardJourney : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    QTemporaryDir m_settingsDir;
    int m_keys = 0;

    // One key to whatever has focus; the focused widget must be on screen afterwards.
    void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QWidget *focus = QApplication::focusWidget();
        QVERIFY2(focus, "nothing has focus");
        QTest::keyClick(focus, Qt::Key(key), modifiers);
        ++m_keys;
        if (QWidget *now = QApplication::focusWidget())
            QVERIFY2(now->isVisible(), qPrintable(now->objectName()));
    }

    // Text typed into the focused field lands there.
    void type(const QString &text)
    {
        auto *edit = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY2(edit, "the focus is not in a text field");
        const QString before = edit->text();
        QTest::keyClicks(edit, text);
        QCOMPARE(edit->text(), before + text);
    }

    // Answers the question box that is up, with one key to its focused button. A box that never
    // takes the focus is rejected, so the test fails instead of hanging.
    void answer(Qt::Key key, Qt::KeyboardModifiers modifiers, bool *asked)
    {
        QMessageBox *box = nullptr;
        if (!QTest::qWaitFor(
                [&] {
                    box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                    return box != nullptr;
                },
                5000))
            return;
        box->activateWindow();
        if (!QTest::qWaitFor(
                [&] {
                    return QApplication::focusWidget() &&
                           QApplication::focusWidget()->window() == box;
                },
                5000)) {
            box->reject();
            return;
        }
        *asked = true;
        QTest::keyClick(QApplication::focusWidget(), key, modifiers);
        if (box->isVisible()) // the key did not answer it
            QTimer::singleShot(1000, box, &QDialog::reject);
    }

    std::unique_ptr<MainWindow> openWindow(StoreContext &store, Settings &settings)
    {
        auto window = std::make_unique<MainWindow>(store, settings);
        window->resize(1366, 768);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        window->activateWindow();
        if (!QTest::qWaitForWindowActive(window.get()))
            return nullptr;
        return window;
    }

private slots:
    void init()
    {
        m_store = std::make_unique<test::TempStore>();
        auto pack = CityPack::load(test::testDataDir() + QStringLiteral("/minipack"));
        QVERIFY(pack.ok());
        QVERIFY(CityImporter(m_store->db()).import(pack.value()).ok());
        m_keys = 0;
    }

    void endContactFromATextFieldAndFinishWithEnter()
    {
        Settings settings(m_settingsDir.filePath(QStringLiteral("end.ini")));
        StoreContext store(m_store->db(), QStringLiteral("agent1"));
        auto window = openWindow(store, settings);
        QVERIFY(window);
        window->intakePanel()->setFocus(); // somewhere in the window
        QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier);
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        type(QStringLiteral("6175550100"));
        // Ctrl+E from inside the phone field.
        press(Qt::Key_E, Qt::ControlModifier);
        QTRY_VERIFY(qobject_cast<QComboBox *>(QApplication::focusWidget()));
        // Nothing happened in this contact yet: no outcome is chosen for the agent, and
        // finishing without one is refused with the focus kept on the outcome.
        auto *outcome = qobject_cast<QComboBox *>(QApplication::focusWidget());
        QVERIFY(outcome->currentData().toString().isEmpty());
        // An information call: Down picks "Information given".
        press(Qt::Key_Down);
        QCOMPARE(outcome->currentData().toString(), QStringLiteral("information_given"));
        // Tab to "Finish contact", then Enter.
        for (int i = 0; i < 8 && QApplication::focusWidget()->objectName() !=
                                     QStringLiteral("finishContactButton");
             ++i)
            press(Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("finishContactButton"));
        press(Qt::Key_Return);
        const QList<HistoryEntry> contacts = [&] {
            QList<HistoryEntry> list;
            static_cast<void>(QTest::qWaitFor(
                [&] {
                    list = HistoryRepository(m_store->db()).forAgent(QStringLiteral("agent1"));
                    return !list.isEmpty() && !list.first().contact.isRunning();
                },
                5000));
            return list;
        }();
        QCOMPARE(contacts.size(), 1);
        QVERIFY(!contacts.first().contact.isRunning());
        QCOMPARE(contacts.first().contact.outcome, std::optional(Outcome::InformationGiven));
        qInfo("end contact from a text field: %d keys beyond typed text", m_keys);
    }

    // The outcome is never carried from one contact into the next.
    void theNextContactStartsWithNoOutcome()
    {
        Settings settings(m_settingsDir.filePath(QStringLiteral("next.ini")));
        StoreContext store(m_store->db(), QStringLiteral("agent1"));
        auto window = openWindow(store, settings);
        QVERIFY(window);
        window->intakePanel()->setFocus();
        for (int contact = 0; contact < 2; ++contact) {
            press(Qt::Key_N, Qt::ControlModifier);
            QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
            press(Qt::Key_E, Qt::ControlModifier);
            auto *outcome = qobject_cast<QComboBox *>(QApplication::focusWidget());
            QVERIFY(outcome);
            QVERIFY2(outcome->currentData().toString().isEmpty(),
                     qPrintable(outcome->currentData().toString()));
            // The caller hung up: the last entry.
            press(Qt::Key_End);
            QVERIFY(!outcome->currentData().toString().isEmpty());
            for (int i = 0; i < 8 && QApplication::focusWidget()->objectName() !=
                                         QStringLiteral("finishContactButton");
                 ++i)
                press(Qt::Key_Tab);
            press(Qt::Key_Return);
            QTRY_VERIFY(QApplication::focusWidget() &&
                        !qobject_cast<QComboBox *>(QApplication::focusWidget()));
        }
        const QList<HistoryEntry> contacts =
            HistoryRepository(m_store->db()).forAgent(QStringLiteral("agent1"));
        QCOMPARE(contacts.size(), 2);
        for (const HistoryEntry &e : contacts)
            QCOMPARE(e.contact.outcome, std::optional(Outcome::Referred));
    }

    // Finishing a contact never drops a request still on the form: it asks, Escape goes back to
    // it, and only "Discard it" (Alt+D) lets it go.
    void finishingWithAnUnsubmittedRequestAsks()
    {
        Settings settings(m_settingsDir.filePath(QStringLiteral("unsubmitted.ini")));
        StoreContext store(m_store->db(), QStringLiteral("agent1"));
        auto window = openWindow(store, settings);
        QVERIFY(window);
        window->intakePanel()->setFocus();
        press(Qt::Key_N, Qt::ControlModifier);
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        type(QStringLiteral("6175550122"));
        press(Qt::Key_1, Qt::ControlModifier);
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        type(QStringLiteral("rodent"));
        press(Qt::Key_Return); // the request starts: it is on the form now
        const auto finish = [&](Qt::Key key, Qt::KeyboardModifiers modifiers) {
            press(Qt::Key_E, Qt::ControlModifier);
            QTRY_VERIFY(qobject_cast<QComboBox *>(QApplication::focusWidget()));
            if (qobject_cast<QComboBox *>(QApplication::focusWidget())
                    ->currentData()
                    .toString()
                    .isEmpty())
                press(Qt::Key_Down);
            for (int i = 0; i < 8 && QApplication::focusWidget()->objectName() !=
                                         QStringLiteral("finishContactButton");
                 ++i)
                press(Qt::Key_Tab);
            QCOMPARE(QApplication::focusWidget()->objectName(),
                     QStringLiteral("finishContactButton"));
            bool asked = false;
            QTimer::singleShot(0, this, [&] { answer(key, modifiers, &asked); });
            press(Qt::Key_Return);
            QVERIFY(asked);
        };
        finish(Qt::Key_Escape, Qt::NoModifier);
        QList<HistoryEntry> contacts =
            HistoryRepository(m_store->db()).forAgent(QStringLiteral("agent1"));
        QCOMPARE(contacts.size(), 1);
        QVERIFY(contacts.first().contact.isRunning()); // went back: the call goes on
        window->activateWindow();
        QTRY_VERIFY(QApplication::focusWidget());
        finish(Qt::Key_D, Qt::AltModifier);
        contacts = HistoryRepository(m_store->db()).forAgent(QStringLiteral("agent1"));
        QCOMPARE(contacts.size(), 1);
        QVERIFY(!contacts.first().contact.isRunning());
        QVERIFY(contacts.first().contact.requestIds.isEmpty());
    }

    void quitDuringACallAsksAndLosesNothing()
    {
        Settings settings(m_settingsDir.filePath(QStringLiteral("quit.ini")));
        StoreContext store(m_store->db(), QStringLiteral("agent1"));
        auto window = openWindow(store, settings);
        QVERIFY(window);
        window->intakePanel()->setFocus();
        QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier);
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        type(QStringLiteral("6175550111"));

        // The question appears; Escape goes back to the call.
        bool asked = false;
        QTimer::singleShot(0, this, [&] { answer(Qt::Key_Escape, Qt::NoModifier, &asked); });
        press(Qt::Key_Q, Qt::ControlModifier);
        QVERIFY(asked);
        QVERIFY(window->isVisible());
        // Back in the call, where the agent was, with what they typed.
        window->activateWindow();
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        QCOMPARE(qobject_cast<QLineEdit *>(QApplication::focusWidget())->text(),
                 QStringLiteral("6175550111"));

        // Ctrl+Q again, "Keep as draft" (Alt+K): the window closes and the call is kept.
        asked = false;
        QTimer::singleShot(0, this, [&] { answer(Qt::Key_K, Qt::AltModifier, &asked); });
        press(Qt::Key_Q, Qt::ControlModifier);
        QVERIFY(asked);
        QTRY_VERIFY(!window->isVisible());
        const QList<Draft> drafts = IntakeRepository(m_store->db()).drafts();
        QCOMPARE(drafts.size(), 1);
        QCOMPARE(drafts.first().payload.value(u"caller_phone").toString(),
                 QStringLiteral("6175550111"));
    }
};

QTEST_MAIN(TestKeyboardJourney)
#include "tst_keyboardjourney.moc"
