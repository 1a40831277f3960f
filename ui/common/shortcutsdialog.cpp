#include "ui/common/shortcutsdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeySequence>
#include <QTableWidget>
#include <QVBoxLayout>

namespace civicdesk {

ShortcutsDialog::ShortcutsDialog(const QList<std::pair<QString, QKeySequence>> &shortcuts,
                                 QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard shortcuts"));
    auto *table = new QTableWidget(int(shortcuts.size()), 2, this);
    table->setObjectName(QStringLiteral("shortcutsTableWidget"));
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int row = 0; row < shortcuts.size(); ++row) {
        QString action = shortcuts.at(row).first;
        action.remove(u'&');
        table->setItem(row, 0, new QTableWidgetItem(action));
        table->setItem(
            row, 1,
            new QTableWidgetItem(shortcuts.at(row).second.toString(QKeySequence::NativeText)));
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(460, 420);
}

} // namespace civicdesk
