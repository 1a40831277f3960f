// Exports as audited events (issue 16, item 8): from the supervisor workspace, the monthly PDF
// report by its shortcut (read back with pdftotext) and the period's contacts as CSV each leave
// a supervision.exported event saying who exported what, of which period and filter, into
// which file; the Audit trail tab lists them, the latest first. An export that fails leaves no
// event, and a call taker's export is refused by the permission table.

#include "models/domain/supervision/exportrecord.h"
#include "models/store/eventstore.h"
#include "models/supervision/audit/audittrail.h"
#include "models/supervision/reports/exportaudit.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/pdftext.h"
#include "ui/supervisor/audittrailpanel.h"
#include "ui/supervisor/exportactions.h"
#include "ui/supervisor/supervisorworkspace.h"

#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

using namespace civicdesk;

namespace {

QDateTime utc(int day, int hour)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, 0), Qt::UTC);
}

} // namespace

class TestExportAudit : public test::DeskFixture
{
    Q_OBJECT

    QTemporaryDir m_dir;

    void contact(const QString &id, const QDateTime &at)
    {
        EventStore events(m_store->db());
        for (const auto &[kind, payload, when] :
             {std::tuple{QStringLiteral("contact.started"),
                         QJsonObject{{QStringLiteral("channel"), QStringLiteral("phone")}}, at},
              std::tuple{
                  QStringLiteral("contact.ended"),
                  QJsonObject{{QStringLiteral("outcome"), QStringLiteral("information_given")}},
                  at.addSecs(90)}}) {
            auto r = events.append(Event::make(QStringLiteral("contact"), id, kind, payload,
                                               QStringLiteral("ana"), QStringLiteral("W1"), when));
            QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        }
    }

    QList<Event> exportEvents()
    {
        auto trail = audittrail::read(m_store->db().connectionName(),
                                      QDateTime::currentDateTimeUtc().addDays(-1),
                                      QDateTime::currentDateTimeUtc().addSecs(60));
        QList<Event> list;
        if (!trail)
            return list;
        for (const audittrail::Entry &e : trail.value()) {
            if (e.event.kind == exportrecord::kind())
                list.append(e.event);
        }
        return list;
    }

private slots:
    void init()
    {
        QVERIFY(freshCity());
        contact(QStringLiteral("x1"), utc(12, 15));
        contact(QStringLiteral("x2"), utc(13, 15));
        contact(QStringLiteral("x3"), utc(25, 15)); // outside the exported week
    }

