#include "ui/intake/focusfollower.h"

#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QLayout>
#include <QPointer>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>

namespace civicdesk {

FocusFollower::FocusFollower(QScrollArea &scroll, QWidget *unit)
    : QObject(&scroll), m_scroll(scroll), m_unit(unit)
{
    connect(qApp, &QApplication::focusChanged, this,
            [this](QWidget *, QWidget *now) { follow(now); });
}

void FocusFollower::guardWheel(QComboBox *combo)
{
    combo->setFocusPolicy(Qt::StrongFocus);
    combo->installEventFilter(this);
}

bool FocusFollower::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Wheel) {
        // Scrolling over the form never changes an answer: an unfocused list passes the wheel
        // to the scroll area.
        auto *combo = qobject_cast<QComboBox *>(watched);
        if (combo && !combo->hasFocus()) {
            QCoreApplication::sendEvent(m_scroll.verticalScrollBar(), event);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

void FocusFollower::follow(QWidget *now)
{
    if (!now || !m_scroll.widget() || !m_scroll.widget()->isAncestorOf(now))
        return;
    // A question is shown with its message under it.
    QWidget *target = now;
    for (QWidget *w = now; m_unit && w && w != m_unit; w = w->parentWidget()) {
        if (w->parentWidget() == m_unit) {
            target = w;
            break;
        }
    }
    ensureVisible(target);
}

void FocusFollower::showWhole(QWidget *w)
{
    // The whole widget (QScrollArea::ensureWidgetVisible shows only a list's current row).
    const QRect r(w->mapTo(m_scroll.widget(), QPoint(0, 0)), w->size());
    const int margin = 8;
    if (r.height() + 2 * margin <= m_scroll.viewport()->height())
        m_scroll.ensureVisible(r.center().x(), r.center().y(), r.width() / 2 + margin,
                               r.height() / 2 + margin);
    else
        m_scroll.ensureVisible(r.left(), r.top(), margin, margin);
}

void FocusFollower::ensureVisible(QWidget *widget)
{
    const QPointer<QWidget> guard(widget);
    const auto reveal = [this, guard] {
        if (!guard || !guard->isVisible())
            return;
        showWhole(guard);
        // The focused field wins when the two do not fit together.
        QWidget *focus = QApplication::focusWidget();
        if (focus && focus != guard && m_scroll.widget()->isAncestorOf(focus))
            showWhole(focus);
    };
    if (QLayout *layout = m_scroll.widget()->layout())
        layout->activate();
    reveal();
    // Widgets just shown get their place once the layout has run.
    QTimer::singleShot(0, this, reveal);
}

} // namespace civicdesk
