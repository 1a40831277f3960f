// The bundled practice scenarios load without a problem against Boston's live catalogue,
// knowledge base and referrals, cover what training needs, in English and Spanish; a broken
// scenario is reported with its file, scenario and field, and left out.

#include "models/city/cataloguerepository.h"
#include "models/intake/intakerepository.h"
#include "models/knowledge/articlerepository.h"
#include "models/practice/scenarios/scenariolibrary.h"
#include "models/practice/scenarios/scenarioloader.h"
#include "tests/support/packimport.h"
#include "tests/support/teststore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

namespace {
const QString Bundled = QStringLiteral(CIVICDESK_DEMO_CITY_DIR "/practice");
}

class TestScenarios : public QObject
{
    Q_OBJECT

    test::TempStore m_store;
    std::unique_ptr<CatalogueRepository> m_catalogue;
    std::unique_ptr<ArticleRepository> m_articles;
    std::unique_ptr<ScenarioLoader> m_loader;

    // The bundled file with one scenario changed by `edit`.
    QByteArray edited(const QString &id, const std::function<void(QJsonObject &)> &edit)
    {
        QFile file(Bundled + QStringLiteral("/scenarios.json"));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QJsonArray list = root.value(u"scenarios").toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            QJsonObject o = list.at(i).toObject();
            if (o.value(u"id").toString() == id) {
                edit(o);
                list[i] = o;
            }
        }
        root[QStringLiteral("scenarios")] = list;
        return QJsonDocument(root).toJson();
    }

    Scenario bundled(const QString &id) const
    {
        const ScenarioSet set = m_loader->loadDirectory(Bundled);
        for (const Scenario &s : set.scenarios) {
            if (s.id == id)
                return s;
        }
        return Scenario();
    }

    static QStringList filesIn(const QString &dir) { return QDir(dir).entryList(QDir::Files); }

