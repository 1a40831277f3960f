#pragma once

#include "models/lobby/lobbyservice.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace civicdesk {

// The greeter's check-in, in the agent's window: a lobby agent at the door (or at the counter,
// for a visitor who cannot use the kiosk) gives a ticket the way the kiosk does — reason (the
// city's categories), language, accessibility need, name (optional) — and the ticket slip is
// printed in the visitor's language. The dialog stays open for the next visitor.
class GreeterDialog : public QDialog
{
    Q_OBJECT

public:
    GreeterDialog(LobbyService &lobby, QString cityName, QString timeZone,
                  QWidget *parent = nullptr);

    // Slips go to the default printer; without one, as 80 mm PDFs in this folder (default:
    // Documents/CivicDesk tickets).
    void setTicketFolder(const QString &folder) { m_ticketFolder = folder; }
    // Where the last slip went: the printer, or the PDF's path (empty: not printed).
    QString lastPrinted() const { return m_lastPrinted; }
    // The number given last (empty before one).
    QString lastTicketNumber() const { return m_lastNumber; }

signals:
    void ticketIssued(const civicdesk::IssuedTicket &issued);

private:
    void issue();
    void issued(const Result<IssuedTicket> &result);

    LobbyService &m_lobby;
    QString m_cityName;
    QString m_timeZone;
    QString m_ticketFolder;
    QString m_lastPrinted;
    QString m_lastNumber;
    bool m_issuing = false;
    QComboBox *m_reason;
    QComboBox *m_language;
    QComboBox *m_need;
    QLineEdit *m_name;
    QPushButton *m_issue;
    QLabel *m_result;
};

} // namespace civicdesk
