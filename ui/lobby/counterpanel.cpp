#include "ui/lobby/counterpanel.h"

#include "models/domain/requestnumber.h"
#include "models/requests/requestrepository.h"
#include "models/store/storechanges.h"
#include "ui/lobby/handout.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QShortcut>
#include <QStandardPaths>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace civicdesk {

namespace {

QString minutes(qint64 seconds)
{
    return QString::number((seconds + 30) / 60);
}

} // namespace

CounterPanel::CounterPanel(CounterContext context, QWidget *parent)
    : QWidget(parent), m_ctx(std::move(context)), m_clock(new QTimer(this))
{
    setObjectName(QStringLiteral("counterPanel"));
    m_receiptFolder = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                          .filePath(QStringLiteral("CivicDesk receipts"));
    buildUi();
    retranslate();
    connect(&m_ctx.changes, &StoreChanges::applied, this,
            [this](const StoreChanges::Applied &what) {
                if (what.touches(QStringLiteral("ticket")))
                    refresh();
            });
    // The waits move on while nobody presses anything.
    m_clock->setInterval(15000);
    connect(m_clock, &QTimer::timeout, this, &CounterPanel::refresh);
    m_clock->start();
    refresh();
}

void CounterPanel::buildUi()
{
    const auto makeLabel = [this](const char *name) {
        auto *l = new QLabel(this);
        l->setObjectName(QString::fromLatin1(name));
        return l;
    };
    const auto makeButton = [this](const char *name, void (CounterPanel::*slot)(), Qt::Key key) {
        auto *b = new QPushButton(this);
        b->setObjectName(QString::fromLatin1(name));
        connect(b, &QPushButton::clicked, this, slot);
        if (key != Qt::Key_unknown) {
            auto *shortcut = new QShortcut(QKeySequence(key), this);
            shortcut->setContext(Qt::WidgetWithChildrenShortcut);
            connect(shortcut, &QShortcut::activated, this, slot);
        }
        return b;
    };
    m_counterLabel = makeLabel("counterNameLabel");
    m_counter = new QLineEdit(this);
    m_counter->setObjectName(QStringLiteral("counterNameLineEdit"));
    m_counter->setMaxLength(20);
    m_counter->setText(QStringLiteral("1"));
    m_counterLabel->setBuddy(m_counter);
    m_categoryLabel = makeLabel("counterCategoryLabel");
    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("counterCategoryComboBox"));
    m_categoryLabel->setBuddy(m_category);
    m_queueLabel = makeLabel("counterQueueLabel");
    m_queue = new QTreeWidget(this);
    m_queue->setObjectName(QStringLiteral("counterQueueTreeWidget"));
    m_queue->setRootIsDecorated(false);
    m_queue->setColumnCount(6);
    m_queue->setAllColumnsShowFocus(true);
    m_queue->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_queue->header()->setStretchLastSection(false);
    m_queue->header()->setSectionResizeMode(1, QHeaderView::Stretch); // the reason gives way
    m_queueLabel->setBuddy(m_queue);
    m_parkedLabel = makeLabel("counterParkedLabel");
    m_parked = new QListWidget(this);
    m_parked->setObjectName(QStringLiteral("counterParkedListWidget"));
    m_parked->setMaximumHeight(70);
    m_parkedLabel->setBuddy(m_parked);

    m_callNext = makeButton("callNextButton", &CounterPanel::callNext, Qt::Key_F5);
    m_callChosen = makeButton("callChosenButton", &CounterPanel::callChosen, Qt::Key_unknown);
    m_recall = makeButton("recallButton", &CounterPanel::recall, Qt::Key_F6);
    m_noShow = makeButton("noShowButton", &CounterPanel::noShow, Qt::Key_F7);
    m_park = makeButton("parkButton", &CounterPanel::park, Qt::Key_F8);
    m_transfer = makeButton("transferButton", &CounterPanel::transfer, Qt::Key_F9);
    m_return = makeButton("returnToQueueButton", &CounterPanel::returnToQueue, Qt::Key_F10);
    m_walkIn = makeButton("walkInContactButton", &CounterPanel::startWalkIn, Qt::Key_F11);
    m_finish = makeButton("finishVisitButton", &CounterPanel::finishVisit, Qt::Key_F12);

    m_card = makeLabel("visitCardLabel");
    m_card->setWordWrap(true);
    m_card->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_card->setFrameShape(QFrame::StyledPanel);
    m_card->setMinimumHeight(64);
    m_reasonLabel = makeLabel("counterReasonLabel");
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("counterReasonLineEdit"));
    m_reason->setMaxLength(500);
    m_reasonLabel->setBuddy(m_reason);
    m_toCounterLabel = makeLabel("transferCounterLabel");
    m_toCounter = new QLineEdit(this);
    m_toCounter->setObjectName(QStringLiteral("transferCounterLineEdit"));
    m_toCounter->setMaxLength(20);
    m_toCounterLabel->setBuddy(m_toCounter);
    m_toCategoryLabel = makeLabel("transferCategoryLabel");
    m_toCategory = new QComboBox(this);
    m_toCategory->setObjectName(QStringLiteral("transferCategoryComboBox"));
    m_toCategoryLabel->setBuddy(m_toCategory);
    m_outcomeLabel = makeLabel("visitOutcomeLabel");
    m_outcome = new QComboBox(this);
    m_outcome->setObjectName(QStringLiteral("visitOutcomeComboBox"));
    m_outcomeLabel->setBuddy(m_outcome);
    m_notesLabel = makeLabel("visitNotesLabel");
    m_notes = new QPlainTextEdit(this);
    m_notes->setObjectName(QStringLiteral("visitNotesPlainTextEdit"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMaximumHeight(60);
    m_notesLabel->setBuddy(m_notes);
    m_message = makeLabel("counterMessageLabel");
    m_message->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(m_counterLabel);
    top->addWidget(m_counter, 1);
    top->addWidget(m_categoryLabel);
    top->addWidget(m_category, 3);
    auto *left = new QVBoxLayout;
    left->addLayout(top);
    left->addWidget(m_queueLabel);
    left->addWidget(m_queue, 1);
    left->addWidget(m_parkedLabel);
    left->addWidget(m_parked);
    auto *buttons = new QGridLayout;
    const QList<QPushButton *> all = {m_callNext, m_callChosen, m_recall, m_noShow, m_park,
                                      m_transfer, m_return,     m_walkIn, m_finish};
    for (int i = 0; i < all.size(); ++i)
        buttons->addWidget(all.at(i), i / 3, i % 3);
    auto *form = new QFormLayout;
    form->addRow(m_reasonLabel, m_reason);
    auto *transferRow = new QHBoxLayout;
    transferRow->addWidget(m_toCounter, 1);
    transferRow->addWidget(m_toCategoryLabel);
    transferRow->addWidget(m_toCategory, 2);
    form->addRow(m_toCounterLabel, transferRow);
    form->addRow(m_outcomeLabel, m_outcome);
    form->addRow(m_notesLabel, m_notes);
    auto *right = new QVBoxLayout;
    right->addWidget(m_card);
    right->addLayout(buttons);
    right->addLayout(form);
    right->addWidget(m_message);
    right->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 5);
    layout->addLayout(right, 4);

    // The agent's order: where am I, who waits, what to do, the details of it.
    QList<QWidget *> chain = {m_counter, m_category, m_queue};
    chain << m_callNext << m_callChosen << m_recall << m_noShow << m_park << m_transfer << m_return
          << m_walkIn << m_finish << m_reason << m_toCounter << m_toCategory << m_outcome << m_notes
          << m_parked;
    for (int i = 1; i < chain.size(); ++i)
        setTabOrder(chain.at(i - 1), chain.at(i));
    connect(m_category, &QComboBox::currentIndexChanged, this, &CounterPanel::refresh);
    connect(m_counter, &QLineEdit::editingFinished, this, &CounterPanel::refresh);
    connect(m_queue, &QTreeWidget::itemActivated, this, &CounterPanel::callChosen);
    connect(m_parked, &QListWidget::itemActivated, this, [this] { returnToQueue(); });
}

