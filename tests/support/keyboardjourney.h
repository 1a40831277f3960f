#pragma once

// Driving the real main window as an agent does: every key to QApplication::focusWidget(),
// never to a widget looked up by name. After each key the focused widget must be on screen —
// visible, inside the viewport of every scroll area around it — and typed text must land in the
// field the journey means.

#include "models/workstation/storecontext.h"
#include "tests/support/teststore.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/intake/intakepanel.h"
#include "ui/supervisor/supervisorworkspace.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMultiMap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>
#include <functional>
#include <memory>

namespace civicdesk::test {

// Why `widget` is not on screen, or an empty string when it is.
inline QString offScreen(const QWidget *widget)
{
    if (!widget->isVisible())
        return QStringLiteral("%1 is hidden").arg(widget->objectName());
    for (const QWidget *p = widget->parentWidget(); p; p = p->parentWidget()) {
        const auto *area = qobject_cast<const QAbstractScrollArea *>(p);
        if (!area || !area->viewport()->isAncestorOf(widget))
            continue;
        const QWidget *viewport = area->viewport();
        const QRect rect(widget->mapTo(viewport, QPoint(0, 0)), widget->size());
        const QRect shown = rect & viewport->rect();
        const bool whole = rect.height() <= viewport->height()
                               ? shown.height() == rect.height()
                               : shown.height() == viewport->height();
        if (!whole || shown.width() <= 0)
            return QStringLiteral("%1 is outside its scroll area (%2,%3 %4x%5 in %6x%7)")
                .arg(widget->objectName())
                .arg(rect.x())
                .arg(rect.y())
                .arg(rect.width())
                .arg(rect.height())
                .arg(viewport->width())
                .arg(viewport->height());
    }
    const QRect inWindow(widget->mapTo(widget->window(), QPoint(0, 0)), widget->size());
    if (!widget->window()->rect().intersects(inWindow))
        return QStringLiteral("%1 (%2 in %3) is outside the window")
            .arg(widget->objectName(), QString::fromLatin1(widget->metaObject()->className()),
                 widget->parentWidget() ? widget->parentWidget()->objectName() : QString());
    return QString();
}

// The labels and buttons inside `root` whose text does not fit the room they were given (a
// translation longer than the layout allows), one line each: "objectName (Class): text".
// Word-wrapped labels grow instead; only what is visible counts.
inline QStringList truncatedTexts(const QWidget *root)
{
    // What the agent sees is laid out: a label whose text just changed gets its room first.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QStringList found;
    const auto check = [&found](const QWidget *w, const QString &text, int needed) {
        if (!w->isVisible() || text.isEmpty() || needed <= w->width())
            return;
        found.append(
            QStringLiteral("%1 (%2): \"%3\" needs %4 px, has %5")
                .arg(w->objectName(), QString::fromLatin1(w->metaObject()->className()), text)
                .arg(needed)
                .arg(w->width()));
    };
    for (const QLabel *label : root->findChildren<QLabel *>()) {
        if (label->wordWrap() || label->textFormat() == Qt::RichText ||
            Qt::mightBeRichText(label->text()))
            continue;
        check(label, label->text(), label->minimumSizeHint().width());
    }
    for (const QAbstractButton *button : root->findChildren<QAbstractButton *>()) {
        if (button->text().isEmpty() || !qobject_cast<const QPushButton *>(button))
            continue;
        check(button, button->text(), button->minimumSizeHint().width());
    }
    // A date or number field shows its whole text ("any date").
    for (const QAbstractSpinBox *spin : root->findChildren<QAbstractSpinBox *>()) {
        const auto *edit = spin->findChild<QLineEdit *>();
        if (!edit || !spin->isVisible())
            continue;
        const int needed = edit->fontMetrics().horizontalAdvance(edit->text()) + 4;
        if (needed > edit->width())
            found.append(QStringLiteral("%1 (%2): \"%3\" needs %4 px, has %5")
                             .arg(spin->objectName(),
                                  QString::fromLatin1(spin->metaObject()->className()),
                                  edit->text())
                             .arg(needed)
                             .arg(edit->width()));
    }
    // A choice shows its whole text ("Todos los departamentos", not "Todos los departament").
    for (const QComboBox *box : root->findChildren<QComboBox *>()) {
        if (box->isEditable() || !box->isVisible() || box->currentText().isEmpty())
            continue;
        QStyleOptionComboBox option;
        option.initFrom(box);
        option.currentText = box->currentText();
        const QRect field = box->style()->subControlRect(QStyle::CC_ComboBox, &option,
                                                         QStyle::SC_ComboBoxEditField, box);
        check(box, box->currentText(),
              box->width() - field.width() +
                  box->fontMetrics().horizontalAdvance(box->currentText()));
    }
    // Every tab of a tab strip is shown whole: none elided, none pushed behind scroll arrows.
    for (const QTabBar *bar : root->findChildren<QTabBar *>()) {
        if (!bar->isVisible())
            continue;
        // The scroll arrows show only while some tab is out of sight (and cover the last ones).
        for (const QToolButton *arrow : bar->findChildren<QToolButton *>()) {
            if (arrow->isVisible())
                found.append(QStringLiteral("%1 (QTabBar): scroll arrows shown, %2 tabs")
                                 .arg(bar->parentWidget() ? bar->parentWidget()->objectName()
                                                          : bar->objectName())
                                 .arg(bar->count()));
        }
        for (int i = 0; i < bar->count(); ++i) {
            const QString text = QString(bar->tabText(i)).remove(u'&');
            const QRect rect = bar->tabRect(i);
            const int needed = bar->fontMetrics().horizontalAdvance(text);
            if (bar->rect().contains(rect) && rect.width() >= needed)
                continue;
            found.append(QStringLiteral("%1 tab %2 (QTabBar): \"%3\" needs %4 px, has %5 of %6")
                             .arg(bar->parentWidget() ? bar->parentWidget()->objectName()
                                                      : bar->objectName())
                             .arg(i)
                             .arg(text)
                             .arg(needed)
                             .arg((rect & bar->rect()).width())
                             .arg(rect.width()));
        }
    }
    return found;
}

// The real main window at 1366x768, shown and active (nullptr when the platform refuses).
inline std::unique_ptr<MainWindow> openMainWindow(StoreContext &store, Settings &settings)
{
    auto window = std::make_unique<MainWindow>(store, settings);
    window->resize(1366, 768);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        return nullptr;
    return window;
}

// The Alt+letter mnemonic of a text ("&Phone:" -> 'P', "Fish && chips" -> none), or 0.
inline QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) == u'&') {
            ++i;
            continue;
        }
        return text.at(i + 1).toUpper();
    }
    return QChar();
}

