#include "ui/supervisor/replaypanel.h"

#include "models/domain/contact.h"
#include "models/itemmodels/requesttexts.h"
#include "models/itemmodels/timelinemodel.h"
#include "models/requests/historyservices.h"
#include "models/workstation/supervisionservices.h"
#include "ui/supervisor/drilldowndialog.h"
#include "ui/supervisor/kpitexts.h"

#include <QComboBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace civicdesk {

namespace {

enum StepColumn
{
    AtColumn,
    TookColumn,
    StepColumn,
    WhatColumn,
    StepColumnCount
};

QString seconds(qint64 ms)
{
    return kpitexts::duration(double(ms) / 1000.0);
}

QString joined(const QJsonValue &list)
{
    QStringList values;
    for (const QJsonValue &v : list.toArray())
        values.append(v.toString());
    return values.join(QStringLiteral(", "));
}

} // namespace

ReplayPanel::ReplayPanel(const SupervisorContext &context, HistoryServices &history,
                         QWidget *parent)
    : QWidget(parent), m_context(context), m_history(history),
      m_replays(context.services.intakeReplays()), m_title(new QLabel(this)),
      m_summary(new QLabel(this)), m_steps(new QTableWidget(this)), m_request(new QComboBox(this)),
      m_requestInfo(new QLabel(this)), m_timelineView(new QTableView(this)),
      m_timeline(new TimelineModel(this))
{
    setObjectName(QStringLiteral("replayPanel"));
    m_title->setObjectName(QStringLiteral("replayTitleLabel"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("replaySummaryLabel"));
    m_summary->setWordWrap(true);
    for (QLabel *label : {m_title, m_summary})
        label->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);

    m_steps->setObjectName(QStringLiteral("replayStepsTable"));
    m_steps->setAccessibleName(tr("Intake steps, with the time each took"));
    setUpRowList(m_steps);
    m_steps->setWordWrap(true);
    m_steps->setColumnCount(StepColumnCount);
    m_steps->setHorizontalHeaderLabels({tr("At"), tr("Took"), tr("Step"), tr("What happened")});
    m_steps->setMinimumHeight(80);
    m_steps->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_request->setObjectName(QStringLiteral("replayRequestComboBox"));
    m_request->setAccessibleName(tr("Request made or joined during the contact"));
    auto *requestLabel = new QLabel(tr("Re&quest:"), this);
    requestLabel->setBuddy(m_request);
    m_requestInfo->setObjectName(QStringLiteral("replayRequestLabel"));
    m_requestInfo->setWordWrap(true);
    m_timeline->setDisplayTimeZone(context.cityZone);
    m_timelineView->setObjectName(QStringLiteral("replayTimelineTableView"));
    m_timelineView->setAccessibleName(tr("The request's timeline"));
    m_timelineView->setModel(m_timeline);
    m_timelineView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_timelineView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_timelineView->setTabKeyNavigation(false);
    m_timelineView->setWordWrap(true);
    m_timelineView->verticalHeader()->hide();
    m_timelineView->horizontalHeader()->setSectionResizeMode(TimelineModel::What,
                                                             QHeaderView::Stretch);
    m_timelineView->setMinimumHeight(60);
    connect(m_request, &QComboBox::currentIndexChanged, this, &ReplayPanel::showRequest);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_steps, 3);
    auto *requestRow = new QHBoxLayout;
    requestRow->addWidget(requestLabel);
    requestRow->addWidget(m_request, 1);
    layout->addLayout(requestRow);
    layout->addWidget(m_requestInfo);
    layout->addWidget(m_timelineView, 2);
    setTabOrder(m_steps, m_request);
    setTabOrder(m_request, m_timelineView);
}

void ReplayPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitLabels();
}

void ReplayPanel::fitLabels()
{
    for (QLabel *label : {m_title, m_summary, m_requestInfo})
        label->setMinimumHeight(
            label->text().isEmpty() ? 0 : label->heightForWidth(qMax(40, width() - 24)));
}

QString ReplayPanel::typeName(const QString &code) const
{
    if (code.isEmpty())
        return QString();
    const auto type = m_history.catalogue.serviceType(code);
    return type ? type->name : code;
}

