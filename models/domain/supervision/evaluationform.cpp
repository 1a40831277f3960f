#include "models/domain/supervision/evaluationform.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(EvaluationForm)
};

Error formError(const QString &message)
{
    return makeError(QStringLiteral("review.form"), message);
}

Error answerError(const QString &message)
{
    return makeError(QStringLiteral("review.answers"), message);
}

QString kindName(FormQuestion::Kind kind)
{
    return kind == FormQuestion::Kind::YesNo ? QStringLiteral("yes_no") : QStringLiteral("scale");
}

Status validateQuestion(const FormQuestion &q, const QHash<QString, FormQuestion> &earlier)
{
    if (q.text.trimmed().isEmpty() || q.text.size() > EvaluationForm::MaxTextLength)
        return formError(Text::tr("Question %1 needs a text of 1 to %2 characters.")
                             .arg(q.id)
                             .arg(EvaluationForm::MaxTextLength));
    if (q.kind == FormQuestion::Kind::Scale && (q.scaleMax < 2 || q.scaleMax > 10))
        return formError(
            Text::tr("Question %1 (\"%2\"): a scale runs from 1 to 2..10.").arg(q.id, q.text));
    if (q.critical && q.kind != FormQuestion::Kind::YesNo)
        return formError(Text::tr("Question %1 (\"%2\"): only a yes/no question can be critical.")
                             .arg(q.id, q.text));
    if (q.commentBelow < 0 || q.commentBelow > q.maxValue())
        return formError(Text::tr("Question %1 (\"%2\"): the comment threshold must be 0 to %3.")
                             .arg(q.id, q.text)
                             .arg(q.maxValue()));
    if (!q.showIf.isEmpty()) {
        const auto target = earlier.constFind(q.showIf);
        if (target == earlier.cend())
            return formError(Text::tr("Question %1 (\"%2\") depends on %3, which is not an "
                                      "earlier question of the form.")
                                 .arg(q.id, q.text, q.showIf));
        if (q.showIfValue < target->minValue() || q.showIfValue > target->maxValue())
            return formError(
                Text::tr("Question %1 (\"%2\") depends on an answer %3 that question %4 cannot "
                         "have.")
                    .arg(q.id, q.text)
                    .arg(q.showIfValue)
                    .arg(q.showIf));
    }
    return Ok{};
}

} // namespace

double FormQuestion::points(int value) const
{
    if (kind == Kind::YesNo)
        return value > 0 ? 1.0 : 0.0;
    return scaleMax > 1 ? double(value - 1) / double(scaleMax - 1) : 0.0;
}

Status EvaluationForm::validate() const
{
    if (id.trimmed().isEmpty() || id.size() > 64)
        return formError(Text::tr("A form needs an id of 1 to 64 characters."));
    if (version < 1)
        return formError(Text::tr("A form's version is a whole number from 1."));
    if (title.trimmed().isEmpty() || title.size() > MaxTextLength)
        return formError(
            Text::tr("A form needs a title of 1 to %1 characters.").arg(MaxTextLength));
    if (sections.isEmpty())
        return formError(Text::tr("A form needs at least one section."));
    if (commentBelowScore < 0 || commentBelowScore > 100)
        return formError(Text::tr("The overall comment threshold is a score from 0 to 100."));
    QSet<QString> sectionIds;
    QHash<QString, FormQuestion> earlier;
    for (const FormSection &s : sections) {
        if (s.id.trimmed().isEmpty() || sectionIds.contains(s.id))
            return formError(
                Text::tr("Every section needs its own id (\"%1\" is empty or used twice).")
                    .arg(s.id));
        sectionIds.insert(s.id);
        if (s.title.trimmed().isEmpty() || s.title.size() > MaxTextLength)
            return formError(Text::tr("Section %1 needs a title.").arg(s.id));
        if (!(s.weight > 0) || s.weight > 100)
            return formError(
                Text::tr("Section %1 (\"%2\"): the weight must be above 0 and at most 100.")
                    .arg(s.id, s.title));
        if (s.questions.isEmpty())
            return formError(Text::tr("Section %1 (\"%2\") has no questions.").arg(s.id, s.title));
        for (const FormQuestion &q : s.questions) {
            if (q.id.trimmed().isEmpty() || earlier.contains(q.id))
                return formError(
                    Text::tr("Every question needs its own id (\"%1\" is empty or used twice).")
                        .arg(q.id));
            if (auto v = validateQuestion(q, earlier); !v)
                return v;
            earlier.insert(q.id, q);
        }
    }
    return Ok{};
}

