#include "ui/common/shortcutguard.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QPushButton>
#include <QShortcut>
#include <QToolButton>

namespace civicdesk {

ShortcutGuard::ShortcutGuard(QWidget *window) : QObject(window), m_window(window)
{
    qApp->installEventFilter(this);
}

bool ShortcutGuard::isWindowShortcut(const QKeySequence &sequence) const
{
    const QList<QAction *> actions = m_window->findChildren<QAction *>();
    for (const QAction *action : actions) {
        if (!action->isEnabled())
            continue;
        for (const QKeySequence &shortcut : action->shortcuts()) {
            if (shortcut.matches(sequence) == QKeySequence::ExactMatch)
                return true;
        }
    }
    const QList<QShortcut *> shortcuts = m_window->findChildren<QShortcut *>();
    for (const QShortcut *shortcut : shortcuts) {
        if (shortcut->isEnabled() && shortcut->key().matches(sequence) == QKeySequence::ExactMatch)
            return true;
    }
    return false;
}

bool ShortcutGuard::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::ShortcutOverride && type != QEvent::KeyPress)
        return false;
    auto *widget = qobject_cast<QWidget *>(watched);
    if (!widget || widget->window() != m_window)
        return false;
    auto *key = static_cast<QKeyEvent *>(event);
    if (type == QEvent::ShortcutOverride) {
        // Not accepted here, so the shortcut map runs the window's shortcut.
        const bool modified = key->modifiers() & (Qt::ControlModifier | Qt::AltModifier);
        return modified && isWindowShortcut(QKeySequence(key->keyCombination()));
    }
    const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
    if (!enter || key->modifiers() != Qt::NoModifier)
        return false;
    if (auto *button = qobject_cast<QPushButton *>(widget); button && button->isEnabled()) {
        button->click();
        return true;
    }
    if (auto *button = qobject_cast<QToolButton *>(widget); button && button->isEnabled()) {
        button->click();
        return true;
    }
    return false;
}

} // namespace civicdesk
