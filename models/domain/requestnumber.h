#pragma once

#include "models/domain/result.h"

#include <QString>

namespace civicdesk {

// Request numbers are made on the workstation, unique city-wide without a server round-trip,
// short, and safe to read aloud over the phone.
//
// Format: DDDDD-SSSSC (10 symbols, shown in two groups of five).
//   D: the workstation's 5-symbol device code (31^5 = 28.6 million codes),
//   S: the device's 4-symbol sequence (31^4 = 923,521 numbers per device code),
//   C: a check symbol.
// The alphabet has 31 symbols: digits 2-9 and letters without I, L, O (so no 0/O or 1/I/L
// confusion). 31 is prime and the check symbol makes the weighted sum
//   sum((i + 1) * value(symbol_i)) over all 10 symbols
// divisible by 31, so every single-symbol substitution and every adjacent transposition changes
// the sum by a non-zero amount modulo 31 and is detected.
class RequestNumber
{
public:
    static constexpr int DeviceLength = 5;
    static constexpr int SequenceLength = 4;
    static constexpr int Length = DeviceLength + SequenceLength + 1;
    static constexpr qint64 MaxSequence = 31LL * 31 * 31 * 31 - 1;

    static const QString &alphabet();

    // Composes the number for a device code and sequence. Fails if the device code is not 5
    // alphabet symbols or the sequence is out of range.
    static Result<RequestNumber> make(const QString &deviceCode, qint64 sequence);

    // Parses what an agent typed or heard: case-insensitive, spaces and hyphens ignored. Says
    // precisely what is wrong (length, a symbol never used, or a failed check).
    static Result<RequestNumber> parse(const QString &text);

    // A fresh random device code (5 alphabet symbols).
    static QString randomDeviceCode();
    static bool isValidDeviceCode(const QString &code);
    // A stored number as the city publishes it, the one form shown everywhere: a workstation
    // number in its two groups (K7QMX-2A4FC); anything else (a city's case id) as stored.
    static QString published(const QString &stored);

    QString compact() const { return m_symbols; }
    QString display() const; // DDDDD-SSSSC
    QString deviceCode() const { return m_symbols.left(DeviceLength); }
    qint64 sequence() const;

    friend bool operator==(const RequestNumber &, const RequestNumber &) = default;

private:
    explicit RequestNumber(QString symbols) : m_symbols(std::move(symbols)) {}
    static int valueOf(QChar c);
    static QChar checkSymbol(const QString &payload);

    QString m_symbols;
};

} // namespace civicdesk
