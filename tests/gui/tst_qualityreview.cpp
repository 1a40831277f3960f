// Quality review through the real widgets, by keyboard only (every key to
// QApplication::focusWidget()): a supervisor opens the workspace (Ctrl+Shift+W), the quality
// review tab (Alt+Q), publishes the standard form (Alt+A), opens the sampled contact (Enter),
// scores it question by question beside its recorded steps and submits (Ctrl+Return); the agent
// opens their own evaluations (Ctrl+Shift+Q) and acknowledges it with a note (Alt+K). Results
// are read through the capability API.

#include "models/store/eventstore.h"
#include "models/supervision/qualityreviews.h"
#include "tests/gui/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/common/storecontext.h"
#include "ui/intake/intakepanel.h"
#include "ui/supervisor/evaluationdialog.h"
#include "ui/supervisor/myevaluationsdialog.h"
#include "ui/supervisor/reviewpanel.h"
#include "ui/supervisor/supervisorworkspace.h"

#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QJsonObject>
#include <QListWidget>
#include <QLocale>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

namespace {

const QString SampledCall = QStringLiteral("qa-contact-1");

void append(Database &db, const QString &kind, const QJsonObject &payload, qint64 secondsAgo)
{
    EventStore events(db);
    auto r = events.append(Event::make(QStringLiteral("contact"), SampledCall, kind, payload,
                                       QStringLiteral("Ximena"), QStringLiteral("W1"),
                                       QDateTime::currentDateTimeUtc().addSecs(-secondsAgo)));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
}

// Every focusable control shown in `window` has a name a screen reader says.
void verifyAccessibleNames(QWidget *window)
{
    for (QWidget *w : window->findChildren<QWidget *>()) {
        if (!w->isVisible() || !(w->focusPolicy() & Qt::TabFocus) || w->focusProxy())
            continue;
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        QVERIFY2(
            iface && !iface->text(QAccessible::Name).trimmed().isEmpty(),
            qPrintable(QString::fromLatin1(w->metaObject()->className()) + u'#' + w->objectName()));
    }
}

} // namespace

class TestQualityReview : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    QTemporaryDir m_settingsDir;

    using Desk = test::Desk;
    Desk openDesk(const QString &agent, AgentRole role)
    {
        return test::openDesk(m_store->db(), m_settingsDir.path(), agent, role);
    }

