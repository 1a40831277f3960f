#include "ui/intake/contactbar.h"

#include "models/domain/contact.h"
#include "ui_contactbar.h"

#include <QEvent>
#include <QKeyEvent>
#include <QShortcut>
#include <QSignalBlocker>
#include <algorithm>

namespace civicdesk {

ContactBar::ContactBar(QWidget *parent) : QWidget(parent), m_ui(std::make_unique<Ui::ContactBar>())
{
    m_ui->setupUi(this);
    m_ui->callRow->hide();
    // Window-wide: the phone is answered from wherever the agent is typing (only with a phone:
    // the shortcuts live on the call row, hidden without one). A command not possible now says
    // why (the button's tooltip) instead of doing nothing.
    const QList<std::pair<QKeyCombination, QPushButton *>> commands = {
        {Qt::CTRL | Qt::SHIFT | Qt::Key_P, m_ui->answerCallButton},
        {Qt::CTRL | Qt::SHIFT | Qt::Key_H, m_ui->hangUpCallButton},
        {Qt::CTRL | Qt::SHIFT | Qt::Key_T, m_ui->transferCallButton},
        {Qt::CTRL | Qt::SHIFT | Qt::Key_D, m_ui->dialButton}};
    for (const auto &[key, button] : commands) {
        auto *shortcut = new QShortcut(QKeySequence(key), m_ui->callRow);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, [this, b = button] {
            if (b->isEnabled())
                b->click();
            else if (!b->toolTip().isEmpty())
                emit commandUnavailable(b->toolTip());
        });
    }
    m_ui->startContactButton->installEventFilter(this);
    retranslate();
}

ContactBar::~ContactBar() = default;

bool ContactBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ui->startContactButton && event->type() == QEvent::KeyPress &&
        m_ui->startContactButton->isEnabled()) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const Qt::KeyboardModifiers held =
            key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier);
        const QString text = key->text();
        // Printable text only: Space and Enter press the button, shortcuts stay shortcuts.
        if (!held && !text.isEmpty() && text.at(0).isPrint() && !text.at(0).isSpace()) {
            emit typedToStart(text);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QComboBox *ContactBar::channelCombo() const
{
    return m_ui->channelComboBox;
}

QPushButton *ContactBar::startButton() const
{
    return m_ui->startContactButton;
}

QLabel *ContactBar::timerLabel() const
{
    return m_ui->contactTimerLabel;
}

QPushButton *ContactBar::endButton() const
{
    return m_ui->endContactButton;
}

QWidget *ContactBar::callRow() const
{
    return m_ui->callRow;
}

QLabel *ContactBar::callLabel() const
{
    return m_ui->callStatusLabel;
}

QPushButton *ContactBar::answerButton() const
{
    return m_ui->answerCallButton;
}

QPushButton *ContactBar::hangUpButton() const
{
    return m_ui->hangUpCallButton;
}

QPushButton *ContactBar::transferButton() const
{
    return m_ui->transferCallButton;
}

QPushButton *ContactBar::dialButton() const
{
    return m_ui->dialButton;
}

QList<QWidget *> ContactBar::focusChain() const
{
    return {m_ui->channelComboBox,  m_ui->startContactButton, m_ui->endContactButton,
            m_ui->answerCallButton, m_ui->hangUpCallButton,   m_ui->transferCallButton,
            m_ui->dialButton};
}

void ContactBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // The call's line and the timer have no text in the form: the panel writes them.
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWidget::changeEvent(event);
}

void ContactBar::retranslate()
{
    QComboBox *channels = m_ui->channelComboBox;
    const int current = std::max(0, channels->currentIndex());
    // The channel stays what it was: refilling the list is no choice of the agent's.
    const QSignalBlocker blocker(channels);
    channels->clear();
    const QList<std::pair<Channel, QString>> items = {
        {Channel::Phone, tr("Phone")},       {Channel::WalkIn, tr("Walk-in")},
        {Channel::Email, tr("Email")},       {Channel::Web, tr("Web")},
        {Channel::Text, tr("Text message")}, {Channel::Mail, tr("Mail")}};
    for (const auto &[value, text] : items)
        channels->addItem(text, channelName(value));
    channels->setCurrentIndex(current);
}

} // namespace civicdesk
