#include "models/practice/scenarios/scenariolibrary.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(ScenarioLibrary)
};

// Optional texts are left out when empty, as a trainer writing the file by hand would.
void putText(QJsonObject &o, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        o.insert(key, value);
}

QSet<QString> idsIn(const QString &file)
{
    QSet<QString> ids;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return ids;
    const QJsonArray list =
        QJsonDocument::fromJson(f.readAll()).object().value(u"scenarios").toArray();
    for (const QJsonValue &v : list)
        ids.insert(v.toObject().value(u"id").toString());
    return ids;
}

QStringList jsonFiles(const QString &directory)
{
    if (directory.isEmpty())
        return {};
    const QDir dir(directory);
    QStringList paths;
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        paths.append(dir.filePath(name));
    return paths;
}

} // namespace

QJsonObject scenarioToJson(const Scenario &s)
{
    QJsonObject o{{QStringLiteral("id"), s.id},
                  {QStringLiteral("title"), s.title},
                  {QStringLiteral("language"), s.language}};
    if (s.channel != Channel::Phone)
        o.insert(QStringLiteral("channel"), channelName(s.channel));
    QJsonObject caller;
    putText(caller, QStringLiteral("name"), s.caller.name);
    if (s.caller.anonymous)
        caller.insert(QStringLiteral("anonymous"), true);
    caller.insert(QStringLiteral("language"), s.caller.language);
    putText(caller, QStringLiteral("phone"), s.caller.phone);
    o.insert(QStringLiteral("caller"), caller);
    o.insert(QStringLiteral("opening"), s.opening);
    QJsonObject facts;
    putText(facts, QStringLiteral("location"), s.location);
    putText(facts, QStringLiteral("details"), s.details);
    putText(facts, QStringLiteral("caller"), s.callerLine);
    putText(facts, QStringLiteral("number_of"), s.numberSeed);
    if (s.misheard)
        facts.insert(QStringLiteral("misheard"), true);
    if (!facts.isEmpty())
        o.insert(QStringLiteral("facts"), facts);
    if (!s.answers.isEmpty()) {
        QJsonArray answers;
        for (const ScenarioAnswer &a : s.answers) {
            QJsonObject answer{{QStringLiteral("code"), a.code},
                               {QStringLiteral("values"), QJsonArray::fromStringList(a.values)},
                               {QStringLiteral("say"), a.say}};
            if (!a.required)
                answer.insert(QStringLiteral("required"), false);
            answers.append(answer);
        }
        o.insert(QStringLiteral("answers"), answers);
    }
    if (!s.seeds.isEmpty()) {
        QJsonArray seeds;
        for (const ScenarioSeed &seed : s.seeds) {
            QJsonObject j{{QStringLiteral("ref"), seed.ref},
                          {QStringLiteral("service_code"), seed.serviceCode},
                          {QStringLiteral("address"), seed.address},
                          {QStringLiteral("latitude"), seed.latitude},
                          {QStringLiteral("longitude"), seed.longitude},
                          {QStringLiteral("days_ago"), seed.daysAgo}};
            putText(j, QStringLiteral("description"), seed.description);
            seeds.append(j);
        }
        o.insert(QStringLiteral("seed_requests"), seeds);
    }
    const ScenarioExpected &x = s.expected;
    QJsonObject expected;
    putText(expected, QStringLiteral("service_code"), x.serviceCode);
    putText(expected, QStringLiteral("location"), x.location);
    if (x.outsideCity)
        expected.insert(QStringLiteral("outside_city"), true);
    putText(expected, QStringLiteral("referral"), x.referral);
    putText(expected, QStringLiteral("duplicate"), x.duplicate);
    if (!x.articles.isEmpty())
        expected.insert(QStringLiteral("articles"), QJsonArray::fromStringList(x.articles));
    expected.insert(QStringLiteral("outcome"), outcomeName(x.outcome));
    putText(expected, QStringLiteral("transfer_to"), x.transferTo);
    putText(expected, QStringLiteral("read_back"), x.readBack);
    o.insert(QStringLiteral("expected"), expected);
    o.insert(QStringLiteral("target_seconds"), s.targetSeconds);
    o.insert(QStringLiteral("pass_mark"), s.passMark);
    return o;
}

