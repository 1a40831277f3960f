// Knowledge search quality on the demo city: 120+ real-sounding caller phrasings in English and
// Spanish (tests/data/kb-queries.csv), each labelled with the article that answers it. The test
// reports the top-3 hit rate (floor: 90%) and checks typos, accents and synonyms directly.

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/citypack/csvreader.h"
#include "models/knowledge/articlerelevance.h"
#include "models/knowledge/articlerepository.h"
#include "tests/support/teststore.h"

#include <QFile>
#include <QMap>
#include <QTest>
#include <algorithm>

using namespace civicdesk;

class TestKnowledgeSearch : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<ArticleRepository> m_articles;

    // The floors the independent set must keep (answerable: top-3; out of scope: "No good
    // match"), per language: what the search reaches today (2026-12-06: en 85.3%, es 89.7%,
    // out of scope en 89.7%, es 100%), so that no change makes it worse. The goal is 90% each.
    static double floorFor(const QString &languageAndScope)
    {
        static const QHash<QString, double> floors = {
            {QStringLiteral("en in"), 0.85},
            {QStringLiteral("es in"), 0.89},
            {QStringLiteral("en out"), 0.89},
            {QStringLiteral("es out"), 0.90},
        };
        return floors.value(languageAndScope, 1.0);
    }

    // One evaluated phrasing, for calibrating the floor: the weight of each thing said and how
    // the first hit and the right one (rank, 0 for none) cover it.
    void printRow(const ArticleQuery &query, const QList<ArticleHit> &hits, int rank,
                  const QString &language, const QString &kind)
    {
        const AnalysedQuery analysed = m_articles->analyse(query);
        const ArticleRelevance relevance(analysed);
        QStringList weights;
        for (const QueryConcept &c : analysed.concepts)
            weights.append(QString::number(c.weight, 'f', 2));
        const auto credits = [&](int i) {
            QStringList list;
            if (i >= 0 && i < hits.size()) {
                const QList<double> found = relevance.credits(hits.at(i).article);
                for (double d : found)
                    list.append(QString::number(d));
            }
            return list.join(u',');
        };
        qInfo("row\t%s\t%s\t%d\t%s\t%s\t%s\t%s", qPrintable(language), qPrintable(kind), rank,
              qPrintable(weights.join(u',')), qPrintable(credits(0)), qPrintable(credits(rank - 1)),
              qPrintable(query.text));
    }

    int rankOf(const QString &query, const QString &group, const QString &language = {})
    {
        const QList<ArticleHit> hits = m_articles->search({query, language, {}, 10, {}});
        for (int i = 0; i < hits.size(); ++i) {
            if (hits.at(i).article.translationGroup == group)
                return i + 1;
        }
        return 0;
    }