// Two controls of one window that answer the same Alt+letter while both are on screen, one line
// each ("Alt+U: tab Clusters | button Publish the standard form"): with both, the key only
// moves between them (QShortcut's ambiguity) and never does what either says. Counted: visible
// buttons, labels with a buddy, the tabs of visible tab bars and the menu bar's menus.
inline QStringList mnemonicClashes(const QWidget *window)
{
    QMultiMap<QChar, QString> owners;
    const auto add = [&owners](const QString &text, const QString &what) {
        const QChar key = mnemonicOf(text);
        if (!key.isNull())
            owners.insert(key, what + u' ' + QString(text).remove(u'&'));
    };
    for (const QAbstractButton *button : window->findChildren<QAbstractButton *>()) {
        if (button->isVisible() && button->isEnabled())
            add(button->text(), QStringLiteral("button"));
    }
    for (const QLabel *label : window->findChildren<QLabel *>()) {
        if (label->isVisible() && label->buddy())
            add(label->text(), QStringLiteral("label"));
    }
    for (const QTabBar *bar : window->findChildren<QTabBar *>()) {
        if (!bar->isVisible())
            continue;
        for (int i = 0; i < bar->count(); ++i) {
            if (bar->isTabEnabled(i))
                add(bar->tabText(i), QStringLiteral("tab"));
        }
    }
    for (const QMenuBar *bar : window->findChildren<QMenuBar *>()) {
        if (!bar->isVisible())
            continue;
        for (const QAction *menu : bar->actions()) {
            if (menu->isVisible())
                add(menu->text(), QStringLiteral("menu"));
        }
    }
    QStringList clashes;
    for (const QChar &key : owners.uniqueKeys()) {
        const QStringList what = owners.values(key);
        if (what.size() > 1)
            clashes.append(u"Alt+" + key + u": " + what.join(QStringLiteral(" | ")));
    }
    return clashes;
}