const FormQuestion *EvaluationForm::question(const QString &questionId) const
{
    for (const FormSection &s : sections) {
        for (const FormQuestion &q : s.questions) {
            if (q.id == questionId)
                return &q;
        }
    }
    return nullptr;
}

QList<FormQuestion> EvaluationForm::questions() const
{
    QList<FormQuestion> all;
    for (const FormSection &s : sections)
        all += s.questions;
    return all;
}

QJsonObject EvaluationForm::toJson() const
{
    QJsonArray sectionArray;
    for (const FormSection &s : sections) {
        QJsonArray questionArray;
        for (const FormQuestion &q : s.questions) {
            QJsonObject o{{QStringLiteral("id"), q.id},
                          {QStringLiteral("text"), q.text},
                          {QStringLiteral("kind"), kindName(q.kind)}};
            if (q.kind == FormQuestion::Kind::Scale)
                o.insert(QStringLiteral("scale_max"), q.scaleMax);
            if (q.allowNotApplicable)
                o.insert(QStringLiteral("na"), true);
            if (q.critical)
                o.insert(QStringLiteral("critical"), true);
            if (q.commentBelow > 0)
                o.insert(QStringLiteral("comment_below"), q.commentBelow);
            if (!q.showIf.isEmpty())
                o.insert(QStringLiteral("show_if"),
                         QJsonObject{{QStringLiteral("question"), q.showIf},
                                     {QStringLiteral("value"), q.showIfValue}});
            questionArray.append(o);
        }
        sectionArray.append(QJsonObject{{QStringLiteral("id"), s.id},
                                        {QStringLiteral("title"), s.title},
                                        {QStringLiteral("weight"), s.weight},
                                        {QStringLiteral("questions"), questionArray}});
    }
    QJsonObject form{{QStringLiteral("id"), id},
                     {QStringLiteral("version"), version},
                     {QStringLiteral("title"), title},
                     {QStringLiteral("sections"), sectionArray}};
    if (commentBelowScore > 0)
        form.insert(QStringLiteral("comment_below_score"), commentBelowScore);
    return form;
}

Result<EvaluationForm> EvaluationForm::fromJson(const QJsonObject &json)
{
    EvaluationForm form;
    form.id = json.value(u"id").toString();
    form.version = json.value(u"version").toInt();
    form.title = json.value(u"title").toString();
    form.commentBelowScore = json.value(u"comment_below_score").toDouble();
    if (!json.value(u"sections").isArray())
        return formError(Text::tr("A form lists its sections."));
    for (const QJsonValue &sv : json.value(u"sections").toArray()) {
        const QJsonObject so = sv.toObject();
        FormSection section;
        section.id = so.value(u"id").toString();
        section.title = so.value(u"title").toString();
        section.weight = so.value(u"weight").toDouble(0);
        for (const QJsonValue &qv : so.value(u"questions").toArray()) {
            const QJsonObject qo = qv.toObject();
            FormQuestion q;
            q.id = qo.value(u"id").toString();
            q.text = qo.value(u"text").toString();
            const QString kind = qo.value(u"kind").toString();
            if (kind == u"scale")
                q.kind = FormQuestion::Kind::Scale;
            else if (kind != u"yes_no")
                return formError(Text::tr("Question %1: the kind is yes_no or scale, not \"%2\".")
                                     .arg(q.id, kind));
            q.scaleMax = qo.value(u"scale_max").toInt();
            q.allowNotApplicable = qo.value(u"na").toBool();
            q.critical = qo.value(u"critical").toBool();
            q.commentBelow = qo.value(u"comment_below").toInt();
            const QJsonObject condition = qo.value(u"show_if").toObject();
            q.showIf = condition.value(u"question").toString();
            q.showIfValue = condition.value(u"value").toInt();
            section.questions.append(q);
        }
        form.sections.append(section);
    }
    if (auto v = form.validate(); !v)
        return v.error();
    return form;
}

QJsonObject reviewAnswersToJson(const ReviewAnswers &answers)
{
    QJsonObject json;
    for (auto it = answers.cbegin(); it != answers.cend(); ++it) {
        QJsonObject a{{QStringLiteral("value"), it->value ? QJsonValue(*it->value) : QJsonValue()}};
        if (!it->comment.isEmpty())
            a.insert(QStringLiteral("comment"), it->comment);
        json.insert(it.key(), a);
    }
    return json;
}

