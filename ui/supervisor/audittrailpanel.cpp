#include "ui/supervisor/audittrailpanel.h"

#include "models/domain/supervision/exportrecord.h"
#include "models/workstation/supervisionservices.h"
#include "ui/supervisor/drilldowndialog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace civicdesk {

AuditTrailPanel::AuditTrailPanel(const SupervisorContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_days(new QSpinBox(this)), m_status(new QLabel(this)),
      m_table(new QTableWidget(this)), m_changes(new QTimer(this))
{
    setObjectName(QStringLiteral("auditTrailPanel"));
    auto *daysLabel = new QLabel(tr("&Days back:"), this);
    daysLabel->setBuddy(m_days);
    m_days->setObjectName(QStringLiteral("auditTrailDaysBox"));
    m_days->setAccessibleName(tr("Days of the audit trail"));
    m_days->setRange(1, 366);
    m_days->setValue(7);
    connect(m_days, &QSpinBox::valueChanged, this, &AuditTrailPanel::refresh);
    m_status->setObjectName(QStringLiteral("auditTrailStatus"));
    m_status->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("auditTrailTable"));
    m_table->setAccessibleName(tr("What supervisors did, the latest first"));
    setUpRowList(m_table);
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels({tr("When"), tr("Who"), tr("What"), tr("Request")});
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->horizontalHeader()->setStretchLastSection(false);
    connect(m_table, &QTableWidget::activated, this, [this](const QModelIndex &index) {
        if (index.row() < 0 || index.row() >= m_entries.size())
            return;
        const Event &e = m_entries.at(index.row()).event;
        if (e.entityType == u"request")
            emit requestChosen(e.entityId);
    });
    auto *top = new QHBoxLayout;
    top->addWidget(daysLabel);
    top->addWidget(m_days);
    top->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    setFocusProxy(m_table);
    setTabOrder(m_table, m_days);

    m_changes->setSingleShot(true);
    m_changes->setInterval(500);
    connect(m_changes, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(&context.changes, &StoreChanges::applied, this,
            [this](const StoreChanges::Applied &) { m_changes->start(); });
}

void AuditTrailPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void AuditTrailPanel::refresh()
{
    const QDateTime now = m_context.clock.now();
    int total = 0;
    auto read =
        m_context.services.auditTrail(now.addDays(-m_days->value()), now.addSecs(1), Limit, &total);
    if (!read) {
        m_status->setText(read.error().message);
        return;
    }
    m_entries = read.value();
    m_table->setRowCount(int(m_entries.size()));
    const QLocale locale;
    for (int row = 0; row < m_entries.size(); ++row) {
        const Event &e = m_entries.at(row).event;
        const QStringList cells = {
            locale.toString(e.clientTime.toTimeZone(m_context.cityZone), QLocale::ShortFormat),
            e.actor, describe(e), m_entries.at(row).requestNumber};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    m_table->resizeColumnsToContents();
    if (!m_entries.isEmpty() && m_table->currentRow() < 0)
        m_table->setCurrentCell(0, 0);
    m_status->setText(total > Limit
                          ? tr("The latest %1 of %2 actions: choose fewer days to see them all.")
                                .arg(locale.toString(Limit), locale.toString(total))
                          : tr("%n action(s) in the last %1 day(s), from this workstation's copy "
                               "of the centre's events.",
                               nullptr, total)
                                .arg(m_days->value()));
}

namespace {

// What an export held (exportrecord::whats()), as the trail says it.
QString exportedWhat(const QString &what)
{
    if (what == u"contacts")
        return AuditTrailPanel::tr("contacts");
    if (what == u"requests")
        return AuditTrailPanel::tr("requests");
    if (what == u"lobby_visits")
        return AuditTrailPanel::tr("lobby visits");
    if (what == u"evaluations")
        return AuditTrailPanel::tr("evaluations");
    return what;
}

} // namespace

QString AuditTrailPanel::describe(const Event &e) const
{
    const QJsonObject &p = e.payload;
    const QString kind = e.kind;
    if (kind == u"request.status_changed")
        return tr("Moved the request to %1").arg(p.value(u"status").toString());
    if (kind == u"request.field_changed")
        return tr("Changed the request's %1").arg(p.value(u"field").toString());
    if (kind == u"request.duplicate_unlinked")
        return tr("Unlinked a duplicate");
    if (kind == u"article.state_changed")
        return tr("Moved an article to %1").arg(p.value(u"to").toString());
    if (kind == u"article.revision_published")
        return tr("Published an article's revision");
    if (kind == u"agent.help_answered")
        return tr("Answered a help flag");
    if (kind == u"known_issue.posted")
        return tr("Posted a known issue: %1").arg(p.value(u"type_name").toString());
    if (kind == u"known_issue.withdrawn")
        return tr("Withdrew a known issue");
    if (kind == u"team.member_set")
        return p.value(u"team").toString().isEmpty()
                   ? tr("Took %1 out of every team").arg(e.entityId)
                   : tr("Put %1 in team %2").arg(e.entityId, p.value(u"team").toString());
    if (kind == u"phone.intervals_reported")
        return tr("Imported the phone system's report (%1)").arg(e.entityId);
    if (kind == u"cluster.rules_set") {
        const QString type = p.value(u"type_name").toString();
        return tr("Changed the cluster rule for %1")
            .arg(type.isEmpty() ? tr("every other type") : type);
    }
    if (kind == u"supervision.exported") {
        const exportrecord::Record r = exportrecord::recordOf(p);
        const QString period =
            r.from == r.to
                ? r.from.toString(Qt::ISODate)
                : tr("%1 to %2").arg(r.from.toString(Qt::ISODate), r.to.toString(Qt::ISODate));
        return r.format == u"pdf"
                   ? tr("Exported the monthly report of %1 as PDF (%2)").arg(period, r.file)
                   : tr("Exported %n row(s) of %1 of %2 as CSV (%3)%4", nullptr, r.rows)
                         .arg(exportedWhat(r.what), period, r.file,
                              r.callerDetails ? tr(", with the callers' details") : QString());
    }
    if (kind == u"review.form_published")
        return tr("Published an evaluation form");
    if (kind == u"review.evaluation_submitted")
        return tr("Scored an evaluation of %1").arg(p.value(u"agent").toString());
    if (kind == u"review.decided")
        return tr("Decided a disputed evaluation of %1").arg(p.value(u"agent").toString());
    if (kind == u"review.coaching_noted")
        return tr("Wrote a coaching note for %1").arg(p.value(u"agent").toString());
    return tr("Quality review (%1)").arg(kind);
}

} // namespace civicdesk