QString ReplayPanel::stepName(const ReplayStep &step) const
{
    switch (step.kind) {
    case IntakeStepKind::Started:
        return tr("Start");
    case IntakeStepKind::TypeChosen:
        return step.change ? tr("Type changed") : tr("Type");
    case IntakeStepKind::Answer:
        return step.change ? tr("Correction") : tr("Answer");
    case IntakeStepKind::Location:
        return step.change ? tr("Location changed") : tr("Location");
    case IntakeStepKind::CallerDetails:
        return tr("Caller");
    case IntakeStepKind::DuplicatesShown:
        return tr("Duplicates");
    case IntakeStepKind::DuplicateDecision:
        return tr("Decision");
    case IntakeStepKind::ArticleOpened:
        return tr("Article");
    case IntakeStepKind::RequestCreated:
        return tr("Request");
    case IntakeStepKind::CallerAttached:
        return tr("Joined");
    case IntakeStepKind::ReadBack:
        return tr("Read-back");
    case IntakeStepKind::Outcome:
        return tr("Outcome");
    }
    return QString();
}

QString ReplayPanel::describe(const ReplayStep &step) const
{
    const QJsonObject &d = step.detail;
    const auto text = [&d](const char16_t *key) { return d.value(QStringView(key)).toString(); };
    switch (step.kind) {
    case IntakeStepKind::Started:
        return tr("Contact started (%1)").arg(requesttexts::channel(text(u"channel")));
    case IntakeStepKind::TypeChosen:
        if (step.change)
            return tr("Type changed from %1 to %2")
                .arg(typeName(text(u"previous")), text(u"type_name"));
        return tr("Type chosen: %1").arg(text(u"type_name"));
    case IntakeStepKind::Answer: {
        const QString question = text(u"question").isEmpty() ? text(u"code") : text(u"question");
        const QString now = joined(d.value(u"values"));
        const QString before = joined(d.value(u"previous"));
        if (now.isEmpty())
            return tr("Answer to “%1” cleared (it was %2)").arg(question, before);
        if (step.change)
            return tr("Answer to “%1” corrected: %2 → %3").arg(question, before, now);
        return tr("Answer to “%1”: %2").arg(question, now);
    }
    case IntakeStepKind::Location: {
        QString where = text(u"address");
        if (where.isEmpty())
            where = text(u"landmark").isEmpty() ? tr("no address")
                                                : tr("landmark “%1”").arg(text(u"landmark"));
        if (d.value(u"outside_city").toBool())
            return text(u"referral").isEmpty() ? tr("Location outside the city: %1").arg(where)
                                               : tr("Location outside the city: %1; referred to %2")
                                                     .arg(where, text(u"referral"));
        return step.change ? tr("Location changed to %1").arg(where)
                           : tr("Location: %1").arg(where);
    }
    case IntakeStepKind::CallerDetails: {
        QStringList taken;
        if (d.value(u"name").toBool())
            taken.append(tr("name"));
        if (d.value(u"phone").toBool())
            taken.append(tr("phone"));
        if (d.value(u"email").toBool())
            taken.append(tr("email"));
        return tr("Caller's details taken: %1").arg(taken.join(QStringLiteral(", ")));
    }
    case IntakeStepKind::DuplicatesShown: {
        const int n = int(d.value(u"request_ids").toArray().size());
        return tr("%n open request(s) nearby shown: %1", nullptr, n)
            .arg(joined(d.value(u"numbers")));
    }
    case IntakeStepKind::DuplicateDecision: {
        const QString decision = text(u"decision");
        if (decision == u"attach")
            return tr("Decision: the caller joins %1").arg(text(u"number"));
        if (decision == u"create_anyway")
            return text(u"reason").isEmpty()
                       ? tr("Decision: a new request anyway")
                       : tr("Decision: a new request anyway (“%1”)").arg(text(u"reason"));
        if (decision == u"go_back")
            return tr("Decision: back to the form");
        return tr("Decision: %1").arg(decision);
    }
    case IntakeStepKind::ArticleOpened:
        return tr("Article opened: %1")
            .arg(step.articleTitle.isEmpty() ? text(u"article_id") : step.articleTitle);
    case IntakeStepKind::RequestCreated:
        return tr("Request %1 created (%2)").arg(text(u"number"), typeName(text(u"service_code")));
    case IntakeStepKind::CallerAttached:
        return tr("Caller attached to request %1").arg(text(u"number"));
    case IntakeStepKind::ReadBack:
        return tr("Number %1 read back to the caller").arg(text(u"number"));
    case IntakeStepKind::Outcome: {
        const QString outcome = requesttexts::outcome(outcomeFromName(text(u"outcome")));
        return text(u"transfer_destination").isEmpty()
                   ? tr("Contact ended: %1").arg(outcome)
                   : tr("Contact ended: %1 to %2").arg(outcome, text(u"transfer_destination"));
    }
    }
    return QString();
}

