#include "models/practice/scenarios/scenarioloader.h"

#include "models/city/cataloguerepository.h"
#include "models/domain/languagecode.h"
#include "models/knowledge/articlerepository.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(ScenarioLoader)
};

const QString Format = QStringLiteral("civicdesk-practice-scenarios");

// Collects the problems of one scenario while it is read.
struct Reader
{
    QString file;
    QString scenario;
    QList<ScenarioProblem> &problems;

    void problem(const QString &field, const QString &message)
    {
        problems.append({file, scenario, field, message});
    }
    QString text(const QJsonObject &o, const QString &key, const QString &prefix, bool required)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                problem(prefix + key, Text::tr("is required"));
            return {};
        }
        if (!v.isString()) {
            problem(prefix + key, Text::tr("must be a text"));
            return {};
        }
        if (required && v.toString().trimmed().isEmpty())
            problem(prefix + key, Text::tr("is empty"));
        return v.toString().trimmed();
    }
    QStringList texts(const QJsonObject &o, const QString &key, const QString &prefix)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isArray()) {
            problem(prefix + key, Text::tr("must be a list of texts"));
            return {};
        }
        QStringList out;
        const QJsonArray array = v.toArray();
        for (const QJsonValue &item : array) {
            if (!item.isString() || item.toString().trimmed().isEmpty()) {
                problem(prefix + key, Text::tr("must be a list of texts"));
                return {};
            }
            out.append(item.toString().trimmed());
        }
        return out;
    }
    int number(const QJsonObject &o, const QString &key, int fallback, int low, int high)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < low ||
            v.toInt() > high) {
            problem(key, Text::tr("must be a whole number from %1 to %2").arg(low).arg(high));
            return fallback;
        }
        return v.toInt();
    }
    QString language(const QJsonObject &o, const QString &key, const QString &prefix)
    {
        const QString code = text(o, key, prefix, false);
        if (code.isEmpty())
            return QStringLiteral("en");
        if (!isLanguageCode(code))
            problem(prefix + key, Text::tr("\"%1\" is not a language code").arg(code));
        return code;
    }
};

