#pragma once

#include "models/domain/contact.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace civicdesk {

// A scripted caller for practice mode: who calls, what they say first, what they tell the
// trainee when asked, the open requests that exist before the call (so a duplicate can be
// found), and the outcome a good call taker reaches. The format is documented in
// resources/cities/README.md ("Practice scenarios").
struct ScenarioCaller
{
    QString name; // empty with anonymous
    bool anonymous = false;
    QString language = QStringLiteral("en");
    QString phone;

    friend bool operator==(const ScenarioCaller &a, const ScenarioCaller &b)
    {
        return a.name == b.name && a.anonymous == b.anonymous && a.language == b.language &&
               a.phone == b.phone;
    }
};

// An answer to one of the type's questions: what the caller says, and the keys or text the
// form should end up with.
struct ScenarioAnswer
{
    QString code;
    QStringList values;
    QString say;
    bool required = true; // scored (each required answer is a criterion)

    friend bool operator==(const ScenarioAnswer &a, const ScenarioAnswer &b)
    {
        return a.code == b.code && a.values == b.values && a.say == b.say &&
               a.required == b.required;
    }
};

// An open request that exists in the practice store before the call.
struct ScenarioSeed
{
    QString ref; // the scenario's name for it ("s1")
    QString serviceCode;
    QString address;
    double latitude = 0;
    double longitude = 0;
    int daysAgo = 1;
    QString description;

    friend bool operator==(const ScenarioSeed &a, const ScenarioSeed &b)
    {
        return a.ref == b.ref && a.serviceCode == b.serviceCode && a.address == b.address &&
               a.latitude == b.latitude && a.longitude == b.longitude && a.daysAgo == b.daysAgo &&
               a.description == b.description;
    }
};

struct ScenarioExpected
{
    QString serviceCode; // empty: no request type (an information question, a status call)
    QString location;    // the address or intersection the request is for
    bool outsideCity = false;
    QString referral;  // who the caller is referred to when the place is outside the city
    QString duplicate; // empty (not scored), "attach" or "create_anyway"
    QStringList articles;
    Outcome outcome = Outcome::InformationGiven;
    QString transferTo;
    QString readBack; // empty, "created" (the new number), or a seed's ref (a status call)
    // Filled from the catalogue when the scenario is checked.
    bool emergency = false;
    bool confidential = false;

    friend bool operator==(const ScenarioExpected &a, const ScenarioExpected &b)
    {
        return a.serviceCode == b.serviceCode && a.location == b.location &&
               a.outsideCity == b.outsideCity && a.referral == b.referral &&
               a.duplicate == b.duplicate && a.articles == b.articles && a.outcome == b.outcome &&
               a.transferTo == b.transferTo && a.readBack == b.readBack &&
               a.emergency == b.emergency && a.confidential == b.confidential;
    }
};

// The facts a caller gives, one kind of question each.
enum class FactKind
{
    Location, // where is it?
    Details,  // what happened?
    Caller,   // who is calling / how can we reach you?
    Question, // the type's questions, one answer per ask
    Number    // the request number (status calls)
};

struct Scenario
{
    QString id;
    QString title;
    QString language = QStringLiteral("en");
    Channel channel = Channel::Phone;
    ScenarioCaller caller;
    QString opening;
    QString location;   // said when asked where
    QString details;    // said when asked what happened
    QString callerLine; // said when asked who is calling (default: name and phone)
    QList<ScenarioAnswer> answers;
    QList<ScenarioSeed> seeds;
    // Status calls: the seed whose number the caller reads, first with one character misheard.
    QString numberSeed;
    bool misheard = false;
    ScenarioExpected expected;
    int targetSeconds = 180;
    int passMark = 80;

    const ScenarioSeed *seed(const QString &ref) const;

    friend bool operator==(const Scenario &a, const Scenario &b)
    {
        return a.id == b.id && a.title == b.title && a.language == b.language &&
               a.channel == b.channel && a.caller == b.caller && a.opening == b.opening &&
               a.location == b.location && a.details == b.details && a.callerLine == b.callerLine &&
               a.answers == b.answers && a.seeds == b.seeds && a.numberSeed == b.numberSeed &&
               a.misheard == b.misheard && a.expected == b.expected &&
               a.targetSeconds == b.targetSeconds && a.passMark == b.passMark;
    }
    friend bool operator!=(const Scenario &a, const Scenario &b) { return !(a == b); }
};

} // namespace civicdesk
