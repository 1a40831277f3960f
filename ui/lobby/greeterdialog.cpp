#include "ui/lobby/greeterdialog.h"

#include "ui/lobby/ticketslip.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace civicdesk {

GreeterDialog::GreeterDialog(LobbyService &lobby, QString cityName, QString timeZone,
                             QWidget *parent)
    : QDialog(parent), m_lobby(lobby), m_cityName(std::move(cityName)),
      m_timeZone(std::move(timeZone)), m_reason(new QComboBox(this)),
      m_language(new QComboBox(this)), m_need(new QComboBox(this)), m_name(new QLineEdit(this)),
      m_issue(new QPushButton(this)), m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("greeterDialog"));
    setWindowTitle(tr("Check in a visitor"));
    m_ticketFolder = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                         .filePath(QStringLiteral("CivicDesk tickets"));
    // The agent's language for the reasons; the slip speaks the visitor's.
    const QString agent =
        QLocale().language() == QLocale::Spanish ? QStringLiteral("es") : QStringLiteral("en");
    m_reason->setObjectName(QStringLiteral("greeterReasonComboBox"));
    for (const QString &category : m_lobby.categories())
        m_reason->addItem(m_lobby.categoryName(category, agent), category);
    m_reason->setAccessibleName(tr("Reason for the visit"));
    m_language->setObjectName(QStringLiteral("greeterLanguageComboBox"));
    m_language->addItem(tr("English"), QStringLiteral("en"));
    m_language->addItem(tr("Spanish"), QStringLiteral("es"));
    m_language->setAccessibleName(tr("Visitor's language"));
    m_need->setObjectName(QStringLiteral("greeterNeedComboBox"));
    m_need->addItem(tr("None"), QString());
    m_need->addItem(tr("Wheelchair or mobility"), QStringLiteral("wheelchair"));
    m_need->addItem(tr("Low vision"), QStringLiteral("vision"));
    m_need->addItem(tr("Hearing"), QStringLiteral("hearing"));
    m_need->addItem(tr("Other need"), QStringLiteral("other"));
    m_need->setAccessibleName(tr("Accessibility need (called first)"));
    m_name->setObjectName(QStringLiteral("greeterNameLineEdit"));
    m_name->setMaxLength(100);
    m_name->setAccessibleName(tr("Visitor's name (optional, never on the board)"));
    m_issue->setObjectName(QStringLiteral("greeterIssueButton"));
    m_issue->setText(tr("&Give the ticket"));
    m_issue->setAccessibleName(tr("Give the ticket"));
    m_issue->setDefault(true);
    m_result->setObjectName(QStringLiteral("greeterResultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setAccessibleName(tr("Ticket given"));
    QFont big = m_result->font();
    big.setPointSize(big.pointSize() + 4);
    big.setBold(true);
    m_result->setFont(big);

    auto *form = new QFormLayout;
    const auto row = [form, this](const QString &text, QWidget *field, const char *name) {
        auto *label = new QLabel(text, this);
        label->setObjectName(QString::fromLatin1(name));
        label->setBuddy(field);
        form->addRow(label, field);
    };
    row(tr("&Reason:"), m_reason, "greeterReasonLabel");
    row(tr("&Language:"), m_language, "greeterLanguageLabel");
    row(tr("&Accessibility need:"), m_need, "greeterNeedLabel");
    row(tr("&Name (optional):"), m_name, "greeterNameLabel");
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_issue, QDialogButtonBox::AcceptRole);
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("greeterCloseButton"));
    close->setText(tr("&Close"));
    close->setAccessibleName(tr("Close the check-in"));
    // Room for the longest reason and the ticket's line without squeezing the fields.
    setMinimumWidth(520);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    connect(m_issue, &QPushButton::clicked, this, &GreeterDialog::issue);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    setTabOrder(m_reason, m_language);
    setTabOrder(m_language, m_need);
    setTabOrder(m_need, m_name);
    setTabOrder(m_name, m_issue);
    setTabOrder(m_issue, close);
    m_reason->setFocus(Qt::OtherFocusReason);
}

void GreeterDialog::issue()
{
    // With a central store the number is the store's: one press, one answer.
    if (m_issuing)
        return;
    m_issuing = true;
    m_issue->setEnabled(false);
    CheckIn in;
    in.category = m_reason->currentData().toString();
    in.language = m_language->currentData().toString();
    in.accessibility = m_need->currentData().toString();
    in.name = m_name->text();
    const QPointer<GreeterDialog> self(this);
    m_lobby.issue(in, [self](Result<IssuedTicket> result) {
        if (self)
            self->issued(result);
    });
}

void GreeterDialog::issued(const Result<IssuedTicket> &result)
{
    m_issuing = false;
    m_issue->setEnabled(true);
    if (!result) {
        m_result->setText(result.error().message);
        m_result->setStyleSheet(QStringLiteral("color: #a00000;"));
        adjustSize();
        return;
    }
    const IssuedTicket &t = result.value();
    m_lastNumber = t.ticket.number;
    // "About 0 minutes" reads wrong: within a minute, "shortly" (as the kiosk says).
    const qint64 minutes = (t.estimatedWaitSeconds + 59) / 60;
    QString text =
        minutes <= 1
            ? tr("Ticket %1: %n ahead, called shortly.", nullptr, t.ahead).arg(t.ticket.number)
            : tr("Ticket %1: %n ahead, about %2 minutes.", nullptr, t.ahead)
                  .arg(t.ticket.number)
                  .arg(minutes);
    const auto where =
        TicketSlipPrinter::printOrSave(slipOf(t, m_lobby, m_cityName, m_timeZone), m_ticketFolder);
    if (where) {
        m_lastPrinted = where.value();
        // The printer's name, or the PDF's file name (its whole path in the tooltip).
        text += u'\n' + tr("Slip: %1").arg(QFileInfo(m_lastPrinted).fileName());
        m_result->setToolTip(m_lastPrinted);
    } else {
        m_lastPrinted.clear();
        text += u'\n' + tr("The slip could not be printed (%1): tell the visitor the number.")
                            .arg(where.error().message);
    }
    m_result->setStyleSheet(QString());
    m_result->setText(text);
    adjustSize();
    // The next visitor: a new name, the reason first.
    m_name->clear();
    m_need->setCurrentIndex(0);
    m_reason->setFocus(Qt::OtherFocusReason);
    emit ticketIssued(t);
}

} // namespace civicdesk
