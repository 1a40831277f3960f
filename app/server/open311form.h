#pragma once

// Decoding of what Open311 clients send: the application/x-www-form-urlencoded form of a POST
// (body and query string) and the query of GET requests.json. Pure functions over bytes, so the
// fuzzers in tests/fuzz and the unit tests call exactly what the server runs.

#include <QDateTime>
#include <QHash>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>
#include <optional>
#include <variant>

namespace civicdesk::open311form {

constexpr int MaxWindowDays = 90;

// The form's fields: name -> every value given (empty values dropped: the spec treats an
// empty parameter as absent).
using Form = QHash<QString, QStringList>;

// The form's fields from the body and, as some clients send them, from the query string.
// Nothing when the body is not UTF-8 or a key or value holds text no store keeps.
std::optional<Form> parseForm(const QByteArray &body, const QUrl &url);
// The first value of a field ("" when absent).
QString one(const Form &form, const QString &name);
// A finite number, or nothing.
std::optional<double> number(const QString &text);
// attribute[code]=v and attribute[code][]=v1&attribute[code][]=v2: code -> values.
QHash<QString, QStringList> attributes(const Form &form);

// The query string as form data: '+' is a space, "%2B" a plus.
QUrlQuery query(const QUrl &url);
// Open311: "a parameter sent empty must be handled exactly as if it were absent".
QString param(const QUrlQuery &query, const QString &name);
// A W3C datetime with a time zone; an invalid QDateTime for "", nothing when unreadable.
std::optional<QDateTime> parseTime(const QString &text);

struct Window
{
    QDateTime from;
    QDateTime to;
};
// start_date/end_date: at most MaxWindowDays apart, the last MaxWindowDays before `now` by
// default; or the message saying what is wrong.
std::variant<Window, QString> window(const QUrlQuery &query, const QDateTime &now);

} // namespace civicdesk::open311form
