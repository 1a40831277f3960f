#pragma once

#include <QString>

namespace civicdesk {

enum class ContactPreference
{
    Phone,
    Email,
    Mail,
    None
};

// A resident who contacted the city. Anonymous contacts have no Caller.
struct Caller
{
    QString id;
    QString name;
    QString phone; // normalised: digits with country code, e.g. +16175550100
    QString email;
    QString language = QStringLiteral("en");
    ContactPreference preference = ContactPreference::Phone;

    // "(617) 555-0100", "617.555.0100" and "+1 617 555 0100" all give "+16175550100".
    // North American numbers without a country code get +1. Returns an empty string for text
    // with too few or too many digits to be a phone number.
    static QString normalizePhone(const QString &text);
    static QString normalizeEmail(const QString &text) { return text.trimmed().toLower(); }
};

} // namespace civicdesk
