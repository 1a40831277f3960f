// The monthly PDF report rendered for a fixture month (November 2026 in Boston) and read back
// with pdftotext and pdfinfo (poppler-utils): four pages; the month, the headline figures, the
// charts' titles and labels, the answers and request types asked for most, the SLA per
// department and the QA index with the reviewers' agreement as text. Then from the supervisor
// workspace with its shortcut (Ctrl+Shift+M).

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/knowledge/articlerepository.h"
#include "models/quality/qualityreviews.h"
#include "models/store/eventstore.h"
#include "models/supervision/phone/phoneintervalimport.h"
#include "models/supervision/reports/monthlyreport.h"
#include "tests/support/appendevent.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "ui/common/settings.h"
#include "ui/intake/intakepanel.h"
#include "ui/supervisor/exportactions.h"
#include "ui/supervisor/monthlyreportpdf.h"
#include "ui/supervisor/supervisorworkspace.h"

#include <QBuffer>
#include <QDateEdit>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

namespace {

const QTimeZone Boston("America/New_York");

QDateTime utc(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), Qt::UTC);
}

QString run(const QString &tool, const QStringList &arguments)
{
    const QString program = QStandardPaths::findExecutable(tool);
    if (program.isEmpty())
        return QStringLiteral("missing tool: ") + tool;
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return QStringLiteral("failed: ") + tool;
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace

class TestMonthlyReport : public test::DeskFixture
{
    Q_OBJECT

    QTemporaryDir m_dir; // the reports written
    QList<KnowledgeArticle> m_articles;

    void append(const QString &type, const QString &id, const QString &kind,
                const QJsonObject &payload, const QDateTime &at)
    {
        test::appendEvent(m_store->db(), type, id, kind, payload, QStringLiteral("ana"),
                          QStringLiteral("W1"), at);
    }

    void contact(const QString &id, const QString &channel, const QDateTime &at,
                 const QString &article)
    {
        append(QStringLiteral("contact"), id, QStringLiteral("contact.started"),
               {{QStringLiteral("channel"), channel}}, at);
        if (!article.isEmpty())
            append(QStringLiteral("contact"), id, QStringLiteral("contact.article_opened"),
                   {{QStringLiteral("article_id"), article}}, at.addSecs(20));
        append(QStringLiteral("contact"), id, QStringLiteral("contact.ended"),
               {{QStringLiteral("outcome"), QStringLiteral("information_given")}}, at.addSecs(90));
    }

    void request(const QString &id, const QString &type, const QDateTime &at, int dueHours,
                 int closedAfterHours)
    {
        append(QStringLiteral("request"), id, QStringLiteral("request.created"),
               {{QStringLiteral("number"), id.toUpper()},
                {QStringLiteral("service_code"), QString(u"T" + type.left(3).toUpper())},
                {QStringLiteral("type_name"), type},
                {QStringLiteral("department_code"), QStringLiteral("TESTDEP")},
                {QStringLiteral("address"), QStringLiteral("1 City Hall Plz, 02108")},
                {QStringLiteral("due_at"), at.addSecs(dueHours * 3600).toString(Qt::ISODate)}},
               at);
        if (closedAfterHours > 0)
            append(QStringLiteral("request"), id, QStringLiteral("request.status_changed"),
                   {{QStringLiteral("status"), QStringLiteral("closed")},
                    {QStringLiteral("closure_reason"), QStringLiteral("resolved")}},
                   at.addSecs(closedAfterHours * 3600));
    }

private slots:
    // One city for the whole suite: the month written once, read by each test.
    void initTestCase()
    {
        QVERIFY(freshCity());
        m_articles = ArticleRepository(m_store->db()).list();
        QVERIFY(m_articles.size() >= 2);
        contact(QStringLiteral("m1"), QStringLiteral("phone"), utc(2, 15), m_articles.at(0).id);
        contact(QStringLiteral("m2"), QStringLiteral("phone"), utc(2, 16), m_articles.at(0).id);
        contact(QStringLiteral("m3"), QStringLiteral("email"), utc(17, 15), m_articles.at(1).id);
        // 23:30 on 30 November in Boston: still November.
        contact(QStringLiteral("m4"), QStringLiteral("walk_in"),
                QDateTime(QDate(2026, 12, 1), QTime(4, 30), Qt::UTC), {});
        request(QStringLiteral("mr1"), QStringLiteral("Graffiti removal"), utc(3, 14), 48, 24);
        request(QStringLiteral("mr2"), QStringLiteral("Graffiti removal"), utc(4, 14), 48, 72);
        request(QStringLiteral("mr3"), QStringLiteral("Pothole repair"), utc(5, 14), 24, 0);
        // The phone system's interval report of 2 November: 70 offered, 50 within 30 s (71 %),
        // 7 abandoned (10 %), ASA 958.5 / 63 = 15.2 s; and one of 1 December (not November).
        QByteArray csv = "interval_start,interval_minutes,queue,offered,answered,abandoned,"
                         "answered_within,threshold_seconds,asa_seconds\n"
                         "2026-11-02 09:00,30,general,40,36,4,30,30,12\n"
                         "2026-11-02 09:30,30,general,20,18,2,12,30,0:25\n"
                         "2026-11-02 09:00,30,spanish,10,9,1,8,30,8.5\n"
                         "2026-12-01 09:00,30,general,99,99,0,99,30,1\n";
        QBuffer in(&csv);
        in.open(QIODevice::ReadOnly);
        EventStore events(m_store->db());
        QVERIFY(PhoneIntervalImport(m_store->db(), events, QStringLiteral("sup"))
                    .import(in, Boston)
                    .ok());
        // The quality review: two reviewers score m1 independently (100 and 50, the second at
        // 23:30 on 30 November in Boston); a third scores at 00:00 on 1 December (not November).
        events.setRole(AgentRole::Supervisor);
        FormQuestion greet, readback;
        greet.id = QStringLiteral("greet");
        greet.text = QStringLiteral("Greeted by the script");
        readback.id = QStringLiteral("readback");
        readback.text = QStringLiteral("Request number read back");
        EvaluationForm form;
        form.id = QStringLiteral("call-qa");
        form.title = QStringLiteral("311 call quality");
        form.sections = {
            FormSection{QStringLiteral("call"), QStringLiteral("Call"), 1, {greet, readback}}};
        QVERIFY(
            QualityReviews(m_store->db(), events, QStringLiteral("sam"), Clock::fixed(utc(1, 12)))
                .publishForm(form)
                .ok());
        const auto score = [&](const char *reviewer, const QDateTime &at, int readBack) {
            QualityReviews reviews(m_store->db(), events, QString::fromLatin1(reviewer),
                                   Clock::fixed(at));
            const auto published = reviews.latestForm(QStringLiteral("call-qa"));
            const auto id =
                reviews.submit(QStringLiteral("m1"), QStringLiteral("ana"), *published,
                               {{QStringLiteral("greet"), ReviewAnswer{1, QString()}},
                                {QStringLiteral("readback"), ReviewAnswer{readBack, QString()}}});
            QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().message));
        };
        score("sam", utc(10, 15), 1);
        score("bea", QDateTime(QDate(2026, 12, 1), QTime(4, 30), Qt::UTC), 0);
        score("cy", QDateTime(QDate(2026, 12, 1), QTime(5, 0), Qt::UTC), 0);
    }

    QList<Evaluation> evaluations()
    {
        EventStore events(m_store->db());
        return QualityReviews(m_store->db(), events, QStringLiteral("sam")).evaluations();
    }

    void gathersTheMonth()
    {
        const auto data =
            MonthlyReports(m_store->db())
                .gather(QDate(2026, 11, 20), Boston, utc(30, 12).addDays(10), evaluations());
        QVERIFY(data);
        const MonthlyReportData &d = data.value();
        QCOMPARE(d.month, QDate(2026, 11, 1));
        QCOMPARE(d.volumes.size(), 30);
        QCOMPARE(d.kpis.contacts, 4);
        QCOMPARE(d.phone.total.offered, 70);
        QCOMPARE(d.phone.total.answeredWithin, 50);
        const int phone = int(d.channels.indexOf(QStringLiteral("phone")));
        QVERIFY(phone >= 0);
        QCOMPARE(d.volumes.at(1).at(phone), 2);
        QCOMPARE(d.volumes.at(29).at(int(d.channels.indexOf(QStringLiteral("walk_in")))), 1);
        QCOMPARE(d.topAnswers.size(), 2);
        QCOMPARE(d.topAnswers.first().name, m_articles.at(0).title);
        QCOMPARE(d.topAnswers.first().count, 2);
        QCOMPARE(d.topTypes.first().name, QStringLiteral("Graffiti removal"));
        QCOMPARE(d.topTypes.first().count, 2);
        bool found = false;
        for (const auto &dep : d.departments) {
            if (dep.code != u"TESTDEP")
                continue;
            found = true;
            QCOMPARE(dep.closed, 2);
            QCOMPARE(dep.met, 1);
            QCOMPARE(dep.open, 1);
            QCOMPARE(dep.overdue, 1);
        }
        QVERIFY(found);
        // The QA index: the month's two evaluations (not December's), two reviewers, one contact
        // scored by both.
        QCOMPARE(d.quality.evaluations, 2);
        QCOMPARE(d.quality.reviewers, 2);
        QCOMPARE(d.quality.index.value_or(-1), 75.0);
        QCOMPARE(d.quality.formTitle, QStringLiteral("311 call quality"));
        QCOMPARE(d.quality.agreement.contacts, 1);
        QCOMPARE(d.quality.agreement.questions.size(), 2);
        QCOMPARE(d.quality.agreement.scorePercentWithin5.value_or(-1), 0.0);
    }

    void rendersAPdfWhoseTextReadsBack()
    {
        const auto data =
            MonthlyReports(m_store->db())
                .gather(QDate(2026, 11, 1), Boston, utc(30, 12).addDays(10), evaluations());
        QVERIFY(data);
        const QString path = m_dir.filePath(QStringLiteral("report.pdf"));
        const Status s = MonthlyReportPdf::write(data.value(), path);
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        const QString info = run(QStringLiteral("pdfinfo"), {path});
        QVERIFY2(info.contains(QRegularExpression(QStringLiteral("Pages:\\s+4\\b"))),
                 qPrintable(info));
        // Ligatures (the "ffi" of "Graffiti") read back as one character: compared as letters.
        const QString text =
            run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")})
                .normalized(QString::NormalizationForm_KC);
        for (const QString &expected :
             {QStringLiteral("311 monthly report: November 2026"), QStringLiteral("Contacts"),
              QStringLiteral("Contacts per day by channel"), QStringLiteral("Phone"),
              QStringLiteral("Answers opened most during calls"),
              QStringLiteral("Request types asked for most"), QStringLiteral("Graffiti removal"),
              QStringLiteral("Pothole repair"), QStringLiteral("Service-request SLA by department"),
              QStringLiteral("TESTDEP"), QStringLiteral("50 %"),
              QStringLiteral("Service level (target 80 %)"), QStringLiteral("71 % in 30 s"),
              QStringLiteral("Abandon rate"), QStringLiteral("0:15"),
              QStringLiteral("America/New_York")})
            QVERIFY2(text.contains(expected), qPrintable(expected + u"\n----\n" + text));
        // The same page is not written twice: the SLA table is on page 3 only.
        const QStringList pages = text.split(QChar(u'\f'));
        QVERIFY(pages.size() >= 4);
        QVERIFY(pages.at(2).contains(QStringLiteral("TESTDEP")));
        QVERIFY(!pages.at(0).contains(QStringLiteral("TESTDEP")));
        // Page 4: the QA index with the reviewers' agreement, per question too.
        for (const QString &expected :
             {QStringLiteral("Quality review"), QStringLiteral("QA index"), QStringLiteral("75.0"),
              QStringLiteral("Krippendorff's alpha"), QStringLiteral("Request number read back"),
              QStringLiteral("Agreement per question: 311 call quality")})
            QVERIFY2(pages.at(3).contains(expected),
                     qPrintable(expected + u"\n----\n" + pages.at(3)));

        // A place that cannot be written: an error, no file.
        const QString bad = m_dir.filePath(QStringLiteral("missing/report.pdf"));
        QVERIFY(!MonthlyReportPdf::write(data.value(), bad).ok());
        QVERIFY(!QFile::exists(bad));
    }

    void theWorkspaceShortcutSavesTheMonthOfTheFirstDay()
    {
        Desk desk = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        QVERIFY(desk.window);
        test::Journey j;
        SupervisorWorkspace *workspace = test::openSupervisorWorkspace(desk, j);
        QVERIFY(workspace);
        workspace->findChild<QDateEdit *>(QStringLiteral("kpiFromDateEdit"))
            ->setDate(QDate(2026, 11, 12));
        workspace->findChild<QDateEdit *>(QStringLiteral("kpiToDateEdit"))
            ->setDate(QDate(2026, 11, 19));
        auto *exports = workspace->findChild<ExportActions *>(QStringLiteral("exportActions"));
        QVERIFY(exports);
        QString suggestedPath;
        const QString path = m_dir.filePath(QStringLiteral("from-workspace.pdf"));
        exports->setFileChooser([&](const QString &, const QString &suggested) {
            suggestedPath = suggested;
            return path;
        });
        QTRY_VERIFY(QApplication::focusWidget() &&
                    QApplication::focusWidget()->window() == workspace);
        QVERIFY(j.press(Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier));
        QVERIFY2(suggestedPath.endsWith(QStringLiteral("311-report-2026-11.pdf")),
                 qPrintable(suggestedPath));
        QVERIFY2(QFile::exists(path), qPrintable(exports->statusLabel()->text()));
        QVERIFY(run(QStringLiteral("pdftotext"), {path, QStringLiteral("-")})
                    .contains(QStringLiteral("November 2026")));
        QVERIFY(exports->statusLabel()->text().contains(QStringLiteral("November 2026")));
    }
};

QTEST_MAIN(TestMonthlyReport)
#include "tst_monthlyreport.moc"
