// Issue 14, item 7, by keyboard only (every key to QApplication::focusWidget()) in the real main
// window at 1366x768. A call taker's information call: Ctrl+N, Ctrl+2, a search nothing answers
// left on screen (the contact records it), then one that finds the answer, Enter opens it, Ctrl+E,
// "Information given", Finish. Then a supervisor's Knowledge ▸ Usage (Ctrl+Alt+U): the article
// that closed the call and the search nothing answered; Alt+A and Enter open the answer in the
// knowledge panel. Results through the capability API (KnowledgeUsage, the contact history).

#include "models/knowledge/knowledgeusage.h"
#include "models/requests/historyrepository.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "ui/knowledge/knowledgepanel.h"
#include "ui/knowledge/knowledgeusagedialog.h"

#include <QApplication>
#include <QComboBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace civicdesk;

namespace {

const QString answerId = QStringLiteral("seed:BIRDINFEST");
const QString unanswered = QStringLiteral("passport renewal appointment");

} // namespace

class TestKnowledgeUsageJourney : public test::DeskFixture
{
    Q_OBJECT

    QDateTime from() const { return QDateTime::currentDateTimeUtc().addDays(-1); }
    QDateTime to() const { return QDateTime::currentDateTimeUtc().addDays(1); }

private slots:
    void initTestCase()
    {
        QVERIFY(freshCity());
        QVERIFY(ArticleRepository(m_store->db()).byId(answerId));
    }

    void anInformationCallShowsInTheUsageList()
    {
        const ArticleRepository articles(m_store->db());
        const KnowledgeUsage usage(articles);
        {
            test::Desk desk = openDesk(QStringLiteral("ana"), AgentRole::CallTaker);
            QVERIFY(desk.window);
            test::Journey j;
            QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
            QVERIFY(j.press(Qt::Key_2, Qt::ControlModifier));
            QVERIFY(j.type("articleSearchLineEdit", unanswered));
            KnowledgePanel *panel = desk.window->knowledgePanel();
            QTRY_VERIFY(panel->showsNoGoodMatch());
            // Left on screen, the search nothing answered is recorded on the contact.
            QTRY_COMPARE_WITH_TIMEOUT(usage.unansweredSearches(from(), to()).size(), 1, 8000);
            QVERIFY(j.press(Qt::Key_A, Qt::ControlModifier));
            QVERIFY(j.type("articleSearchLineEdit", QStringLiteral("bird")));
            QTRY_VERIFY(!panel->showsNoGoodMatch());
            QVERIFY(j.press(Qt::Key_Return));
            QCOMPARE(panel->currentArticleId(), answerId);
            QCOMPARE(j.focusName(), QStringLiteral("articleTextBrowser"));
            QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
            QCOMPARE(j.focusName(), QStringLiteral("outcomeComboBox"));
            QVERIFY(j.press(Qt::Key_Down)); // "Information given"
            QVERIFY(j.tabTo("finishContactButton"));
            QVERIFY(j.press(Qt::Key_Return));
            QTRY_VERIFY([this] {
                const QList<HistoryEntry> contacts =
                    HistoryRepository(m_store->db()).forAgent(QStringLiteral("ana"));
                return contacts.size() == 1 && !contacts.first().contact.isRunning() &&
                       contacts.first().contact.outcome == Outcome::InformationGiven;
            }());
        }
        // Through the capability: the answer that closed the call, the search nothing answered.
        const QList<ArticleUse> answers = usage.answersThatCloseCalls(from(), to());
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers.first().articleId, answerId);
        QCOMPARE(answers.first().contacts, 1);
        const QList<SearchGap> gaps = usage.unansweredSearches(from(), to());
        QCOMPARE(gaps.size(), 1);
        QCOMPARE(gaps.first().query, unanswered);

        // The supervisor's list: Ctrl+Alt+U, the period first; Alt+A and Enter open the answer.
        test::Desk desk = openDesk(QStringLiteral("sue"), AgentRole::Supervisor);
        QVERIFY(desk.window);
        test::Journey j;
        QVERIFY(j.press(Qt::Key_U, Qt::ControlModifier | Qt::AltModifier));
        QTRY_COMPARE(j.focusName(), QStringLiteral("usagePeriodComboBox"));
        auto *dialog = qobject_cast<KnowledgeUsageDialog *>(QApplication::activeWindow());
        QVERIFY(dialog);
        QVERIFY(test::truncatedTexts(dialog).isEmpty());
        QVERIFY2(test::mnemonicClashes(dialog).isEmpty(),
                 qPrintable(test::mnemonicClashes(dialog).join(u'\n')));
        auto *answersTable = dialog->findChild<QTableWidget *>(QStringLiteral("answersTable"));
        auto *gapsTable = dialog->findChild<QTableWidget *>(QStringLiteral("gapsTable"));
        QCOMPARE(answersTable->rowCount(), 1);
        QCOMPARE(answersTable->item(0, 0)->text(), articles.byId(answerId)->title);
        QCOMPARE(answersTable->item(0, 2)->text(), QStringLiteral("1"));
        QCOMPARE(gapsTable->rowCount(), 1);
        QCOMPARE(gapsTable->item(0, 0)->text(), unanswered);
        QCOMPARE(gapsTable->item(0, 2)->text(), QStringLiteral("1"));
        for (QWidget *w : dialog->findChildren<QWidget *>()) {
            if (w->isVisible() && w->focusPolicy() & Qt::TabFocus)
                QVERIFY2(!w->accessibleName().isEmpty() ||
                             !w->property("text").toString().isEmpty(),
                         qPrintable(w->objectName()));
        }
        QVERIFY(j.press(Qt::Key_A, Qt::AltModifier));
        QCOMPARE(j.focusName(), QStringLiteral("answersTable"));
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_COMPARE(desk.window->knowledgePanel()->currentArticleId(), answerId);
        auto *view = desk.window->findChild<QTextBrowser *>(QStringLiteral("articleTextBrowser"));
        QTRY_VERIFY(view->toPlainText().contains(answersTable->item(0, 0)->text()));
    }
};

QTEST_MAIN(TestKnowledgeUsageJourney)
#include "tst_knowledgeusagejourney.moc"
