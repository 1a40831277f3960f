#pragma once

#include <QObject>

class QWidget;

namespace civicdesk {

// Keeps the keyboard promises of one window, installed on the application by the window:
//  - every shortcut the window documents (its actions and QShortcuts) works wherever focus is
//    in it: a text field no longer swallows Ctrl+E ("end of line" on X11) or Ctrl+D;
//  - Enter on a focused push button presses it, as Space does.
// Widgets of other windows (dialogs, the article editor) are left alone.
class ShortcutGuard : public QObject
{
    Q_OBJECT

public:
    explicit ShortcutGuard(QWidget *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool isWindowShortcut(const QKeySequence &sequence) const;

    QWidget *m_window;
};

} // namespace civicdesk