QByteArray scenarioFile(const QList<Scenario> &scenarios)
{
    QJsonArray list;
    for (const Scenario &s : scenarios)
        list.append(scenarioToJson(s));
    const QJsonObject root{
        {QStringLiteral("format"), QStringLiteral("civicdesk-practice-scenarios")},
        {QStringLiteral("format_version"), 1},
        {QStringLiteral("scenarios"), list}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

ScenarioLibrary::ScenarioLibrary(QString bundledDirectory, QString trainerDirectory)
    : m_bundled(std::move(bundledDirectory)), m_trainers(std::move(trainerDirectory))
{
}

QString ScenarioLibrary::pathOf(const QString &id) const
{
    return QDir(m_trainers).filePath(id + QStringLiteral(".json"));
}

ScenarioSet ScenarioLibrary::load(const ScenarioLoader &loader) const
{
    ScenarioSet all = loader.loadDirectory(m_bundled);
    QSet<QString> ids;
    for (const Scenario &s : std::as_const(all.scenarios))
        ids.insert(s.id);
    for (const QString &path : jsonFiles(m_trainers)) {
        ScenarioSet one = loader.loadFile(path);
        all.problems += one.problems;
        for (const Scenario &s : std::as_const(one.scenarios)) {
            if (ids.contains(s.id)) {
                all.problems.append({QFileInfo(path).fileName(), s.id, QStringLiteral("id"),
                                     Text::tr("is used by another scenario")});
                continue;
            }
            ids.insert(s.id);
            all.authored.insert(s.id);
            all.scenarios.append(s);
        }
        all.articleGroups.insert(one.articleGroups);
    }
    return all;
}

QList<ScenarioProblem> ScenarioLibrary::check(const Scenario &scenario,
                                              const ScenarioLoader &loader,
                                              const QString &replacing) const
{
    const QString file = scenario.id.isEmpty() ? QStringLiteral("(new scenario)")
                                               : scenario.id + QStringLiteral(".json");
    QList<ScenarioProblem> problems = loader.loadData(scenarioFile({scenario}), file).problems;
    if (scenario.id.isEmpty())
        return problems;
    QSet<QString> bundled;
    for (const QString &path : jsonFiles(m_bundled))
        bundled += idsIn(path);
    if (bundled.contains(scenario.id)) {
        problems.append({file, scenario.id, QStringLiteral("id"),
                         Text::tr("is a bundled scenario's (those stay as the city pack ships "
                                  "them): give this one an id of its own")});
        return problems;
    }
    for (const QString &path : jsonFiles(m_trainers)) {
        if (QFileInfo(path).completeBaseName() == replacing)
            continue;
        if (idsIn(path).contains(scenario.id)) {
            problems.append({file, scenario.id, QStringLiteral("id"),
                             Text::tr("is used by another trainer's scenario (%1)")
                                 .arg(QFileInfo(path).fileName())});
            break;
        }
    }
    return problems;
}

Result<QString> ScenarioLibrary::save(const Scenario &scenario, const ScenarioLoader &loader,
                                      AgentRole role, const QString &replacing) const
{
    if (!mayAuthorScenarios(role))
        return makeError(QStringLiteral("practice.role"),
                         Text::tr("The %1 role may not write practice scenarios: trainers and "
                                  "admins do.")
                             .arg(agentRoleName(role)));
    if (m_trainers.isEmpty())
        return makeError(QStringLiteral("practice.folder"),
                         Text::tr("This workstation has no folder for trainers' scenarios."));
    const QList<ScenarioProblem> problems = check(scenario, loader, replacing);
    if (!problems.isEmpty()) {
        QStringList lines;
        for (const ScenarioProblem &p : problems)
            lines.append(p.text());
        return makeError(QStringLiteral("practice.scenario"), lines.join(u'\n'));
    }
    if (!QDir().mkpath(m_trainers))
        return makeError(QStringLiteral("practice.folder"),
                         Text::tr("The folder %1 could not be made.").arg(m_trainers));
    const QString path = pathOf(scenario.id);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(scenarioFile({scenario})) < 0 || !out.commit())
        return makeError(QStringLiteral("practice.write"),
                         Text::tr("%1 could not be written: %2").arg(path, out.errorString()));
    if (!replacing.isEmpty() && replacing != scenario.id)
        QFile::remove(pathOf(replacing));
    return path;
}

Status ScenarioLibrary::remove(const QString &id, AgentRole role) const
{
    if (!mayAuthorScenarios(role))
        return makeError(QStringLiteral("practice.role"),
                         Text::tr("The %1 role may not delete practice scenarios: trainers and "
                                  "admins do.")
                             .arg(agentRoleName(role)));
    for (const QString &path : jsonFiles(m_bundled)) {
        if (idsIn(path).contains(id))
            return makeError(QStringLiteral("practice.bundled"),
                             Text::tr("\"%1\" is a bundled scenario: it comes with the city pack "
                                      "and cannot be deleted here.")
                                 .arg(id));
    }
    const QString path = pathOf(id);
    // An id is a file name in the trainers' folder, never a path out of it.
    const bool plainName = !id.contains(u'/') && !id.contains(u'\\') && !id.startsWith(u'.');
    if (m_trainers.isEmpty() || id.isEmpty() || !plainName || !QFileInfo::exists(path) ||
        !idsIn(path).contains(id))
        return makeError(
            QStringLiteral("practice.missing"),
            Text::tr("No trainer's scenario \"%1\" is kept in %2.").arg(id, m_trainers));
    if (!QFile::remove(path))
        return makeError(
            QStringLiteral("practice.write"),
            Text::tr("%1 could not be deleted; check the folder's permissions.").arg(path));
    return Ok{};
}

} // namespace civicdesk