    void eachExportIsAnAuditedEvent()
    {
        Desk desk = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        QVERIFY(desk.window);
        test::Journey j;
        QVERIFY(j.press(Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier));
        SupervisorWorkspace *workspace = desk.window->supervisorWorkspace();
        QVERIFY(workspace);
        QTRY_COMPARE(j.focusName(), QStringLiteral("kpiFiguresTree"));
        workspace->findChild<QDateEdit *>(QStringLiteral("kpiFromDateEdit"))
            ->setDate(QDate(2026, 11, 12));
        workspace->findChild<QDateEdit *>(QStringLiteral("kpiToDateEdit"))
            ->setDate(QDate(2026, 11, 19));
        auto *exports = workspace->findChild<ExportActions *>(QStringLiteral("exportActions"));
        QVERIFY(exports);
        QString path = m_dir.filePath(QStringLiteral("november.pdf"));
        exports->setFileChooser([&](const QString &, const QString &) { return path; });
        QVERIFY(exportEvents().isEmpty());

        // The monthly report by its shortcut: the PDF reads back, and the export is an event.
        QTRY_VERIFY(QApplication::focusWidget() &&
                    QApplication::focusWidget()->window() == workspace);
        QVERIFY(j.press(Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier));
        QVERIFY2(QFile::exists(path), qPrintable(exports->statusLabel()->text()));
        QVERIFY(test::runTool(QStringLiteral("pdftotext"), {path, QStringLiteral("-")},
                              QStringLiteral("poppler-utils"))
                    .contains(QStringLiteral("311 monthly report: November 2026")));
        QList<Event> exported = exportEvents();
        QCOMPARE(exported.size(), qsizetype(1));
        QCOMPARE(exported.first().actor, QStringLiteral("sam"));
        exportrecord::Record r = exportrecord::recordOf(exported.first().payload);
        QCOMPARE(r.what, QStringLiteral("monthly_report"));
        QCOMPARE(r.format, QStringLiteral("pdf"));
        QCOMPARE(r.from, QDate(2026, 11, 1));
        QCOMPARE(r.to, QDate(2026, 11, 30));
        QCOMPARE(r.file, QStringLiteral("november.pdf"));

        // The week's contacts as CSV: two rows, recorded with the period and the row count.
        path = m_dir.filePath(QStringLiteral("week.csv"));
        QVERIFY(exports->exportTo(SupervisionExport::ExportKind::Contacts, path).ok());
        QFile csv(path);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().trimmed().split('\n').size(), 3); // header + 2
        exported = exportEvents();
        QCOMPARE(exported.size(), qsizetype(2));
        r = exportrecord::recordOf(exported.first().payload); // the latest first
        QCOMPARE(r.what, QStringLiteral("contacts"));
        QCOMPARE(r.format, QStringLiteral("csv"));
        QCOMPARE(r.rows, 2);
        QCOMPARE(r.from, QDate(2026, 11, 12));
        QCOMPARE(r.to, QDate(2026, 11, 19));
        QVERIFY(!r.callerDetails);

        // An export that cannot be written: an error, no file and no event.
        const QString bad = m_dir.filePath(QStringLiteral("missing/week.csv"));
        QVERIFY(!exports->exportTo(SupervisionExport::ExportKind::Contacts, bad).ok());
        QVERIFY(!QFile::exists(bad));
        QCOMPARE(exportEvents().size(), qsizetype(2));

        // The Audit trail tab (Ctrl+Tab to it) lists both exports, the latest first.
        auto *tabs = workspace->findChild<QTabWidget *>();
        QVERIFY(tabs);
        for (int i = 0; i < tabs->count() && tabs->currentWidget() != workspace->auditTrailPanel();
             ++i)
            QVERIFY(j.press(Qt::Key_Tab, Qt::ControlModifier));
        QVERIFY(tabs->currentWidget() == workspace->auditTrailPanel());
        QTRY_COMPARE(j.focusName(), QStringLiteral("auditTrailTable"));
        QTableWidget *table = workspace->auditTrailPanel()->table();
        QVERIFY(table->rowCount() >= 2);
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("sam"));
        const QString latest = table->item(0, 2)->text();
        QVERIFY2(latest.startsWith(QStringLiteral("Exported 2 row")) &&
                     latest.endsWith(QStringLiteral(
                         "of contacts of 2026-11-12 to 2026-11-19 as CSV (week.csv)")),
                 qPrintable(latest));
        QCOMPARE(table->item(1, 2)->text(),
                 QStringLiteral("Exported the monthly report of 2026-11-01 to 2026-11-30 as PDF "
                                "(november.pdf)"));
    }

    void aCallTakersExportIsRefused()
    {
        EventStore events(m_store->db());
        events.setRole(AgentRole::CallTaker);
        KpiFilter week;
        week.period.first = QDate(2026, 11, 12);
        week.period.last = QDate(2026, 11, 19);
        const Status s = exportaudit::record(
            m_store->db(), events, QStringLiteral("ana"), QDateTime::currentDateTimeUtc(),
            exportaudit::recordOf(QStringLiteral("contacts"), QStringLiteral("csv"), 2, week, false,
                                  m_dir.filePath(QStringLiteral("a.csv"))));
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, QStringLiteral("forbidden"));
        QVERIFY(exportEvents().isEmpty());
    }
};

QTEST_MAIN(TestExportAudit)
#include "tst_exportaudit.moc"