void CounterPanel::retranslate()
{
    m_counterLabel->setText(tr("Counter:"));
    m_counter->setAccessibleName(tr("Counter"));
    m_categoryLabel->setText(tr("Serves:"));
    const QString category = m_category->currentData().toString();
    const QString toCategory = m_toCategory->currentData().toString();
    m_category->clear();
    m_category->addItem(tr("All categories"), QString());
    m_toCategory->clear();
    m_toCategory->addItem(tr("(same category)"), QString());
    for (const QString &c : m_ctx.lobby.categories()) {
        m_category->addItem(c, c);
        m_toCategory->addItem(c, c);
    }
    m_category->setCurrentIndex(std::max(0, m_category->findData(category)));
    m_toCategory->setCurrentIndex(std::max(0, m_toCategory->findData(toCategory)));
    m_category->setAccessibleName(tr("Categories this counter serves"));
    m_queueLabel->setText(tr("W&aiting (call next takes the first)"));
    m_queue->setHeaderLabels({tr("Ticket"), tr("Reason"), tr("Need"), tr("Language"),
                              tr("Waited (min)"), tr("Expected (min)")});
    m_queue->setAccessibleName(tr("Waiting visitors"));
    m_parkedLabel->setText(tr("Parked at this counter (Enter returns to the queue)"));
    m_parked->setAccessibleName(tr("Parked visitors"));
    m_callNext->setText(tr("Call next (F5)"));
    m_callChosen->setText(tr("Call chosen"));
    m_recall->setText(tr("Recall (F6)"));
    m_noShow->setText(tr("No-show (F7)"));
    m_park->setText(tr("Park (F8)"));
    m_transfer->setText(tr("Transfer (F9)"));
    m_return->setText(tr("Return to queue (F10)"));
    m_walkIn->setText(tr("Walk-in contact (F11)"));
    m_finish->setText(tr("Finish visit (F12)"));
    for (QPushButton *b : {m_callNext, m_callChosen, m_recall, m_noShow, m_park, m_transfer,
                           m_return, m_walkIn, m_finish})
        b->setAccessibleName(b->text());
    m_reasonLabel->setText(tr("Rea&son or note:"));
    m_reason->setAccessibleName(tr("Reason or note"));
    m_reason->setPlaceholderText(tr("why out of order, a park note, a transfer reason"));
    m_toCounterLabel->setText(tr("Transfer to counter:"));
    m_toCounter->setAccessibleName(tr("Transfer to counter"));
    m_toCategoryLabel->setText(tr("or category:"));
    m_toCategory->setAccessibleName(tr("Transfer to category"));
    m_outcomeLabel->setText(tr("Outco&me:"));
    const QString outcome = m_outcome->currentData().toString();
    m_outcome->clear();
    const QList<std::pair<Outcome, QString>> outcomes = {
        {Outcome::InformationGiven, tr("Information given")},
        {Outcome::RequestCreated, tr("Request created")},
        {Outcome::AttachedToExisting, tr("Added to an existing request")},
        {Outcome::Referred, tr("Referred to another agency")},
        {Outcome::Complaint, tr("Complaint")}};
    for (const auto &[value, text] : outcomes)
        m_outcome->addItem(text, outcomeName(value));
    m_outcome->setCurrentIndex(std::max(0, m_outcome->findData(outcome)));
    m_outcome->setAccessibleName(tr("Visit outcome"));
    m_notesLabel->setText(tr("V&isit notes:"));
    m_notes->setAccessibleName(tr("Visit notes"));
    m_card->setAccessibleName(tr("Visit card"));
    m_message->setAccessibleName(tr("Counter message"));
    refresh();
}

void CounterPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QString CounterPanel::counterName() const
{
    return m_counter->text().trimmed();
}

CounterProfile CounterPanel::profile() const
{
    CounterProfile p{counterName(), {}};
    if (!m_category->currentData().toString().isEmpty())
        p.categories = {m_category->currentData().toString()};
    return p;
}

void CounterPanel::focusQueue()
{
    m_queue->setFocus(Qt::ShortcutFocusReason);
}

void CounterPanel::setContact(const QString &contactId)
{
    m_contactId = contactId;
    refresh();
}

void CounterPanel::addRequest(const QString &requestId)
{
    if (m_visitTicket.isEmpty() || m_requestIds.contains(requestId))
        return;
    m_requestIds.append(requestId);
    m_outcome->setCurrentIndex(m_outcome->findData(outcomeName(Outcome::RequestCreated)));
    refresh();
}

void CounterPanel::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #a00000;") : QString());
}

void CounterPanel::showResult(const Status &status, const QString &done)
{
    if (status)
        showMessage(done, false);
    else
        showMessage(status.error().message, true);
    refresh();
}

void CounterPanel::called(const Result<LobbyTicket> &result)
{
    m_calling = false;
    if (!result) {
        showMessage(result.error().message, true);
    } else {
        m_visitTicket = result.value().id;
        m_contactId.clear();
        m_requestIds.clear();
        m_notes->clear();
        m_reason->clear();
        showMessage(tr("Ticket %1 called to counter %2.")
                        .arg(result.value().number, result.value().counter),
                    false);
    }
    refresh();
}

void CounterPanel::callNext()
{
    if (m_calling)
        return;
    if (counterName().isEmpty()) {
        showMessage(tr("Give this counter a name or number first."), true);
        m_counter->setFocus();
        return;
    }
    m_calling = true;
    m_ctx.lobby.callNext(profile(), [self = QPointer<CounterPanel>(this)](Result<LobbyTicket> r) {
        if (self)
            self->called(r);
    });
}

