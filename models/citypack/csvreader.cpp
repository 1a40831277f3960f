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

QString CsvReader::error() const
{
    if (m_problem.isEmpty())
        return {};
    return m_errorLine > 0 ? QCoreApplication::translate("CsvReader", "line %1: %2")
                                 .arg(m_errorLine)
                                 .arg(m_problem)
                           : m_problem;
}

void CsvReader::fail(qint64 line, const QString &problem)
{
    // A quoted field that ran past the end of its line and a record that then goes wrong: the
    // quote most likely was never closed, and the place to fix is where it opened.
    if (m_quoteLine > 0 && m_line != m_quoteLine) {
        m_errorLine = m_quoteLine;
        m_problem =
            QCoreApplication::translate("CsvReader", "a quoted field opened here is not closed on "
                                                     "its line; the record runs on to line %1: %2")
                .arg(m_line)
                .arg(problem);
        return;
    }
    m_errorLine = line;
    m_problem = problem;
}

bool CsvReader::next()
{
    m_record.clear();
    QByteArray line;
    if (!readLine(line)) {
        if (m_device->errorString().size() && !m_device->atEnd()) {
            m_errorLine = 0;
            m_problem = m_device->errorString();
        }
        return false;
    }
    m_recordLine = m_line;
    m_quoteLine = 0;
    qint64 quoteOpened = 0;
    QByteArray field;
    bool quoted = false;
    bool fieldWasQuoted = false;
    qsizetype i = 0;
    while (true) {
        if (i >= line.size()) {
            if (!quoted)
                break;
            // A line break inside a quoted field: the record continues on the next line.
            if (m_quoteLine == 0)
                m_quoteLine = quoteOpened;
            if (!readLine(line)) {
                m_quoteLine = 0;
                fail(quoteOpened,
                     QCoreApplication::translate("CsvReader", "a quoted field opened here is "
                                                              "never closed (the file ends at "
                                                              "line %1)")
                         .arg(m_line));
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
                fail(m_line,
                     QCoreApplication::translate("CsvReader", "a quote inside an unquoted field"));
                return false;
            }
            quoted = true;
            quoteOpened = m_line;
            fieldWasQuoted = true;
        } else if (c == ',') {
            m_record.append(QString::fromUtf8(field));
            field.clear();
            fieldWasQuoted = false;
        } else if (c == '\n' || (c == '\r' && i + 1 < line.size() && line.at(i + 1) == '\n')) {
            break;
        } else {
            if (fieldWasQuoted) {
                fail(m_line,
                     QCoreApplication::translate("CsvReader", "text after a closing quote"));
                return false;
            }
            field += c;
        }
        ++i;
    }
    m_record.append(QString::fromUtf8(field));
    if (!m_header.isEmpty() && m_record.size() != m_header.size()) {
        fail(m_recordLine,
             QCoreApplication::translate("CsvReader", "%1 fields where the header has %2")
                 .arg(m_record.size())
                 .arg(m_header.size()));
        return false;
    }
    return true;
}

Status CsvReader::readHeader(const QStringList &required)
{
    if (!next()) {
        return makeError(QStringLiteral("csv.header"),
                         m_problem.isEmpty()
                             ? QCoreApplication::translate("CsvReader", "the file is empty")
                             : error());
    }
    m_header = m_record;
    if (!m_header.isEmpty() && m_header.first().startsWith(QChar(0xFEFF)))
        m_header.first().remove(0, 1);
    // A column without a name (the row numbers a spreadsheet or R writes first) cannot be asked
    // for: a field the pack does not map looks up "" and must find nothing.
    for (int i = 0; i < m_header.size(); ++i) {
        const QString name = m_header.at(i).trimmed();
        if (!name.isEmpty())
            m_columns.insert(name, i);
    }
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
