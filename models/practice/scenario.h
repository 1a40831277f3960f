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
};

// An answer to one of the type's questions: what the caller says, and the keys or text the
// form should end up with.
struct ScenarioAnswer
{
    QString code;
    QStringList values;
    QString say;
    bool required = true; // scored (each required answer is a criterion)
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
};

} // namespace civicdesk
