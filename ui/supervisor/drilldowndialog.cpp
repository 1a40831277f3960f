#include "ui/supervisor/drilldowndialog.h"

#include "models/domain/contact.h"
#include "models/domain/servicerequest.h"
#include "models/itemmodels/requesttexts.h"
#include "ui/supervisor/kpitexts.h"
#include "ui/supervisor/replaypanel.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace civicdesk {

void setUpRowList(QTableWidget *table)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setTabKeyNavigation(false); // Tab leaves the list; arrows move in it
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
}

DrillDownDialog::DrillDownDialog(const QString &title, const QTimeZone &zone, QWidget *parent)
    : QDialog(parent), m_zone(zone), m_summary(new QLabel(this)), m_table(new QTableWidget(this)),
      m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_replayButton(new QPushButton(tr("&Replay the intake"), this))
{
    setObjectName(QStringLiteral("kpiDrillDownDialog"));
    setWindowTitle(title);
    setAttribute(Qt::WA_DeleteOnClose);
    m_summary->setObjectName(QStringLiteral("drillSummaryLabel"));
    m_summary->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("drillTable"));
    m_table->setAccessibleName(tr("What is behind %1").arg(title));
    setUpRowList(m_table);
    connect(m_table, &QTableWidget::activated, this,
            [this](const QModelIndex &index) { activate(index.row()); });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *close = buttons->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("drillCloseButton"));
    close->setAccessibleName(tr("Close the list"));
    close->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_replayButton->setObjectName(QStringLiteral("drillReplayButton"));
    m_replayButton->setAccessibleName(tr("Replay the selected contact's intake"));
    m_replayButton->setAutoDefault(false);
    m_replayButton->hide();
    buttons->addButton(m_replayButton, QDialogButtonBox::ActionRole);
    connect(m_replayButton, &QPushButton::clicked, this, &DrillDownDialog::replaySelected);
    m_table->installEventFilter(this);
    // An open replay follows the selected contact.
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (m_replay && m_replay->isVisible() && row >= 0 && row < m_contactOfRow.size() &&
            !m_contactOfRow.at(row).isEmpty())
            m_replay->showContact(m_contactOfRow.at(row));
    });
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_table);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(buttons);
    resize(900, 480);
}

void DrillDownDialog::setReplayPanel(ReplayPanel *panel)
{
    m_replay = panel;
    m_splitter->addWidget(panel);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    panel->hide();
    m_replayButton->setVisible(!m_contactOfRow.isEmpty());
}

void DrillDownDialog::replaySelected()
{
    const int row = m_table->currentRow();
    if (!m_replay || row < 0 || row >= m_contactOfRow.size() || m_contactOfRow.at(row).isEmpty())
        return;
    if (!m_replay->isVisible()) {
        m_replay->show();
        // Wide enough for the list and the replay, within the screen.
        const QRect room = screen() ? screen()->availableGeometry() : QRect(0, 0, 1366, 768);
        resize(qMin(room.width() - 20, 1340), qMin(room.height() - 40, 700));
        move(room.topLeft() + QPoint((room.width() - width()) / 2, (room.height() - height()) / 2));
        m_splitter->setSizes({width() * 2 / 5, width() * 3 / 5});
    }
    m_replay->showContact(m_contactOfRow.at(row));
    m_replay->stepsTable()->setFocus(Qt::OtherFocusReason);
}

bool DrillDownDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_R && (key->modifiers() & ~Qt::KeypadModifier) == 0 && m_replay &&
            !m_contactOfRow.isEmpty()) {
            replaySelected();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

int DrillDownDialog::rowCount() const
{
    return m_table->rowCount();
}

QString DrillDownDialog::time(qint64 secs) const
{
    if (secs <= 0)
        return QString();
    const QDateTime at = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
    return QLocale().toString(m_zone.isValid() ? at.toTimeZone(m_zone) : at.toLocalTime(),
                              QLocale::ShortFormat);
}

void DrillDownDialog::fill(const QStringList &headers, const QList<QStringList> &rows,
                           const QStringList &requestOfRow, const QString &summary,
                           const QStringList &contactOfRow)
{
    m_table->clear();
    m_requestOfRow = requestOfRow;
    m_contactOfRow = contactOfRow;
    m_replayButton->setVisible(m_replay && !contactOfRow.isEmpty());
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        for (int column = 0; column < rows.at(row).size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(rows.at(row).at(column)));
    }
    m_summary->setText(summary);
    m_table->resizeColumnsToContents();
    if (!rows.isEmpty())
        m_table->setCurrentCell(0, 0);
    m_table->setFocus();
}

void DrillDownDialog::showContacts(const QList<KpiContactLine> &lines, int limit)
{
    QList<QStringList> rows;
    QStringList requests;
    QStringList contacts;
    for (const KpiContactLine &c : lines) {
        contacts.append(c.id);
        rows.append(
            {time(c.startedAt), c.agent, requesttexts::channel(c.channel),
             c.endedAt > 0 ? requesttexts::outcome(outcomeFromName(c.outcome)) : tr("Running"),
             c.endedAt > 0 ? kpitexts::duration(double(c.endedAt - c.startedAt)) : QString(),
             c.requestNumbers.join(QStringLiteral(", "))});
        requests.append(c.requestIds.isEmpty() ? QString() : c.requestIds.first());
    }
    fill({tr("Started"), tr("Agent"), tr("Channel"), tr("Outcome"), tr("Handle time"),
          tr("Requests")},
         rows, requests,
         lines.size() >= limit
             ? tr("The first %1 contacts. Enter opens the request a contact made or joined; R "
                  "replays the intake.")
                   .arg(lines.size())
             : tr("%n contact(s). Enter opens the request a contact made or joined; R replays "
                  "the intake.",
                  nullptr, int(lines.size())),
         contacts);
}

void DrillDownDialog::showRequests(const QList<KpiRequestLine> &lines, int limit)
{
    QList<QStringList> rows;
    QStringList requests;
    for (const KpiRequestLine &r : lines) {
        const auto status = requestStatusFromName(r.status);
        rows.append({r.number, r.typeName, r.department,
                     status ? requesttexts::status(*status) : r.status, time(r.openedAt),
                     time(r.dueAt), time(r.closedAt)});
        requests.append(r.id);
    }
    fill({tr("Number"), tr("Type"), tr("Department"), tr("Status"), tr("Opened"), tr("Due"),
          tr("Closed")},
         rows, requests,
         lines.size() >= limit
             ? tr("The first %1 requests. Enter opens a request's detail and timeline.")
                   .arg(lines.size())
             : tr("%n request(s). Enter opens a request's detail and timeline.", nullptr,
                  int(lines.size())));
}

void DrillDownDialog::showError(const QString &message)
{
    m_table->clear();
    m_table->setRowCount(0);
    m_requestOfRow.clear();
    m_contactOfRow.clear();
    m_replayButton->hide();
    m_summary->setText(message);
}

void DrillDownDialog::activate(int row)
{
    if (row >= 0 && row < m_requestOfRow.size() && !m_requestOfRow.at(row).isEmpty())
        emit requestActivated(m_requestOfRow.at(row));
}

} // namespace civicdesk
