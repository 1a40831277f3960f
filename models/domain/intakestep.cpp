#include "models/domain/intakestep.h"

#include <array>
#include <utility>

namespace civicdesk {

namespace {

constexpr std::array stepNames = {
    std::pair{IntakeStepKind::Started, u"started"},
    std::pair{IntakeStepKind::TypeChosen, u"type_chosen"},
    std::pair{IntakeStepKind::Answer, u"answer"},
    std::pair{IntakeStepKind::Location, u"location"},
    std::pair{IntakeStepKind::CallerDetails, u"caller_details"},
    std::pair{IntakeStepKind::DuplicatesShown, u"duplicates_shown"},
    std::pair{IntakeStepKind::DuplicateDecision, u"duplicate_decision"},
    std::pair{IntakeStepKind::ArticleOpened, u"article_opened"},
    std::pair{IntakeStepKind::RequestCreated, u"request_created"},
    std::pair{IntakeStepKind::CallerAttached, u"caller_attached"},
    std::pair{IntakeStepKind::ReadBack, u"read_back"},
    std::pair{IntakeStepKind::Outcome, u"outcome"},
};

} // namespace

QString intakeStepKindName(IntakeStepKind kind)
{
    for (const auto &[k, name] : stepNames) {
        if (k == kind)
            return QString::fromUtf16(name);
    }
    return {};
}

std::optional<IntakeStepKind> intakeStepKindFromName(const QString &name)
{
    for (const auto &[k, n] : stepNames) {
        if (name == QStringView(n))
            return k;
    }
    return std::nullopt;
}

bool isIntakeStepKind(const QString &name)
{
    const auto kind = intakeStepKindFromName(name);
    return kind && *kind != IntakeStepKind::Started && *kind != IntakeStepKind::ArticleOpened &&
           *kind != IntakeStepKind::Outcome;
}

QList<IntakeStep> intakeStepsFromEvents(const QList<Event> &contactEvents)
{
    QList<IntakeStep> steps;
    for (const Event &e : contactEvents) {
        if (e.kind == u"contact.step_recorded") {
            const auto kind = intakeStepKindFromName(e.payload.value(u"step").toString());
            if (kind)
                steps.append({*kind, e.payload.value(u"detail").toObject(), e.clientTime});
        } else if (e.kind == u"contact.started") {
            // Whether the phone gave the caller's number (a screen pop fills it in: the call
            // taker did not take it), never the number itself.
            steps.append({IntakeStepKind::Started,
                          {{QStringLiteral("channel"), e.payload.value(u"channel")},
                           {QStringLiteral("number_from_call"),
                            !e.payload.value(u"call_number").toString().isEmpty()}},
                          e.clientTime});
        } else if (e.kind == u"contact.article_opened") {
            steps.append({IntakeStepKind::ArticleOpened,
                          {{QStringLiteral("article_id"), e.payload.value(u"article_id")}},
                          e.clientTime});
        } else if (e.kind == u"contact.ended") {
            steps.append({IntakeStepKind::Outcome,
                          {{QStringLiteral("outcome"), e.payload.value(u"outcome")},
                           {QStringLiteral("transfer_destination"),
                            e.payload.value(u"transfer_destination")}},
                          e.clientTime});
        }
    }
    return steps;
}

} // namespace civicdesk
