#pragma once

#include <QList>
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
    // One address, local@domain.tld: no spaces, one '@', a dot in the domain, at most 254
    // characters.
    static bool isEmailAddress(const QString &text);
};

struct CallerProblem
{
    QString field; // name, phone or email
    QString message;
};

// The one rule for a caller's details, shared by phone intake and Open311 POST (and every
// channel to come): a phone number that normalises, an email address as isEmailAddress says,
// a name of at most 200 characters. Empty details are not problems: whether a caller must be
// reachable is the service type's rule.
QList<CallerProblem> validateCaller(const Caller &caller);

} // namespace civicdesk
