// A lobby visit as the agent lives it, by keyboard in the real main window at 1366x768 (every
// key to QApplication::focusWidget(), the focused widget on screen after each):
//  - the greeter's check-in in the agent's window (F4 at the counter): reason, language, need,
//    name, Enter; the ticket is in the queue and its slip printed in the visitor's language;
//  - a Spanish-speaking visitor called (F5), the walk-in contact (F11), two requests and a
//    place outside the city (the referral), the counter's silent code word (Ctrl+Shift+F1)
//    reaching the supervisors, the visit card listing what was looked up, and F12 printing
//    the receipt: pdftotext reads both numbers with the hyphen, their types, addresses and
//    expected dates, all in Spanish.

#include "models/domain/requestnumber.h"
#include "models/requests/historyrepository.h"
#include "models/requests/requestrepository.h"
#include "models/workstation/storecontext.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/pdftext.h"
#include "tests/support/teststore.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/intake/intakepanel.h"
#include "ui/lobby/counterpanel.h"
#include "ui/lobby/greeterdialog.h"
#include "ui/lobby/rollprinter.h"

#include <QApplication>
#include <QFileInfo>
#include <QLabel>
#include <QPrinterInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

namespace {

// The city's Spanish names of two request types (its knowledge seed in Spanish, as Boston's
// kb-seed-es.csv gives them).
void addSpanishTypeNames(Database &db)
{
    QSqlQuery q(QSqlDatabase::database(db.connectionName()));
    for (const auto &[code, title] :
         {std::pair{QStringLiteral("STRLGTOUT"), QStringLiteral("Farola apagada o parpadeando")},
          std::pair{QStringLiteral("RODENTACT"), QStringLiteral("Ratas o ratones")}}) {
        QVERIFY(q.prepare(QStringLiteral(
            "INSERT INTO articles(id, title, body, audience, language, translation_group, state, "
            "source) VALUES(?, ?, '', 'public', 'es', ?, 'published', 'seed')")));
        q.addBindValue(QStringLiteral("seed:%1:es").arg(code));
        q.addBindValue(title);
        q.addBindValue(QString(u"seed:" + code));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }
}

} // namespace

class TestVisitJourney : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    QTemporaryDir m_dir;

    // Ctrl+1, the type's words, Enter; the description; Tab, the address, Enter (the first).
    static void request(test::Journey &j, const char *typeWords, const QString &description,
                        const QString &address)
    {
        QVERIFY(j.press(Qt::Key_1, Qt::ControlModifier));
        QVERIFY(j.type("typeSearchLineEdit", QString::fromUtf8(typeWords)));
        QVERIFY(j.press(Qt::Key_Return));
        if (!description.isEmpty())
            QVERIFY(j.type("descriptionTextEdit", description));
        QVERIFY(j.press(Qt::Key_Tab));
        QVERIFY(j.type("addressLineEdit", address));
    }

