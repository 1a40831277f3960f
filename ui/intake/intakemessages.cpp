#include "ui/intake/intakemessages.h"

#include "ui/intake/focusfollower.h"

#include <QLabel>

namespace civicdesk {

IntakeMessages::IntakeMessages(QLabel &general, QList<Place> places, FocusFollower &follower,
                               QObject *parent)
    : QObject(parent), m_general(general), m_places(std::move(places)), m_follower(follower)
{
}

QList<QLabel *> IntakeMessages::labels() const
{
    QList<QLabel *> result;
    for (const Place &place : m_places)
        result.append(place.label);
    result.append(&m_general);
    return result;
}

void IntakeMessages::reset(QLabel *label)
{
    label->clear();
    label->setProperty("error", false);
    label->setStyleSheet(QString());
}

void IntakeMessages::show(const QString &text, bool error, QWidget *about)
{
    QLabel *label = &m_general;
    for (const Place &place : std::as_const(m_places)) {
        if (about && place.area->isAncestorOf(about))
            label = place.label;
    }
    for (QLabel *other : labels()) {
        if (other != label && other->property("error").toBool())
            reset(other);
    }
    label->setText(text);
    label->setProperty("error", error);
    label->setStyleSheet(error ? QStringLiteral("QLabel { color: #b00020; font-weight: bold; }")
                               : QString());
    if (!text.isEmpty())
        m_follower.ensureVisible(label);
}

void IntakeMessages::clear()
{
    for (QLabel *label : labels())
        reset(label);
}

} // namespace civicdesk