Scenario readScenario(const QJsonObject &o, Reader &r)
{
    Scenario s;
    s.id = r.text(o, QStringLiteral("id"), {}, true);
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,63}$"));
    if (!s.id.isEmpty() && !idPattern.match(s.id).hasMatch())
        r.problem(QStringLiteral("id"), Text::tr("must be 1 to 64 lowercase letters, digits, "
                                                 "\"-\" or \"_\""));
    s.title = r.text(o, QStringLiteral("title"), {}, true);
    s.language = r.language(o, QStringLiteral("language"), {});
    const QString channel = r.text(o, QStringLiteral("channel"), {}, false);
    if (!channel.isEmpty()) {
        if (const auto c = channelFromName(channel))
            s.channel = *c;
        else
            r.problem(QStringLiteral("channel"), Text::tr("\"%1\" is not a channel (phone, "
                                                          "walk_in, email, web, text, mail)")
                                                     .arg(channel));
    }
    const QJsonObject caller = o.value(u"caller").toObject();
    if (!o.value(u"caller").isObject())
        r.problem(QStringLiteral("caller"), Text::tr("is required (an object)"));
    s.caller.anonymous = caller.value(u"anonymous").toBool();
    s.caller.name =
        r.text(caller, QStringLiteral("name"), QStringLiteral("caller."), !s.caller.anonymous);
    s.caller.phone = r.text(caller, QStringLiteral("phone"), QStringLiteral("caller."), false);
    s.caller.language = r.language(caller, QStringLiteral("language"), QStringLiteral("caller."));
    s.opening = r.text(o, QStringLiteral("opening"), {}, true);
    const QJsonObject facts = o.value(u"facts").toObject();
    s.location = r.text(facts, QStringLiteral("location"), QStringLiteral("facts."), false);
    s.details = r.text(facts, QStringLiteral("details"), QStringLiteral("facts."), false);
    s.callerLine = r.text(facts, QStringLiteral("caller"), QStringLiteral("facts."), false);
    s.numberSeed = r.text(facts, QStringLiteral("number_of"), QStringLiteral("facts."), false);
    s.misheard = facts.value(u"misheard").toBool();

    const QJsonArray answers = o.value(u"answers").toArray();
    for (qsizetype i = 0; i < answers.size(); ++i) {
        const QString prefix = QStringLiteral("answers[%1].").arg(i);
        const QJsonObject a = answers.at(i).toObject();
        ScenarioAnswer answer;
        answer.code = r.text(a, QStringLiteral("code"), prefix, true);
        answer.values = r.texts(a, QStringLiteral("values"), prefix);
        if (answer.values.isEmpty())
            r.problem(prefix + u"values", Text::tr("is required (the answer on the form)"));
        answer.say = r.text(a, QStringLiteral("say"), prefix, true);
        answer.required = a.value(u"required").toBool(true);
        s.answers.append(answer);
    }
    const QJsonArray seeds = o.value(u"seed_requests").toArray();
    for (qsizetype i = 0; i < seeds.size(); ++i) {
        const QString prefix = QStringLiteral("seed_requests[%1].").arg(i);
        const QJsonObject j = seeds.at(i).toObject();
        ScenarioSeed seed;
        seed.ref = r.text(j, QStringLiteral("ref"), prefix, true);
        seed.serviceCode = r.text(j, QStringLiteral("service_code"), prefix, true);
        seed.address = r.text(j, QStringLiteral("address"), prefix, true);
        seed.description = r.text(j, QStringLiteral("description"), prefix, false);
        if (!j.value(u"latitude").isDouble() || !j.value(u"longitude").isDouble())
            r.problem(prefix + u"latitude", Text::tr("latitude and longitude are required"));
        seed.latitude = j.value(u"latitude").toDouble();
        seed.longitude = j.value(u"longitude").toDouble();
        seed.daysAgo = j.value(u"days_ago").toInt(1);
        if (seed.daysAgo < 0 || seed.daysAgo > 365)
            r.problem(prefix + u"days_ago", Text::tr("must be 0 to 365"));
        s.seeds.append(seed);
    }

    if (!o.value(u"expected").isObject())
        r.problem(QStringLiteral("expected"), Text::tr("is required (an object)"));
    const QJsonObject e = o.value(u"expected").toObject();
    const QString pe = QStringLiteral("expected.");
    s.expected.serviceCode = r.text(e, QStringLiteral("service_code"), pe, false);
    s.expected.location = r.text(e, QStringLiteral("location"), pe, false);
    s.expected.outsideCity = e.value(u"outside_city").toBool();
    s.expected.referral = r.text(e, QStringLiteral("referral"), pe, false);
    s.expected.duplicate = r.text(e, QStringLiteral("duplicate"), pe, false);
    if (!s.expected.duplicate.isEmpty() && s.expected.duplicate != u"attach" &&
        s.expected.duplicate != u"create_anyway")
        r.problem(pe + u"duplicate", Text::tr("must be \"attach\" or \"create_anyway\""));
    s.expected.articles = r.texts(e, QStringLiteral("articles"), pe);
    const QString outcome = r.text(e, QStringLiteral("outcome"), pe, true);
    if (const auto out = outcomeFromName(outcome))
        s.expected.outcome = *out;
    else if (!outcome.isEmpty())
        r.problem(pe + u"outcome", Text::tr("\"%1\" is not an outcome").arg(outcome));
    s.expected.transferTo = r.text(e, QStringLiteral("transfer_to"), pe, false);
    s.expected.readBack = r.text(e, QStringLiteral("read_back"), pe, false);
    s.targetSeconds = r.number(o, QStringLiteral("target_seconds"), 180, 10, 3600);
    s.passMark = r.number(o, QStringLiteral("pass_mark"), 80, 1, 100);
    return s;
}

} // namespace

