#pragma once

// Finding intake widgets by object name, for the intake tests and the draft child process.

#include <QApplication>
#include <QWidget>

namespace civicdesk::test {

template <typename T> T *child(QWidget *root, const char *name)
{
    T *widget = root->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no widget %s", name);
    return widget;
}

} // namespace civicdesk::test
