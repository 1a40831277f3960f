#pragma once

// Reading printouts back as a visitor would: a PDF's text through pdftotext (poppler-utils),
// compared word by word. A missing tool fails the test and names the Debian package.

#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTest>

namespace civicdesk::test {

// The standard output of `program` run with `arguments`; a missing program fails the test,
// naming the Debian `package` that has it.
inline QString runTool(const QString &program, const QStringList &arguments, const QString &package)
{
    if (QStandardPaths::findExecutable(program).isEmpty()) {
        QTest::qFail(qPrintable(QStringLiteral("%1 is missing: install the Debian package %2 "
                                               "(packaging/setup-debian.sh installs it)")
                                    .arg(program, package)),
                     __FILE__, __LINE__);
        return {};
    }
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000))
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

// pdftotext breaks lines where the layout does, and keeps the font's ligatures (ﬁ): compare
// words in compatibility form.
inline QString words(const QString &text)
{
    return text.normalized(QString::NormalizationForm_KC).simplified();
}

// The words of a PDF, as pdftotext -layout reads them.
inline QString pdfWords(const QString &pdf)
{
    return words(runTool(QStringLiteral("pdftotext"),
                         {QStringLiteral("-layout"), pdf, QStringLiteral("-")},
                         QStringLiteral("poppler-utils")));
}

} // namespace civicdesk::test
