#include "ui/supervisor/exportactions.h"

#include "models/quality/qualityreviews.h"
#include "models/supervision/reports/evaluationexport.h"
#include "models/supervision/reports/exportaudit.h"
#include "models/supervision/reports/monthlyreport.h"
#include "models/workstation/supervisionservices.h"
#include "ui/supervisor/monthlyreportpdf.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>

namespace civicdesk {

namespace {

// What the monthly report of the month holding `day` covers, for its audit event.
KpiFilter reportFilter(QDate day)
{
    KpiFilter f;
    f.period.first = QDate(day.year(), day.month(), 1);
    f.period.last = f.period.first.addMonths(1).addDays(-1);
    return f;
}

} // namespace

ExportActions::ExportActions(const SupervisorContext &context, std::function<KpiFilter()> filter,
                             QWidget *parent)
    : QObject(parent), m_context(context), m_filter(std::move(filter)), m_parent(parent),
      m_button(new QPushButton(tr("E&xport…"), parent)), m_status(new QLabel(parent)),
      m_callers(new QAction(tr("Include the callers' names, phones and emails"), this)),
      m_report(new QAction(tr("Monthly &report (PDF)…"), this))
{
    m_button->setObjectName(QStringLiteral("exportButton"));
    m_button->setAccessibleName(
        tr("Export the period's contacts, requests, lobby visits or evaluations as CSV"));
    m_button->setAutoDefault(false);
    m_status->setObjectName(QStringLiteral("exportStatusLabel"));
    m_status->setWordWrap(true);
    m_status->hide(); // until there is something to say
    auto *menu = new QMenu(m_button);
    menu->setObjectName(QStringLiteral("exportMenu"));
    QAction *contacts = menu->addAction(tr("&Contacts as CSV…"));
    contacts->setObjectName(QStringLiteral("exportContactsAction"));
    QAction *requests = menu->addAction(tr("&Requests as CSV…"));
    requests->setObjectName(QStringLiteral("exportRequestsAction"));
    QAction *lobby = menu->addAction(tr("&Lobby visits as CSV…"));
    lobby->setObjectName(QStringLiteral("exportLobbyVisitsAction"));
    QAction *evaluations = menu->addAction(tr("&Evaluations as CSV…"));
    evaluations->setObjectName(QStringLiteral("exportEvaluationsAction"));
    menu->addSeparator();
    m_callers->setObjectName(QStringLiteral("exportCallerDetailsAction"));
    m_callers->setCheckable(true);
    m_callers->setEnabled(SupervisionExport::mayExportCallerDetails(context.role));
    menu->addAction(m_callers);
    menu->addSeparator();
    m_report->setObjectName(QStringLiteral("monthlyReportAction"));
    m_report->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_report->setShortcutContext(Qt::WindowShortcut);
    menu->addAction(m_report);
    parent->addAction(m_report); // the shortcut works anywhere in the workspace
    connect(m_report, &QAction::triggered, this, &ExportActions::askReport);
    m_button->setMenu(menu);
    connect(contacts, &QAction::triggered, this,
            [this] { ask(SupervisionExport::ExportKind::Contacts); });
    connect(requests, &QAction::triggered, this,
            [this] { ask(SupervisionExport::ExportKind::Requests); });
    connect(lobby, &QAction::triggered, this,
            [this] { ask(SupervisionExport::ExportKind::LobbyVisits); });
    connect(evaluations, &QAction::triggered, this,
            [this] { ask(SupervisionExport::ExportKind::Evaluations); });
    m_choose = [this](const QString &title, const QString &suggested) {
        return QFileDialog::getSaveFileName(m_parent, title, suggested, tr("CSV files (*.csv)"));
    };
}

QString ExportActions::suggested(const QString &name) const
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    return QDir(dir).filePath(name);
}

Status ExportActions::failed(const Error &error)
{
    m_status->setText(tr("Nothing exported: %1").arg(error.message));
    m_status->show();
    return error;
}

