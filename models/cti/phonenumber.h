#pragma once

#include <QString>
#include <QStringList>

namespace civicdesk {

// How the city's phones number: its country code and the area code a 7-digit local number is
// dialled in (North America: country 1, Boston 617). A short code (311, 911) is kept as dialled.
struct NumberingPlan
{
    QString countryCode = QStringLiteral("1");
    QString areaCode = QStringLiteral("617");
    QString internationalPrefix = QStringLiteral("011"); // dialled before a country code

    // "+1" + "617": the default, Boston's.
    static NumberingPlan northAmerica(const QString &areaCode = QStringLiteral("617"));
    // Why `areaCode` cannot be a North American area code (3 digits, the first 2 to 9), in
    // words for the agent; "" when it can.
    static QString areaCodeProblem(const QString &areaCode);
};

// A caller's number as the phone system gave it, and what it means: both kept, since the raw
// text is what the phone system's records hold and the normalised form is what CivicDesk
// matches callers by ("(617) 555-0100", "617.555.0100", "+16175550100", "16175550100",
// "sip:+16175550100@pbx" all give +16175550100).
struct PhoneNumber
{
    enum class Kind
    {
        Number,      // a full number: `e164` holds it
        ShortCode,   // 311, 911, a 4-6 digit service code: `e164` holds the digits
        Withheld,    // the caller withheld the number ("anonymous", "private", "restricted")
        Unavailable, // no number came ("", "unknown", "unavailable")
        Invalid      // text that is not a number; `raw` keeps it
    };

    QString raw;       // exactly as received
    QString e164;      // +16175550100, or the short code's digits; "" otherwise
    QString extension; // "123" from "617-555-0100 x123"
    Kind kind = Kind::Unavailable;

    static PhoneNumber parse(const QString &raw, const NumberingPlan &plan = {});

    bool isNumber() const { return kind == Kind::Number; }
    // Withheld or unavailable: the desk never searches and says so.
    bool isAnonymous() const { return kind == Kind::Withheld || kind == Kind::Unavailable; }
    // The national form for the plan's country, "(617) 555-0100 x123"; else the E.164 form.
    QString display(const NumberingPlan &plan = {}) const;
    // The forms the same number is written in locally, for people and for matching text that
    // was stored unnormalised: E.164, national digits, national format, dotted, dashed.
    QStringList localForms(const NumberingPlan &plan = {}) const;
};

} // namespace civicdesk
