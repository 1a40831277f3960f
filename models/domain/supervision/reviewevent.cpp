#include "models/domain/supervision/reviewevent.h"

#include "models/domain/supervision/evaluationform.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <cmath>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(ReviewEvent)
};

std::optional<review::Problem> problem(const QString &field, const QString &message)
{
    return review::Problem{field, message};
}

std::optional<review::Problem> checkScore(const QJsonValue &score)
{
    if (!score.isDouble() || score.toDouble() < 0 || score.toDouble() > 100)
        return problem(QStringLiteral("payload.score"),
                       Text::tr("The score is a number from 0 to 100."));
    return std::nullopt;
}

std::optional<review::Problem> checkText(const Event &e, const char16_t *key, bool required)
{
    const QString text = e.payload.value(QStringView(key)).toString();
    if (required && text.trimmed().isEmpty())
        return problem(u"payload." + QString::fromUtf16(key),
                       Text::tr("Write the %1: it is required.").arg(QString::fromUtf16(key)));
    if (text.size() > review::MaxTextLength)
        return problem(u"payload." + QString::fromUtf16(key),
                       Text::tr("The %1 is longer than %2 characters.")
                           .arg(QString::fromUtf16(key))
                           .arg(review::MaxTextLength));
    return std::nullopt;
}

std::optional<review::Problem> checkEvaluation(const Event &e)
{
    if (e.payload.value(u"contact_id").toString().trimmed().isEmpty())
        return problem(QStringLiteral("payload.contact_id"),
                       Text::tr("Name the contact the evaluation is about."));
    const auto form = EvaluationForm::fromJson(e.payload.value(u"form").toObject());
    if (!form)
        return problem(QStringLiteral("payload.form"), form.error().message);
    const auto answers = reviewAnswersFromJson(e.payload.value(u"answers").toObject());
    if (!answers)
        return problem(QStringLiteral("payload.answers"), answers.error().message);
    if (auto bad = checkText(e, u"comment", false))
        return bad;
    const auto score =
        scoreEvaluation(form.value(), answers.value(), e.payload.value(u"comment").toString());
    if (!score)
        return problem(QStringLiteral("payload.answers"), score.error().message);
    if (auto bad = checkScore(e.payload.value(u"score")))
        return bad;
    // The score is the form's, to a tenth of a point.
    if (std::abs(e.payload.value(u"score").toDouble() - score.value().percent) > 0.05 ||
        e.payload.value(u"critical_failed").toBool() != score.value().failed())
        return problem(QStringLiteral("payload.score"),
                       Text::tr("The score does not follow from the form and the answers "
                                "(%1 expected).")
                           .arg(score.value().percent, 0, 'f', 1));
    return std::nullopt;
}

} // namespace

namespace review {

bool handles(const Event &event)
{
    return event.entityType == u"review" || event.kind.startsWith(u"review.");
}

QStringList kinds()
{
    return {QStringLiteral("review.recorded"),
            QStringLiteral("review.form_published"),
            QStringLiteral("review.evaluation_submitted"),
            QStringLiteral("review.acknowledged"),
            QStringLiteral("review.disputed"),
            QStringLiteral("review.decided"),
            QStringLiteral("review.coaching_noted")};
}

std::optional<Problem> check(const Event &e)
{
    if (e.entityType != u"review")
        return problem(QStringLiteral("entity_type"),
                       Text::tr("A quality review event is about a review."));
    if (!kinds().contains(e.kind))
        return problem(QStringLiteral("kind"),
                       Text::tr("A quality review event is one of: %1.").arg(kinds().join(u", ")));
    if (e.kind == u"review.form_published") {
        const auto form = EvaluationForm::fromJson(e.payload.value(u"form").toObject());
        if (!form)
            return problem(QStringLiteral("payload.form"), form.error().message);
        if (form.value().id != e.entityId)
            return problem(QStringLiteral("payload.form"),
                           Text::tr("A form is published under its own id."));
        return std::nullopt;
    }
    if (e.payload.value(u"agent").toString().trimmed().isEmpty())
        return problem(QStringLiteral("payload.agent"),
                       Text::tr("Name the agent the review is about."));
    if (e.kind == u"review.recorded")
        return checkScore(e.payload.value(u"score"));
    if (e.kind == u"review.evaluation_submitted")
        return checkEvaluation(e);
    if (e.kind == u"review.acknowledged")
        return checkText(e, u"note", false);
    if (e.kind == u"review.disputed")
        return checkText(e, u"reason", true);
    if (e.kind == u"review.coaching_noted")
        return checkText(e, u"note", true);
    // review.decided
    const QString decision = e.payload.value(u"decision").toString();
    if (decision != u"upheld" && decision != u"rescored")
        return problem(QStringLiteral("payload.decision"),
                       Text::tr("A decision on a dispute is upheld or rescored."));
    if (decision == u"rescored") {
        if (auto bad = checkScore(e.payload.value(u"score")))
            return bad;
    }
    return checkText(e, u"note", true);
}

} // namespace review

void ReviewState::apply(const Event &event)
{
    if (event.kind == u"review.evaluation_submitted" || event.kind == u"review.recorded") {
        agent = event.payload.value(u"agent").toString();
        submittedAt = event.clientTime;
    } else if (event.kind == u"review.acknowledged") {
        acknowledged = true;
    } else if (event.kind == u"review.disputed") {
        disputed = true;
    } else if (event.kind == u"review.decided") {
        decided = true;
    }
}

} // namespace civicdesk
