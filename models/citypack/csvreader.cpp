#include "models/citypack/csvreader.h"

#include <QCoreApplication>
#include <algorithm>
#include <cstring>

namespace civicdesk {

CsvReader::CsvReader(QIODevice *device) : m_device(device) {}

namespace {

// Windows-1252's characters in 0x80-0x9F (0 where the code page has none).
constexpr char16_t kWindows1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

} // namespace

bool CsvReader::decode(const QByteArray &field, QString &text)
{
    switch (m_encoding) {
    case Encoding::Latin1:
        text = QString::fromLatin1(field);
        return true;
    case Encoding::Windows1252:
        text = QString::fromLatin1(field);
        for (QChar &c : text) {
            if (c.unicode() >= 0x80 && c.unicode() < 0xA0 && kWindows1252[c.unicode() - 0x80])
                c = QChar(kWindows1252[c.unicode() - 0x80]);
        }
        return true;
    case Encoding::Utf8:
        break;
    }
    text = m_utf8.decode(field);
    if (!m_utf8.hasError())
        return true;
    m_utf8.resetState();
    return false;
}

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

bool CsvReader::appendField(const QByteArray &field)
{
    QString text;
    if (decode(field, text)) {
        m_record.append(text);
        return true;
    }
    const auto bad = std::find_if(field.cbegin(), field.cend(),
                                  [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    fail(m_line,
         QCoreApplication::translate("CsvReader",
                                     "field %1 is not UTF-8 text (byte 0x%2 in \"%3\"); if the "
                                     "file is Latin-1 or Windows-1252, say so with \"encoding\"")
             .arg(m_record.size() + 1)
             .arg(bad == field.cend() ? 0 : static_cast<unsigned char>(*bad), 2, 16, QChar(u'0'))
             .arg(QString::fromLatin1(field).left(40)));
    return false;
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
        const char *data = line.constData();
        if (quoted) {
            // Up to the next quote in one piece: a doubled quote is one quote, a single one
            // closes the field.
            const auto *quote =
                static_cast<const char *>(std::memchr(data + i, '"', size_t(line.size() - i)));
            const qsizetype at = quote ? qsizetype(quote - data) : line.size();
            field.append(data + i, at - i);
            i = at;
            if (!quote)
                continue;
            if (i + 1 < line.size() && data[i + 1] == '"') {
                field += '"';
                i += 2;
                continue;
            }
            quoted = false;
            ++i;
            continue;
        }
        // The bytes up to the next quote, separator or line end, in one piece (a NUL byte is
        // one of them: the line's own end is where strcspn() stops for good).
        const char stops[] = {'"', m_delimiter, '\n', '\r', '\0'};
        qsizetype end = i;
        while (true) {
            end += qsizetype(std::strcspn(data + end, stops));
            if (end >= line.size() || data[end] != '\0')
                break;
            ++end;
        }
        if (end > i) {
            if (fieldWasQuoted) {
                fail(m_line,
                     QCoreApplication::translate("CsvReader", "text after a closing quote"));
                return false;
            }
            field.append(data + i, end - i);
            i = end;
            continue;
        }
        const char c = data[i];
        if (c == '"') {
            if (!field.isEmpty()) {
                fail(m_line,
                     QCoreApplication::translate("CsvReader", "a quote inside an unquoted field"));
                return false;
            }
            quoted = true;
            quoteOpened = m_line;
            fieldWasQuoted = true;
        } else if (c == m_delimiter) {
            if (!appendField(field))
                return false;
            field.clear();
            fieldWasQuoted = false;
        } else if (c == '\n' || (c == '\r' && i + 1 < line.size() && data[i + 1] == '\n')) {
            break;
        } else {
            // A carriage return alone is text.
            if (fieldWasQuoted) {
                fail(m_line,
                     QCoreApplication::translate("CsvReader", "text after a closing quote"));
                return false;
            }
            field += c;
        }
        ++i;
    }
    if (!appendField(field))
        return false;
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
    for (auto it = m_names.cbegin(); it != m_names.cend(); ++it) {
        if (m_columns.contains(it.value()))
            m_columns.insert(it.key(), m_columns.value(it.value()));
    }
    QStringList missing;
    for (const QString &name : required) {
        if (!m_columns.contains(name))
            missing.append(m_names.contains(name)
                               ? QStringLiteral("%1 (%2)").arg(m_names.value(name), name)
                               : name);
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
    return valueAt(m_columns.value(column, -1));
}

QString CsvReader::valueAt(int index) const
{
    if (index < 0 || index >= m_record.size())
        return {};
    const QString &text = m_record.at(index);
    if (m_missing.isEmpty())
        return text;
    const QStringView trimmed = QStringView(text).trimmed();
    for (const QString &word : m_missing) {
        if (trimmed.compare(word, Qt::CaseInsensitive) == 0)
            return {};
    }
    return text;
}

} // namespace civicdesk
