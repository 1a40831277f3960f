// Knowledge search quality on the demo city: 120+ real-sounding caller phrasings in English and
// Spanish (tests/data/kb-queries.csv), each labelled with the article that answers it (floor:
// 90% top-3), and the independent set of 260 real resident phrasings (tests/data/knowledge-eval)
// in a tuning half and a held-out half; typos, accents and synonyms checked directly.

#include "models/citypack/csvreader.h"
#include "models/knowledge/articlerelevance.h"
#include "models/knowledge/articlerepository.h"
#include "tests/support/packimport.h"
#include "tests/support/teststore.h"

#include <QCryptographicHash>
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
    struct Tally
    {
        int total = 0, top1 = 0, top3 = 0, good = 0, sameLanguage = 0, firstShownGood = 0;
        int wrongFirstShownGood = 0; // a wrong article offered as the answer
        int pointers = 0;            // out of scope, answered by the article that says who does
    };

    // The floors the independent sets must keep (answerable: top-3; out of scope: "No good
    // match"), per half and language: what the search reaches today, so that no change makes
    // it worse (2026-12-06, second pass: word forms of the bodies searched, words run together
    // or written apart, synonyms in the other number; tuning en 97.1%, es 100%, out of scope
    // en 86.7%, es 100%; held-out en 83.8%, es 89.5%, out of scope en 92.9%, es 100%; the
    // unseen set en 87.1%, es 93.8%, out of scope 2 of 2 and 1 of 2; the fresh set of
    // 2026-12-07, run before any change: en 66.7%, es 54.5%, out of scope 1 of 1; the
    // residents set, Boston's own 311 descriptions, before: en 77.7%, es 95.2%, out of scope 5
    // of 5 and 2 of 3; after the illegal-parking article and resident wording: en 89.3%, and
    // one unseen Spanish towing question falls from third to fourth, 93.8% -> 87.5%; then
    // where and when it happened left out of the search and residents' words for a missed
    // pickup: residents en 90.3%, held-out en 85.3%, es 92.1%, tuning en 97.1%, es 97.5%; then
    // agent articles for illegal dumping and for litter and glass: more right answers first,
    // two information questions about putting out debris lose their third place to the
    // dumping article: held-out en 83.8%, unseen en 83.9%, es 93.8%; then, 2026-12-07, the
    // articles saying who answers mail and property line questions, out of scope en 100% in
    // every half, and one fresh needle question first: fresh en 75.0%; then the articles on
    // passports and on 311 itself: residents es out of scope 3 of 3, residents en 91.3%; then,
    // 2026-12-07 later, five more information articles and long reports ordered by the words
    // their keyword phrases hold together: residents en 94.2%, unseen es 100%, and the fifth
    // set, long reports, frozen before that change: 91.4% before, 90.0% after; the sixth,
    // Spanish residents' complaints, frozen before the Spanish changes of 2026-12-07 evening:
    // 78.3%; then Spanish diminutives and regional and US Spanish synonyms: vecinos 84.8%,
    // held-out es 97.4%, every other set the same or better). The goal is 90% each.
    static double floorFor(const QString &halfLanguageAndScope)
    {
        static const QHash<QString, double> floors = {
            {QStringLiteral("all en in"), 0.90},       {QStringLiteral("all es in"), 0.97},
            {QStringLiteral("all en out"), 1.0},       {QStringLiteral("all es out"), 1.0},
            {QStringLiteral("tuning en in"), 0.97},    {QStringLiteral("tuning es in"), 0.97},
            {QStringLiteral("tuning en out"), 1.0},    {QStringLiteral("tuning es out"), 1.0},
            {QStringLiteral("held-out en in"), 0.83},  {QStringLiteral("held-out es in"), 0.97},
            {QStringLiteral("held-out en out"), 1.0},  {QStringLiteral("held-out es out"), 1.0},
            {QStringLiteral("unseen en in"), 0.83},    {QStringLiteral("unseen es in"), 1.0},
            {QStringLiteral("unseen en out"), 1.0},    {QStringLiteral("unseen es out"), 0.5},
            {QStringLiteral("fresh en in"), 0.75},     {QStringLiteral("fresh es in"), 0.54},
            {QStringLiteral("fresh es out"), 1.0},     {QStringLiteral("residents en in"), 0.94},
            {QStringLiteral("residents es in"), 0.95}, {QStringLiteral("residents en out"), 1.0},
            {QStringLiteral("residents es out"), 1.0}, {QStringLiteral("reports en in"), 0.90},
            {QStringLiteral("reports en out"), 1.0},   {QStringLiteral("vecinos es in"), 0.84},
        };
        return floors.value(halfLanguageAndScope, 1.0);
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
        QStringList top; // the first five hits: translation group, language, credits
        for (int i = 0; i < std::min<qsizetype>(5, hits.size()); ++i)
            top.append(hits.at(i).article.translationGroup + u'/' + hits.at(i).article.language +
                       u'/' + credits(i));
        qInfo("row\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s", qPrintable(language), qPrintable(kind), rank,
              qPrintable(weights.join(u',')), qPrintable(credits(0)), qPrintable(credits(rank - 1)),
              qPrintable(top.join(u' ')), qPrintable(query.text));
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
        // The knowledge base, catalogue and addresses (place names) are what the search reads.
        auto report =
            test::importPackWithoutHistory(m_store->db(), QStringLiteral(CIVICDESK_DEMO_CITY_DIR));
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(report.value().articles, 2 * 118 + 66 + 112); // seed en + es, agent, information
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
        // "stre" once found the street light article first only because it was "corrected" to
        // the misspelling "stret" in its keywords; four letters are no longer corrected, and
        // "stre" is a prefix of dozens of street articles.
        QTest::newRow("prefix while typing") << "streetl"
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
    //
    // The set is split in two fixed halves: within each language and kind, the phrasings
    // ordered by the MD5 of their text, every second one is held out. The search was tuned on
    // the other half only; the held-out half says whether the tuning generalises. Only the
    // tuning half's misses are printed (KNOWLEDGE_EVAL_HELD_OUT=1 prints the held-out ones too).
    // Evaluates one file of resident phrasings (see independentPhrasingsFindTheirArticleOr-
    // NoGoodMatch): in a tuning and a held-out half when `split`, else as one set named `name`.
    void evaluate(const QString &path, bool split, const QString &name)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        CsvReader csv(&file);
        QVERIFY(csv.readHeader({QStringLiteral("language"), QStringLiteral("kind"),
                                QStringLiteral("phrasing"), QStringLiteral("expected")})
                    .ok());
        struct Row
        {
            QString language = QString(), kind = QString(), phrasing = QString();
            QStringList expected = QStringList();
            QByteArray hash = QByteArray();
        };
        QMap<QString, QList<Row>> strata; // "en request", "es out_of_scope", ...
        while (csv.next()) {
            Row row;
            row.language = csv.value(QStringLiteral("language"));
            row.kind = csv.value(QStringLiteral("kind"));
            row.phrasing = csv.value(QStringLiteral("phrasing"));
            row.expected = csv.value(QStringLiteral("expected")).split(u'|', Qt::SkipEmptyParts);
            row.hash =
                QCryptographicHash::hash(row.phrasing.toUtf8(), QCryptographicHash::Md5).toHex();
            strata[row.language + u' ' + row.kind].append(row);
        }
        const QStringList halves =
            split ? QStringList{QStringLiteral("tuning"), QStringLiteral("held-out"),
                                QStringLiteral("all")}
                  : QStringList{name, name, name};
        QMap<QString, Tally> tallies; // "tuning en request", "all es out_of_scope", ...
        QStringList misses;
        const bool showHeldOut = qEnvironmentVariableIsSet("KNOWLEDGE_EVAL_HELD_OUT");
        Tally uncounted; // a set without halves has no "all" beside its one set
        QMap<QString, int> missCategories;
        for (auto stratum = strata.begin(); stratum != strata.end(); ++stratum) {
            std::sort(stratum->begin(), stratum->end(),
                      [](const Row &a, const Row &b) { return a.hash < b.hash; });
            for (int index = 0; index < stratum->size(); ++index) {
                const Row &row = stratum->at(index);
                const bool heldOut = split && index % 2 == 1;
                const bool printed = split ? !heldOut || showHeldOut : showHeldOut;
                ArticleQuery query;
                query.text = row.phrasing;
                query.limit = 10;
                query.callerLanguage = row.language;
                const QList<ArticleHit> hits = m_articles->search(query);
                const bool noGoodMatch = hits.isEmpty() || !hits.first().isGoodMatch();
                const QString half = heldOut ? halves.at(1) : halves.at(0);
                Tally &t = tallies[half + u' ' + stratum.key()];
                Tally &all = split ? tallies[halves.at(2) + u' ' + stratum.key()] : uncounted;
                ++t.total;
                ++all.total;
                if (row.kind == u"out_of_scope") {
                    if (printed && qEnvironmentVariableIsSet("KNOWLEDGE_EVAL_ROWS"))
                        printRow(query, hits, 0, row.language, half + u':' + row.kind);
                    // A question the City does not answer, answered by the article saying who
                    // does (the row's `expected`: "Mail delivery: the Postal Service").
                    const bool pointer = !noGoodMatch && row.expected.contains(
                                                             hits.first().article.translationGroup);
                    if (noGoodMatch || pointer) {
                        ++t.good;
                        ++all.good;
                        t.pointers += pointer ? 1 : 0;
                        all.pointers += pointer ? 1 : 0;
                    } else if (printed) {
                        misses.append(
                            QStringLiteral("[%1 %2 out of scope] %3 -> %4 (%5)")
                                .arg(half, row.language, row.phrasing, hits.first().article.id)
                                .arg(hits.first().relevance, 0, 'f', 2));
                    }
                    continue;
                }
                int rank = 0;
                bool sameLanguage = false;
                for (int i = 0; i < hits.size() && rank == 0; ++i) {
                    const KnowledgeArticle &a = hits.at(i).article;
                    const bool answers =
                        row.expected.contains(a.translationGroup) ||
                        std::any_of(a.serviceCodes.cbegin(), a.serviceCodes.cend(),
                                    [&row](const QString &c) { return row.expected.contains(c); });
                    if (answers) {
                        rank = i + 1;
                        sameLanguage = a.language == row.language;
                    }
                }
                if (printed && qEnvironmentVariableIsSet("KNOWLEDGE_EVAL_ROWS"))
                    printRow(query, hits, rank, row.language, half + u':' + row.kind);
                for (Tally *each : {&t, &all}) {
                    each->sameLanguage += sameLanguage ? 1 : 0;
                    each->top1 += rank == 1 ? 1 : 0;
                    each->top3 += rank >= 1 && rank <= 3 ? 1 : 0;
                    each->good += rank >= 1 && rank <= 3 && !noGoodMatch ? 1 : 0;
                    each->firstShownGood += rank == 1 && !noGoodMatch ? 1 : 0;
                    each->wrongFirstShownGood += rank != 1 && !noGoodMatch ? 1 : 0;
                }
                if (rank < 1 || rank > 3) {
                    // Misses in aggregate (the only view of the held-out half's misses).
                    const qsizetype words = row.phrasing.split(u' ', Qt::SkipEmptyParts).size();
                    const QString length = words <= 3    ? QStringLiteral("1-3 words")
                                           : words <= 10 ? QStringLiteral("4-10 words")
                                                         : QStringLiteral("11+ words");
                    ++missCategories[QStringLiteral("%1 %2 %3, %4, %5")
                                         .arg(half, row.language, row.kind, length,
                                              rank == 0 ? QStringLiteral("not in the first 10")
                                                        : QStringLiteral("rank 4-10"))];
                }
                if ((rank < 1 || rank > 3 || noGoodMatch) && printed)
                    misses.append(
                        QStringLiteral("[%1 %2 %3] %4 -> rank %5, first %6 (%7)")
                            .arg(half, row.language, row.kind, row.phrasing)
                            .arg(rank)
                            .arg(hits.isEmpty() ? QStringLiteral("-") : hits.first().article.id)
                            .arg(hits.isEmpty() ? 0.0 : hits.first().relevance, 0, 'f', 2));
            }
        }
        for (const QString &miss : std::as_const(misses))
            qInfo("miss: %s", qPrintable(miss));
        for (auto it = missCategories.cbegin(); it != missCategories.cend(); ++it)
            qInfo("misses: %s: %d", qPrintable(it.key()), it.value());
        QMap<QString, Tally> byLanguage; // "held-out en in", "all es out", ...
        for (auto it = tallies.cbegin(); it != tallies.cend(); ++it) {
            const Tally &t = it.value();
            const bool outOfScope = it.key().endsWith(u"out_of_scope");
            if (outOfScope) {
                qInfo("%s: %d phrasings, %d (%.1f%%) get \"No good match\" or a correct pointer "
                      "(%d)",
                      qPrintable(it.key()), t.total, t.good, 100.0 * t.good / t.total, t.pointers);
            } else {
                qInfo("%s: %d phrasings, top-1 %.1f%%, top-3 %.1f%% (as a good match %.1f%%, in "
                      "the caller's language %.1f%%; right and first: %d, shown as a good match "
                      "%d)",
                      qPrintable(it.key()), t.total, 100.0 * t.top1 / t.total,
                      100.0 * t.top3 / t.total, 100.0 * t.good / t.total,
                      100.0 * t.sameLanguage / t.total, t.top1, t.firstShownGood);
            }
            Tally &l = byLanguage[it.key().section(u' ', 0, 1) +
                                  (outOfScope ? QStringLiteral(" out") : QStringLiteral(" in"))];
            l.total += t.total;
            l.top1 += t.top1;
            l.top3 += t.top3;
            l.good += t.good;
            l.firstShownGood += t.firstShownGood;
            l.wrongFirstShownGood += t.wrongFirstShownGood;
        }
        QStringList belowFloor; // every figure is printed before the test fails
        for (auto it = byLanguage.cbegin(); it != byLanguage.cend(); ++it) {
            const bool outOfScope = it.key().endsWith(u"out");
            const double rate =
                double(outOfScope ? it.value().good : it.value().top3) / it.value().total;
            if (outOfScope)
                qInfo("%s of scope: %.1f%% of %d", qPrintable(it.key()), 100.0 * rate,
                      it.value().total);
            else
                qInfo("%s scope: top-3 %.1f%% of %d; right and first shown as a good match %d of "
                      "%d; a wrong first shown as a good match %d",
                      qPrintable(it.key()), 100.0 * rate, it.value().total,
                      it.value().firstShownGood, it.value().top1, it.value().wrongFirstShownGood);
            if (rate < floorFor(it.key()))
                belowFloor.append(it.key());
        }
        QVERIFY2(belowFloor.isEmpty(), qPrintable(belowFloor.join(QStringLiteral(", "))));
    }

    void independentPhrasingsFindTheirArticleOrNoGoodMatch()
    {
        evaluate(test::testDataDir() + QStringLiteral("/knowledge-eval/phrasings.csv"), true, {});
    }

    // A second independent set (tests/data/knowledge-eval/unseen.csv, see SOURCES.md), collected
    // after the search was last changed and never used to change it: how the search does on
    // phrasings nobody tuned on.
    void unseenPhrasingsFindTheirArticleOrNoGoodMatch()
    {
        evaluate(test::testDataDir() + QStringLiteral("/knowledge-eval/unseen.csv"), false,
                 QStringLiteral("unseen"));
    }

    // A third independent set (tests/data/knowledge-eval/fresh.csv, see SOURCES.md), collected
    // on 2026-12-07 before that day's search changes and never used to choose between them.
    void freshPhrasingsFindTheirArticleOrNoGoodMatch()
    {
        evaluate(test::testDataDir() + QStringLiteral("/knowledge-eval/fresh.csv"), false,
                 QStringLiteral("fresh"));
    }

    // A fourth independent set (tests/data/knowledge-eval/residents.csv, see SOURCES.md): what
    // Boston residents typed into 311 themselves (Open311 descriptions), collected on 2026-12-07
    // before any change of that session and measured first.
    void residentDescriptionsFindTheirArticleOrNoGoodMatch()
    {
        evaluate(test::testDataDir() + QStringLiteral("/knowledge-eval/residents.csv"), false,
                 QStringLiteral("residents"));
    }

    // A fifth independent set (tests/data/knowledge-eval/reports.csv, see SOURCES.md): long
    // reports from Boston's Open311 descriptions, collected on 2026-12-07 before the ranking of
    // long reports was changed and never used to choose that change.
    void longReportsFindTheirArticleOrNoGoodMatch()
    {
        evaluate(test::testDataDir() + QStringLiteral("/knowledge-eval/reports.csv"), false,
                 QStringLiteral("reports"));
    }

    // A sixth independent set (tests/data/knowledge-eval/vecinos.csv, see SOURCES.md): Spanish
    // residents' complaints and questions, collected on 2026-12-07 before any change to the
    // Spanish search of that evening and never used to choose one.
    void spanishResidentsFindTheirArticle()
    {
        evaluate(test::testDataDir() + QStringLiteral("/knowledge-eval/vecinos.csv"), false,
                 QStringLiteral("vecinos"));
    }
};

QTEST_GUILESS_MAIN(TestKnowledgeSearch)
#include "tst_knowledgesearch.moc"
