#include "ui/lobby/counterpanel.h"

#include "models/requests/requestrepository.h"
#include "models/store/storechanges.h"
#include "ui/lobby/greeterdialog.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
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
                // A contact's change: an article opened or a referral given during the visit.
                if (what.touches(QStringLiteral("ticket")) ||
                    (!m_contactId.isEmpty() && what.touches(QStringLiteral("contact"))))
                    refresh();
            });
    // The waits move on while nobody presses anything.
    m_clock->setInterval(15000);
    connect(m_clock, &QTimer::timeout, this, &CounterPanel::refresh);
    m_clock->start();
    refresh();
}

void CounterPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QString CounterPanel::needName(const QString &need)
{
    if (need == u"wheelchair")
        return tr("wheelchair or mobility");
    if (need == u"vision")
        return tr("low vision");
    if (need == u"hearing")
        return tr("hearing");
    if (need == u"other")
        return tr("other need");
    return need;
}

QString CounterPanel::needWord(const QString &need)
{
    if (need == u"wheelchair")
        return tr("mobility");
    if (need == u"vision")
        return tr("vision", "accessibility need");
    if (need == u"hearing")
        return tr("hearing", "accessibility need");
    if (need == u"other")
        return tr("other", "accessibility need");
    return need;
}

QString CounterPanel::agentLanguage()
{
    return QLocale().language() == QLocale::Spanish ? QStringLiteral("es") : QStringLiteral("en");
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

void CounterPanel::checkIn()
{
    if (!m_greeter) {
        m_greeter = new GreeterDialog(m_ctx.lobby, m_ctx.city.cityName, m_ctx.city.timeZone, this);
        m_greeter->setAttribute(Qt::WA_DeleteOnClose);
        // Back to the waiting list, which shows the visitors just checked in.
        connect(m_greeter, &QDialog::finished, this, [this] {
            window()->activateWindow();
            m_queue->setFocus(Qt::OtherFocusReason);
        });
    }
    if (!m_ticketFolder.isEmpty())
        m_greeter->setTicketFolder(m_ticketFolder);
    m_greeter->show();
    m_greeter->raise();
    m_greeter->activateWindow();
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
        item->setText(1, m_ctx.lobby.categoryName(t.category, agentLanguage()));
        item->setText(2, needWord(t.accessibility));
        item->setToolTip(2, needName(t.accessibility));
        item->setText(3, t.language == u"es" ? tr("Spanish") : tr("English"));
        item->setText(4, tr("%1 min").arg(minutes(t.waitSeconds(now))));
        item->setText(5, tr("%1 min").arg(minutes(m_ctx.lobby.expectedWaitSeconds(i, t.category))));
        item->setText(NameColumn, t.visitorName);
        item->setToolTip(NameColumn, t.visitorName);
        if (t.id == selected)
            m_queue->setCurrentItem(item);
    }
    if (!m_queue->currentItem() && m_queue->topLevelItemCount() > 0)
        m_queue->setCurrentItem(m_queue->topLevelItem(0));
    fitQueue();
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
                       .arg(t.number, m_ctx.lobby.categoryName(t.category, agentLanguage()),
                            t.language == u"es" ? tr("Spanish") : tr("English"));
    if (!t.accessibility.isEmpty())
        card += u" · " + tr("needs: %1").arg(needName(t.accessibility));
    if (!t.visitorName.isEmpty())
        card += u" · " + t.visitorName;
    card += u'\n' + tr("Waited %1 min · at the counter %2 min · agent %3 · recalls %4")
                        .arg(minutes(t.waitSeconds(now)), minutes(t.serviceSeconds(now)), t.agent)
                        .arg(t.recalls);
    if (t.id == m_visitTicket && !m_contactId.isEmpty()) {
        card += u'\n' + tr("Walk-in contact started · requests: %1")
                            .arg(m_requestIds.isEmpty() ? tr("none yet")
                                                        : QString::number(m_requestIds.size()));
        // What the visit looked up belongs to it too.
        const LobbyRepository::LookedUp looked = m_ctx.lobby.repository().lookedUp(m_contactId);
        if (!looked.articles.isEmpty())
            card += u'\n' + tr("Articles opened: %1").arg(looked.articles.join(u"; "));
        if (!looked.referrals.isEmpty())
            card += u'\n' + tr("Referred to: %1").arg(looked.referrals.join(u"; "));
    }
    m_card->setText(card);
}

} // namespace civicdesk
