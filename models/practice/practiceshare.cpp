#include "models/practice/practiceshare.h"

#include "models/practice/scenarios/scenariolibrary.h"
#include "models/practice/trainingrecord.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTimer>
#include <QUrlQuery>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(PracticeShare)
};

bool isScenarioId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,63}$"));
    return pattern.match(id).hasMatch();
}

} // namespace

PracticeShare::PracticeShare(QNetworkAccessManager &network, QUrl server,
                             std::function<QString()> token, QObject *parent)
    : QObject(parent), m_http(network, std::move(server), std::move(token))
{
}

PracticeShare::PracticeShare(QUrl server, std::function<QString()> token, QObject *parent)
    : QObject(parent), m_ownNetwork(std::make_unique<QNetworkAccessManager>()),
      m_http(*m_ownNetwork, std::move(server), std::move(token))
{
}

PracticeShare::~PracticeShare() = default;

void PracticeShare::refreshScenarios(const QString &folder, Callback<int> done)
{
    m_http.send(
        this, "GET", QStringLiteral("scenarios"), nullptr, {}, TimeoutMs,
        [folder, done = std::move(done)](Result<QJsonObject> r) {
            if (!r)
                return done(r.error());
            const QJsonArray list = r.value().value(u"scenarios").toArray();
            QHash<QString, QByteArray> files; // id -> the file
            for (const QJsonValue &v : list) {
                const QJsonObject scenario = v.toObject().value(u"scenario").toObject();
                const QString id = scenario.value(u"id").toString();
                if (!isScenarioId(id))
                    return done(makeError(QStringLiteral("practice.share"),
                                          Text::tr("The central store sent a scenario without a "
                                                   "valid id; the shared scenarios are not "
                                                   "updated.")));
                const QJsonObject root{
                    {QStringLiteral("format"), QStringLiteral("civicdesk-practice-scenarios")},
                    {QStringLiteral("format_version"), 1},
                    {QStringLiteral("scenarios"), QJsonArray{scenario}}};
                files.insert(id, QJsonDocument(root).toJson(QJsonDocument::Indented));
            }
            if (!QDir().mkpath(folder))
                return done(makeError(QStringLiteral("practice.folder"),
                                      Text::tr("The folder %1 could not be made.").arg(folder)));
            const QDir dir(folder);
            for (auto it = files.cbegin(); it != files.cend(); ++it) {
                QSaveFile out(dir.filePath(it.key() + QStringLiteral(".json")));
                if (!out.open(QIODevice::WriteOnly) || out.write(it.value()) < 0 || !out.commit())
                    return done(makeError(QStringLiteral("practice.write"),
                                          Text::tr("%1 could not be written: %2")
                                              .arg(out.fileName(), out.errorString())));
            }
            for (const QString &name :
                 dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
                if (!files.contains(name.chopped(5)))
                    QFile::remove(dir.filePath(name));
            }
            done(int(files.size()));
        });
}

void PracticeShare::saveScenario(const Scenario &scenario, const QString &replacing,
                                 Callback<Ok> done)
{
    QJsonObject body{{QStringLiteral("scenario"), scenarioToJson(scenario)}};
    if (!replacing.isEmpty())
        body.insert(QStringLiteral("replacing"), replacing);
    m_http.send(this, "POST", QStringLiteral("scenarios"), &body, {}, TimeoutMs,
                [done = std::move(done)](Result<QJsonObject> r) {
                    if (!r)
                        return done(r.error());
                    done(Ok{});
                });
}

void PracticeShare::removeScenario(const QString &id, Callback<Ok> done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("id"), id);
    m_http.send(this, "DELETE", QStringLiteral("scenarios"), nullptr,
                query.toString(QUrl::FullyEncoded), TimeoutMs,
                [done = std::move(done)](Result<QJsonObject> r) {
                    if (!r)
                        return done(r.error());
                    done(Ok{});
                });
}

void PracticeShare::sendRuns(TrainingRecord &record, const QString &trainee, Callback<int> done)
{
    sendRunsFrom(record, trainee, 0, std::move(done));
}

void PracticeShare::sendRunsFrom(TrainingRecord &record, const QString &trainee, int sent,
                                 Callback<int> done)
{
    // A few at a time: a request carries at most 20 runs in at most 32 KiB.
    const QList<PracticeRun> waiting = record.unsent(trainee).mid(0, RunsPerRequest);
    if (waiting.isEmpty())
        return done(sent);
    QJsonArray runs;
    QStringList ids;
    for (const PracticeRun &run : waiting) {
        runs.append(practiceRunJson(run));
        ids.append(run.id);
    }
    const QJsonObject body{{QStringLiteral("runs"), runs}};
    m_http.send(this, "POST", QStringLiteral("runs"), &body, {}, TimeoutMs,
                [this, &record, trainee, ids, sent, done = std::move(done)](Result<QJsonObject> r) {
                    if (!r)
                        return done(r.error());
                    if (auto s = record.markShared(ids); !s)
                        return done(s.error());
                    sendRunsFrom(record, trainee, sent + int(ids.size()), std::move(done));
                });
}

void PracticeShare::fetchRuns(TrainingRecord &record, Callback<int> done)
{
    m_http.send(this, "GET", QStringLiteral("runs"), nullptr, {}, TimeoutMs,
                [&record, done = std::move(done)](Result<QJsonObject> r) {
                    if (!r)
                        return done(r.error());
                    QList<PracticeRun> runs;
                    for (const QJsonValue &v : r.value().value(u"runs").toArray()) {
                        auto run = practiceRunFromJson(v.toObject());
                        if (!run)
                            return done(run.error());
                        runs.append(run.value());
                    }
                    if (auto s = record.merge(runs); !s)
                        return done(s.error());
                    done(int(runs.size()));
                });
}

Status PracticeShare::wait(const std::function<void(Callback<Ok>)> &start)
{
    QEventLoop loop;
    std::optional<Status> answer;
    auto alive = std::make_shared<bool>(true);
    start([&answer, &loop, alive](Result<Ok> r) {
        if (!*alive)
            return;
        answer = r;
        loop.quit();
    });
    if (!answer) {
        QTimer::singleShot(TimeoutMs + 1000, &loop, &QEventLoop::quit);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    *alive = false;
    if (!answer)
        return makeError(
            QStringLiteral("network"),
            Text::tr("The central store did not answer in %1 seconds: try again (saving "
                     "again does no harm).")
                .arg(TimeoutMs / 1000));
    return *answer;
}

} // namespace civicdesk
