#pragma once

#include "models/lobby/lobbyservice.h"
#include "ui/lobby/receipt.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTimer;
class QTreeWidget;

namespace civicdesk {

class GreeterDialog;
class RequestRepository;
class StoreChanges;

// What the counter needs, built once by the composition root.
struct CounterContext
{
    LobbyService &lobby;
    const RequestRepository &requests;
    StoreChanges &changes;
    Receipt city; // the city's name, phone, web, status link and time zone for receipts
};

// The agent's counter: the waiting list with waits, call next (or a chosen ticket, with a
// reason), recall, no-show, park, transfer, return to the queue; the visit card (wait, service
// time, notes, outcome); one key starts the walk-in contact in the visitor's language, and
// finishing the visit prints the receipt of the requests it made.
//
// Keys (inside the panel): F4 check a visitor in (the greeter's form), F5 call next, F6 recall, F7
// no-show, F8 park, F9 transfer, F10 return to queue, F11 start the walk-in contact, F12 finish the
// visit.
class CounterPanel : public QWidget
{
    Q_OBJECT

public:
    explicit CounterPanel(CounterContext context, QWidget *parent = nullptr);

    QString counterName() const;
    CounterProfile profile() const;
    // Where receipts and handouts go as PDF when no printer is set (default: Documents/CivicDesk
    // receipts). Finishing a visit that made requests prints their receipt; one that made none
    // but opened public articles prints their scripts as a handout.
    void setReceiptFolder(const QString &folder) { m_receiptFolder = folder; }
    // Where the greeter's ticket slips go as PDF when no printer is set (default:
    // Documents/CivicDesk tickets).
    void setTicketFolder(const QString &folder) { m_ticketFolder = folder; }
    // Where the last receipt or handout went (the printer, or the PDF's path).
    QString lastReceipt() const { return m_lastReceipt; }
    // In practice mode every receipt and handout says TRAINING (and carries no status link).
    void setTraining(bool training) { m_training = training; }
    bool isTraining() const { return m_training; }
    void focusQueue();

    // The walk-in contact started in intake for the current visit, and the requests it made.
    void setContact(const QString &contactId);
    void addRequest(const QString &requestId);

    // F4: the greeter's check-in, for a visitor who does not use the kiosk.
    void checkIn();
    void callNext();
    void callChosen();
    void recall();
    void noShow();
    void park();
    void transfer();
    void returnToQueue();
    void startWalkIn();
    void finishVisit();
    void refresh();

signals:
    // Start a contact with channel walk-in in the visitor's language (en, es).
    void walkInRequested(const QString &language);

protected:
    void changeEvent(QEvent *event) override;

private:
    // The language the agent reads the window in (en, es).
    static QString agentLanguage();
    // An accessibility need (wheelchair, vision, hearing, other) in the agent's words.
    static QString needName(const QString &need);
    // The same in one short word, for the waiting list's column (empty: no need).
    static QString needWord(const QString &need);
    void buildUi();
    // The waiting list as wide as its columns need to show every reason, need, language and
    // wait whole (the name, last, gives way).
    void fitQueue();
    static constexpr int NameColumn = 6;
    void retranslate();
    void showResult(const Status &status, const QString &done);
    void showMessage(const QString &text, bool error);
    void called(const Result<LobbyTicket> &result);
    Status printReceipt(const LobbyTicket &ticket);
    // The handout of an information-only visit; empty when no public article was opened.
    Result<QString> printHandout(const LobbyTicket &ticket, const QString &contactId);

    CounterContext m_ctx;
    QString m_contactId;
    QStringList m_requestIds;
    QString m_visitTicket; // the ticket the contact and requests belong to
    QString m_receiptFolder;
    QString m_ticketFolder;
    QPointer<GreeterDialog> m_greeter;
    QString m_lastReceipt;
    bool m_training = false;
    bool m_calling = false;

    QLabel *m_counterLabel;
    QLineEdit *m_counter;
    QLabel *m_categoryLabel;
    QComboBox *m_category;
    QLabel *m_queueLabel;
    QTreeWidget *m_queue;
    QLabel *m_parkedLabel;
    QListWidget *m_parked;
    QPushButton *m_checkIn;
    QPushButton *m_callNext;
    QPushButton *m_callChosen;
    QPushButton *m_recall;
    QPushButton *m_noShow;
    QPushButton *m_park;
    QPushButton *m_transfer;
    QPushButton *m_return;
    QPushButton *m_walkIn;
    QPushButton *m_finish;
    QLabel *m_card;
    QLabel *m_reasonLabel;
    QLineEdit *m_reason;
    QLabel *m_toCounterLabel;
    QLineEdit *m_toCounter;
    QLabel *m_toCategoryLabel;
    QComboBox *m_toCategory;
    QLabel *m_outcomeLabel;
    QComboBox *m_outcome;
    QLabel *m_notesLabel;
    QPlainTextEdit *m_notes;
    QLabel *m_message;
    QTimer *m_clock;
};

} // namespace civicdesk