void CounterPanel::callChosen()
{
    QTreeWidgetItem *item = m_queue->currentItem();
    if (!item) {
        showMessage(tr("Choose a ticket in the waiting list first."), true);
        return;
    }
    if (m_calling)
        return;
    // The first of the list is the one call next takes: no reason needed.
    if (m_queue->indexOfTopLevelItem(item) == 0 && m_reason->text().trimmed().isEmpty()) {
        callNext();
        return;
    }
    const QString id = item->data(0, Qt::UserRole).toString();
    if (m_reason->text().trimmed().isEmpty()) {
        showMessage(tr("Say why this ticket is called out of order (Reason or note)."), true);
        m_reason->setFocus();
        return;
    }
    m_calling = true;
    m_ctx.lobby.callTicket(profile(), id, m_reason->text(),
                           [self = QPointer<CounterPanel>(this)](Result<LobbyTicket> r) {
                               if (self)
                                   self->called(r);
                           });
}

void CounterPanel::recall()
{
    showResult(m_ctx.lobby.recall(counterName()), tr("Called again."));
}

void CounterPanel::noShow()
{
    showResult(m_ctx.lobby.markNoShow(counterName()), tr("Marked as a no-show."));
}

void CounterPanel::park()
{
    const Status s = m_ctx.lobby.park(counterName(), m_reason->text());
    if (s)
        m_reason->clear();
    showResult(s, tr("Parked: call the next visitor meanwhile."));
}

void CounterPanel::transfer()
{
    const Status s = m_ctx.lobby.transfer(counterName(), m_toCounter->text(),
                                          m_toCategory->currentData().toString(), m_reason->text());
    if (s) {
        m_toCounter->clear();
        m_toCategory->setCurrentIndex(0);
        m_reason->clear();
    }
    showResult(s, tr("Transferred: the visitor keeps their place in the queue."));
}

void CounterPanel::returnToQueue()
{
    QString parkedId;
    if (m_parked->hasFocus() && m_parked->currentItem())
        parkedId = m_parked->currentItem()->data(Qt::UserRole).toString();
    showResult(m_ctx.lobby.returnToQueue(counterName(), parkedId), tr("Back in the queue."));
}

void CounterPanel::startWalkIn()
{
    const auto current = m_ctx.lobby.current(counterName());
    if (!current) {
        showMessage(tr("Call a visitor first: the walk-in contact belongs to the visit."), true);
        return;
    }
    m_visitTicket = current->id;
    emit walkInRequested(current->language);
}

void CounterPanel::finishVisit()
{
    const auto current = m_ctx.lobby.current(counterName());
    if (!current) {
        showMessage(tr("No visitor is at this counter."), true);
        return;
    }
    const QStringList requests = current->id == m_visitTicket ? m_requestIds : QStringList();
    const QString contact = current->id == m_visitTicket ? m_contactId : QString();
    const Outcome outcome =
        outcomeFromName(m_outcome->currentData().toString()).value_or(Outcome::InformationGiven);
    if (const Status s =
            m_ctx.lobby.serve(counterName(), outcome, contact, requests, m_notes->toPlainText());
        !s) {
        showMessage(s.error().message, true);
        return;
    }
    QString done = tr("Visit %1 finished.").arg(current->number);
    if (!requests.isEmpty()) {
        if (const Status printed = printReceipt(*current); !printed)
            done += u' ' + printed.error().message;
        else
            done += u' ' + tr("Receipt: %1").arg(m_lastReceipt);
    } else if (!contact.isEmpty()) {
        // Information only: the scripts of the articles opened, for the visitor to keep.
        const auto printed = printHandout(*current, contact);
        if (!printed)
            done += u' ' + printed.error().message;
        else if (!printed.value().isEmpty())
            done += u' ' + tr("Handout: %1").arg(printed.value());
    }
    m_visitTicket.clear();
    m_contactId.clear();
    m_requestIds.clear();
    m_notes->clear();
    m_outcome->setCurrentIndex(0);
    showMessage(done, false);
    refresh();
}