private slots:
    void initTestCase()
    {
        // The catalogue, knowledge and places are what is checked.
        auto imported =
            test::importPackWithoutHistory(m_store.db(), QStringLiteral(CIVICDESK_DEMO_CITY_DIR));
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        m_catalogue = std::make_unique<CatalogueRepository>(m_store.db());
        m_articles = std::make_unique<ArticleRepository>(m_store.db());
        m_loader = std::make_unique<ScenarioLoader>(*m_catalogue, *m_articles,
                                                    IntakeRepository(m_store.db()).referrals());
    }

    void bundledScenariosAllLoad()
    {
        const ScenarioSet set = m_loader->loadDirectory(Bundled);
        QStringList problems;
        for (const ScenarioProblem &p : set.problems)
            problems.append(p.text());
        QVERIFY2(set.problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY(set.scenarios.size() >= 16);
    }

    void bundledScenariosCoverTraining()
    {
        const ScenarioSet set = m_loader->loadDirectory(Bundled);
        int spanish = 0;
        bool emergency = false, confidential = false, outside = false, attach = false,
             intersection = false, changeOfMind = false, misheard = false, walkIn = false,
             information = false, pothole = false, trash = false;
        for (const Scenario &s : set.scenarios) {
            spanish += s.language == u"es" ? 1 : 0;
            emergency |= s.expected.emergency && s.expected.transferTo == u"911";
            confidential |= s.expected.confidential;
            outside |= s.expected.outsideCity;
            attach |= s.expected.duplicate == u"attach" && !s.seeds.isEmpty();
            intersection |= s.expected.location.contains(u'&');
            changeOfMind |= s.id.contains(u"then");
            misheard |= s.misheard && !s.numberSeed.isEmpty();
            walkIn |= s.channel == Channel::WalkIn;
            information |= s.expected.serviceCode.isEmpty() && !s.expected.articles.isEmpty();
            pothole |= s.expected.serviceCode == u"REQPOTHL";
            trash |= s.expected.serviceCode == u"MTRECYDBI";
        }
        QVERIFY(spanish >= 5);
        QVERIFY(emergency);
        QVERIFY(confidential);
        QVERIFY(outside);
        QVERIFY(attach);
        QVERIFY(intersection);
        QVERIFY(changeOfMind);
        QVERIFY(misheard);
        QVERIFY(walkIn);
        QVERIFY(information);
        QVERIFY(pothole);
        QVERIFY(trash);
        // The Spanish caller speaks Spanish: the expected article is the Spanish one.
        for (const Scenario &s : set.scenarios) {
            for (const QString &id : s.expected.articles)
                QVERIFY2(id.endsWith(u'-' + s.language), qPrintable(s.id));
        }
    }

    void problemsNameFileScenarioAndField_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("change");
        QTest::newRow("unknown type") << "pothole-en"
                                      << "expected.service_code"
                                      << "type";
        QTest::newRow("value not offered") << "pothole-en"
                                           << "answers.POTHOLE_SIZE"
                                           << "value";
        QTest::newRow("not a question") << "pothole-en"
                                        << "answers.NOPE"
                                        << "question";
        QTest::newRow("required question unanswered") << "pothole-en"
                                                      << "answers.ROAD_POSITION"
                                                      << "drop";
        QTest::newRow("unknown article") << "parking-ticket-info-en"
                                         << "expected.articles"
                                         << "article";
        QTest::newRow("unknown referral") << "cambridge-referral-en"
                                          << "expected.referral"
                                          << "referral";
        QTest::newRow("emergency not transferred") << "restaurant-fire-en"
                                                   << "expected.outcome"
                                                   << "outcome";
        QTest::newRow("attach without a seed") << "streetlight-duplicate-en"
                                               << "expected.duplicate"
                                               << "seed";
        QTest::newRow("bad outcome") << "graffiti-en"
                                     << "expected.outcome"
                                     << "badoutcome";
        QTest::newRow("missing opening") << "graffiti-en"
                                         << "opening"
                                         << "opening";
        QTest::newRow("bad language") << "pothole-es"
                                      << "language"
                                      << "language";
    }
    void problemsNameFileScenarioAndField()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, field);
        QFETCH(QString, change);
        const QByteArray json = edited(scenario, [&](QJsonObject &o) {
            QJsonObject expected = o.value(u"expected").toObject();
            QJsonArray answers = o.value(u"answers").toArray();
            if (change == u"type")
                expected[QStringLiteral("service_code")] = QStringLiteral("POTHOLES");
            if (change == u"value" || change == u"question") {
                QJsonObject a = answers.at(1).toObject();
                if (change == u"value")
                    a[QStringLiteral("values")] = QJsonArray{QStringLiteral("HUGE")};
                else
                    a[QStringLiteral("code")] = QStringLiteral("NOPE");
                answers[1] = a;
            }
            if (change == u"drop")
                answers.removeAt(2);
            if (change == u"article")
                expected[QStringLiteral("articles")] = QJsonArray{QStringLiteral("info-nope-en")};
            if (change == u"referral")
                expected[QStringLiteral("referral")] = QStringLiteral("City of Springfield");
            if (change == u"outcome")
                expected[QStringLiteral("outcome")] = QStringLiteral("information_given");
            if (change == u"seed")
                o.remove(QStringLiteral("seed_requests"));
            if (change == u"badoutcome")
                expected[QStringLiteral("outcome")] = QStringLiteral("resolved");
            if (change == u"opening")
                o.remove(QStringLiteral("opening"));
            if (change == u"language")
                o[QStringLiteral("language")] = QStringLiteral("spanish!");
            o[QStringLiteral("expected")] = expected;
            o[QStringLiteral("answers")] = answers;
        });
        const ScenarioSet set = m_loader->loadData(json, QStringLiteral("mine.json"));
        QVERIFY(!set.problems.isEmpty());
        const ScenarioProblem &p = set.problems.first();
        QCOMPARE(p.file, QStringLiteral("mine.json"));
        QCOMPARE(p.scenario, scenario);
        QCOMPARE(p.field, field);
        QVERIFY(!p.message.isEmpty());
        QVERIFY(p.text().startsWith(QStringLiteral("mine.json: ") + scenario + u": " + field));
        // Only the broken scenario is left out.
        const int all = m_loader->loadDirectory(Bundled).scenarios.size();
        QCOMPARE(set.scenarios.size(), all - 1);
        for (const Scenario &s : set.scenarios)
            QVERIFY(s.id != scenario);
    }

    void brokenFiles()
    {
        ScenarioSet set = m_loader->loadData("{\"format\": ", QStringLiteral("bad.json"));
        QCOMPARE(set.problems.size(), 1);
        QVERIFY(set.problems.first().message.contains(u"JSON"));
        set = m_loader->loadData(R"({"format": "something-else", "format_version": 1})",
                                 QStringLiteral("other.json"));
        QCOMPARE(set.problems.first().field, QStringLiteral("format"));
        set = m_loader->loadData(
            R"({"format": "civicdesk-practice-scenarios", "format_version": 1, "scenarios": [{}]})",
            QStringLiteral("empty.json"));
        QVERIFY(set.scenarios.isEmpty());
        QCOMPARE(set.problems.first().scenario, QStringLiteral("#1"));
        QCOMPARE(set.problems.first().field, QStringLiteral("id"));
        set = m_loader->loadFile(QStringLiteral("/nonexistent/scenarios.json"));
        QCOMPARE(set.problems.size(), 1);
        QCOMPARE(set.problems.first().file, QStringLiteral("scenarios.json"));
    }

    void duplicateIdsAreReported()
    {
        const QByteArray json = edited(QStringLiteral("graffiti-en"), [](QJsonObject &o) {
            o[QStringLiteral("id")] = QStringLiteral("pothole-en");
        });
        const ScenarioSet set = m_loader->loadData(json, QStringLiteral("dup.json"));
        QCOMPARE(set.problems.size(), 1);
        QCOMPARE(set.problems.first().field, QStringLiteral("id"));
    }

    // Scenario authoring (issue 17 item 1): the written format reads back equal.
    void everyBundledScenarioRoundTrips()
    {
        const ScenarioSet set = m_loader->loadDirectory(Bundled);
        QVERIFY(set.scenarios.size() >= 16);
        for (const Scenario &s : set.scenarios) {
            const ScenarioSet again =
                m_loader->loadData(scenarioFile({s}), QStringLiteral("x.json"));
            QVERIFY2(
                again.problems.isEmpty(),
                qPrintable(again.problems.isEmpty() ? QString() : again.problems.first().text()));
            QCOMPARE(again.scenarios.size(), 1);
            QVERIFY2(again.scenarios.first() == s, qPrintable(s.id));
            QCOMPARE(scenarioToJson(again.scenarios.first()), scenarioToJson(s));
        }
        // Equality sees every field (a round trip that dropped one could not pass).
        Scenario a = set.scenarios.first();
        Scenario b = a;
        b.expected.transferTo = QStringLiteral("2001");
        QVERIFY(a != b);
        b = a;
        b.seeds.append(ScenarioSeed());
        QVERIFY(a != b);
    }

    // Save -> load -> equal: a trainer's copy of a bundled scenario, with a new id, is a file in
    // the trainers' folder, listed after the bundled ones and marked as the trainers'.
    void savedScenarioLoadsBackEqual()
    {
        QTemporaryDir trainers;
        const ScenarioLibrary library(Bundled, trainers.filePath(QStringLiteral("scenarios")));
        Scenario s = bundled(QStringLiteral("streetlight-duplicate-en"));
        QVERIFY(!s.id.isEmpty());
        s.id = QStringLiteral("streetlight-trainer");
        s.title = QStringLiteral("Street light, the trainer's version");
        s.opening = QStringLiteral("The light on my corner is out again.");
        s.passMark = 90;
        s.targetSeconds = 120;
        const auto saved = library.save(s, *m_loader, AgentRole::Trainer);
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
        QCOMPARE(saved.value(), library.pathOf(QStringLiteral("streetlight-trainer")));
        QVERIFY(QFile::exists(saved.value()));
        const ScenarioSet set = library.load(*m_loader);
        QVERIFY(set.problems.isEmpty());
        QCOMPARE(set.authored, QSet<QString>{QStringLiteral("streetlight-trainer")});
        QCOMPARE(set.scenarios.size(), m_loader->loadDirectory(Bundled).scenarios.size() + 1);
        QVERIFY(set.scenarios.last() == s);
        // Edited under a new id: the old file goes, one file stays.
        Scenario renamed = s;
        renamed.id = QStringLiteral("streetlight-corner");
        QVERIFY(library.save(renamed, *m_loader, AgentRole::Admin, s.id).ok());
        QCOMPARE(filesIn(library.trainerDirectory()),
                 QStringList{QStringLiteral("streetlight-corner.json")});
        // Edited under its own id: it may keep it.
        QVERIFY(library.check(renamed, *m_loader, renamed.id).isEmpty());
    }

    // Bad input: a clear problem naming the field, and nothing written.
    void badScenariosAreNotSaved_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("field");
        QTest::newRow("unknown type") << "type"
                                      << "expected.service_code";
        QTest::newRow("question the type does not have") << "question"
                                                         << "answers.NOPE";
        QTest::newRow("empty opening line") << "opening"
                                            << "opening";
        QTest::newRow("no caller name") << "name"
                                        << "caller.name";
        QTest::newRow("bad id") << "id"
                                << "id";
        QTest::newRow("a bundled scenario's id") << "bundled"
                                                 << "id";
        QTest::newRow("another trainer's id") << "taken"
                                              << "id";
        QTest::newRow("pass mark over 100") << "pass"
                                            << "pass_mark";
    }
    void badScenariosAreNotSaved()
    {
        QFETCH(QString, change);
        QFETCH(QString, field);
        QTemporaryDir trainers;
        const ScenarioLibrary library(Bundled, trainers.path());
        Scenario other = bundled(QStringLiteral("graffiti-en"));
        other.id = QStringLiteral("graffiti-trainer");
        QVERIFY(library.save(other, *m_loader, AgentRole::Trainer).ok());
        Scenario s = bundled(QStringLiteral("pothole-en"));
        s.id = QStringLiteral("pothole-trainer");
        if (change == u"type")
            s.expected.serviceCode = QStringLiteral("POTHOLES");
        if (change == u"question")
            s.answers[1].code = QStringLiteral("NOPE");
        if (change == u"opening")
            s.opening = QStringLiteral("   ");
        if (change == u"name")
            s.caller.name.clear();
        if (change == u"id")
            s.id = QStringLiteral("../Pothole");
        if (change == u"bundled")
            s.id = QStringLiteral("pothole-en");
        if (change == u"taken")
            s.id = QStringLiteral("graffiti-trainer");
        if (change == u"pass")
            s.passMark = 101;
        const QList<ScenarioProblem> problems = library.check(s, *m_loader);
        QVERIFY(!problems.isEmpty());
        QCOMPARE(problems.first().field, field);
        QVERIFY(!problems.first().message.isEmpty());
        const auto saved = library.save(s, *m_loader, AgentRole::Trainer);
        QVERIFY(!saved.ok());
        QVERIFY2(saved.error().message.contains(field), qPrintable(saved.error().message));
        QCOMPARE(filesIn(trainers.path()), QStringList{QStringLiteral("graffiti-trainer.json")});
    }

    // Only trainers and admins author; everyone else is refused with a reason, nothing written.
    void onlyTrainersAndAdminsSave()
    {
        QTemporaryDir trainers;
        const ScenarioLibrary library(Bundled, trainers.path());
        Scenario s = bundled(QStringLiteral("pothole-en"));
        s.id = QStringLiteral("pothole-trainer");
        for (AgentRole role :
             {AgentRole::CallTaker, AgentRole::Lobby, AgentRole::Editor, AgentRole::Supervisor}) {
            QVERIFY(!mayAuthorScenarios(role));
            const auto saved = library.save(s, *m_loader, role);
            QVERIFY(!saved.ok());
            QCOMPARE(saved.error().code, QStringLiteral("practice.role"));
            QVERIFY(saved.error().message.contains(agentRoleName(role)));
        }
        QVERIFY(filesIn(trainers.path()).isEmpty());
        QVERIFY(mayAuthorScenarios(AgentRole::Trainer));
        QVERIFY(mayAuthorScenarios(AgentRole::Admin));
        QVERIFY(library.save(s, *m_loader, AgentRole::Admin).ok());
    }

    // A trainer deletes their own scenario; bundled ones, unknown ids and other roles are
    // refused and nothing is removed.
    void onlyTrainersOwnScenariosAreDeleted()
    {
        QTemporaryDir trainers;
        const ScenarioLibrary library(Bundled, trainers.path());
        Scenario s = bundled(QStringLiteral("pothole-en"));
        s.id = QStringLiteral("pothole-to-delete");
        QVERIFY(library.save(s, *m_loader, AgentRole::Trainer).ok());
        const int bundledFiles = int(filesIn(Bundled).size());
        const auto refusedRole = library.remove(s.id, AgentRole::CallTaker);
        QCOMPARE(refusedRole.error().code, QStringLiteral("practice.role"));
        const auto refusedBundled = library.remove(QStringLiteral("pothole-en"), AgentRole::Admin);
        QCOMPARE(refusedBundled.error().code, QStringLiteral("practice.bundled"));
        QVERIFY(refusedBundled.error().message.contains(u"pothole-en"));
        QCOMPARE(library.remove(QStringLiteral("no-such-one"), AgentRole::Trainer).error().code,
                 QStringLiteral("practice.missing"));
        // A path in the id reaches no other file.
        QCOMPARE(
            library.remove(QStringLiteral("../pothole-to-delete"), AgentRole::Trainer).error().code,
            QStringLiteral("practice.missing"));
        QCOMPARE(filesIn(trainers.path()), QStringList{QStringLiteral("pothole-to-delete.json")});
        QCOMPARE(int(filesIn(Bundled).size()), bundledFiles);
        QVERIFY(library.remove(s.id, AgentRole::Trainer).ok());
        QVERIFY(filesIn(trainers.path()).isEmpty());
        const ScenarioSet set = library.load(*m_loader);
        QVERIFY(set.authored.isEmpty());
        QCOMPARE(set.scenarios.size(), m_loader->loadDirectory(Bundled).scenarios.size());
    }

    // A file put in the trainers' folder by hand is checked like any other; one that takes a
    // bundled scenario's id is reported and left out.
    void trainersFilesAreChecked()
    {
        QTemporaryDir trainers;
        QFile clash(trainers.filePath(QStringLiteral("clash.json")));
        QVERIFY(clash.open(QIODevice::WriteOnly));
        clash.write(scenarioFile({bundled(QStringLiteral("pothole-en"))}));
        clash.close();
        const ScenarioSet set = ScenarioLibrary(Bundled, trainers.path()).load(*m_loader);
        QCOMPARE(set.problems.size(), 1);
        QCOMPARE(set.problems.first().file, QStringLiteral("clash.json"));
        QCOMPARE(set.problems.first().field, QStringLiteral("id"));
        QVERIFY(set.authored.isEmpty());
        QCOMPARE(set.scenarios.size(), m_loader->loadDirectory(Bundled).scenarios.size());
    }
};

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
