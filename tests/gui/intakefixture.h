#pragma once

// Finding intake widgets by object name, for the intake tests and the draft child process.

#include <QApplication>
#include <QProcess>
#include <QWidget>

namespace civicdesk::test {

template <typename T> T *child(QWidget *root, const char *name)
{
    T *widget = root->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no widget %s", name);
    return widget;
}

// Runs the draft child (intake_draft_child) on the store at `path` until its draft is saved, then
// kills it with SIGKILL. An empty string when all went so, else what went wrong.
inline QString killDraftChild(const QString &executable, const QString &path)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(executable, {path});
    if (!child.waitForStarted())
        return QStringLiteral("the draft child did not start");
    QByteArray output;
    while (!output.contains("READY") && child.waitForReadyRead(60000))
        output += child.readAllStandardOutput();
    if (!output.contains("READY"))
        return QString::fromLocal8Bit(output);
    child.kill(); // SIGKILL: no chance to clean up
    if (!child.waitForFinished() || child.exitStatus() != QProcess::CrashExit)
        return QStringLiteral("the draft child was not killed");
    return QString();
}

} // namespace civicdesk::test
