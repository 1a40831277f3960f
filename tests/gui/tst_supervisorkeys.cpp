// The supervisor workspace in the supervisor's language at 1366x768, by keyboard only (every key
// to QApplication::focusWidget()): each tab is chosen by its own Alt letter (the README's key
// table, English and Spanish), and on each tab every tab of the strip is whole (none elided,
// none behind the scroll arrows), no text is cut and no Alt letter is claimed twice; on a tab the
// filters apply to, each filter takes the focus with its Alt letter. Runs in English
// (tst_supervisorkeys) and in Spanish (tst_supervisorkeys_es, CIVICDESK_TEST_LANGUAGE=es).

#include "tests/gui/desklanguage.h"
#include "tests/support/cutcolumns.h"
#include "ui/supervisor/supervisorworkspace.h"

#include <QApplication>
#include <QComboBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using namespace civicdesk;

namespace {

struct Letters
{
    char en;
    char es;
};

// The tabs in order with their Alt letters; `filtered` where the workspace's filters apply.
struct TabKey
{
    Letters key;
    bool filtered;
};
const QList<TabKey> &tabKeys()
{
    static const QList<TabKey> keys = {
        {{'I', 'I'}, true},  // Figures / Cifras
        {{'B', 'P'}, true},  // SLA backlog / Pendientes
        {{'L', 'A'}, true},  // SLA alerts / Alertas SLA
        {{'H', 'Y'}, false}, // Help flags / Ayuda pedida
        {{'Q', 'C'}, false}, // Quality review / Calidad
        {{'O', 'B'}, true},  // Lobby / Vestíbulo
        {{'U', 'F'}, false}, // Clusters / Focos
        {{'S', 'N'}, true},  // Phone system / Centralita
        {{'M', 'Q'}, false}, // Teams / Equipos
        {{'R', 'E'}, true},  // Repeat locations / Lugares repetidos
        {{'W', 'S'}, true},  // Answers / Respuestas
        {{'A', 'O'}, false}, // Audit trail / Auditoría
    };
    return keys;
}

struct FilterKey
{
    const char *field;
    Letters key;
};
const QList<FilterKey> &filterKeys()
{
    static const QList<FilterKey> keys = {
        {"kpiPeriodComboBox", {'P', 'R'}},  {"kpiFromDateEdit", {'F', 'D'}},
        {"kpiToDateEdit", {'T', 'H'}},      {"kpiDueSoonSpinBox", {'D', 'V'}},
        {"kpiAgentComboBox", {'G', 'G'}},   {"kpiTeamComboBox", {'E', 'U'}},
        {"kpiChannelComboBox", {'C', 'L'}}, {"kpiDepartmentComboBox", {'N', 'M'}},
        {"kpiTypeComboBox", {'Y', 'T'}},
    };
    return keys;
}

Qt::Key keyOf(const Letters &letters)
{
    return Qt::Key(Qt::Key_A + ((test::spanish() ? letters.es : letters.en) - 'A'));
}

} // namespace

class TestSupervisorKeys : public test::LanguageDeskFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(useLanguageAndDesktopFont()); }
    void cleanupTestCase() { restoreFont(); }
    void init() { QVERIFY(freshCity()); }

    void everyTabAndFilterByItsAltLetterNothingCut()
    {
        Desk desk = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        QVERIFY(desk.window);
        test::Journey j;
        SupervisorWorkspace *workspace = test::openSupervisorWorkspace(desk, j);
        QVERIFY(workspace);
        auto *tabs = workspace->findChild<QTabWidget *>(QStringLiteral("supervisorTabWidget"));
        QVERIFY(tabs);
        QCOMPARE(tabs->count(), tabKeys().size());
        // The workspace on a 1366x768 screen, beside nothing else.
        QVERIFY(workspace->frameGeometry().width() <= 1366);

        const auto checkTab = [&](int index) {
            const QString tab = QString(tabs->tabText(index)).remove(u'&');
            QCOMPARE(tabs->currentIndex(), index);
            // The Alt letter put the focus on the tab's own page.
            QWidget *focus = QApplication::focusWidget();
            QVERIFY2(focus && (focus == tabs->currentWidget() ||
                               tabs->currentWidget()->isAncestorOf(focus)),
                     qPrintable(tab + u": the focus is on " +
                                (focus ? focus->objectName() : QStringLiteral("nothing"))));
            const QStringList cut = test::truncatedTexts(workspace) + test::cutColumns(workspace);
            QVERIFY2(cut.isEmpty(), qPrintable(tab + u":\n" + cut.join(u'\n')));
            const QStringList clashes = test::mnemonicClashes(workspace);
            QVERIFY2(clashes.isEmpty(), qPrintable(tab + u":\n" + clashes.join(u'\n')));
            // The filters show where they apply, and only there.
            auto *period = workspace->findChild<QWidget *>(QStringLiteral("kpiPeriodComboBox"));
            QVERIFY(period);
            QVERIFY2(period->isVisible() == tabKeys().at(index).filtered, qPrintable(tab));
        };

        // From the Figures tab, every other tab by its letter, then back to Figures.
        for (int i = 1; i <= tabKeys().size(); ++i) {
            const int index = i % int(tabKeys().size());
            QVERIFY(j.press(keyOf(tabKeys().at(index).key), Qt::AltModifier));
            QTRY_COMPARE(tabs->currentIndex(), index);
            checkTab(index);
            if (QTest::currentTestFailed())
                return;
        }

        // On a filtered tab each filter takes the focus with its letter, shown whole.
        for (int index = 0; index < tabKeys().size(); ++index) {
            if (!tabKeys().at(index).filtered)
                continue;
            QVERIFY(j.press(keyOf(tabKeys().at(index).key), Qt::AltModifier));
            QTRY_COMPARE(tabs->currentIndex(), index);
            for (const FilterKey &filter : filterKeys()) {
                QVERIFY(j.press(keyOf(filter.key), Qt::AltModifier));
                QTRY_COMPARE(j.focusName(), QString::fromLatin1(filter.field));
            }
        }
        // The period's own days shown whole too ("Chosen days" and both dates).
        QVERIFY(j.press(keyOf(filterKeys().first().key), Qt::AltModifier));
        QVERIFY(j.press(Qt::Key_End));
        auto *period = qobject_cast<QComboBox *>(QApplication::focusWidget());
        QVERIFY(period);
        QCOMPARE(period->currentIndex(), period->count() - 1);
        const QStringList cut = test::truncatedTexts(workspace);
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u'\n')));
        qInfo("%d tabs and %d filters by their Alt letters: %d keys", int(tabKeys().size()),
              int(filterKeys().size()), j.keys);
    }
};

QTEST_MAIN(TestSupervisorKeys)
#include "tst_supervisorkeys.moc"
