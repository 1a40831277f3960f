#pragma once

#include "models/domain/result.h"

#include <QStringList>

class QIODevice;

namespace civicdesk {

// Comma-separated values as RFC 4180 writes them: UTF-8, a header line, CRLF after every line,
// a field in double quotes when it holds a comma, a quote, a CR or a LF (a quote doubled
// inside), every other field as it is.
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice &out);

    static QString field(const QString &value);
    static QString line(const QStringList &fields);

    Status writeLine(const QStringList &fields);

private:
    QIODevice &m_out;
};

} // namespace civicdesk
