#include "app/server/sharedpracticeapi.h"

#include "app/server/answeredwrite.h"
#include "app/server/httpreply.h"
#include "app/server/pendinganswer.h"
#include "app/server/routetable.h"
#include "models/practice/centralpractice.h"
#include "models/practice/scenarios/scenariolibrary.h"
#include "models/practice/scenarios/scenarioreference.h"
#include "models/practice/traineereport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHttpServer>
#include <QJsonDocument>
#include <QUrlQuery>

namespace civicdesk {

namespace {

using HttpStatus = QHttpServerResponse::StatusCode;

class Text
{
    Q_DECLARE_TR_FUNCTIONS(SharedPractice)
};

QHttpServerResponse storeFailure(const Error &error)
{
    return http::storeUnavailable(error.message);
}

// The scenario the body holds, checked by the loader that checks scenario files; the problems
// named field by field otherwise.
std::variant<Scenario, QHttpServerResponse> checkedScenario(Database &store,
                                                            const QJsonObject &scenario)
{
    const QJsonObject file{
        {QStringLiteral("format"), QStringLiteral("civicdesk-practice-scenarios")},
        {QStringLiteral("format_version"), 1},
        {QStringLiteral("scenarios"), QJsonArray{scenario}}};
    const ScenarioReference reference(store);
    const ScenarioSet set =
        reference.loader().loadData(QJsonDocument(file).toJson(), QStringLiteral("scenario"));
    if (!set.problems.isEmpty() || set.scenarios.size() != 1) {
        QStringList lines;
        for (const ScenarioProblem &p : set.problems)
            lines.append(p.field.isEmpty() ? p.message : p.field + u": " + p.message);
        const QString field = set.problems.isEmpty() || set.problems.first().field.isEmpty()
                                  ? QStringLiteral("scenario")
                                  : u"scenario." + set.problems.first().field;
        return http::validationError(
            Text::tr("The scenario is not saved: %1").arg(lines.join(QStringLiteral("; "))), field);
    }
    return set.scenarios.first();
}

} // namespace

SharedPracticeApi::SharedPracticeApi(Database &database, AccountStore &accounts,
                                     StoreWriter &writer, int writerQueue)
    : m_database(database), m_writer(writer), m_writerQueue(writerQueue), m_gate(accounts)
{
}

void SharedPracticeApi::registerRoutes(QHttpServer &server)
{
    using Method = QHttpServerRequest::Method;
    server.route(QStringLiteral("/api/v1/practice/scenarios"), Method::Get,
                 http::timed([this](const QHttpServerRequest &r) { return scenarios(r); }));
    server.route(QStringLiteral("/api/v1/practice/scenarios"), Method::Post,
                 [this](const QHttpServerRequest &r, QHttpServerResponder &&responder) {
                     saveScenario(r, std::move(responder));
                 });
    server.route(QStringLiteral("/api/v1/practice/scenarios"), Method::Delete,
                 [this](const QHttpServerRequest &r, QHttpServerResponder &&responder) {
                     removeScenario(r, std::move(responder));
                 });
    server.route(QStringLiteral("/api/v1/practice/runs"), Method::Get,
                 http::timed([this](const QHttpServerRequest &r) { return runs(r); }));
    server.route(QStringLiteral("/api/v1/practice/runs"), Method::Post,
                 [this](const QHttpServerRequest &r, QHttpServerResponder &&responder) {
                     addRuns(r, std::move(responder));
                 });
}

std::optional<Session> SharedPracticeApi::admitted(const QHttpServerRequest &request,
                                                   http::PendingAnswer &pending, QJsonObject *body)
{
    std::optional<QHttpServerResponse> refused = http::screen(request);
    if (refused) {
        pending.reply(*refused);
        return std::nullopt;
    }
    auto gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate);
        denied && denied->statusCode() == HttpStatus::ServiceUnavailable && http::recoverStore())
        gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate)) {
        pending.reply(*denied);
        return std::nullopt;
    }
    if (body) {
        refused = http::refuseLargeBody(request, MaxPracticeBodyBytes);
        if (!refused)
            refused = http::parseObject(request, *body);
        if (refused) {
            pending.reply(*refused);
            return std::nullopt;
        }
    }
    return std::get<Session>(gate);
}

