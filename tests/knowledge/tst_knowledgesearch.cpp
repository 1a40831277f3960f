// Knowledge search quality on the demo city: 120+ real-sounding caller phrasings in English and
// Spanish (tests/data/kb-queries.csv), each labelled with the article that answers it. The test
// reports the top-3 hit rate (floor: 90%) and checks typos, accents and synonyms directly.

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/citypack/csvreader.h"
#include "models/knowledge/articlerepository.h"
#include "tests/support/teststore.h"

#include <QFile>
#include <QTest>

using namespace civicdesk;

class TestKnowledgeSearch : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<ArticleRepository> m_articles;

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
        QCOMPARE(report.value().articles, 118 + 60);
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
