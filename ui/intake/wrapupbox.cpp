#include "ui/intake/wrapupbox.h"

#include "models/domain/contact.h"
#include "ui_wrapupbox.h"

#include <QEvent>
#include <QSignalBlocker>
#include <algorithm>

namespace civicdesk {

WrapUpBox::WrapUpBox(QWidget *parent) : QFrame(parent), m_ui(std::make_unique<Ui::WrapUpBox>())
{
    m_ui->setupUi(this);
    m_ui->wrapUpNotesEdit->setFixedHeight(m_ui->wrapUpNotesEdit->fontMetrics().height() * 3 + 12);
    retranslate();
}

WrapUpBox::~WrapUpBox() = default;

QComboBox *WrapUpBox::outcomeCombo() const
{
    return m_ui->outcomeComboBox;
}

QLineEdit *WrapUpBox::transferEdit() const
{
    return m_ui->transferLineEdit;
}

QPlainTextEdit *WrapUpBox::notesEdit() const
{
    return m_ui->wrapUpNotesEdit;
}

QLabel *WrapUpBox::messageLabel() const
{
    return m_ui->wrapUpMessageLabel;
}

QPushButton *WrapUpBox::finishButton() const
{
    return m_ui->finishContactButton;
}

QList<QWidget *> WrapUpBox::focusChain() const
{
    return {m_ui->outcomeComboBox, m_ui->transferLineEdit, m_ui->wrapUpNotesEdit,
            m_ui->finishContactButton};
}

void WrapUpBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QFrame::changeEvent(event);
}

void WrapUpBox::retranslate()
{
    QComboBox *outcomes = m_ui->outcomeComboBox;
    // The outcome stays what it was: refilling the list is no choice of the agent's.
    const QString current = outcomes->currentData().toString();
    const QSignalBlocker blocker(outcomes);
    outcomes->clear();
    // No default: the outcome follows what happened in this contact, or the agent chooses it.
    outcomes->addItem(tr("— choose how the contact ended —"), QString());
    const QList<std::pair<Outcome, QString>> items = {
        {Outcome::InformationGiven, tr("Information given")},
        {Outcome::RequestCreated, tr("Service request created")},
        {Outcome::AttachedToExisting, tr("Caller attached to an existing request")},
        {Outcome::WarmTransfer, tr("Warm transfer")},
        {Outcome::ColdTransfer, tr("Cold transfer")},
        {Outcome::Complaint, tr("Complaint or comment")},
        {Outcome::CallerHungUp, tr("Caller hung up")},
        {Outcome::Referred, tr("Referred elsewhere")}};
    for (const auto &[value, text] : items)
        outcomes->addItem(text, outcomeName(value));
    outcomes->setCurrentIndex(std::max(0, outcomes->findData(current)));
}

} // namespace civicdesk