QHttpServerResponse SharedPracticeApi::scenarios(const QHttpServerRequest &request)
{
    auto gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate))
        return std::move(*denied);
    auto list = CentralPractice(m_database).scenarios();
    if (!list)
        return storeFailure(list.error());
    QJsonArray out;
    for (const SharedScenario &s : list.value())
        out.append(QJsonObject{
            {QStringLiteral("scenario"), s.scenario},
            {QStringLiteral("author"), s.author},
            {QStringLiteral("updated_at"),
             QDateTime::fromMSecsSinceEpoch(s.updatedAtMs, Qt::UTC).toString(Qt::ISODateWithMs)}});
    return http::json(QJsonObject{{QStringLiteral("scenarios"), out}});
}

void SharedPracticeApi::saveScenario(const QHttpServerRequest &request,
                                     QHttpServerResponder &&responder)
{
    auto pending = http::PendingAnswer::make(request, std::move(responder));
    QJsonObject body;
    const auto session = admitted(request, *pending, &body);
    if (!session)
        return;
    if (!mayAuthorScenarios(session->role))
        return pending->reply(ApiGate::forbidden(
            Text::tr("Practice scenarios are written by trainers and admins; %1 works as %2.")
                .arg(session->userName, agentRoleName(session->role))));
    if (!body.value(u"scenario").isObject())
        return pending->reply(http::validationError(
            Text::tr("\"scenario\" is required: one scenario of the scenario file format."),
            QStringLiteral("scenario")));
    const QJsonValue replacingValue = body.value(u"replacing");
    if (!replacingValue.isUndefined() && !replacingValue.isString())
        return pending->reply(http::validationError(
            Text::tr("\"replacing\" must be the id of the scenario being edited (a string)."),
            QStringLiteral("replacing")));
    auto checked = checkedScenario(m_database, body.value(u"scenario").toObject());
    if (auto *refused = std::get_if<QHttpServerResponse>(&checked))
        return pending->reply(*refused);
    const Scenario scenario = std::get<Scenario>(checked);
    const QString replacing = replacingValue.toString();
    // A new id must be free: one trainer does not overwrite another's scenario by accident.
    if (replacing != scenario.id) {
        auto taken = CentralPractice(m_database).hasScenario(scenario.id);
        if (!taken)
            return pending->reply(storeFailure(taken.error()));
        if (taken.value())
            return pending->reply(http::error(
                HttpStatus::Conflict, QStringLiteral("conflict"),
                Text::tr("A practice scenario with the id \"%1\" exists already: choose another "
                         "id, or edit that scenario.")
                    .arg(scenario.id),
                QStringLiteral("scenario.id")));
    }
    const QJsonObject json = scenarioToJson(scenario);
    write(pending, [json, id = scenario.id, author = session->userName,
                    replacing](CentralPractice &store) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (auto s = store.putScenario(id, json, author, replacing, now); !s)
            return storeFailure(s.error());
        return http::json(
            QJsonObject{{QStringLiteral("scenario"), json},
                        {QStringLiteral("author"), author},
                        {QStringLiteral("updated_at"),
                         QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).toString(Qt::ISODateWithMs)}},
            HttpStatus::Created);
    });
}