void ExportActions::ask(SupervisionExport::ExportKind kind)
{
    const KpiFilter f = m_filter();
    using K = SupervisionExport::ExportKind;
    const QString what = kind == K::Contacts      ? QStringLiteral("contacts")
                         : kind == K::LobbyVisits ? QStringLiteral("lobby-visits")
                         : kind == K::Evaluations ? QStringLiteral("evaluations")
                                                  : QStringLiteral("requests");
    const QString path = m_choose(kind == K::Contacts      ? tr("Export contacts")
                                  : kind == K::LobbyVisits ? tr("Export lobby visits")
                                  : kind == K::Evaluations ? tr("Export evaluations")
                                                           : tr("Export requests"),
                                  suggested(QStringLiteral("%1-%2-%3.csv")
                                                .arg(what, f.period.first.toString(Qt::ISODate),
                                                     f.period.last.toString(Qt::ISODate))));
    if (path.isEmpty())
        return;
    static_cast<void>(exportTo(kind, path));
}

void ExportActions::askReport()
{
    const QDate first = m_filter().period.first;
    const QString path =
        m_choose(tr("Save the monthly report"),
                 suggested(QStringLiteral("311-report-%1.pdf").arg(first.toString(u"yyyy-MM"))));
    if (path.isEmpty())
        return;
    static_cast<void>(reportTo(first, path));
}

Status ExportActions::reportTo(QDate day, const QString &path)
{
    const auto data = m_context.services.monthlyReports().gather(
        day, m_context.cityZone, m_context.clock.now(),
        m_context.services.qualityReviews(m_context.agent)->evaluations());
    if (!data)
        return failed(data.error());
    if (auto s = MonthlyReportPdf::write(data.value(), path); !s)
        return failed(s.error());
    // An export no audit event records is not let go.
    if (auto s = m_context.services.recordExport(
            m_context.agent, m_context.clock.now(),
            exportaudit::recordOf(QStringLiteral("monthly_report"), QStringLiteral("pdf"), 0,
                                  reportFilter(day), false, path));
        !s) {
        QFile::remove(path);
        return failed(s.error());
    }
    m_status->setText(
        tr("The report of %1 is in %2")
            .arg(QLocale().standaloneMonthName(day.month()) + u' ' + QString::number(day.year()),
                 QDir::toNativeSeparators(path)));
    m_status->show();
    return Ok{};
}

Status ExportActions::exportTo(SupervisionExport::ExportKind kind, const QString &path)
{
    const auto fail = [this](const Error &e) { return failed(e); };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(makeError(QStringLiteral("export.open"),
                              tr("%1 cannot be written: %2").arg(path, file.errorString())));
    const SupervisionExport exports = m_context.services.exports();
    const bool callers = m_callers->isEnabled() && m_callers->isChecked();
    const Result<int> rows =
        kind == SupervisionExport::ExportKind::Contacts
            ? exports.writeContacts(file, m_filter(), m_context.role, m_context.agent, callers)
        : kind == SupervisionExport::ExportKind::LobbyVisits
            ? exports.writeLobbyVisits(file, m_filter(), m_context.role, m_context.agent)
        : kind == SupervisionExport::ExportKind::Evaluations
            ? EvaluationExport::write(
                  file, m_context.services.qualityReviews(m_context.agent)->evaluations(),
                  m_filter(), m_context.role, m_context.agent, m_context.services.teamMemberships())
            : exports.writeRequests(file, m_filter(), m_context.role, m_context.agent, callers,
                                    m_context.clock.now());
    if (!rows) {
        file.cancelWriting();
        return fail(rows.error());
    }
    // Recorded for the audit trail before the file is let go: no export goes unrecorded.
    if (auto s = m_context.services.recordExport(
            m_context.agent, m_context.clock.now(),
            exportaudit::recordOf(exportaudit::whatOf(kind), QStringLiteral("csv"), rows.value(),
                                  m_filter(), callers, path));
        !s) {
        file.cancelWriting();
        return fail(s.error());
    }
    if (!file.commit())
        return fail(makeError(QStringLiteral("export.write"),
                              tr("%1 cannot be written: %2").arg(path, file.errorString())));
    m_status->setText(
        tr("%n row(s) exported to %1", nullptr, rows.value()).arg(QDir::toNativeSeparators(path)));
    m_status->show();
    return Ok{};
}

} // namespace civicdesk
