#include "app/workstation/startupcheck.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSocketNotifier>
#include <QTextEdit>
#include <QTimer>
#include <cstdio>
#include <unistd.h>

namespace civicdesk {

namespace {

QString textOf(const QWidget *widget)
{
    if (const auto *line = qobject_cast<const QLineEdit *>(widget))
        return line->text();
    if (const auto *plain = qobject_cast<const QPlainTextEdit *>(widget))
        return plain->toPlainText();
    if (const auto *rich = qobject_cast<const QTextEdit *>(widget))
        return rich->toPlainText();
    if (const auto *combo = qobject_cast<const QComboBox *>(widget))
        return combo->currentText();
    if (const auto *spin = qobject_cast<const QAbstractSpinBox *>(widget))
        return spin->text();
    return {};
}

// Whether the widget took the key.
bool typeKey(QWidget *widget, int key, const QString &text)
{
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, text);
    QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier, text);
    QApplication::sendEvent(widget, &press);
    QApplication::sendEvent(widget, &release);
    return press.isAccepted();
}

bool holdsText(const QWidget *widget)
{
    const auto *combo = qobject_cast<const QComboBox *>(widget);
    return qobject_cast<const QLineEdit *>(widget) ||
           qobject_cast<const QPlainTextEdit *>(widget) ||
           qobject_cast<const QTextEdit *>(widget) ||
           qobject_cast<const QAbstractSpinBox *>(widget) || (combo && combo->isEditable());
}

// Answers "civicdesk: done <command>" once the map's page is ready (MapView's pageReady), or
// after two minutes without.
void whenMapPrepared(const QByteArray &command)
{
    auto *poll = new QTimer(qApp);
    auto *waited = new QElapsedTimer;
    waited->start();
    poll->setInterval(50);
    QObject::connect(poll, &QTimer::timeout, qApp, [poll, waited, command] {
        bool ready = false;
        for (QWidget *top : QApplication::topLevelWidgets()) {
            if (const QWidget *map = top->findChild<QWidget *>(QStringLiteral("mapView")))
                ready = ready || map->property("pageReady").toBool();
        }
        if (!ready && waited->elapsed() < 120000)
            return;
        poll->stop();
        poll->deleteLater();
        delete waited;
        std::printf("civicdesk: done %s%s\n", command.constData(), ready ? "" : " (not ready)");
        std::fflush(stdout);
    });
    poll->start();
}

// CIVICDESK_STARTUP_CHECK_HOLD=1 (the memory benchmark): after the key the program stays up and
// reads commands from its standard input: "map" brings the map's tab to the front, "prepared"
// waits for the map's page (prepared in the background); the end of the input quits.
void holdForCommands(int status)
{
    auto *input = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, qApp);
    auto *pending = new QByteArray;
    QObject::connect(input, &QSocketNotifier::activated, qApp, [input, pending, status] {
        char buffer[256];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            input->setEnabled(false);
            delete pending;
            QCoreApplication::exit(status);
            return;
        }
        pending->append(buffer, n);
        while (pending->contains('\n')) {
            const qsizetype end = pending->indexOf('\n');
            const QByteArray command = pending->left(end).trimmed();
            pending->remove(0, end + 1);
            if (command == "prepared") {
                whenMapPrepared(command);
                continue;
            }
            if (command == "map") {
                for (QWidget *top : QApplication::topLevelWidgets()) {
                    if (auto *dock = top->findChild<QDockWidget *>(QStringLiteral("mapDock"))) {
                        dock->show();
                        dock->raise();
                    }
                }
            }
            std::printf("civicdesk: done %s\n", command.constData());
            std::fflush(stdout);
        }
    });
}

} // namespace

void runStartupCheck(const QElapsedTimer &started)
{
    auto *poll = new QTimer(qApp);
    poll->setInterval(1);
    QObject::connect(poll, &QTimer::timeout, qApp, [poll, started] {
        QWidget *focus = QApplication::focusWidget();
        const bool ready = focus && focus->isVisible() && focus->window()->isActiveWindow();
        if (!ready && started.elapsed() < 60000)
            return;
        poll->stop();
        poll->deleteLater();
        if (!ready) {
            std::fprintf(stderr, "civicdesk: nothing took the keyboard focus within a minute\n");
            QCoreApplication::exit(1);
            return;
        }
        // A digit: it lands in a phone field as in a name or a search field.
        // In a text field the digit must be in its text; any other control (a list, a choice)
        // must take the key.
        // A button with the focus (Start contact) is ready when it can be pressed: a key typed
        // on it would start a contact, which a check must not write into the agent's store.
        const auto *button = qobject_cast<const QAbstractButton *>(focus);
        const QString before = textOf(focus);
        const bool accepted =
            button ? button->isEnabled() : typeKey(focus, Qt::Key_7, QStringLiteral("7"));
        const bool text = !button && holdsText(focus);
        const bool landed = text ? textOf(focus) == before + u'7' : accepted;
        const qint64 ms = started.elapsed();
        if (landed && text)
            typeKey(focus, Qt::Key_Backspace, QString());
        const QString name = focus->objectName().isEmpty()
                                 ? QString::fromLatin1(focus->metaObject()->className())
                                 : focus->objectName();
        std::printf("civicdesk: %s after %lld ms (focus: %s)\n", landed ? "ready" : "key lost", ms,
                    qPrintable(name));
        std::fflush(stdout);
        if (qEnvironmentVariableIntValue("CIVICDESK_STARTUP_CHECK_HOLD") == 1)
            holdForCommands(landed ? 0 : 1);
        else
            QCoreApplication::exit(landed ? 0 : 1);
    });
    poll->start();
}

} // namespace civicdesk
