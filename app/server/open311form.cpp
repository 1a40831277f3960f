#include "app/server/open311form.h"

#include "models/domain/text/storabletext.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringDecoder>
#include <cmath>

namespace civicdesk::open311form {

namespace {

// The same translation context as the handlers that answer with these messages.
class ApiText
{
    Q_DECLARE_TR_FUNCTIONS(Open311Api)
};

// One name or value of the form: '+' is a space, then the percent-encoded bytes are decoded as
// strict UTF-8. (QUrlQuery's decoding put U+FFFD in place of a percent-encoded U+FFFE, U+FFFF or
// invalid UTF-8 such as a lone surrogate, so such text was stored changed instead of refused.)
std::optional<QString> decodeFormText(QStringView encoded)
{
    QByteArray bytes = encoded.toUtf8();
    bytes.replace('+', ' ');
    auto decoder = QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(QByteArray::fromPercentEncoding(bytes));
    // Text the store could not keep exactly (NUL, lone surrogates...): refused whole.
    if (decoder.hasError() || unstorableText(text))
        return std::nullopt;
    return text;
}

// application/x-www-form-urlencoded text (a body or a query string): '+' is a space, "%2B" a plus.
bool addFormFields(const QString &encoded, Form &form)
{
    for (const QStringView field : QStringView(encoded).split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype equals = field.indexOf(u'=');
        const auto key = decodeFormText(field.left(equals < 0 ? field.size() : equals));
        const auto value = decodeFormText(equals < 0 ? QStringView() : field.mid(equals + 1));
        if (!key || !value)
            return false;
        if (!value->trimmed().isEmpty())
            form[*key].append(value->trimmed());
    }
    return true;
}

} // namespace

std::optional<Form> parseForm(const QByteArray &body, const QUrl &url)
{
    auto decoder = QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(body);
    if (decoder.hasError())
        return std::nullopt;
    Form form;
    if (!addFormFields(url.query(QUrl::FullyEncoded), form) || !addFormFields(text, form))
        return std::nullopt;
    return form;
}

QString one(const Form &form, const QString &name)
{
    return form.value(name).value(0);
}

std::optional<double> number(const QString &text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok && std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

QHash<QString, QStringList> attributes(const Form &form)
{
    static const QRegularExpression attributeKey(
        QStringLiteral("^attribute\\[([^\\]]+)\\](\\[\\])?$"));
    QHash<QString, QStringList> answers;
    for (auto it = form.cbegin(); it != form.cend(); ++it) {
        const auto match = attributeKey.match(it.key());
        if (match.hasMatch())
            answers[match.captured(1)].append(it.value());
    }
    return answers;
}

QUrlQuery query(const QUrl &url)
{
    QString encoded = url.query(QUrl::FullyEncoded);
    encoded.replace(u'+', QStringLiteral("%20"));
    return QUrlQuery(encoded);
}

QString param(const QUrlQuery &query, const QString &name)
{
    return query.queryItemValue(name, QUrl::FullyDecoded).trimmed();
}

std::optional<QDateTime> parseTime(const QString &text)
{
    if (text.isEmpty())
        return QDateTime();
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    // A client that did not encode the offset's '+' ("...T00:00:00+01:00") sent a space.
    if (!t.isValid() && text.contains(u' '))
        t = QDateTime::fromString(QString(text).replace(u' ', u'+'), Qt::ISODateWithMs);
    // The spec's datetimes carry a time zone; a bare local time would be ambiguous.
    if (!t.isValid() || t.timeSpec() == Qt::LocalTime)
        return std::nullopt;
    return t;
}

std::variant<Window, QString> window(const QUrlQuery &query, const QDateTime &now)
{
    const auto start = parseTime(param(query, QStringLiteral("start_date")));
    const auto end = parseTime(param(query, QStringLiteral("end_date")));
    if (!start || !end)
        return ApiText::tr("start_date and end_date must be W3C datetimes with a time zone, e.g. "
                           "2015-06-01T00:00:00Z.");
    QDateTime to = end->isValid() ? *end : now;
    QDateTime from = start->isValid() ? *start : to.addDays(-MaxWindowDays);
    if (!end->isValid() && start->isValid())
        to = from.addDays(MaxWindowDays);
    if (from > to)
        return ApiText::tr("start_date is after end_date.");
    if (from.addDays(MaxWindowDays) < to)
        return ApiText::tr("start_date and end_date may be at most %1 days apart.")
            .arg(MaxWindowDays);
    return Window{from, to};
}

} // namespace civicdesk::open311form
