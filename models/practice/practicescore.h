#pragma once

#include "models/domain/intakestep.h"
#include "models/practice/scenarios/scenario.h"

#include <QHash>
#include <functional>

namespace civicdesk {

// One line of a practice result: what the scenario expected beside what the trainee did.
struct ScoreCriterion
{
    QString id; // type, location, answer:CODE, duplicate, articles, outcome, read_back, time
    QString title;
    QString expected;
    QString done;
    double points = 0;
    double maxPoints = 0;
    bool met() const { return points + 1e-9 >= maxPoints; }
};

// A failure that fails the run whatever the points.
struct CriticalFailure
{
    QString id; // emergency_not_transferred, caller_data_taken, request_outside_city
    QString message;
};

struct PracticeResult
{
    QList<ScoreCriterion> criteria;
    QList<CriticalFailure> critical;
    int score = 0; // 0..100: points earned of the points that apply
    int passMark = 80;
    qint64 seconds = 0;
    bool passed() const { return critical.isEmpty() && score >= passMark; }
};

// Scores a practice run from its recorded intake steps against the scenario's expected
// outcome. Points per criterion: type 20, location 15, the required answers 20 (shared),
// duplicate decision 10, articles 10, outcome 10, read-back 10, time 5; a criterion the
// scenario does not ask for is left out and the score is the share of the points that apply.
// Critical failures (an emergency not transferred to its target, caller details taken on a
// confidential type, a request taken for a place outside the city) fail the run.
class PracticeScorer
{
public:
    // `articleGroup`: an article id's translation group (an article counts in any language);
    // `seedNumbers`: the numbers the practice store gave the scenario's seeded requests.
    PracticeScorer(std::function<QString(const QString &)> articleGroup = {},
                   QHash<QString, QString> seedNumbers = {});

    PracticeResult score(const Scenario &scenario, const QList<IntakeStep> &steps) const;

    static constexpr int TypePoints = 20;
    static constexpr int LocationPoints = 15;
    static constexpr int AnswerPoints = 20;
    static constexpr int DuplicatePoints = 10;
    static constexpr int ArticlePoints = 10;
    static constexpr int OutcomePoints = 10;
    static constexpr int ReadBackPoints = 10;
    static constexpr int TimePoints = 5;

private:
    std::function<QString(const QString &)> m_articleGroup;
    QHash<QString, QString> m_seedNumbers;
};

// The same text for a place however it was typed: "1 City Hall Plz, 02108" and
// "1 city hall plz" compare equal up to the ZIP code.
QString normalizedPlace(const QString &text);

} // namespace civicdesk
