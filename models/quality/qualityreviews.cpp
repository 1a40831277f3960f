#include "models/quality/qualityreviews.h"

#include "models/domain/event.h"
#include "models/domain/supervision/reviewevent.h"
#include "models/domain/supervision/reviewvisibility.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(QualityReviews)
};

Error reviewError(const QString &message)
{
    return makeError(QStringLiteral("review"), message);
}

struct LoggedEvent
{
    QString entityId = QString();
    QString kind = QString();
    QJsonObject payload = {};
    QString actor = QString();
    QDateTime at = QDateTime();
};

// The review events this store holds, in log order.
QList<LoggedEvent> reviewEvents(const Database &database, const QString &kind = QString())
{
    QList<LoggedEvent> events;
    QSqlQuery q(QSqlDatabase::database(database.connectionName()));
    q.setForwardOnly(true);
    const bool one = !kind.isEmpty();
    if (!sql::exec(q,
                   QStringLiteral("SELECT entity_id, kind, payload, actor, client_time FROM events "
                                  "WHERE entity_type = 'review'") +
                       (one ? QStringLiteral(" AND kind = ?") : QString()) +
                       QStringLiteral(" ORDER BY seq"),
                   one ? QVariantList{kind} : QVariantList{}))
        return events;
    while (q.next())
        events.append({q.value(0).toString(), q.value(1).toString(),
                       QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object(),
                       q.value(3).toString(),
                       QDateTime::fromMSecsSinceEpoch(q.value(4).toLongLong(), Qt::UTC)});
    return events;
}

double roundedScore(double percent)
{
    return std::round(percent * 10.0) / 10.0;
}

} // namespace

QDateTime Evaluation::responseDue() const
{
    return submittedAt.addDays(review::ResponseWindowDays);
}

QualityReviews::QualityReviews(Database &database, EventStore &events, QString user, Clock clock)
    : m_database(database), m_events(events), m_user(std::move(user)), m_clock(std::move(clock))
{
}

Status QualityReviews::append(const QString &entityId, const QString &kind,
                              const QJsonObject &payload)
{
    auto device = m_database.deviceCode();
    if (!device)
        return device.error();
    const Event event = Event::make(QStringLiteral("review"), entityId, kind, payload, m_user,
                                    device.value(), m_clock.now());
    // The payload rules first, so the person reads the rule and not the store's wording.
    if (auto bad = review::check(event))
        return reviewError(bad->message);
    if (auto r = m_events.append(event); !r)
        return r.error();
    return Ok{};
}

QList<EvaluationForm> QualityReviews::publishedForms() const
{
    QList<EvaluationForm> forms;
    for (const LoggedEvent &e : reviewEvents(m_database, QStringLiteral("review.form_published"))) {
        if (auto form = EvaluationForm::fromJson(e.payload.value(u"form").toObject()))
            forms.append(form.value());
    }
    return forms;
}

Result<int> QualityReviews::publishForm(const EvaluationForm &given)
{
    EvaluationForm form = given;
    const auto latest = latestForm(form.id);
    form.version = latest ? latest->version + 1 : 1;
    if (auto v = form.validate(); !v)
        return v.error();
    if (latest) {
        EvaluationForm same = form;
        same.version = latest->version;
        if (same.toJson() == latest->toJson())
            return reviewError(Text::tr("\"%1\" is published already as version %2: change it "
                                        "to publish a new version.")
                                   .arg(form.title)
                                   .arg(latest->version));
    }
    if (auto s = append(form.id, QStringLiteral("review.form_published"),
                        {{QStringLiteral("form"), form.toJson()}});
        !s)
        return s.error();
    return form.version;
}

std::optional<EvaluationForm> QualityReviews::latestForm(const QString &formId) const
{
    std::optional<EvaluationForm> latest;
    for (const EvaluationForm &f : publishedForms()) {
        if (f.id == formId && (!latest || f.version > latest->version))
            latest = f;
    }
    return latest;
}