void SharedPracticeApi::removeScenario(const QHttpServerRequest &request,
                                       QHttpServerResponder &&responder)
{
    auto pending = http::PendingAnswer::make(request, std::move(responder));
    const auto session = admitted(request, *pending, nullptr);
    if (!session)
        return;
    if (!mayAuthorScenarios(session->role))
        return pending->reply(ApiGate::forbidden(
            Text::tr("Practice scenarios are deleted by trainers and admins; %1 works as %2.")
                .arg(session->userName, agentRoleName(session->role))));
    const QString id = request.query().queryItemValue(QStringLiteral("id"), QUrl::FullyDecoded);
    if (id.isEmpty() || id.size() > 64)
        return pending->reply(
            http::validationError(Text::tr("\"id\" is required: the id of the scenario to delete."),
                                  QStringLiteral("id")));
    write(pending, [id](CentralPractice &store) {
        auto removed = store.removeScenario(id);
        if (!removed)
            return storeFailure(removed.error());
        if (!removed.value())
            return http::error(HttpStatus::NotFound, QStringLiteral("not_found"),
                               Text::tr("No shared practice scenario has the id \"%1\".").arg(id));
        return QHttpServerResponse(HttpStatus::NoContent);
    });
}

QHttpServerResponse SharedPracticeApi::runs(const QHttpServerRequest &request)
{
    auto gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate))
        return std::move(*denied);
    const Session session = std::get<Session>(gate);
    QString trainee = request.query().queryItemValue(QStringLiteral("trainee"), QUrl::FullyDecoded);
    if (!mayReadEveryTraineeReport(session.role)) {
        if (!trainee.isEmpty() && trainee != session.userName)
            return ApiGate::forbidden(Text::tr("Only trainers, supervisors and admins read other "
                                               "trainees' practice runs."));
        trainee = session.userName;
    }
    auto list = CentralPractice(m_database).runs(trainee);
    if (!list)
        return storeFailure(list.error());
    QJsonArray out;
    for (const PracticeRun &run : list.value())
        out.append(practiceRunJson(run));
    return http::json(QJsonObject{{QStringLiteral("runs"), out}});
}

void SharedPracticeApi::addRuns(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto pending = http::PendingAnswer::make(request, std::move(responder));
    QJsonObject body;
    const auto session = admitted(request, *pending, &body);
    if (!session)
        return;
    const QJsonArray list = body.value(u"runs").toArray();
    if (!body.value(u"runs").isArray() || list.isEmpty() || list.size() > MaxRunsPerPost)
        return pending->reply(http::validationError(
            Text::tr("\"runs\" is required: a list of 1 to %1 practice runs.").arg(MaxRunsPerPost),
            QStringLiteral("runs")));
    QList<PracticeRun> runs;
    for (qsizetype i = 0; i < list.size(); ++i) {
        auto run = practiceRunFromJson(list.at(i).toObject());
        if (!run) {
            const QString code = run.error().code;
            const QString field = code.startsWith(u"validation:") ? code.mid(11) : QString();
            return pending->reply(
                http::validationError(Text::tr("Run %1: %2").arg(i + 1).arg(run.error().message),
                                      QStringLiteral("runs[%1]%2")
                                          .arg(i)
                                          .arg(field.isEmpty() ? QString() : u'.' + field)));
        }
        // A run is the trainee's own: nobody records practice in another's name.
        if (run.value().trainee != session->userName)
            return pending->reply(ApiGate::forbidden(
                Text::tr("Run %1 is %2's; %3 may send only their own practice runs.")
                    .arg(i + 1)
                    .arg(run.value().trainee.left(64), session->userName)));
        runs.append(run.value());
    }
    write(pending, [runs](CentralPractice &store) {
        auto added = store.addRuns(runs, QDateTime::currentMSecsSinceEpoch());
        if (!added)
            return storeFailure(added.error());
        return http::json(QJsonObject{{QStringLiteral("recorded"), added.value()},
                                      {QStringLiteral("received"), int(runs.size())}});
    });
}

void SharedPracticeApi::write(const std::shared_ptr<http::PendingAnswer> &pending, Write job)
{
    http::answeredWrite(m_writer, m_writerQueue, WriterRetryAfterSeconds, pending,
                        [job = std::move(job)](Database &store) {
                            CentralPractice practice(store);
                            return job(practice);
                        });
}

} // namespace civicdesk
