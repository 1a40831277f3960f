// The compiled-in translations load and reach the widgets: the window speaks Spanish with
// --lang es, English by default, and unsupported languages fall back to English.

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/workstation/storecontext.h"
#include "tests/support/teststore.h"
#include "translations/translator.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"

#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QTest>

using namespace civicdesk;

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void spanishReachesTheWindow()
    {
        QCOMPARE(installTranslations(*QCoreApplication::instance(), QStringLiteral("es")),
                 QStringLiteral("es"));
        test::TempStore store;
        auto pack = CityPack::load(test::testDataDir() + QStringLiteral("/minipack"));
        QVERIFY(pack.ok());
        CityImporter importer(store.db());
        QVERIFY(importer.import(pack.value()).ok());
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        StoreContext context(store.db(), QStringLiteral("agent1"));
        MainWindow window(context, settings);
        QCOMPARE(window.findChild<QDockWidget *>(QStringLiteral("intakeDock"))->windowTitle(),
                 QStringLiteral("Admisión"));
        QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("Arc&hivo"));
        // The history list counts on its search thread: wait for the answer.
        QTRY_VERIFY(window.findChild<QLabel *>(QStringLiteral("historyCountLabel"))
                        ->text()
                        .contains(u"solicitudes"));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("syncStatusLabel"))
                    ->text()
                    .contains(u"independiente"));
        // Numbers follow the language too: 25 requests, Spanish plural.
        QVERIFY(
            QCoreApplication::translate("civicdesk::KnowledgePanel", "%n article(s)", nullptr, 2)
                .contains(u"artículos"));
    }

    void unsupportedLanguagesFallBackToEnglish()
    {
        QCOMPARE(installTranslations(*QCoreApplication::instance(), QStringLiteral("fr")),
                 QStringLiteral("en"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
