#include "ui/intake/contactclock.h"

#include "models/intake/intakesession.h"
#include "ui/intake/contactbar.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

namespace civicdesk {

ContactClock::ContactClock(IntakeSession &session, ContactBar &bar, QObject *parent)
    : QObject(parent), m_session(session), m_bar(bar), m_timer(new QTimer(this))
{
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &ContactClock::update);
    QComboBox *channel = bar.channelCombo();
    connect(channel, &QComboBox::currentIndexChanged, this, [this, channel] {
        if (const auto value = channelFromName(channel->currentData().toString()))
            m_session.setChannel(*value);
    });
}

void ContactClock::setRunning(bool running)
{
    m_bar.startButton()->setEnabled(!running);
    m_bar.channelCombo()->setEnabled(!running);
    m_bar.endButton()->setEnabled(running);
    if (!running) {
        m_timer->stop();
        return;
    }
    m_endedShown = false;
    m_timer->start();
    update();
}

void ContactClock::showEnded(qint64 seconds)
{
    m_endedShown = true;
    m_bar.timerLabel()->setText(tr("Contact ended after %1:%2.")
                                    .arg(seconds / 60)
                                    .arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

void ContactClock::showChannel(Channel channel)
{
    QComboBox *combo = m_bar.channelCombo();
    combo->setCurrentIndex(std::max(0, combo->findData(channelName(channel))));
}

void ContactClock::update()
{
    QLabel *label = m_bar.timerLabel();
    if (!m_session.contactRunning()) {
        if (!m_endedShown)
            label->setText(tr("No contact running"));
        return;
    }
    const qint64 seconds = m_session.elapsedSeconds();
    label->setText(tr("%1 contact · %2:%3")
                       .arg(m_bar.channelCombo()->currentText())
                       .arg(seconds / 60)
                       .arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

} // namespace civicdesk
