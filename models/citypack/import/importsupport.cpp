#include "models/citypack/import/importsupport.h"

#include "models/citypack/citypack.h"

#include <QCoreApplication>

namespace civicdesk {

namespace {

// Gives lupdate and the runtime the same context for this file's messages.
class ImportText
{
    Q_DECLARE_TR_FUNCTIONS(CityImporter)
};

} // namespace

Error packFileError(const QString &file, const QString &problem)
{
    return makeError(QStringLiteral("pack.file"), ImportText::tr("%1: %2").arg(file, problem));
}

Result<QByteArray> readWholeFile(const CityPack &pack, const QString &file)
{
    auto opened = PackFile::open(pack.path(file));
    if (!opened)
        return opened.error();
    QByteArray data = opened.value()->device()->readAll();
    if (opened.value()->device()->errorString().size() && data.isEmpty())
        return packFileError(file, opened.value()->device()->errorString());
    return data;
}

} // namespace civicdesk
