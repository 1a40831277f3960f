#pragma once

#include <QDialog>

namespace civicdesk {

// Lists every keyboard shortcut of the main window.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(const QList<std::pair<QString, QKeySequence>> &shortcuts,
                             QWidget *parent = nullptr);
};

} // namespace civicdesk
