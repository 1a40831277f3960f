#include "models/supervision/reports/csvwriter.h"

#include <QCoreApplication>
#include <QIODevice>

namespace civicdesk {

namespace {
class Text
{
    Q_DECLARE_TR_FUNCTIONS(CsvWriter)
};
} // namespace

CsvWriter::CsvWriter(QIODevice &out) : m_out(out) {}

QString CsvWriter::field(const QString &value)
{
    const bool quote = value.contains(u',') || value.contains(u'"') || value.contains(u'\r') ||
                       value.contains(u'\n');
    if (!quote)
        return value;
    QString escaped = value;
    escaped.replace(u'"', QStringLiteral("\"\""));
    return u'"' + escaped + u'"';
}

QString CsvWriter::line(const QStringList &fields)
{
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString &f : fields)
        quoted.append(field(f));
    return quoted.join(u',') + QStringLiteral("\r\n");
}

Status CsvWriter::writeLine(const QStringList &fields)
{
    const QByteArray bytes = line(fields).toUtf8();
    if (m_out.write(bytes) != bytes.size())
        return makeError(QStringLiteral("export.write"),
                         Text::tr("The file could not be written: %1").arg(m_out.errorString()));
    return Ok{};
}

} // namespace civicdesk
