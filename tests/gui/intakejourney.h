#pragma once

// The intake keyboard journeys' fixture (tst_keyboardjourney, tst_intakejourneys,
// tst_intakefocus): a fresh fixture city for each test, a desk of its own (the real main
// window at 1366x768, its own settings file) for each window a test opens, and the steps the
// journeys share. Every key goes to QApplication::focusWidget(); results are read through the
// capability API. CIVICDESK_TEST_LANGUAGE=es runs a suite with the Spanish translation.

#include "models/domain/requestnumber.h"
#include "models/intake/intakerepository.h"
#include "models/itemmodels/servicetypemodel.h"
#include "models/requests/historyrepository.h"
#include "models/requests/requestrepository.h"
#include "models/requests/requesttimeline.h"
#include "models/workstation/storecontext.h"
#include "tests/gui/intakefixture.h"
#include "tests/support/keyboardjourney.h"
#include "translations/translator.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/history/historypanel.h"
#include "ui/intake/intakedialogs.h"
#include "ui/intake/intakepanel.h"
#include "ui/intake/requestbox.h"
#include "ui/intake/requestsubmitter.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWheelEvent>
#include <algorithm>
#include <optional>

namespace civicdesk::test {

class IntakeJourneyFixture : public DeskFixture
{
    Q_OBJECT

private slots:
    // CIVICDESK_TEST_LANGUAGE=es runs the journeys with the Spanish translation loaded.
    void initTestCase() { QVERIFY(loadTestLanguage()); }
    void init() { QVERIFY(freshIntake()); }

protected:
    int m_keys = 0;
    int m_requestsBefore = 0; // imported history
    int m_desks = 0;

    // The translation CIVICDESK_TEST_LANGUAGE names loaded (none: English); false when it is not.
    static bool loadTestLanguage()
    {
        const QString language = qEnvironmentVariable("CIVICDESK_TEST_LANGUAGE");
        return language.isEmpty() ||
               installTranslations(*QCoreApplication::instance(), language) == language;
    }

    // A fresh fixture city, no key pressed yet; false when the city cannot be made.
    bool freshIntake()
    {
        if (!freshCity())
            return false;
        m_keys = 0;
        m_requestsBefore = RequestRepository(m_store->db()).count();
        return true;
    }

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

    // A window on this test's store for agent1 (a call taker), 1366x768, the focus in the
    // intake, with a settings file of its own.
    Desk openDesk()
    {
        const QString dir = m_settingsDir.filePath(QString::number(++m_desks));
        if (!QDir().mkpath(dir))
            return {};
        return test::openDesk(m_store->db(), dir, QStringLiteral("agent1"), AgentRole::CallTaker);
    }

    // openDesk(), then Ctrl+N: a call starts.
    Desk startCall(test::Journey &j)
    {
        Desk desk = openDesk();
        if (desk.window && !j.press(Qt::Key_N, Qt::ControlModifier))
            desk.window.reset();
        return desk;
    }

    // No label or button of the window cuts its text (a long translation) at 1366x768.
    void noTruncatedText(const Desk &desk)
    {
        const QStringList truncated = test::truncatedTexts(desk.window.get());
        QVERIFY2(truncated.isEmpty(), qPrintable(truncated.join(u'\n')));
    }

    // Ctrl+1, the type's words, Enter: the request starts.
    void chooseType(test::Journey &j, const char *typeWords)
    {
        QVERIFY(j.press(Qt::Key_1, Qt::ControlModifier));
        QVERIFY(j.type("typeSearchLineEdit", QString::fromUtf8(typeWords)));
        QVERIFY(j.press(Qt::Key_Return));
    }

    // chooseType(); the description (if any), Tab, the address, Enter.
    void typeAndAddress(test::Journey &j, const char *typeWords, const QString &description,
                        const char *address)
    {
        chooseType(j, typeWords);
        if (!description.isEmpty())
            QVERIFY(j.type("descriptionTextEdit", description));
        QVERIFY(j.press(Qt::Key_Tab));
        QVERIFY(j.type("addressLineEdit", QString::fromUtf8(address)));
        QVERIFY(j.press(Qt::Key_Return)); // picks the first address
    }

    // The contacts the agent finished, newest first (through the capability API).
    QList<HistoryEntry> finishedContacts(int expected)
    {
        QList<HistoryEntry> list;
        static_cast<void>(QTest::qWaitFor(
            [&] {
                list = HistoryRepository(m_store->db()).forAgent(QStringLiteral("agent1"));
                return list.size() == expected &&
                       std::none_of(list.cbegin(), list.cend(),
                                    [](const HistoryEntry &e) { return e.contact.isRunning(); });
            },
            5000));
        return list;
    }

    // The one contact of the journey, finished (through the capability API).
    std::optional<Contact> onlyContact()
    {
        const QList<HistoryEntry> contacts = finishedContacts(1);
        if (contacts.size() != 1)
            return std::nullopt;
        return contacts.first().contact;
    }

    // Ctrl+E, the outcome (Down `downs` times when one must be chosen), Tab to Finish, Enter.
    void finishContact(test::Journey &j, int downs = 0)
    {
        QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
        QCOMPARE(j.focusName(), QStringLiteral("outcomeComboBox"));
        for (int i = 0; i < downs; ++i)
            QVERIFY(j.press(Qt::Key_Down));
        QVERIFY(j.tabTo("finishContactButton"));
        QVERIFY(j.press(Qt::Key_Return));
    }

    // A street-light request at 10 A St made by an earlier caller, through the service.
    QString earlierRequestAt10ASt(StoreContext &store)
    {
        const auto type = store.catalogue.serviceType(QStringLiteral("STRLGTOUT"));
        NewRequest earlier;
        earlier.type = *type;
        earlier.location.address = QStringLiteral("10 A St, 02127");
        earlier.location.latitude = 42.3409;
        earlier.location.longitude = -71.0568;
        auto created = store.service.createRequest(earlier);
        return created ? created.value().id : QString();
    }
};

} // namespace civicdesk::test
