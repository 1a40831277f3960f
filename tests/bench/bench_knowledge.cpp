// Knowledge search per keystroke: every caller phrasing of tests/data/kb-queries.csv typed
// character by character, each prefix searched the way the knowledge panel searches it
// (synonyms, typo correction, prefix on the word being typed, BM25, snippets), over the demo
// knowledge base and over a 20,000-article corpus generated from the real articles. Reported:
// p50/p99 latency, and the same for a bare FTS5 MATCH (the typed words as they are, BM25,
// snippet) on the same data, with the ratios. Floors: p99 < 16 ms, ratio <= 2. The same
// figures in thread CPU time (`cpu_` counters) tell the query's own cost on a busy machine.
//
//   build-kb/bin/civicdesk-bench --benchmark_filter=Knowledge

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/citypack/csvreader.h"
#include "models/domain/text/textmatch.h"
#include "models/knowledge/articlerepository.h"
#include "models/store/database.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <ctime>

using namespace civicdesk;

namespace {

constexpr int corpusSize = 20000;

QTemporaryDir &benchDir()
{
    static QTemporaryDir dir;
    return dir;
}

// The demo city imported once; its file is copied for the large corpus.
const QString &demoKnowledgePath()
{
    static const QString path = [] {
        const QString file = benchDir().filePath(QStringLiteral("kb-demo.sqlite"));
        auto pack = CityPack::load(QStringLiteral(CIVICDESK_DEMO_CITY_DIR));
        if (!pack)
            qFatal("%s", qPrintable(pack.error().message));
        auto db = Database::open(file);
        if (!db)
            qFatal("%s", qPrintable(db.error().message));
        CityImporter importer(*db.value());
        if (auto r = importer.import(pack.value()); !r)
            qFatal("%s", qPrintable(r.error().message));
        return file; // closing the store checkpoints its WAL into the file
    }();
    return path;
}

// 20,000 articles made from the real ones: each copy keeps the real text and gets its own
// title suffix, a sentence naming a neighbourhood and an edition number, so the index holds
// 20,000 distinct documents with the real vocabulary (and some new words).
const QString &largeKnowledgePath()
{
    static const QString path = [] {
        const QString file = benchDir().filePath(QStringLiteral("kb-20k.sqlite"));
        if (!QFile::copy(demoKnowledgePath(), file))
            qFatal("cannot copy the demo store");
        auto db = Database::open(file);
        if (!db)
            qFatal("%s", qPrintable(db.error().message));
        QSqlDatabase sql = QSqlDatabase::database(db.value()->connectionName());
        QSqlQuery q(sql);
        sql.transaction();
        if (!q.prepare(QStringLiteral(
                "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 200), "
                "hoods(i, name) AS (VALUES (0, 'Dorchester'), (1, 'Roxbury'), (2, 'Allston'), "
                "(3, 'Brighton'), (4, 'Charlestown'), (5, 'Mattapan'), (6, 'Hyde Park'), "
                "(7, 'Jamaica Plain'), (8, 'South Boston'), (9, 'East Boston')) "
                "INSERT INTO articles(id, title, body, script, audience, language, "
                "translation_group, department_code, service_codes, keywords, transfer_target, "
                "effective, expires, review_due, state, source) "
                "SELECT 'gen-' || n.k || '-' || a.id, a.title || ' — ' || h.name || ' ' || n.k, "
                "a.body || char(10) || char(10) || 'Local note for ' || h.name || ', edition ' || "
                "n.k || '.', a.script, a.audience, a.language, a.translation_group, "
                "a.department_code, a.service_codes, a.keywords, a.transfer_target, a.effective, "
                "a.expires, a.review_due, a.state, 'generated' FROM n CROSS JOIN (SELECT * FROM "
                "articles ORDER BY id) a JOIN hoods h ON h.i = n.k % 10 LIMIT ?")))
            qFatal("prepare failed");
        q.addBindValue(corpusSize - ArticleRepository(*db.value()).count());
        if (!q.exec() || !sql.commit())
            qFatal("generating the corpus failed");
        if (ArticleRepository(*db.value()).count() != corpusSize)
            qFatal("the corpus is not %d articles", corpusSize);
        return file;
    }();
    return path;
}

// Every prefix an agent's typing produces, for each labelled caller phrasing.
const QStringList &keystrokes()
{
    static const QStringList prefixes = [] {
        QStringList result;
        const QString csvPath =
            QDir::cleanPath(QStringLiteral(CIVICDESK_DEMO_CITY_DIR) +
                            QStringLiteral("/../../../tests/data/kb-queries.csv"));
        QFile file(csvPath);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(csvPath));
        CsvReader csv(&file);
        if (!csv.readHeader({QStringLiteral("query")}))
            qFatal("bad header in %s", qPrintable(csvPath));
        while (csv.next()) {
            const QString query = csv.value(QStringLiteral("query"));
            for (qsizetype i = 1; i <= query.size(); ++i) {
                if (!query.left(i).trimmed().isEmpty())
                    result.append(query.left(i));
            }
        }
        return result;
    }();
    return prefixes;
}