std::optional<EvaluationForm> QualityReviews::form(const QString &formId, int version) const
{
    for (const EvaluationForm &f : publishedForms()) {
        if (f.id == formId && f.version == version)
            return f;
    }
    return std::nullopt;
}

QList<EvaluationForm> QualityReviews::latestForms() const
{
    QHash<QString, EvaluationForm> latest;
    for (const EvaluationForm &f : publishedForms()) {
        if (!latest.contains(f.id) || latest.value(f.id).version < f.version)
            latest.insert(f.id, f);
    }
    QList<EvaluationForm> forms = latest.values();
    std::sort(forms.begin(), forms.end(), [](const EvaluationForm &a, const EvaluationForm &b) {
        return a.title.localeAwareCompare(b.title) < 0;
    });
    return forms;
}

Result<QString> QualityReviews::submit(const QString &contactId, const QString &agent,
                                       const EvaluationForm &form, const ReviewAnswers &answers,
                                       const QString &comment, const QString &sample)
{
    if (contactId.trimmed().isEmpty() || agent.trimmed().isEmpty())
        return reviewError(Text::tr("Choose the contact to evaluate and the agent who took it."));
    if (agent == m_user)
        return reviewError(Text::tr("A reviewer does not evaluate their own contacts."));
    const auto published = this->form(form.id, form.version);
    if (!published || published->toJson() != form.toJson())
        return reviewError(Text::tr("Score on a published form: version %1 of \"%2\" was "
                                    "never published here.")
                               .arg(form.version)
                               .arg(form.title));
    for (const Evaluation &e : evaluations()) {
        if (e.contactId == contactId && e.reviewer == m_user)
            return reviewError(Text::tr("You evaluated this contact already; each reviewer "
                                        "scores a contact once."));
    }
    const auto score = scoreEvaluation(form, answers, comment);
    if (!score)
        return score.error();
    QJsonObject payload{{QStringLiteral("agent"), agent},
                        {QStringLiteral("contact_id"), contactId},
                        {QStringLiteral("form"), form.toJson()},
                        {QStringLiteral("answers"), reviewAnswersToJson(answers)},
                        {QStringLiteral("comment"), comment.trimmed()},
                        {QStringLiteral("score"), roundedScore(score.value().percent)},
                        {QStringLiteral("critical_failed"), score.value().failed()}};
    if (!sample.isEmpty())
        payload.insert(QStringLiteral("sample"), sample);
    const QString id = Event::newId();
    if (auto s = append(id, QStringLiteral("review.evaluation_submitted"), payload); !s)
        return s.error();
    return id;
}

Status QualityReviews::acknowledge(const QString &evaluationId, const QString &note)
{
    const auto e = stored(evaluationId);
    if (!e)
        return reviewError(Text::tr("This store holds no such evaluation."));
    return append(evaluationId, QStringLiteral("review.acknowledged"),
                  {{QStringLiteral("agent"), e->agent}, {QStringLiteral("note"), note.trimmed()}});
}

Status QualityReviews::dispute(const QString &evaluationId, const QString &reason)
{
    const auto e = stored(evaluationId);
    if (!e)
        return reviewError(Text::tr("This store holds no such evaluation."));
    if (reason.trimmed().isEmpty())
        return reviewError(Text::tr("Say why you dispute the evaluation."));
    return append(
        evaluationId, QStringLiteral("review.disputed"),
        {{QStringLiteral("agent"), e->agent}, {QStringLiteral("reason"), reason.trimmed()}});
}

Status QualityReviews::decide(const QString &evaluationId, bool upheld, double score,
                              const QString &note)
{
    const auto e = stored(evaluationId);
    if (!e)
        return reviewError(Text::tr("This store holds no such evaluation."));
    if (note.trimmed().isEmpty())
        return reviewError(Text::tr("Write the decision's reason for the agent."));
    QJsonObject payload{{QStringLiteral("agent"), e->agent},
                        {QStringLiteral("decision"),
                         upheld ? QStringLiteral("upheld") : QStringLiteral("rescored")},
                        {QStringLiteral("note"), note.trimmed()}};
    if (!upheld)
        payload.insert(QStringLiteral("score"), roundedScore(score));
    return append(evaluationId, QStringLiteral("review.decided"), payload);
}

