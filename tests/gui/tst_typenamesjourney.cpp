// A Spanish desk sees Spanish type names: in a Spanish main window at 1366x768, by keyboard only
// (every key to QApplication::focusWidget(), the focus on screen after each), the agent finds a
// type by its Spanish name (or its English one, with or without accents), picks it, sees the
// Spanish name in the form and, once the request is submitted, in the caller's History; the
// store keeps the city's code and name (read through the capability API).

#include "models/domain/servicenames.h"
#include "models/itemmodels/historyentrymodel.h"
#include "tests/gui/intakejourney.h"

#include <QAbstractItemModel>
#include <QTableView>
#include <QTextBrowser>

using namespace civicdesk;

class TestTypeNamesJourney : public test::IntakeJourneyFixture
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCOMPARE(installTranslations(*QCoreApplication::instance(), QStringLiteral("es")),
                 QStringLiteral("es"));
        QCOMPARE(ServiceNames::windowLanguage(), QStringLiteral("es"));
    }

    void spanishTypeNameFromPickerToHistory()
    {
        const QString streetLights = QStringLiteral("Farola apagada o parpadeando");
        test::Journey j;
        auto desk = startCall(j);
        QVERIFY(desk.window);
        QVERIFY(j.type("callerPhoneLineEdit", QStringLiteral("6175550100")));
        QVERIFY(j.press(Qt::Key_1, Qt::ControlModifier));
        auto *types = desk.window->findChild<QListView *>(QStringLiteral("typeListView"));
        QVERIFY(types);
        const auto current = [types](int role = Qt::DisplayRole) {
            return types->currentIndex().data(role).toString();
        };
        // The city's English name finds the type, shown in Spanish.
        QVERIFY(j.type("typeSearchLineEdit", QStringLiteral("street light")));
        QCOMPARE(current(ServiceTypeModel::CodeRole), QStringLiteral("STRLGTOUT"));
        QCOMPARE(current(), streetLights);
        // Accents do not count: "pajaros" finds "pájaros".
        QVERIFY(j.press(Qt::Key_A, Qt::ControlModifier));
        QVERIFY(j.type("typeSearchLineEdit", QStringLiteral("pajaros")));
        QCOMPARE(current(ServiceTypeModel::CodeRole), QStringLiteral("BIRDINFEST"));
        QCOMPARE(current(), QStringLiteral("Plaga de palomas u otros pájaros"));
        // The Spanish name, picked with Enter: the form shows it.
        QVERIFY(j.press(Qt::Key_A, Qt::ControlModifier));
        QVERIFY(j.type("typeSearchLineEdit", QStringLiteral("farola apagada")));
        QCOMPARE(current(ServiceTypeModel::CodeRole), QStringLiteral("STRLGTOUT"));
        QVERIFY(j.press(Qt::Key_Return));
        QVERIFY(types->isVisible());
        QCOMPARE(current(), streetLights);
        QCOMPARE(desk.window->findChild<QTextBrowser *>(QStringLiteral("typeDetailBrowser"))
                     ->isVisible(),
                 false); // collapsed to the chosen type's one row
        QVERIFY(j.type("descriptionTextEdit", QStringLiteral("Farola apagada desde el viernes")));
        QVERIFY(j.press(Qt::Key_Tab));
        QVERIFY(j.type("addressLineEdit", QStringLiteral("1 a acorn")));
        QVERIFY(j.press(Qt::Key_Return)); // picks the first address
        noTruncatedText(desk);
        QVERIFY(j.press(Qt::Key_Return, Qt::ControlModifier));
        auto *result = desk.window->findChild<QLabel *>(QStringLiteral("resultLabel"));
        QTRY_VERIFY(result->isVisible());

        // The caller's History names the type in Spanish.
        auto *history =
            desk.window->findChild<QTableView *>(QStringLiteral("callerHistoryTableView"));
        QVERIFY(history);
        const auto typesShown = [history] {
            QStringList shown;
            const QAbstractItemModel *model = history->model();
            for (int row = 0; row < model->rowCount(); ++row)
                shown.append(model->index(row, HistoryEntryModel::Type).data().toString());
            return shown;
        };
        QTRY_VERIFY2(typesShown().contains(streetLights), qPrintable(typesShown().join(u'|')));
        QVERIFY(!typesShown().contains(QStringLiteral("Street lights out (fewer than five)")));
        noTruncatedText(desk);

        finishContact(j);
        const auto contact = onlyContact();
        QVERIFY(contact);
        QCOMPARE(contact->requestIds.size(), 1);
        const auto request = RequestRepository(m_store->db()).byId(contact->requestIds.first());
        QVERIFY(request);
        QCOMPARE(request->serviceCode, QStringLiteral("STRLGTOUT"));
        // The store keeps the city's own name (Open311 and exports read it).
        QCOMPARE(request->typeName, QStringLiteral("Street lights out (fewer than five)"));
        qInfo("journey Spanish type name: %d keys beyond typed text", j.keys);
    }
};

QTEST_MAIN(TestTypeNamesJourney)
#include "tst_typenamesjourney.moc"