QString ScenarioProblem::text() const
{
    return QStringLiteral("%1: %2: %3: %4").arg(file, scenario, field, message);
}

ScenarioLoader::ScenarioLoader(const CatalogueRepository &catalogue,
                               const ArticleRepository &articles, QList<Referral> referrals)
    : m_catalogue(catalogue), m_articles(articles), m_referrals(std::move(referrals))
{
}

ScenarioSet ScenarioLoader::loadFile(const QString &path) const
{
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    if (!file.open(QIODevice::ReadOnly)) {
        ScenarioSet set;
        set.problems.append(
            {name, QString(), QString(), Text::tr("cannot be read: %1").arg(file.errorString())});
        return set;
    }
    return loadData(file.readAll(), name);
}

ScenarioSet ScenarioLoader::loadDirectory(const QString &directory) const
{
    ScenarioSet all;
    const QDir dir(directory);
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        ScenarioSet one = loadFile(dir.filePath(name));
        all.scenarios += one.scenarios;
        all.problems += one.problems;
        all.articleGroups.insert(one.articleGroups);
    }
    return all;
}

ScenarioSet ScenarioLoader::loadData(const QByteArray &json, const QString &file) const
{
    ScenarioSet set;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        set.problems.append({file, QString(), QString(),
                             Text::tr("is not valid JSON at offset %1: %2")
                                 .arg(error.offset)
                                 .arg(error.errorString())});
        return set;
    }
    const QJsonObject root = doc.object();
    if (root.value(u"format").toString() != Format || root.value(u"format_version").toInt() != 1) {
        set.problems.append({file, QString(), QStringLiteral("format"),
                             Text::tr("must be \"%1\" with format_version 1").arg(Format)});
        return set;
    }
    const QJsonArray list = root.value(u"scenarios").toArray();
    if (list.isEmpty())
        set.problems.append({file, QString(), QStringLiteral("scenarios"),
                             Text::tr("is required (a list of scenarios)")});
    QSet<QString> ids;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list.at(i).toObject();
        const QString id = o.value(u"id").toString();
        Reader reader{file, id.isEmpty() ? QStringLiteral("#%1").arg(i + 1) : id, set.problems};
        const qsizetype before = set.problems.size();
        Scenario scenario = readScenario(o, reader);
        if (!scenario.id.isEmpty() && ids.contains(scenario.id))
            reader.problem(QStringLiteral("id"), Text::tr("is used by an earlier scenario"));
        ids.insert(scenario.id);
        if (set.problems.size() == before)
            check(scenario, file, set);
        if (set.problems.size() == before)
            set.scenarios.append(scenario);
    }
    return set;
}