Status QualityReviews::noteCoaching(const QString &evaluationId, const QString &note)
{
    const auto e = stored(evaluationId);
    if (!e)
        return reviewError(Text::tr("This store holds no such evaluation."));
    return append(evaluationId, QStringLiteral("review.coaching_noted"),
                  {{QStringLiteral("agent"), e->agent}, {QStringLiteral("note"), note.trimmed()}});
}

QList<Evaluation> QualityReviews::evaluations(const QString &agent) const
{
    return read(agent, true);
}

std::optional<Evaluation> QualityReviews::stored(const QString &evaluationId) const
{
    for (const Evaluation &e : read(QString(), false)) {
        if (e.id == evaluationId)
            return e;
    }
    return std::nullopt;
}

QList<Evaluation> QualityReviews::read(const QString &agent, bool blind) const
{
    QList<Evaluation> list;
    QHash<QString, qsizetype> index;
    const QList<LoggedEvent> events = reviewEvents(m_database);
    // Independent scoring: others' evaluations of a contact stay hidden until this user scored it.
    ReviewVisibility visibility(m_user);
    for (const LoggedEvent &e : events) {
        Event event;
        event.entityType = QStringLiteral("review");
        event.entityId = e.entityId;
        event.kind = e.kind;
        event.payload = e.payload;
        event.actor = e.actor;
        visibility.fold(event);
    }
    for (const LoggedEvent &e : events) {
        if (blind && !visibility.mayReadEvaluation(e.entityId))
            continue;
        if (e.kind == u"review.evaluation_submitted") {
            Evaluation ev;
            ev.id = e.entityId;
            ev.agent = e.payload.value(u"agent").toString();
            ev.reviewer = e.actor;
            ev.contactId = e.payload.value(u"contact_id").toString();
            ev.sample = e.payload.value(u"sample").toString();
            if (auto form = EvaluationForm::fromJson(e.payload.value(u"form").toObject()))
                ev.form = form.value();
            if (auto answers = reviewAnswersFromJson(e.payload.value(u"answers").toObject()))
                ev.answers = answers.value();
            ev.comment = e.payload.value(u"comment").toString();
            ev.score = e.payload.value(u"score").toDouble();
            ev.finalScore = ev.score;
            ev.criticalFailed = e.payload.value(u"critical_failed").toBool();
            ev.submittedAt = e.at;
            index.insert(ev.id, list.size());
            list.append(ev);
            continue;
        }
        const auto at = index.constFind(e.entityId);
        if (at == index.cend())
            continue;
        Evaluation &ev = list[*at];
        if (e.kind == u"review.acknowledged") {
            ev.state = Evaluation::State::Acknowledged;
            ev.response = e.payload.value(u"note").toString();
        } else if (e.kind == u"review.disputed") {
            ev.state = Evaluation::State::Disputed;
            ev.response = e.payload.value(u"reason").toString();
        } else if (e.kind == u"review.decided") {
            ev.state = Evaluation::State::Decided;
            ev.decision = e.payload.value(u"decision").toString();
            ev.decisionNote = e.payload.value(u"note").toString();
            if (ev.decision == u"rescored")
                ev.finalScore = e.payload.value(u"score").toDouble();
        } else if (e.kind == u"review.coaching_noted") {
            ev.coachingNotes.append(e.payload.value(u"note").toString());
        }
    }
    QList<Evaluation> result;
    for (auto it = list.crbegin(); it != list.crend(); ++it) {
        if (agent.isEmpty() || it->agent == agent)
            result.append(*it);
    }
    return result;
}

std::optional<Evaluation> QualityReviews::evaluation(const QString &evaluationId) const
{
    for (const Evaluation &e : evaluations()) {
        if (e.id == evaluationId)
            return e;
    }
    return std::nullopt;
}

} // namespace civicdesk
