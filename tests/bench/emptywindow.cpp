// The cold-start baseline: an empty Qt Widgets window (one line edit) started the way civicdesk
// is, answering --startup-check the same way (app/workstation/startupcheck.cpp).

#include "app/workstation/startupcheck.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QMainWindow>

int main(int argc, char *argv[])
{
    QElapsedTimer started;
    started.start();
    QApplication app(argc, argv);
    QMainWindow window;
    auto *edit = new QLineEdit(&window);
    edit->setObjectName(QStringLiteral("emptyLineEdit"));
    edit->setAccessibleName(QStringLiteral("Empty"));
    window.setCentralWidget(edit);
    window.resize(1366, 768);
    window.show();
    edit->setFocus();
    civicdesk::runStartupCheck(started);
    return QApplication::exec();
}
