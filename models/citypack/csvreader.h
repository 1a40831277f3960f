#pragma once

#include "models/domain/result.h"

#include <QHash>
#include <QIODevice>
#include <QStringDecoder>
#include <QStringList>

namespace civicdesk {

// Streams RFC 4180 CSV from a device one record at a time (quoted fields, doubled quotes,
// line breaks inside quotes, CRLF or LF). Memory use is bounded by the longest record.
// Tracks the physical line number so errors can name the line. Text is UTF-8 unless told
// otherwise (a byte that is not UTF-8 is an error naming the line, never a silent "\uFFFD");
// the separator is a comma unless told otherwise (a semicolon, a tab, a bar).
class CsvReader
{
public:
    enum class Encoding
    {
        Utf8,
        Latin1,     // ISO-8859-1
        Windows1252 // Latin-1 with curly quotes, dashes and the euro sign in 0x80-0x9F
    };

    explicit CsvReader(QIODevice *device);

    void setDelimiter(char delimiter) { m_delimiter = delimiter; }
    void setEncoding(Encoding encoding) { m_encoding = encoding; }
    // Texts the file writes for "no value" ("NULL", "N/A"): value() gives "" for them.
    void setMissing(QStringList words) { m_missing = std::move(words); }
    // The file's own names of the columns asked for ("street_name" -> "Street Name"): the
    // header is read, and value() answers, by the names asked for.
    void setColumnNames(QHash<QString, QString> names) { m_names = std::move(names); }

    // Reads the header record and checks that `required` columns are present.
    Status readHeader(const QStringList &required);

    // Reads the next record; false at the end of input or on error (see error()).
    bool next();
    const QStringList &record() const { return m_record; }
    // The value of a named header column in the current record ("" when absent or when it is
    // one of the file's words for "no value", compared whatever their case).
    QString value(const QString &column) const;
    // The same by the column's index (column()); "" for -1.
    QString valueAt(int index) const;
    int column(const QString &name) const { return m_columns.value(name, -1); }
    // Physical line where the current record started (1-based).
    qint64 line() const { return m_recordLine; }
    bool hasError() const { return !m_problem.isEmpty(); }
    // "line N: problem", N being where the problem is (where a quote that is never closed
    // opened, not where the file ends).
    QString error() const;
    // The problem without its line, for messages that name the line themselves.
    QString problem() const { return m_problem; }
    qint64 errorLine() const { return m_errorLine; }
    qint64 bytesRead() const { return m_bytesRead; }

private:
    bool readLine(QByteArray &line);
    void fail(qint64 line, const QString &problem);
    // The field's bytes as text in the file's encoding; false when they are not UTF-8.
    bool decode(const QByteArray &field, QString &text);
    // Appends the field to the record, or fails naming the line when it is not text.
    bool appendField(const QByteArray &field);

    QIODevice *m_device;
    char m_delimiter = ',';
    Encoding m_encoding = Encoding::Utf8;
    QStringList m_missing;
    QHash<QString, QString> m_names;
    QStringDecoder m_utf8{QStringConverter::Utf8, QStringConverter::Flag::Stateless};
    QHash<QString, int> m_columns;
    QStringList m_header;
    QStringList m_record;
    qint64 m_line = 0;
    qint64 m_recordLine = 0;
    qint64 m_bytesRead = 0;
    qint64 m_quoteLine = 0; // where the last quoted field that ran past a line end opened
    QString m_problem;
    qint64 m_errorLine = 0;
};

} // namespace civicdesk