private slots:
    void init() { m_store = test::miniCityStore(); }

    void theGreeterChecksAVisitorInFromTheAgentsWindow()
    {
        Settings settings(m_dir.filePath(QStringLiteral("greeter.ini")));
        StoreContext store(m_store->db(), QStringLiteral("lena"), AgentRole::Lobby);
        auto window = test::openMainWindow(store, settings);
        QVERIFY(window);
        window->counterPanel()->setTicketFolder(m_dir.filePath(QStringLiteral("slips")));
        test::Journey j;
        QVERIFY(j.press(Qt::Key_L, Qt::ControlModifier | Qt::AltModifier));
        QVERIFY(j.press(Qt::Key_F4));
        QTRY_COMPARE(j.focusName(), QStringLiteral("greeterReasonComboBox"));
        auto *greeter = window->findChild<GreeterDialog *>();
        QVERIFY(greeter);
        // The reason: the city's category named "Animals", by its first letter.
        QVERIFY(j.press(Qt::Key_A));
        QVERIFY(j.press(Qt::Key_Tab));
        QCOMPARE(j.focusName(), QStringLiteral("greeterLanguageComboBox"));
        QVERIFY(j.press(Qt::Key_Down)); // Spanish
        QVERIFY(j.press(Qt::Key_Tab));
        QCOMPARE(j.focusName(), QStringLiteral("greeterNeedComboBox"));
        QVERIFY(j.press(Qt::Key_Down)); // wheelchair
        QVERIFY(j.press(Qt::Key_Tab));
        QVERIFY(j.type("greeterNameLineEdit", QStringLiteral("Ana")));
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_VERIFY(!greeter->lastTicketNumber().isEmpty());
        const QList<LobbyTicket> waiting = store.lobby.repository().waiting();
        QCOMPARE(waiting.size(), 1);
        const LobbyTicket &t = waiting.first();
        QCOMPARE(t.number, greeter->lastTicketNumber());
        QCOMPARE(t.category, QStringLiteral("Animals"));
        QCOMPARE(t.language, QStringLiteral("es"));
        QCOMPARE(t.accessibility, QStringLiteral("wheelchair"));
        QCOMPARE(t.visitorName, QStringLiteral("Ana"));
        // Ready for the next visitor: the reason again, the name empty.
        QCOMPARE(j.focusName(), QStringLiteral("greeterReasonComboBox"));
        auto *result = greeter->findChild<QLabel *>(QStringLiteral("greeterResultLabel"));
        QVERIFY2(result->text().contains(t.number), qPrintable(result->text()));
        // The slip in the visitor's language, the reason as the city names it in Spanish.
        if (QPrinterInfo::defaultPrinter().isNull()) {
            QVERIFY(QFileInfo(greeter->lastPrinted()).size() > 0);
            const QString slip = test::pdfWords(greeter->lastPrinted());
            for (const QString &expected : {t.number, QStringLiteral("Animales")})
                QVERIFY2(slip.contains(expected), qPrintable(expected + u"\n---\n" + slip));
            QVERIFY(!slip.contains(u"Ana"));
        }
        for (QWidget *w : greeter->findChildren<QWidget *>()) {
            if (w->focusPolicy() != Qt::NoFocus && w->isVisible())
                QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
        }
        QVERIFY2(test::mnemonicClashes(greeter).isEmpty(),
                 qPrintable(test::mnemonicClashes(greeter).join(u'\n')));
        // Escape: back at the counter's waiting list, which shows the new ticket.
        QVERIFY(j.press(Qt::Key_Escape));
        QTRY_COMPARE(j.focusName(), QStringLiteral("counterQueueTreeWidget"));
        QCOMPARE(window->counterPanel()->profile().counter, QStringLiteral("1"));
    }

    void aVisitWithSeveralRequestsPrintsOneReceipt()
    {
        addSpanishTypeNames(m_store->db());
        Settings settings(m_dir.filePath(QStringLiteral("visit.ini")));
        StoreContext store(m_store->db(), QStringLiteral("lena"), AgentRole::Lobby);
        auto issued = store.lobby.issue(
            {QStringLiteral("Animals"), {}, QStringLiteral("es"), {}, QStringLiteral("Ana")});
        QVERIFY(issued.ok());
        const LobbyTicket ticket = issued.value().ticket;
        auto window = test::openMainWindow(store, settings);
        QVERIFY(window);
        CounterPanel *counter = window->counterPanel();
        counter->setReceiptFolder(m_dir.filePath(QStringLiteral("receipts")));
        window->intakePanel()->setFocus();
        test::Journey j;

        QVERIFY(j.press(Qt::Key_L, Qt::ControlModifier | Qt::AltModifier));
        QVERIFY(j.press(Qt::Key_F5));
        QTRY_VERIFY(store.lobby.current(QStringLiteral("1")).has_value());
        QVERIFY(j.press(Qt::Key_F11)); // the walk-in contact, in Spanish
        const QString contactId = window->intakePanel()->contactId();
        QVERIFY(!contactId.isEmpty());

        // Two requests in one visit.
        request(j, "street light", QStringLiteral("Farola apagada desde el viernes"),
                QStringLiteral("1 a acorn"));
        QVERIFY(j.press(Qt::Key_Return)); // the first address
        QVERIFY(j.press(Qt::Key_Return, Qt::ControlModifier));
        RequestRepository requests(m_store->db());
        const auto requestsOfContact = [this, &contactId] {
            for (const HistoryEntry &e :
                 HistoryRepository(m_store->db()).forAgent(QStringLiteral("lena"))) {
                if (e.contact.id == contactId)
                    return e.contact.requestIds;
            }
            return QStringList();
        };
        QTRY_COMPARE(requestsOfContact().size(), 1);
        request(j, "rodent", {}, QStringLiteral("57 a chestnut"));
        QVERIFY(j.press(Qt::Key_Return));
        QVERIFY(j.press(Qt::Key_Return, Qt::ControlModifier));
        QTRY_COMPARE(requestsOfContact().size(), 2);
        // A third matter is outside the city: the referral is given, not a request.
        request(j, "rodent", {}, QStringLiteral("100 Main St, Cambridge"));
        QTRY_COMPARE(store.lobby.repository().lookedUp(contactId).referrals.size(), 1);

        // The code word: one shortcut, nothing the visitor can see, a flag for the
        // supervisors with this visit's contact.
        QWidget *before = QApplication::focusWidget();
        QVERIFY(j.press(Qt::Key_F1, Qt::ControlModifier | Qt::ShiftModifier));
        QCOMPARE(QApplication::focusWidget(), before);
        QVERIFY(!QApplication::activeModalWidget());
        const QList<HelpFlag> flags = store.helpFlags.open();
        QCOMPARE(flags.size(), 1);
        QCOMPARE(flags.first().agent, QStringLiteral("lena"));
        QCOMPARE(flags.first().contactId, contactId);
        // It names the counter, so the supervisor knows where to go.
        QCOMPARE(flags.first().counter, QStringLiteral("1"));

        // The wrap-up: the request on the form is discarded, the contact finished.
        QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
        QVERIFY(j.tabTo("finishContactButton"));
        QVERIFY(j.pressAndAnswer(Qt::Key_Return, Qt::NoModifier, Qt::Key_D, Qt::AltModifier, this));

        // At the counter: the card lists what the visit looked up, F12 prints the receipt.
        QVERIFY(j.press(Qt::Key_L, Qt::ControlModifier | Qt::AltModifier));
        auto *card = window->findChild<QLabel *>(QStringLiteral("visitCardLabel"));
        const QString referral = store.lobby.repository().lookedUp(contactId).referrals.first();
        QVERIFY2(card->text().contains(CounterPanel::tr("Referred to: %1").arg(referral)),
                 qPrintable(card->text()));
        QVERIFY2(card->text().contains(
                     CounterPanel::tr("Walk-in contact started · requests: %1").arg(2)),
                 qPrintable(card->text()));
        QVERIFY(j.press(Qt::Key_F12));
        const auto served = store.lobby.repository().ticket(ticket.id);
        QCOMPARE(served->state, TicketState::Served);
        const QStringList ids = requestsOfContact();
        QCOMPARE(served->requestIds, ids);
        QCOMPARE(served->contactId, contactId);
        if (!QPrinterInfo::defaultPrinter().isNull())
            QSKIP("a default printer is set: the receipt went to it");
        QCOMPARE(
            counter->lastReceipt(),
            m_dir.filePath(QStringLiteral("receipts/%1-%2.pdf").arg(ticket.day, ticket.number)));
        const QString text = test::pdfWords(counter->lastReceipt());
        const QLocale spanish(QLocale::Spanish, QLocale::UnitedStates);
        QStringList expected = {QStringLiteral("Comprobante de su solicitud de servicio"),
                                u"Turno: " + ticket.number, QStringLiteral("Ventanilla: 1"),
                                QStringLiteral("Tipo: Farola apagada o parpadeando"),
                                QStringLiteral("Tipo: Ratas o ratones")};
        for (const QString &id : ids) {
            const auto r = requests.byId(id);
            QVERIFY(r);
            const auto number = RequestNumber::parse(r->number);
            QVERIFY(number);
            QVERIFY(number.value().display().contains(u'-'));
            expected << u"Número de solicitud: " + number.value().display()
                     << u"Dirección: " + r->address;
            QVERIFY(r->dueAt.isValid());
            expected
                << u"Fecha prevista: " +
                       spanish.toString(
                           RollPrinter::inZone(r->dueAt, QStringLiteral("America/New_York")).date(),
                           QLocale::LongFormat);
        }
        for (const QString &e : std::as_const(expected))
            QVERIFY2(text.contains(test::words(e)), qPrintable(e + u"\n---\n" + text));
        QVERIFY(!text.contains(u"Ana"));
        qInfo("a visit with two requests and a referral: %d keys beyond typed text", j.keys);
    }
};

QTEST_MAIN(TestVisitJourney)
#include "tst_visitjourney.moc"