// The bare baseline: the typed words as they are (folded, quoted, stop words kept, a prefix on
// the last one).
QString bareMatch(const QString &text)
{
    QStringList words = textmatch::fold(text).split(u' ', Qt::SkipEmptyParts);
    for (QString &w : words)
        w = u'"' + w.replace(u'"', QStringLiteral("\"\"")) + u'"';
    // As the panel does: a prefix on the word being typed once it has two letters.
    if (!words.isEmpty() && !text.back().isSpace() && words.last().size() >= 4)
        words.last() += u'*';
    return words.join(QStringLiteral(" OR "));
}

// This thread's CPU time: the query's own cost, whatever else the machine is running.
double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double percentile(std::vector<double> samples, double p)
{
    if (samples.empty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const size_t index = std::min(samples.size() - 1, size_t(p * double(samples.size())));
    return samples[index];
}

void measure(benchmark::State &state, const QString &path)
{
    auto db = Database::open(path);
    if (!db) {
        state.SkipWithError(qPrintable(db.error().message));
        return;
    }
    ArticleRepository articles(*db.value());
    QSqlQuery bare(QSqlDatabase::database(db.value()->connectionName()));
    bare.setForwardOnly(true);
    bare.prepare(QStringLiteral(
        "SELECT a.id, a.title, snippet(articles_fts, 1, '<b>', '</b>', '…', 12) FROM "
        "articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? "
        "ORDER BY bm25(articles_fts, 10.0, 1.0, 5.0) LIMIT 50"));
    articles.search(QStringLiteral("warm up")); // the vocabulary is loaded once per store
    std::vector<double> ours, baseline, oursCpu, baselineCpu;
    qint64 hits = 0;
    for (auto _ : state) {
        ours.clear();
        baseline.clear();
        oursCpu.clear();
        baselineCpu.clear();
        QElapsedTimer timer;
        for (const QString &prefix : keystrokes()) {
            timer.start();
            double cpu = threadCpuMs();
            const QList<ArticleHit> found = articles.search({prefix, {}, {}, 50, {}});
            ours.push_back(double(timer.nsecsElapsed()) / 1e6);
            oursCpu.push_back(threadCpuMs() - cpu);
            hits += found.size();

            const QString match = bareMatch(prefix);
            if (match.isEmpty())
                continue;
            timer.start();
            cpu = threadCpuMs();
            bare.addBindValue(match);
            if (bare.exec()) {
                while (bare.next())
                    benchmark::DoNotOptimize(bare.value(2));
            }
            baseline.push_back(double(timer.nsecsElapsed()) / 1e6);
            baselineCpu.push_back(threadCpuMs() - cpu);
        }
    }
    const double p50 = percentile(ours, 0.5), p99 = percentile(ours, 0.99);
    const double bareP50 = percentile(baseline, 0.5), bareP99 = percentile(baseline, 0.99);
    state.counters["articles"] = articles.count();
    state.counters["keystrokes"] = double(ours.size());
    state.counters["p50_ms"] = p50;
    state.counters["p99_ms"] = p99;
    state.counters["bare_p50_ms"] = bareP50;
    state.counters["bare_p99_ms"] = bareP99;
    state.counters["ratio_p50"] = bareP50 > 0 ? p50 / bareP50 : 0;
    state.counters["ratio_p99"] = bareP99 > 0 ? p99 / bareP99 : 0;
    state.counters["p99_floor_ok"] = p99 < 16.0 ? 1 : 0;
    const double cpuP99 = percentile(oursCpu, 0.99), bareCpuP99 = percentile(baselineCpu, 0.99);
    state.counters["cpu_p50_ms"] = percentile(oursCpu, 0.5);
    state.counters["cpu_p99_ms"] = cpuP99;
    state.counters["cpu_bare_p99_ms"] = bareCpuP99;
    state.counters["cpu_ratio_p99"] = bareCpuP99 > 0 ? cpuP99 / bareCpuP99 : 0;
    benchmark::DoNotOptimize(hits);
}

void BM_KnowledgeKeystrokeDemo(benchmark::State &state)
{
    measure(state, demoKnowledgePath());
}
BENCHMARK(BM_KnowledgeKeystrokeDemo)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

void BM_KnowledgeKeystroke20k(benchmark::State &state)
{
    measure(state, largeKnowledgePath());
}
BENCHMARK(BM_KnowledgeKeystroke20k)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

} // namespace
