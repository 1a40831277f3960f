#pragma once

#include "models/lobby/lobbyservice.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace civicdesk {

class VisitorText;

// The self-service check-in: large touch-friendly steps in the visitor's language (English or
// Spanish): language, reason (the city's service categories), accessibility need, name
// (optional), then the ticket with the people ahead and the expected wait. It goes back to the
// start by itself after a while, so the next visitor finds the first step. Touch, a keyboard or
// a kiosk keypad (arrows, Enter, Escape) work it alike.
class KioskWindow : public QWidget
{
    Q_OBJECT

public:
    KioskWindow(LobbyService &lobby, const QString &cityName, QWidget *parent = nullptr);

    // The ticket issued last (empty before one).
    QString lastTicketNumber() const { return m_lastNumber; }
    // Back to the first step, as the idle timer does.
    void restart();
    // Each ticket is printed on the default printer; without one, as an 80 mm PDF in this
    // folder (by default Documents/CivicDesk tickets).
    void setTicketFolder(const QString &folder) { m_ticketFolder = folder; }
    // The city's time zone (IANA) for the printed time; empty: this PC's.
    void setTimeZone(const QString &zone) { m_timeZone = zone; }
    // Where the last ticket went: the printer, or the PDF's path (empty: not printed).
    QString lastPrinted() const { return m_lastPrinted; }

signals:
    void ticketIssued(const civicdesk::IssuedTicket &issued);

protected:
    // A kiosk keypad's keys: the arrows move between the choices (Up and Left to the one
    // before), Enter or Space chooses, Escape goes one step back.
    void keyPressEvent(QKeyEvent *event) override;

private:
    enum Page
    {
        LanguagePage,
        ReasonPage,
        NeedPage,
        NamePage,
        TicketPage
    };
    QPushButton *bigButton(const QString &objectName, QWidget *parent);
    void chooseLanguage(const QString &language);
    void retranslate();
    void issue();
    void issued(const Result<IssuedTicket> &issued);
    void printTicket(const IssuedTicket &issued);
    void showPage(Page page);

    LobbyService &m_lobby;
    QString m_cityName;
    QString m_language = QStringLiteral("en");
    CheckIn m_checkIn;
    QString m_lastNumber;
    QString m_ticketFolder;
    QString m_timeZone;
    QString m_lastPrinted;
    bool m_issuing = false; // asking the central store for a number
    QStackedWidget *m_pages;
    QLabel *m_welcome;
    QPushButton *m_english;
    QPushButton *m_spanish;
    QLabel *m_reasonTitle;
    QList<QPushButton *> m_reasons;
    QLabel *m_needTitle;
    QList<std::pair<QString, QPushButton *>> m_needs;
    QLabel *m_nameTitle;
    QLineEdit *m_name;
    QPushButton *m_getTicket;
    QLabel *m_ticketTitle;
    QLabel *m_ticketNumber;
    QLabel *m_ticketWait;
    QPushButton *m_done;
    QList<QPushButton *> m_backButtons;
    QLabel *m_error;
    QTimer *m_idle;
};

} // namespace civicdesk
