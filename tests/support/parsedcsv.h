#pragma once

// A CSV export read back with the city pack's own RFC 4180 reader, for the tests of the
// supervisor's exports (link civicdesk_citypack).

#include "models/citypack/csvreader.h"

#include <QBuffer>
#include <QList>
#include <QStringList>

namespace civicdesk::test {

struct ParsedCsv
{
    QStringList header;
    QList<QStringList> rows;

    // The field of `row` under the header's `name` ("" when there is no such column).
    QString column(int row, const QString &name) const
    {
        return rows.at(row).value(int(header.indexOf(name)));
    }
};

inline ParsedCsv parseCsv(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    ParsedCsv p;
    // The header first: every row after it must have as many fields.
    if (!reader.readHeader({}).ok())
        return p;
    p.header = reader.record();
    while (reader.next())
        p.rows.append(reader.record());
    if (reader.hasError())
        qWarning("csv: %s", qPrintable(reader.error()));
    return p;
}

} // namespace civicdesk::test
