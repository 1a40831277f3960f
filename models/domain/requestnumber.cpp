#include "models/domain/requestnumber.h"

#include <QCoreApplication>
#include <QRandomGenerator>

namespace civicdesk {

namespace {
constexpr int Base = 31;
}

const QString &RequestNumber::alphabet()
{
    static const QString symbols = QStringLiteral("23456789ABCDEFGHJKMNPQRSTUVWXYZ");
    return symbols;
}

int RequestNumber::valueOf(QChar c)
{
    return int(alphabet().indexOf(c));
}

QChar RequestNumber::checkSymbol(const QString &payload)
{
    int sum = 0;
    for (int i = 0; i < payload.size(); ++i)
        sum = (sum + (i + 1) * valueOf(payload.at(i))) % Base;
    // Find c with sum + (n + 1) * c == 0 (mod 31); 31 is prime so exactly one c exists.
    const int weight = int(payload.size()) + 1;
    for (int c = 0; c < Base; ++c) {
        if ((sum + weight * c) % Base == 0)
            return alphabet().at(c);
    }
    Q_UNREACHABLE();
    return {};
}

bool RequestNumber::isValidDeviceCode(const QString &code)
{
    if (code.size() != DeviceLength)
        return false;
    for (QChar c : code) {
        if (valueOf(c) < 0)
            return false;
    }
    return true;
}

QString RequestNumber::randomDeviceCode()
{
    QString code;
    for (int i = 0; i < DeviceLength; ++i)
        code += alphabet().at(int(QRandomGenerator::system()->bounded(Base)));
    return code;
}

Result<RequestNumber> RequestNumber::make(const QString &deviceCode, qint64 sequence)
{
    if (!isValidDeviceCode(deviceCode)) {
        return makeError(QStringLiteral("request_number.device"),
                         QCoreApplication::translate("RequestNumber",
                                                     "Device code \"%1\" is not five symbols from "
                                                     "the request-number alphabet.")
                             .arg(deviceCode));
    }
    if (sequence < 0 || sequence > MaxSequence) {
        return makeError(
            QStringLiteral("request_number.sequence"),
            QCoreApplication::translate("RequestNumber", "Sequence %1 is outside 0 to %2.")
                .arg(sequence)
                .arg(MaxSequence));
    }
    QString payload = deviceCode;
    QString seq(SequenceLength, alphabet().at(0));
    qint64 rest = sequence;
    for (int i = SequenceLength - 1; i >= 0; --i) {
        seq[i] = alphabet().at(int(rest % Base));
        rest /= Base;
    }
    payload += seq;
    return RequestNumber(payload + checkSymbol(payload));
}

Result<RequestNumber> RequestNumber::parse(const QString &text)
{
    QString symbols;
    for (QChar c : text) {
        if (c.isSpace() || c == u'-')
            continue;
        const QChar upper = c.toUpper();
        if (valueOf(upper) < 0) {
            if (upper == u'0' || upper == u'O' || upper == u'1' || upper == u'I' || upper == u'L') {
                return makeError(QStringLiteral("request_number.confusable"),
                                 QCoreApplication::translate(
                                     "RequestNumber", "\"%1\" is never used in request numbers (no "
                                                      "0, O, 1, I or L). Ask the caller to read "
                                                      "the number again.")
                                     .arg(c));
            }
            return makeError(QStringLiteral("request_number.symbol"),
                             QCoreApplication::translate(
                                 "RequestNumber", "\"%1\" cannot appear in a request number.")
                                 .arg(c));
        }
        symbols += upper;
    }
    if (symbols.size() != Length) {
        return makeError(QStringLiteral("request_number.length"),
                         QCoreApplication::translate("RequestNumber",
                                                     "A request number has %1 characters; "
                                                     "this one has %2.")
                             .arg(Length)
                             .arg(symbols.size()));
    }
    if (checkSymbol(symbols.left(Length - 1)) != symbols.back()) {
        return makeError(QStringLiteral("request_number.check"),
                         QCoreApplication::translate("RequestNumber",
                                                     "%1 is not a valid request number: a "
                                                     "character was misheard or two were "
                                                     "swapped. Ask the caller to read it again.")
                             .arg(text.trimmed()));
    }
    return RequestNumber(symbols);
}

QString RequestNumber::published(const QString &stored)
{
    if (stored.size() != Length)
        return stored;
    const auto number = parse(stored);
    return number ? number.value().display() : stored;
}

QString RequestNumber::display() const
{
    return m_symbols.left(DeviceLength) + u'-' + m_symbols.mid(DeviceLength);
}

qint64 RequestNumber::sequence() const
{
    qint64 value = 0;
    for (QChar c : m_symbols.mid(DeviceLength, SequenceLength))
        value = value * Base + valueOf(c);
    return value;
}

} // namespace civicdesk
