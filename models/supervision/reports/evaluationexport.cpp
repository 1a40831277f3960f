#include "models/supervision/reports/evaluationexport.h"

#include "models/supervision/reports/csvwriter.h"
#include "models/supervision/reports/supervisionexport.h"

#include <QCoreApplication>
#include <QLocale>
#include <algorithm>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(EvaluationExport)
};

QString stateName(Evaluation::State state)
{
    switch (state) {
    case Evaluation::State::Submitted:
        return QStringLiteral("submitted");
    case Evaluation::State::Acknowledged:
        return QStringLiteral("acknowledged");
    case Evaluation::State::Disputed:
        return QStringLiteral("disputed");
    case Evaluation::State::Decided:
        return QStringLiteral("decided");
    }
    return QString();
}

QString score(double value)
{
    return QString::number(value, 'f', 1);
}

// "question=answer" per answered question in the form's order, N/A as "na".
QString answersText(const Evaluation &evaluation)
{
    QStringList parts;
    for (const FormQuestion &question : evaluation.form.questions()) {
        const auto answer = evaluation.answers.constFind(question.id);
        if (answer == evaluation.answers.cend())
            continue;
        parts.append(question.id + u'=' +
                     (answer->value ? QString::number(*answer->value) : QStringLiteral("na")));
    }
    return parts.join(u';');
}

} // namespace

QStringList EvaluationExport::columns()
{
    return {QStringLiteral("evaluation_id"),   QStringLiteral("contact_id"),
            QStringLiteral("agent"),           QStringLiteral("team"),
            QStringLiteral("reviewer"),        QStringLiteral("sample"),
            QStringLiteral("form_id"),         QStringLiteral("form_version"),
            QStringLiteral("submitted_at"),    QStringLiteral("score"),
            QStringLiteral("critical_failed"), QStringLiteral("final_score"),
            QStringLiteral("state"),           QStringLiteral("response_due"),
            QStringLiteral("response"),        QStringLiteral("decision"),
            QStringLiteral("decision_note"),   QStringLiteral("coaching_notes"),
            QStringLiteral("comment"),         QStringLiteral("answers")};
}

Result<int> EvaluationExport::write(QIODevice &out, const QList<Evaluation> &evaluations,
                                    const KpiFilter &filter, AgentRole role, const QString &agent,
                                    const QMap<QString, QString> &teamOf)
{
    if (!filter.period.isValid())
        return makeError(QStringLiteral("export.period"),
                         Text::tr("Choose a period of at most %1 days, its first day not after "
                                  "its last.")
                             .arg(KpiPeriod::MaxDays));
    const QString only = mayReviewAgents(role) ? filter.agent : agent;
    QList<const Evaluation *> rows;
    for (const Evaluation &e : evaluations) {
        const qint64 at = e.submittedAt.toSecsSinceEpoch();
        if (at < filter.period.start() || at >= filter.period.end())
            continue;
        if (!only.isEmpty() && e.agent != only)
            continue;
        if (!filter.team.isEmpty() && teamOf.value(e.agent) != filter.team)
            continue;
        rows.append(&e);
    }
    if (rows.size() > SupervisionExport::MaxRows)
        return makeError(QStringLiteral("export.too_many"),
                         Text::tr("More than %1 rows: export a shorter period.")
                             .arg(QLocale().toString(SupervisionExport::MaxRows)));
    std::stable_sort(rows.begin(), rows.end(), [](const Evaluation *a, const Evaluation *b) {
        return a->submittedAt < b->submittedAt;
    });
    const auto cityTime = [&filter](const QDateTime &at) {
        return at.toTimeZone(filter.period.zone)
            .toString(Qt::ISODateWithMs)
            .remove(QStringLiteral(".000"));
    };
    CsvWriter csv(out);
    if (auto s = csv.writeLine(columns()); !s)
        return s.error();
    for (const Evaluation *e : rows) {
        if (auto s =
                csv.writeLine({e->id,
                               e->contactId,
                               e->agent,
                               teamOf.value(e->agent),
                               e->reviewer,
                               e->sample,
                               e->form.id,
                               QString::number(e->form.version),
                               cityTime(e->submittedAt),
                               score(e->score),
                               e->criticalFailed ? QStringLiteral("yes") : QStringLiteral("no"),
                               score(e->finalScore),
                               stateName(e->state),
                               cityTime(e->responseDue()),
                               e->response,
                               e->decision,
                               e->decisionNote,
                               e->coachingNotes.join(QStringLiteral("\n")),
                               e->comment,
                               answersText(*e)});
            !s)
            return s.error();
    }
    return int(rows.size());
}

} // namespace civicdesk