private slots:
    void init()
    {
        m_store = test::miniCityStore();
        QVERIFY(m_store);
    }

    void fromTheSampleToTheAgentsAcknowledgement()
    {
        // Ximena's call of a minute and a half: a short contact, with one recorded step.
        append(m_store->db(), QStringLiteral("contact.started"),
               {{QStringLiteral("channel"), QStringLiteral("phone")}}, 120);
        append(m_store->db(), QStringLiteral("contact.step_recorded"),
               {{QStringLiteral("step"), QStringLiteral("type_chosen")},
                {QStringLiteral("detail"),
                 QJsonObject{{QStringLiteral("service_code"), QStringLiteral("RODENTACT")}}}},
               100);
        append(m_store->db(), QStringLiteral("contact.ended"),
               {{QStringLiteral("outcome"), QStringLiteral("request_created")}}, 30);

        Desk sam = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        QVERIFY(sam.window);
        test::Journey j;
        QVERIFY(j.press(Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier));
        SupervisorWorkspace *workspace = sam.window->supervisorWorkspace();
        QVERIFY(workspace);
        QTRY_COMPARE(j.focusName(), QStringLiteral("kpiFiguresTree"));
        QVERIFY(j.press(Qt::Key_Q, Qt::AltModifier));
        QTRY_COMPARE(j.focusName(), QStringLiteral("sampleTable"));
        ReviewPanel *panel = workspace->reviewPanel();
        verifyAccessibleNames(workspace);

        // No form yet: publish the standard one; the focus comes back to the sample.
        QVERIFY(!panel->reviews().latestForm(ReviewPanel::standardForm().id));
        QVERIFY(j.press(Qt::Key_A, Qt::AltModifier));
        QTRY_VERIFY(panel->reviews().latestForm(ReviewPanel::standardForm().id));
        QTRY_COMPARE(j.focusName(), QStringLiteral("sampleTable"));

        // Down to Ximena's contact (the sample may hold the fixture city's contacts too).
        auto *table = qobject_cast<QTableWidget *>(QApplication::focusWidget());
        QVERIFY(table->rowCount() >= 1);
        for (int i = 0;
             i < table->rowCount() && table->item(table->currentRow(), 0)->text() != SampledCall;
             ++i)
            QVERIFY(j.press(Qt::Key_Down));
        QCOMPARE(table->item(table->currentRow(), 0)->text(), SampledCall);
        QCOMPARE(table->item(table->currentRow(), 4)->text(), QStringLiteral("short"));
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_VERIFY(panel->evaluationDialog() && panel->evaluationDialog()->isVisible());
        EvaluationDialog *dialog = panel->evaluationDialog();
        QTRY_COMPARE(j.focusName(), QStringLiteral("answer_greeting"));
        // The recorded steps beside the form.
        auto *steps = dialog->findChild<QListWidget *>(QStringLiteral("evaluationStepsList"));
        QVERIFY(steps);
        QVERIFY(steps->count() >= 3);
        QVERIFY(steps->item(1)->text().contains(u"type_chosen"));
        verifyAccessibleNames(dialog);

        // Each answer list: Down to the answer, Tab past the comment to the next question.
        // Yes, 4 of 5, Yes, Yes, (read back: asked once a request was taken) Yes, then N/A.
        const QList<std::pair<const char *, int>> answers = {
            {"answer_greeting", 1},      {"answer_courtesy", 4},      {"answer_type_right", 1},
            {"answer_request_taken", 1}, {"answer_read_back", 1},     {"answer_knowledge", 3},
            {"answer_emergency", 3},     {"answer_personal_data", 3}, {"answer_jurisdiction", 3}};
        for (const auto &[name, downs] : answers) {
            QVERIFY2(j.tabTo(name), name);
            for (int i = 0; i < downs; ++i)
                QVERIFY(j.press(Qt::Key_Down));
        }
        auto *knowledge = dialog->findChild<QComboBox *>(QStringLiteral("answer_knowledge"));
        QCOMPARE(knowledge->currentText(), QStringLiteral("N/A"));
        QVERIFY(j.press(Qt::Key_Return, Qt::ControlModifier));
        QTRY_VERIFY(!dialog->isVisible());
        QTRY_COMPARE(j.focusName(), QStringLiteral("sampleTable"));

        // Opening 87.5 %, intake 100 % (knowledge N/A), safety all N/A:
        // (1 x 87.5 + 2 x 100) / 3 = 95.8.
        const QList<Evaluation> submitted = panel->reviews().evaluations(QStringLiteral("Ximena"));
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(submitted.first().score, 95.8);
        QCOMPARE(submitted.first().reviewer, QStringLiteral("sam"));
        QCOMPARE(submitted.first().contactId, SampledCall);
        QCOMPARE(table->item(table->currentRow(), 6)->text(), QLocale().toString(95.8, 'f', 1));
        sam.window.reset();

        // The agent: her own evaluations, acknowledged with a note.
        Desk ximena = openDesk(QStringLiteral("Ximena"), AgentRole::CallTaker);
        QVERIFY(ximena.window);
        test::Journey a;
        QVERIFY(a.press(Qt::Key_Q, Qt::ControlModifier | Qt::ShiftModifier));
        MyEvaluationsDialog *mine = ximena.window->myEvaluations();
        QVERIFY(mine);
        QTRY_COMPARE(a.focusName(), QStringLiteral("myEvaluationsTable"));
        QCOMPARE(mine->table()->rowCount(), 1);
        verifyAccessibleNames(mine);
        QVERIFY(a.press(Qt::Key_Tab));
        QVERIFY(a.type("evaluationResponseEdit", QStringLiteral("Thanks, noted")));
        QVERIFY(a.press(Qt::Key_K, Qt::AltModifier));
        QualityReviews reviews(m_store->db(), ximena.store->events, QStringLiteral("Ximena"));
        QTRY_COMPARE(reviews.evaluation(submitted.first().id)->state,
                     Evaluation::State::Acknowledged);
        QCOMPARE(reviews.evaluation(submitted.first().id)->response,
                 QStringLiteral("Thanks, noted"));
        qInfo("quality review journey: %d keys (supervisor), %d keys (agent)", j.keys, a.keys);
    }
};

QTEST_MAIN(TestQualityReview)
#include "tst_qualityreview.moc"