// An agent's desk: the real main window at 1366x768 for `agent` in `role` on `database`, with
// its own settings file in `settingsDir` and the focus in the intake (no window when the
// platform refuses).
struct Desk
{
    std::unique_ptr<Settings> settings;
    std::unique_ptr<StoreContext> store;
    std::unique_ptr<MainWindow> window;
};

inline Desk openDesk(Database &database, const QString &settingsDir, const QString &agent,
                     AgentRole role)
{
    Desk desk;
    desk.settings = std::make_unique<Settings>(settingsDir + u'/' + agent + u".ini");
    desk.store = std::make_unique<StoreContext>(database, agent, role);
    desk.window = openMainWindow(*desk.store, *desk.settings);
    if (desk.window)
        desk.window->intakePanel()->setFocus();
    return desk;
}

// The GUI suites' fixture: a fresh store with the fixture city (tests/data/minipack) for each
// test and the desks opened on it, each desk with its own settings file. A suite derives from
// it, calls freshCity() in its init() and opens desks with openDesk().
class DeskFixture : public QObject
{
protected:
    using Desk = test::Desk;

    std::unique_ptr<TempStore> m_store;
    QTemporaryDir m_settingsDir;

    // A new store with the fixture city in place of the last one; false when it cannot be made.
    bool freshCity()
    {
        m_store = miniCityStore();
        return m_store != nullptr;
    }

    // The main window at 1366x768 for `agent` in `role` on the store, the focus in its intake.
    Desk openDesk(const QString &agent, AgentRole role)
    {
        return test::openDesk(m_store->db(), m_settingsDir.path(), agent, role);
    }
};

class Journey
{
public:
    int keys = 0; // beyond typed text