QString ReplayPanel::summary() const
{
    if (!m_replay)
        return QString();
    const IntakeReplay &r = *m_replay;
    QStringList parts;
    parts.append(tr("%n type change(s)", nullptr, r.typeChanges));
    parts.append(tr("%n answer(s) corrected", nullptr, r.answerCorrections));
    parts.append(tr("%n location change(s)", nullptr, r.locationChanges));
    parts.append(tr("%n article(s) opened", nullptr, r.articlesOpened));
    if (r.duplicatesShown > 0)
        parts.append(tr("duplicates shown %n time(s)", nullptr, r.duplicatesShown));
    parts.append(r.readBack ? tr("number read back") : tr("no number read back"));
    return parts.join(QStringLiteral("; ")) + u'.';
}

bool ReplayPanel::showContact(const QString &contactId)
{
    auto replay = m_replays.forContact(contactId, m_context.role, m_context.agent);
    m_steps->setRowCount(0);
    m_request->clear();
    m_timeline->setEntries({});
    m_requestInfo->clear();
    if (!replay) {
        m_replay.reset();
        m_title->setText(replay.error().message);
        m_summary->clear();
        fitLabels();
        return false;
    }
    m_replay = std::move(replay).value();
    const IntakeReplay &r = *m_replay;
    const QString started =
        QLocale().toString(r.startedAt.toTimeZone(m_context.cityZone), QLocale::ShortFormat);
    m_title->setText(r.endedAt.isValid()
                         ? tr("Intake by %1, %2, started %3, took %4: %5")
                               .arg(r.agent, requesttexts::channel(r.channel), started,
                                    seconds(r.durationMs()),
                                    requesttexts::outcome(outcomeFromName(r.outcome)))
                         : tr("Intake by %1, %2, started %3: still running")
                               .arg(r.agent, requesttexts::channel(r.channel), started));
    m_summary->setText(summary());

    m_steps->setRowCount(int(r.steps.size()));
    const QColor changed(255, 236, 179);
    for (int row = 0; row < r.steps.size(); ++row) {
        const ReplayStep &s = r.steps.at(row);
        const QStringList cells = {seconds(s.sinceStartMs),
                                   row == 0 ? QString() : seconds(s.tookMs), stepName(s),
                                   describe(s)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column <= TookColumn)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (s.change) {
                item->setBackground(changed);
                item->setForeground(Qt::black);
            }
            m_steps->setItem(row, column, item);
        }
    }
    // The short columns as wide as their text, what happened wraps in the rest: no scrolling
    // sideways to read a step.
    for (int column = AtColumn; column < WhatColumn; ++column)
        m_steps->resizeColumnToContents(column);
    m_steps->horizontalHeader()->setSectionResizeMode(WhatColumn, QHeaderView::Stretch);
    m_steps->resizeRowsToContents();
    if (!r.steps.isEmpty())
        m_steps->setCurrentCell(0, 0);

    {
        const QSignalBlocker block(m_request);
        for (const ReplayRequest &q : r.requests)
            m_request->addItem(q.created ? tr("%1 (created)").arg(q.number)
                                         : tr("%1 (caller joined)").arg(q.number),
                               q.id);
    }
    m_request->setEnabled(!r.requests.isEmpty());
    showRequest(r.requests.isEmpty() ? -1 : 0);
    fitLabels();
    return true;
}

QString ReplayPanel::requestId() const
{
    return m_request->currentData().toString();
}

void ReplayPanel::showRequest(int index)
{
    m_timeline->setEntries({});
    if (index < 0) {
        m_requestInfo->setText(tr("No request was made or joined during this contact."));
        return;
    }
    const QString id = m_request->itemData(index).toString();
    const auto request = m_history.search.byId(id);
    if (!request) {
        m_requestInfo->setText(
            tr("Request %1 is not in this store.").arg(m_request->itemText(index)));
        return;
    }
    const auto status = request->status;
    QString info =
        tr("%1 — %2 — %3").arg(request->number, request->typeName, requesttexts::status(status));
    if (!request->address.isEmpty())
        info += tr(" — %1").arg(request->address);
    m_requestInfo->setText(info);
    m_timeline->setEntries(
        m_history.timeline.forRequest(*request, m_history.search.origin(id) == u"import"));
    for (int column = TimelineModel::Time; column < TimelineModel::What; ++column)
        m_timelineView->resizeColumnToContents(column);
    m_timelineView->resizeRowsToContents();
}

} // namespace civicdesk