void ScenarioLoader::check(Scenario &s, const QString &file, ScenarioSet &set) const
{
    auto problem = [&](const QString &field, const QString &message) {
        set.problems.append({file, s.id, field, message});
    };
    for (const ScenarioSeed &seed : s.seeds) {
        if (!m_catalogue.serviceType(seed.serviceCode))
            problem(QStringLiteral("seed_requests.service_code"),
                    Text::tr("\"%1\" is not a request type of this city").arg(seed.serviceCode));
    }
    std::optional<ServiceType> type;
    if (!s.expected.serviceCode.isEmpty()) {
        type = m_catalogue.serviceType(s.expected.serviceCode);
        if (!type)
            problem(
                QStringLiteral("expected.service_code"),
                Text::tr("\"%1\" is not a request type of this city").arg(s.expected.serviceCode));
    }
    if (type) {
        s.expected.emergency = type->emergency;
        s.expected.confidential = type->contactRule == ContactRule::Never;
        for (const ScenarioAnswer &answer : std::as_const(s.answers)) {
            const auto attribute =
                std::find_if(type->attributes.cbegin(), type->attributes.cend(),
                             [&](const ServiceAttribute &a) { return a.code == answer.code; });
            if (attribute == type->attributes.cend() || !attribute->variable) {
                problem(u"answers." + answer.code,
                        Text::tr("is not a question of %1").arg(type->code));
                continue;
            }
            if (attribute->isList()) {
                for (const QString &value : answer.values) {
                    const bool offered =
                        std::any_of(attribute->values.cbegin(), attribute->values.cend(),
                                    [&](const AttributeValue &v) { return v.key == value; });
                    if (!offered)
                        problem(u"answers." + answer.code,
                                Text::tr("\"%1\" is not one of its values").arg(value));
                }
            }
        }
        // Every required question of the type must have an answer the caller can give.
        for (const ServiceAttribute &a : type->attributes) {
            const bool answered =
                std::any_of(s.answers.cbegin(), s.answers.cend(),
                            [&](const ScenarioAnswer &x) { return x.code == a.code; });
            if (a.variable && a.required && a.dependencies.conditions.isEmpty() && !answered &&
                !type->emergency)
                problem(u"answers." + a.code,
                        Text::tr("the type's required question has no answer in the scenario"));
        }
        if (type->emergency && s.expected.outcome != Outcome::WarmTransfer &&
            s.expected.outcome != Outcome::ColdTransfer)
            problem(QStringLiteral("expected.outcome"),
                    Text::tr("%1 is an emergency type: the expected outcome is a transfer")
                        .arg(type->code));
    } else if (!s.answers.isEmpty()) {
        problem(QStringLiteral("answers"), Text::tr("answers need an expected service_code"));
    }
    if ((s.expected.outcome == Outcome::WarmTransfer ||
         s.expected.outcome == Outcome::ColdTransfer) &&
        s.expected.transferTo.isEmpty())
        problem(QStringLiteral("expected.transfer_to"),
                Text::tr("a transfer names where the call goes"));
    if (s.expected.outsideCity) {
        if (s.expected.outcome != Outcome::Referred)
            problem(QStringLiteral("expected.outcome"),
                    Text::tr("a place outside the city is referred (outcome \"referred\")"));
        const bool known =
            std::any_of(m_referrals.cbegin(), m_referrals.cend(),
                        [&](const Referral &r) { return r.name == s.expected.referral; });
        if (!known)
            problem(QStringLiteral("expected.referral"),
                    Text::tr("\"%1\" is not one of the city's referrals").arg(s.expected.referral));
    }
    if (s.expected.duplicate == u"attach") {
        const bool seeded =
            std::any_of(s.seeds.cbegin(), s.seeds.cend(), [&](const ScenarioSeed &seed) {
                return seed.serviceCode == s.expected.serviceCode;
            });
        if (!seeded)
            problem(QStringLiteral("expected.duplicate"),
                    Text::tr("attaching needs a seeded open request of the expected type"));
        if (s.expected.outcome != Outcome::AttachedToExisting)
            problem(QStringLiteral("expected.outcome"),
                    Text::tr("attaching ends as \"attached_to_existing\""));
    }
    if (!s.expected.readBack.isEmpty() && s.expected.readBack != u"created" &&
        !s.seed(s.expected.readBack))
        problem(QStringLiteral("expected.read_back"),
                Text::tr("must be \"created\" or the ref of a seeded request"));
    if (!s.numberSeed.isEmpty() && !s.seed(s.numberSeed))
        problem(QStringLiteral("facts.number_of"), Text::tr("names no seeded request"));
    for (const QString &id : std::as_const(s.expected.articles)) {
        const auto article = m_articles.byId(id);
        if (!article)
            problem(QStringLiteral("expected.articles"),
                    Text::tr("\"%1\" is not an article of this city's knowledge base").arg(id));
        else
            set.articleGroups.insert(
                id, article->translationGroup.isEmpty() ? article->id : article->translationGroup);
    }
}

} // namespace civicdesk
