#pragma once

#include "models/domain/result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace civicdesk {

// A quality-review evaluation form and how an evaluation on it is scored. Rules, not storage:
// the supervisor's services check them before writing, and both stores check them again on
// every review event (models/domain/supervision/reviewevent.h), so a bad form or evaluation is
// refused with a clear message wherever it is written.
//
//   - A form has an id and a version; publishing the same id again is a new version, and an
//     evaluation carries the version it was scored on.
//   - Sections have weights. A yes/no question scores 1 for yes and 0 for no; a scale question
//     (1..scaleMax) scores (answer - 1) / (scaleMax - 1).
//   - N/A (where the question allows it) leaves the question out of its section's denominator;
//     a section with nothing counted leaves the weighted total's denominator too.
//   - Section % = 100 x points / counted questions; score = sum(weight x section %) / sum(weight)
//     over the sections that count.
//   - A critical question (yes/no only) answered "no" fails the whole evaluation: score 0.
//   - A question may require a comment when its answer is below a threshold; the form may
//     require an overall comment when the score is below a threshold.
//   - A conditional question is asked only when an earlier question was answered with a given
//     value; it is then answered like any other, and never answered otherwise.
struct FormQuestion
{
    enum class Kind
    {
        YesNo,
        Scale
    };

    QString id = QString();
    QString text = QString();
    Kind kind = Kind::YesNo;
    int scaleMax = 0; // a scale question is answered 1..scaleMax (2 to 10)
    bool allowNotApplicable = false;
    bool critical = false;      // yes/no only: "no" fails the whole evaluation
    int commentBelow = 0;       // an answer below this needs a comment (yes = 1, no = 0; 0: never)
    QString showIf = QString(); // conditional: asked only when this earlier question...
    int showIfValue = 0;        // ...was answered with this value

    int minValue() const { return kind == Kind::YesNo ? 0 : 1; }
    int maxValue() const { return kind == Kind::YesNo ? 1 : scaleMax; }
    // The share of the question's point an answer earns, 0 to 1.
    double points(int value) const;
};

struct FormSection
{
    QString id = QString();
    QString title = QString();
    double weight = 1.0;
    QList<FormQuestion> questions = {};
};

struct EvaluationForm
{
    static constexpr int MaxTextLength = 500;

    QString id = QString();
    int version = 0;
    QString title = QString();
    QList<FormSection> sections = {};
    double commentBelowScore = 0; // a score below this needs an overall comment (0: never)

    // Refuses a form that cannot be scored, naming the section or question at fault.
    Status validate() const;
    const FormQuestion *question(const QString &questionId) const;
    QList<FormQuestion> questions() const; // in form order
    QJsonObject toJson() const;
    // Reads and validates.
    static Result<EvaluationForm> fromJson(const QJsonObject &json);
};

// One answer: a value, or N/A (no value). The comment is the reviewer's reason.
struct ReviewAnswer
{
    std::optional<int> value = std::nullopt;
    QString comment = QString();
};
using ReviewAnswers = QMap<QString, ReviewAnswer>; // question id -> answer

QJsonObject reviewAnswersToJson(const ReviewAnswers &answers);
Result<ReviewAnswers> reviewAnswersFromJson(const QJsonObject &json);

struct SectionScore
{
    QString sectionId = QString();
    double weight = 0;
    double points = 0;   // earned, over the counted questions
    double possible = 0; // questions counted (answered, not N/A)

    bool counted() const { return possible > 0; }
    double percent() const { return counted() ? 100.0 * points / possible : 0.0; }
};

struct EvaluationScore
{
    double percent = 0;              // 0 to 100; 0 when a critical question failed
    double weightedPercent = 0;      // the weighted score before critical items are applied
    QStringList criticalFailed = {}; // ids of critical questions answered "no"
    QList<SectionScore> sections = {};

    bool failed() const { return !criticalFailed.isEmpty(); }
};

// Whether `question` is asked, given the answers so far (its condition, and its condition's).
bool isAsked(const EvaluationForm &form, const FormQuestion &question,
             const ReviewAnswers &answers);

// Scores a complete evaluation, or says what is missing or wrong (an unanswered question, N/A
// where the form does not allow it, a value out of range, a missing comment, an answer to a
// question that is not asked).
Result<EvaluationScore> scoreEvaluation(const EvaluationForm &form, const ReviewAnswers &answers,
                                        const QString &comment = QString());

} // namespace civicdesk