Status CounterPanel::printReceipt(const LobbyTicket &ticket)
{
    Receipt receipt = m_ctx.city;
    receipt.training = m_training;
    receipt.language = ticket.language;
    receipt.ticketNumber = ticket.number;
    receipt.counter = ticket.counter;
    receipt.at = QDateTime::currentDateTimeUtc();
    for (const QString &id : m_requestIds) {
        const auto request = m_ctx.requests.byId(id);
        if (!request)
            continue;
        const auto number = RequestNumber::parse(request->number);
        receipt.requests.append({number ? number.value().display() : request->number,
                                 request->typeName, request->address, request->dueAt});
    }
    // No printer set: a PDF the agent can print or send.
    const auto where = ReceiptPrinter::printOrSave(
        receipt, m_receiptFolder, QStringLiteral("%1-%2.pdf").arg(ticket.day, ticket.number));
    if (!where)
        return where.error();
    m_lastReceipt = where.value();
    return Ok{};
}

Result<QString> CounterPanel::printHandout(const LobbyTicket &ticket, const QString &contactId)
{
    Handout handout;
    handout.articles = m_ctx.lobby.repository().articlesOpened(contactId, ticket.language);
    if (handout.articles.isEmpty())
        return QString();
    handout.language = ticket.language;
    handout.training = m_training;
    handout.cityName = m_ctx.city.cityName;
    handout.phone = m_ctx.city.phone;
    handout.web = m_ctx.city.web;
    handout.timeZone = m_ctx.city.timeZone;
    handout.ticketNumber = ticket.number;
    handout.counter = ticket.counter;
    handout.at = QDateTime::currentDateTimeUtc();
    const auto where = HandoutPrinter::printOrSave(
        handout, m_receiptFolder,
        QStringLiteral("%1-%2-handout.pdf").arg(ticket.day, ticket.number));
    if (where)
        m_lastReceipt = where.value();
    return where;
}

void CounterPanel::refresh()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const CounterProfile here = profile();
    const QList<LobbyTicket> queue = m_ctx.lobby.queueFor(here);
    const QString selected = m_queue->currentItem()
                                 ? m_queue->currentItem()->data(0, Qt::UserRole).toString()
                                 : QString();
    m_queue->clear();
    // The expected wait of each: its place in this counter's order at the recent service rate.
    for (int i = 0; i < queue.size(); ++i) {
        const LobbyTicket &t = queue.at(i);
        auto *item = new QTreeWidgetItem(m_queue);
        item->setData(0, Qt::UserRole, t.id);
        item->setText(0, t.number);
        item->setText(1, t.categoryName.isEmpty() ? t.category : t.categoryName);
        item->setText(2,
                      t.accessibility.isEmpty() ? QString() : tr("yes: %1").arg(t.accessibility));
        item->setText(3, t.language == u"es" ? tr("Spanish") : tr("English"));
        item->setText(4, minutes(t.waitSeconds(now)));
        item->setText(5, minutes(m_ctx.lobby.expectedWaitSeconds(i, t.category)));
        if (t.id == selected)
            m_queue->setCurrentItem(item);
    }
    if (!m_queue->currentItem() && m_queue->topLevelItemCount() > 0)
        m_queue->setCurrentItem(m_queue->topLevelItem(0));
    m_parked->clear();
    for (const LobbyTicket &t : m_ctx.lobby.repository().parkedAt(here.counter)) {
        auto *item = new QListWidgetItem(
            t.notes.isEmpty() ? t.number : tr("%1: %2").arg(t.number, t.notes), m_parked);
        item->setData(Qt::UserRole, t.id);
    }
    const auto current = m_ctx.lobby.current(here.counter);
    const bool busy = current.has_value();
    for (QPushButton *b : {m_recall, m_noShow, m_park, m_transfer, m_walkIn, m_finish})
        b->setEnabled(busy);
    if (!busy) {
        m_card->setText(tr("No visitor at this counter. %n waiting.", nullptr, int(queue.size())));
        return;
    }
    const LobbyTicket &t = *current;
    QString card = tr("Ticket %1 · %2 · %3")
                       .arg(t.number, t.categoryName.isEmpty() ? t.category : t.categoryName,
                            t.language == u"es" ? tr("Spanish") : tr("English"));
    if (!t.accessibility.isEmpty())
        card += u" · " + tr("needs: %1").arg(t.accessibility);
    if (!t.visitorName.isEmpty())
        card += u" · " + t.visitorName;
    card += u'\n' + tr("Waited %1 min · at the counter %2 min · agent %3 · recalls %4")
                        .arg(minutes(t.waitSeconds(now)), minutes(t.serviceSeconds(now)), t.agent)
                        .arg(t.recalls);
    if (t.id == m_visitTicket && !m_contactId.isEmpty())
        card += u'\n' + tr("Walk-in contact started · requests: %1")
                            .arg(m_requestIds.isEmpty() ? tr("none yet")
                                                        : QString::number(m_requestIds.size()));
    m_card->setText(card);
}

} // namespace civicdesk