private slots:
    void initTestCase()
    {
        m_store = std::make_unique<test::TempStore>();
        auto pack = CityPack::load(QStringLiteral(CIVICDESK_DEMO_CITY_DIR));
        QVERIFY(pack.ok());
        CityImporter importer(m_store->db());
        auto report = importer.import(pack.value());
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(report.value().articles, 2 * 118 + 60 + 92); // seed en + es, agent, information
        QVERIFY(report.value().synonyms >= 60);
        m_articles = std::make_unique<ArticleRepository>(m_store->db());
    }

    void typosAccentsAndSynonyms_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("group");
        QTest::newRow("typo potholle") << "potholle"
                                       << "kb-pothole";
        QTest::newRow("typo grafitti") << "grafitti"
                                       << "kb-graffiti";
        QTest::newRow("synonym garbage") << "garbage can overflowing"
                                         << "kb-public-trash-barrel";
        QTest::newRow("synonym rats") << "rats in the alley"
                                      << "kb-rodents";
        QTest::newRow("accents dropped") << "bache en la via publica"
                                         << "kb-pothole";
        QTest::newRow("prefix while typing") << "stre"
                                             << "kb-streetlight-out";
    }

    void typosAccentsAndSynonyms()
    {
        QFETCH(QString, query);
        QFETCH(QString, group);
        const int rank = rankOf(query, group);
        QVERIFY2(rank >= 1 && rank <= 5, qPrintable(QStringLiteral("%1 -> rank %2 (%3)")
                                                        .arg(query)
                                                        .arg(rank)
                                                        .arg(m_articles->matchExpression(query))));
    }

    void callerPhrasingsFindTheirArticle()
    {
        QFile file(test::testDataDir() + QStringLiteral("/kb-queries.csv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        CsvReader csv(&file);
        QVERIFY(csv.readHeader({QStringLiteral("language"), QStringLiteral("query"),
                                QStringLiteral("expected_group")})
                    .ok());
        QHash<QString, int> total, top3, top1;
        QStringList misses;
        while (csv.next()) {
            const QString language = csv.value(QStringLiteral("language"));
            const QString query = csv.value(QStringLiteral("query"));
            const int rank = rankOf(query, csv.value(QStringLiteral("expected_group")));
            ++total[language];
            if (rank == 1)
                ++top1[language];
            if (rank >= 1 && rank <= 3)
                ++top3[language];
            else
                misses.append(QStringLiteral("[%1] %2 (rank %3)").arg(language, query).arg(rank));
        }
        QVERIFY(total.value(QStringLiteral("en")) >= 20);
        QVERIFY(total.value(QStringLiteral("es")) >= 20);
        int all = 0, hits = 0;
        for (const QString &language : {QStringLiteral("en"), QStringLiteral("es")}) {
            const double rate = double(top3.value(language)) / total.value(language);
            qInfo("%s: %d queries, top-1 %.1f%%, top-3 %.1f%%", qPrintable(language),
                  total.value(language), 100.0 * top1.value(language) / total.value(language),
                  100.0 * rate);
            all += total.value(language);
            hits += top3.value(language);
            QVERIFY2(rate >= 0.9, qPrintable(misses.join(u'\n')));
        }
        qInfo("overall top-3 hit rate: %.1f%% of %d queries", 100.0 * hits / all, all);
        for (const QString &miss : std::as_const(misses))
            qInfo("miss: %s", qPrintable(miss));
    }

    // The independent set (tests/data/knowledge-eval, built from real resident language without
    // reading the articles; see its SOURCES.md), searched as the knowledge panel searches for a
    // caller whose language is recorded on the contact: every language shown, the caller's
    // read first. An answerable phrasing counts when an article answering it (one of its
    // service codes, or its information topic) is among the first three; an out-of-scope one
    // when the panel says "No good match".
    void independentPhrasingsFindTheirArticleOrNoGoodMatch()
    {
        QFile file(test::testDataDir() + QStringLiteral("/knowledge-eval/phrasings.csv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        CsvReader csv(&file);
        QVERIFY(csv.readHeader({QStringLiteral("language"), QStringLiteral("kind"),
                                QStringLiteral("phrasing"), QStringLiteral("expected")})
                    .ok());
        struct Tally
        {
            int total = 0, top1 = 0, top3 = 0, good = 0, sameLanguage = 0;
        };
        QMap<QString, Tally> tallies; // "en request", "es out_of_scope", …
        QStringList misses;
        while (csv.next()) {
            const QString language = csv.value(QStringLiteral("language"));
            const QString kind = csv.value(QStringLiteral("kind"));
            const QString phrasing = csv.value(QStringLiteral("phrasing"));
            const QStringList expected =
                csv.value(QStringLiteral("expected")).split(u'|', Qt::SkipEmptyParts);
            ArticleQuery query;
            query.text = phrasing;
            query.limit = 10;
            query.callerLanguage = language;
            const QList<ArticleHit> hits = m_articles->search(query);
            const bool noGoodMatch = hits.isEmpty() || !hits.first().isGoodMatch();
            Tally &t = tallies[language + u' ' + kind];
            ++t.total;
            if (kind == u"out_of_scope") {
                if (qEnvironmentVariableIsSet("KNOWLEDGE_EVAL_ROWS"))
                    printRow(query, hits, 0, language, kind);
                if (noGoodMatch)
                    ++t.good;
                else
                    misses.append(QStringLiteral("[%1 out of scope] %2 -> %3 (%4)")
                                      .arg(language, phrasing, hits.first().article.id)
                                      .arg(hits.first().relevance, 0, 'f', 2));
                continue;
            }
            int rank = 0;
            for (int i = 0; i < hits.size() && rank == 0; ++i) {
                const KnowledgeArticle &a = hits.at(i).article;
                const bool answers =
                    expected.contains(a.translationGroup) ||
                    std::any_of(a.serviceCodes.cbegin(), a.serviceCodes.cend(),
                                [&expected](const QString &c) { return expected.contains(c); });
                if (answers) {
                    rank = i + 1;
                    if (a.language == language)
                        ++t.sameLanguage;
                }
            }
            if (qEnvironmentVariableIsSet("KNOWLEDGE_EVAL_ROWS"))
                printRow(query, hits, rank, language, kind);
            if (rank == 1)
                ++t.top1;
            if (rank >= 1 && rank <= 3)
                ++t.top3;
            if (rank >= 1 && rank <= 3 && !noGoodMatch)
                ++t.good;
            if (rank < 1 || rank > 3)
                misses.append(
                    QStringLiteral("[%1 %2] %3 -> rank %4, first %5 (%6)")
                        .arg(language, kind, phrasing)
                        .arg(rank)
                        .arg(hits.isEmpty() ? QStringLiteral("-") : hits.first().article.id)
                        .arg(hits.isEmpty() ? 0.0 : hits.first().relevance, 0, 'f', 2));
        }
        for (const QString &miss : std::as_const(misses))
            qInfo("miss: %s", qPrintable(miss));
        QHash<QString, Tally> byLanguage;
        for (auto it = tallies.cbegin(); it != tallies.cend(); ++it) {
            const Tally &t = it.value();
            if (it.key().endsWith(u"out_of_scope")) {
                qInfo("%s: %d phrasings, %d (%.1f%%) get \"No good match\"", qPrintable(it.key()),
                      t.total, t.good, 100.0 * t.good / t.total);
            } else {
                qInfo("%s: %d phrasings, top-1 %.1f%%, top-3 %.1f%% (as a good match %.1f%%, in "
                      "the caller's language %.1f%%)",
                      qPrintable(it.key()), t.total, 100.0 * t.top1 / t.total,
                      100.0 * t.top3 / t.total, 100.0 * t.good / t.total,
                      100.0 * t.sameLanguage / t.total);
            }
            Tally &l = byLanguage[it.key().section(u' ', 0, 0) + (it.key().endsWith(u"out_of_scope")
                                                                      ? QStringLiteral(" out")
                                                                      : QStringLiteral(" in"))];
            l.total += t.total;
            l.top3 += t.top3;
            l.good += t.good;
        }
        for (auto it = byLanguage.cbegin(); it != byLanguage.cend(); ++it) {
            const double rate =
                double(it.key().endsWith(u"out") ? it.value().good : it.value().top3) /
                it.value().total;
            qInfo("%s of scope: %.1f%% of %d", qPrintable(it.key()), 100.0 * rate,
                  it.value().total);
            QVERIFY2(rate >= floorFor(it.key()), qPrintable(it.key()));
        }
    }

    // Issue 14: an English caller gets English articles first and a Spanish caller Spanish
    // ones, the seed articles have Spanish versions, plural and singular meet, and a question
    // nothing answers says so.
    void languagesDoNotLeakIntoEachOther()
    {
        ArticleQuery english;
        english.text = QStringLiteral("parking ");
        english.callerLanguage = QStringLiteral("en");
        QList<ArticleHit> hits = m_articles->search(english);
        QVERIFY(!hits.isEmpty());
        QCOMPARE(hits.first().article.language, QStringLiteral("en"));
        ArticleQuery spanish;
        spanish.text = QStringLiteral("chinches en la cama");
        spanish.callerLanguage = QStringLiteral("es");
        spanish.language = QStringLiteral("es");
        hits = m_articles->search(spanish);
        QVERIFY(!hits.isEmpty());
        QVERIFY2(hits.first().article.serviceCodes.contains(u"BEDBUG"),
                 qPrintable(hits.first().article.id));
        QVERIFY(hits.first().isGoodMatch());
    }

    void pluralAndSingularMeet()
    {
        ArticleQuery query;
        query.text = QStringLiteral("una silla en la calle");
        query.callerLanguage = QStringLiteral("es");
        const QList<ArticleHit> hits = m_articles->search(query);
        QVERIFY(!hits.isEmpty());
        QVERIFY2(hits.first().article.language == u"es" && hits.first().isGoodMatch(),
                 qPrintable(hits.first().article.id));
    }

    void noGoodMatchIsSaid()
    {
        for (const char *text : {"mi celular no tiene señal", "my cable tv bill is too high",
                                 "social security check did not arrive"}) {
            ArticleQuery query;
            query.text = QString::fromUtf8(text);
            const QList<ArticleHit> hits = m_articles->search(query);
            QVERIFY2(hits.isEmpty() || !hits.first().isGoodMatch(),
                     qPrintable(query.text + u" -> " + hits.first().article.id));
        }
    }

    void filtersByLanguage()
    {
        const QList<ArticleHit> hits =
            m_articles->search({QStringLiteral("bache"), QStringLiteral("es"), {}, 10, {}});
        QVERIFY(!hits.isEmpty());
        for (const ArticleHit &h : hits)
            QCOMPARE(h.article.language, QStringLiteral("es"));
    }
};

QTEST_GUILESS_MAIN(TestKnowledgeSearch)
#include "tst_knowledgesearch.moc"
