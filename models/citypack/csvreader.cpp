#include "models/citypack/csvreader.h"

#include <QCoreApplication>

namespace civicdesk {

CsvReader::CsvReader(QIODevice *device) : m_device(device) {}

bool CsvReader::readLine(QByteArray &line)
{
    line = m_device->readLine();
    if (line.isEmpty())
        return false;
    m_bytesRead += line.size();
    ++m_line;
    return true;
}

bool CsvReader::next()
{
    m_record.clear();
    QByteArray line;
    if (!readLine(line)) {
        if (m_device->errorString().size() && !m_device->atEnd())
            m_error = m_device->errorString();
        return false;
    }
    m_recordLine = m_line;
    QByteArray field;
    bool quoted = false;
    bool fieldWasQuoted = false;
    qsizetype i = 0;
    while (true) {
        if (i >= line.size()) {
            if (!quoted)
                break;
            // A line break inside a quoted field: the record continues on the next line.
            if (!readLine(line)) {
                m_error =
                    QCoreApplication::translate("CsvReader", "a quoted field opened on line %1 is "
                                                             "never closed")
                        .arg(m_recordLine);
                return false;
            }
            i = 0;
            continue;
        }
        const char c = line.at(i);
        if (quoted) {
            if (c == '"') {
                if (i + 1 < line.size() && line.at(i + 1) == '"') {
                    field += '"';
                    i += 2;
                    continue;
                }
                quoted = false;
            } else {
                field += c;
            }
            ++i;
            continue;
        }
        if (c == '"') {
            if (!field.isEmpty()) {
                m_error =
                    QCoreApplication::translate("CsvReader", "line %1: a quote inside an unquoted "
                                                             "field")
                        .arg(m_line);
                return false;
            }
            quoted = true;
            fieldWasQuoted = true;
        } else if (c == ',') {
            m_record.append(QString::fromUtf8(field));
            field.clear();
            fieldWasQuoted = false;
        } else if (c == '\n' || (c == '\r' && i + 1 < line.size() && line.at(i + 1) == '\n')) {
            break;
        } else {
            if (fieldWasQuoted) {
                m_error =
                    QCoreApplication::translate("CsvReader", "line %1: text after a closing quote")
                        .arg(m_line);
                return false;
            }
            field += c;
        }
        ++i;
    }
    m_record.append(QString::fromUtf8(field));
    if (!m_header.isEmpty() && m_record.size() != m_header.size()) {
        m_error =
            QCoreApplication::translate("CsvReader", "line %1: %2 fields where the header has %3")
                .arg(m_recordLine)
                .arg(m_record.size())
                .arg(m_header.size());
        return false;
    }
    return true;
}

Status CsvReader::readHeader(const QStringList &required)
{
    if (!next()) {
        return makeError(QStringLiteral("csv.header"),
                         m_error.isEmpty()
                             ? QCoreApplication::translate("CsvReader", "the file is empty")
                             : m_error);
    }
    m_header = m_record;
    if (!m_header.isEmpty() && m_header.first().startsWith(QChar(0xFEFF)))
        m_header.first().remove(0, 1);
    for (int i = 0; i < m_header.size(); ++i)
        m_columns.insert(m_header.at(i).trimmed(), i);
    QStringList missing;
    for (const QString &name : required) {
        if (!m_columns.contains(name))
            missing.append(name);
    }
    if (!missing.isEmpty()) {
        return makeError(QStringLiteral("csv.header"),
                         QCoreApplication::translate("CsvReader", "line 1: missing column(s) %1")
                             .arg(missing.join(QStringLiteral(", "))));
    }
    return Ok{};
}

QString CsvReader::value(const QString &column) const
{
    const int index = m_columns.value(column, -1);
    return index >= 0 && index < m_record.size() ? m_record.at(index) : QString();
}

} // namespace civicdesk