Result<ReviewAnswers> reviewAnswersFromJson(const QJsonObject &json)
{
    ReviewAnswers answers;
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        const QJsonObject a = it.value().toObject();
        const QJsonValue value = a.value(u"value");
        if (!it.value().isObject() || (!value.isNull() && !value.isDouble()) ||
            (value.isDouble() && value.toDouble() != double(value.toInt())))
            return answerError(
                Text::tr("The answer to %1 is a whole number, or null for N/A.").arg(it.key()));
        ReviewAnswer answer;
        if (value.isDouble())
            answer.value = value.toInt();
        answer.comment = a.value(u"comment").toString();
        answers.insert(it.key(), answer);
    }
    return answers;
}

bool isAsked(const EvaluationForm &form, const FormQuestion &question, const ReviewAnswers &answers)
{
    if (question.showIf.isEmpty())
        return true;
    const FormQuestion *target = form.question(question.showIf);
    if (!target || !isAsked(form, *target, answers))
        return false;
    const auto answer = answers.constFind(question.showIf);
    return answer != answers.cend() && answer->value && *answer->value == question.showIfValue;
}

Result<EvaluationScore> scoreEvaluation(const EvaluationForm &form, const ReviewAnswers &answers,
                                        const QString &comment)
{
    for (auto it = answers.cbegin(); it != answers.cend(); ++it) {
        if (!form.question(it.key()))
            return answerError(Text::tr("The form %1 (version %2) has no question %3.")
                                   .arg(form.id)
                                   .arg(form.version)
                                   .arg(it.key()));
        if (it->comment.size() > EvaluationForm::MaxTextLength * 4)
            return answerError(Text::tr("The comment on %1 is longer than %2 characters.")
                                   .arg(it.key())
                                   .arg(EvaluationForm::MaxTextLength * 4));
    }
    EvaluationScore score;
    for (const FormSection &s : form.sections) {
        SectionScore section{s.id, s.weight, 0, 0};
        for (const FormQuestion &q : s.questions) {
            const auto answer = answers.constFind(q.id);
            const bool asked = isAsked(form, q, answers);
            if (!asked) {
                if (answer != answers.cend())
                    return answerError(
                        Text::tr("\"%1\" is asked only when %2 is answered %3: leave it "
                                 "unanswered.")
                            .arg(q.text, q.showIf)
                            .arg(q.showIfValue));
                continue;
            }
            if (answer == answers.cend())
                return answerError(Text::tr("Answer \"%1\".").arg(q.text));
            if (!answer->value) {
                if (!q.allowNotApplicable)
                    return answerError(Text::tr("\"%1\" cannot be N/A.").arg(q.text));
                continue; // N/A: out of the denominator
            }
            const int value = *answer->value;
            if (value < q.minValue() || value > q.maxValue())
                return answerError(
                    q.kind == FormQuestion::Kind::YesNo
                        ? Text::tr("\"%1\" is answered yes or no.").arg(q.text)
                        : Text::tr("\"%1\" is answered from 1 to %2.").arg(q.text).arg(q.scaleMax));
            if (value < q.commentBelow && answer->comment.trimmed().isEmpty())
                return answerError(Text::tr("\"%1\" needs a comment saying why it scored below %2.")
                                       .arg(q.text)
                                       .arg(q.commentBelow));
            if (q.critical && value == 0)
                score.criticalFailed.append(q.id);
            section.points += q.points(value);
            section.possible += 1;
        }
        score.sections.append(section);
    }
    double weighted = 0;
    double weights = 0;
    for (const SectionScore &s : score.sections) {
        if (!s.counted())
            continue;
        weighted += s.weight * s.percent();
        weights += s.weight;
    }
    if (weights <= 0)
        return answerError(Text::tr("Every question is N/A: there is nothing to score."));
    score.weightedPercent = weighted / weights;
    score.percent = score.failed() ? 0.0 : score.weightedPercent;
    if (comment.size() > EvaluationForm::MaxTextLength * 4)
        return answerError(Text::tr("The overall comment is longer than %1 characters.")
                               .arg(EvaluationForm::MaxTextLength * 4));
    if (score.percent < form.commentBelowScore && comment.trimmed().isEmpty())
        return answerError(Text::tr("A score below %1 needs an overall comment for the agent.")
                               .arg(form.commentBelowScore));
    return score;
}

} // namespace civicdesk