    // One key to whatever has focus; afterwards the focused widget is on screen.
    bool press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QWidget *focus = QApplication::focusWidget();
        if (!focus) {
            qWarning("nothing has focus");
            return false;
        }
        QTest::keyClick(focus, Qt::Key(key), modifiers);
        ++keys;
        return focusOnScreen();
    }

    bool focusOnScreen()
    {
        QString why;
        const bool ok = QTest::qWaitFor(
            [&why] {
                QWidget *now = QApplication::focusWidget();
                why = now ? offScreen(now) : QString();
                return why.isEmpty();
            },
            2000);
        if (!ok)
            qWarning("%s", qPrintable(why));
        return ok;
    }

    // The focus is in the field named `intended`, and the text typed lands there.
    bool type(const char *intended, const QString &text)
    {
        QWidget *focus = QApplication::focusWidget();
        if (!focus || focus->objectName() != QLatin1String(intended)) {
            qWarning("the focus is on %s, not %s",
                     focus ? qPrintable(focus->objectName()) : "nothing", intended);
            return false;
        }
        const auto textOf = [focus] {
            if (auto *edit = qobject_cast<QLineEdit *>(focus))
                return edit->text();
            if (auto *edit = qobject_cast<QPlainTextEdit *>(focus))
                return edit->toPlainText();
            return QString();
        };
        QString expected = textOf() + text;
        if (auto *edit = qobject_cast<QLineEdit *>(focus); edit && edit->hasSelectedText())
            expected = edit->text()
                           .remove(edit->selectionStart(), edit->selectedText().size())
                           .insert(edit->selectionStart(), text);
        QTest::keyClicks(focus, text);
        if (textOf() != expected) {
            qWarning("typed \"%s\" but %s holds \"%s\"", qPrintable(text), intended,
                     qPrintable(textOf()));
            return false;
        }
        return focusOnScreen();
    }

    QString focusName() const
    {
        QWidget *focus = QApplication::focusWidget();
        return focus ? focus->objectName() : QString();
    }

    // Presses Tab until the focus is on `name` (at most `limit` times).
    bool tabTo(const char *name, int limit = 12)
    {
        for (int i = 0; i < limit && focusName() != QLatin1String(name); ++i) {
            if (!press(Qt::Key_Tab))
                return false;
        }
        return focusName() == QLatin1String(name);
    }

    // Answers the question box that is up, with one key to its focused button. A box that
    // never takes the focus is rejected, so the test fails instead of hanging.
    static void answer(Qt::Key key, Qt::KeyboardModifiers modifiers, bool *asked)
    {
        QMessageBox *box = nullptr;
        if (!QTest::qWaitFor(
                [&] {
                    box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                    return box != nullptr;
                },
                5000))
            return;
        box->activateWindow();
        if (!QTest::qWaitFor(
                [&] {
                    return QApplication::focusWidget() &&
                           QApplication::focusWidget()->window() == box;
                },
                5000)) {
            box->reject();
            return;
        }
        *asked = true;
        QTest::keyClick(QApplication::focusWidget(), key, modifiers);
        if (box->isVisible()) // the key did not answer it
            QTimer::singleShot(1000, box, &QDialog::reject);
    }

    // Presses `key` where a question box is expected, and answers it with `answerKey`.
    bool pressAndAnswer(int key, Qt::KeyboardModifiers modifiers, Qt::Key answerKey,
                        Qt::KeyboardModifiers answerModifiers, QObject *context)
    {
        bool asked = false;
        QTimer::singleShot(0, context, [&asked, answerKey, answerModifiers] {
            answer(answerKey, answerModifiers, &asked);
        });
        QWidget *focus = QApplication::focusWidget();
        if (!focus)
            return false;
        QTest::keyClick(focus, Qt::Key(key), modifiers);
        ++keys;
        if (asked)
            ++keys; // the answer
        if (QWidget *window = focus->window(); window && window->isVisible()) {
            window->activateWindow();
            static_cast<void>(QTest::qWaitFor([] { return QApplication::focusWidget(); }, 2000));
        }
        return asked;
    }

    // Presses `key` where a dialog is expected and, once the dialog has the focus, runs
    // `journey` inside it (its keys, too, go to the focused widget); the dialog is closed
    // afterwards whatever happened, and the focus is back in the window. False when no dialog
    // came, it never took the focus, or `journey` returned false.
    bool inDialog(int key, Qt::KeyboardModifiers modifiers,
                  const std::function<bool(QDialog &)> &journey, QObject *context)
    {
        bool ok = false;
        QTimer::singleShot(0, context, [&ok, &journey] {
            QDialog *dialog = nullptr;
            if (!QTest::qWaitFor(
                    [&] {
                        dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
                        return dialog != nullptr;
                    },
                    5000))
                return;
            dialog->activateWindow();
            if (QTest::qWaitFor(
                    [dialog] {
                        return QApplication::focusWidget() &&
                               QApplication::focusWidget()->window() == dialog;
                    },
                    5000))
                ok = journey(*dialog);
            else
                qWarning("the dialog %s never took the focus", qPrintable(dialog->objectName()));
            if (dialog->isVisible())
                dialog->reject();
        });
        QWidget *focus = QApplication::focusWidget();
        if (!focus)
            return false;
        QTest::keyClick(focus, Qt::Key(key), modifiers);
        ++keys;
        if (QWidget *window = focus->window(); window && window->isVisible()) {
            window->activateWindow();
            static_cast<void>(QTest::qWaitFor([] { return QApplication::focusWidget(); }, 2000));
        }
        return ok;
    }
};

// Ctrl+Shift+W on a supervisor's desk: the supervisor's workspace, once the focus is on its
// figures; null when the desk has no window or the workspace does not come up so.
inline SupervisorWorkspace *openSupervisorWorkspace(Desk &desk, Journey &j)
{
    if (!desk.window || !j.press(Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier))
        return nullptr;
    SupervisorWorkspace *workspace = desk.window->supervisorWorkspace();
    if (!workspace || !QTest::qWaitFor([&j] { return j.focusName() == u"kpiFiguresTree"; }))
        return nullptr;
    return workspace;
}

} // namespace civicdesk::test
