// civicdesk-start-bench [ROUNDS [CIVICDESK [EMPTYWINDOW]]]: the workstation's start and memory,
// measured on the real program (build/bin/civicdesk --startup-check: the time until a key typed
// into the focused field landed), beside an empty Qt Widgets window started the same way in the
// same run; a second and third argument measure other builds of the two (a Release build, the
// commit before).
//   - cold start: a fresh HOME each round (the first start: the demo store is copied or imported)
//   - warm start: the same store again
//   - cold start: the same store again, and the empty window, each just after the kernel's page
//     cache was dropped (as after a reboot: every library, font and page of the store read from
//     the disk; needs root, else said and left out)
//   - memory: the proportional set size (PSS, /proc/PID/smaps_rollup) of civicdesk and every
//     process below it (QtWebEngine): with the background preparation of the map turned off,
//     once ready and again with the map's tab shown; with it on (the default), once the map is
//     prepared in the background (tab still hidden) and again with the tab shown.
// Prints median and p95 of each and the ratios to the empty window. Run on demand.

#include "tests/bench/percentile.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>
#include <functional>
#include <unistd.h>
#include <vector>

namespace {

struct Started
{
    double readyMs = -1;  // wall time from the start of the process to the key landing
    double inMainMs = -1; // of which the program's own, from main() on ("ready after N ms")
    QString output = QString();
};

// The time the program itself reports from main() to the key ("civicdesk: ready after N ms").
double inMainMs(const QByteArray &out)
{
    const qsizetype at = out.indexOf("ready after ");
    if (at < 0)
        return -1;
    bool ok = false;
    const double ms = out.mid(at + 12, out.indexOf(' ', at + 12) - at - 12).toDouble(&ok);
    return ok ? ms : -1;
}

// Starts `program` with --startup-check and waits for its "ready" line; `atReady` runs then
// (the process waits for commands when CIVICDESK_STARTUP_CHECK_HOLD=1 is in `env`).
Started startOnce(const QString &program, const QStringList &arguments,
                  const QProcessEnvironment &env,
                  const std::function<void(QProcess &)> &atReady = {})
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    Started result;
    QElapsedTimer timer;
    timer.start();
    process.start(program, QStringList{QStringLiteral("--startup-check")} + arguments);
    QByteArray out;
    while (timer.elapsed() < 600000) {
        process.waitForReadyRead(50);
        out += process.readAllStandardOutput();
        if (out.contains("ready after")) {
            result.readyMs = double(timer.nsecsElapsed()) / 1e6;
            result.inMainMs = inMainMs(out);
            break;
        }
        if (process.state() == QProcess::NotRunning)
            break;
    }
    if (result.readyMs >= 0 && atReady)
        atReady(process);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
    }
    out += process.readAllStandardOutput();
    result.output = QString::fromUtf8(out + process.readAllStandardError()).trimmed();
    return result;
}

// The process and all its descendants (the WebEngine zygote and renderers).
QList<qint64> processTree(qint64 root)
{
    QHash<qint64, QList<qint64>> children;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &pid : pids) {
        bool number = false;
        const qint64 id = pid.toLongLong(&number);
        if (!number)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        // "pid (comm) state ppid ...": the command may hold spaces and parentheses.
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1)
            children[fields.at(1).toLongLong()].append(id);
    }
    QList<qint64> tree{root};
    for (qsizetype i = 0; i < tree.size(); ++i)
        tree += children.value(tree.at(i));
    return tree;
}

double pssMiB(qint64 pid)
{
    QFile rollup(QStringLiteral("/proc/%1/smaps_rollup").arg(pid));
    if (!rollup.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : rollup.readAll().split('\n')) {
        if (line.startsWith("Pss:"))
            return line.mid(4).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

struct Memory
{
    double main = 0;
    double others = 0;
    int processes = 0;
    double total() const { return main + others; }
};

Memory memoryOf(qint64 pid)
{
    Memory m;
    const QList<qint64> tree = processTree(pid);
    m.processes = int(tree.size());
    for (qint64 p : tree)
        (p == pid ? m.main : m.others) += pssMiB(p);
    return m;
}

// Waits until the tree's PSS stops growing (2 s without 1 MiB more) or 60 s passed.
Memory settledMemory(qint64 pid)
{
    QElapsedTimer timer;
    timer.start();
    Memory best = memoryOf(pid);
    qint64 stableSince = 0;
    while (timer.elapsed() < 60000 && timer.elapsed() - stableSince < 2000) {
        QThread::msleep(250);
        const Memory now = memoryOf(pid);
        if (now.total() > best.total() + 1)
            stableSince = timer.elapsed();
        if (now.total() > best.total())
            best = now;
    }
    return best;
}

// The workstation's settings in the test HOME: the map prepared in the background or not.
void setPrepareInBackground(const QString &home, bool prepare)
{
    const QString dir = home + QStringLiteral("/.config/CivicDesk");
    QDir().mkpath(dir);
    QFile file(dir + QStringLiteral("/civicdesk.conf"));
    QByteArray text;
    if (file.open(QIODevice::ReadOnly))
        text = file.readAll();
    file.close();
    text.replace("prepareInBackground=true\n", "").replace("prepareInBackground=false\n", "");
    const QByteArray line =
        QByteArray("prepareInBackground=") + (prepare ? "true" : "false") + '\n';
    if (text.contains("[map]\n"))
        text.replace("[map]\n", QByteArray("[map]\n" + line));
    else
        text += "\n[map]\n" + line;
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(text);
}

// Drops the kernel's page cache (root only): the next start reads everything from the disk.
bool dropPageCache()
{
    ::sync();
    QFile drop(QStringLiteral("/proc/sys/vm/drop_caches"));
    return drop.open(QIODevice::WriteOnly) && drop.write("3\n") == 2;
}

void print(const char *what, const std::vector<double> &values, double baseline)
{
    using civicdesk::bench::percentile;
    const double median = percentile(values, 0.5);
    std::printf("%-34s median %8.0f ms  p95 %8.0f ms  ratio to the empty window %5.2fx\n", what,
                median, percentile(values, 0.95), baseline > 0 ? median / baseline : 0.0);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 5;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!env.contains(QStringLiteral("DISPLAY")) &&
        !env.contains(QStringLiteral("QT_QPA_PLATFORM")))
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX"), QStringLiteral("1"));
    // A second argument names another civicdesk to measure (the commit before, in turn with
    // this one; another build type), a third another empty window.
    const QString workstation =
        argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral(CIVICDESK_WORKSTATION);
    const QString empty =
        argc > 3 ? QString::fromLocal8Bit(argv[3]) : QStringLiteral(CIVICDESK_EMPTY_WINDOW);
    std::printf("civicdesk-start-bench: %s beside %s, %d round(s), platform %s, load %s\n",
                qPrintable(workstation), qPrintable(empty), rounds,
                qPrintable(env.value(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"))),
                [] {
                    QFile load(QStringLiteral("/proc/loadavg"));
                    return load.open(QIODevice::ReadOnly) ? load.readAll().trimmed()
                                                          : QByteArray("?");
                }()
                    .constData());

    std::vector<double> emptyMs, firstMs, warmMs, coldEmptyMs, coldMs;
    const bool cold = dropPageCache();
    // Of each start, the part before main(): exec, the dynamic loader (libraries, relocations)
    // and static constructors.
    std::vector<double> emptyLoadMs, warmLoadMs;
    Memory ready, withMap, prepared, preparedShown;
    for (int round = 0; round < rounds; ++round) {
        // An empty window, then the first start on a fresh HOME, then a start on that store.
        const Started baseline = startOnce(empty, {}, env);
        QTemporaryDir home;
        QProcessEnvironment homeEnv = env;
        homeEnv.insert(QStringLiteral("HOME"), home.path());
        homeEnv.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
        homeEnv.insert(QStringLiteral("XDG_DATA_HOME"),
                       home.filePath(QStringLiteral(".local/share")));
        const Started first = startOnce(workstation, {QStringLiteral("--lang=en")}, homeEnv);
        QProcessEnvironment holdEnv = homeEnv;
        holdEnv.insert(QStringLiteral("CIVICDESK_STARTUP_CHECK_HOLD"), QStringLiteral("1"));
        // The last round also measures memory (ready, then with the map shown), the map not
        // prepared in the background.
        const bool measureMemory = round == rounds - 1;
        if (measureMemory)
            setPrepareInBackground(home.path(), false);
        const Started warm = startOnce(workstation, {QStringLiteral("--lang=en")},
                                       measureMemory ? holdEnv : homeEnv, [&](QProcess &process) {
                                           ready = settledMemory(process.processId());
                                           process.write("map\n");
                                           process.waitForReadyRead(10000);
                                           withMap = settledMemory(process.processId());
                                       });
        for (const Started *s : {&baseline, &first, &warm}) {
            if (s->readyMs < 0) {
                std::fprintf(stderr, "civicdesk-start-bench: no ready line:\n%s\n",
                             qPrintable(s->output));
                return 1;
            }
        }
        if (measureMemory) {
            // Again with the map prepared in the background (the default): once it is, the
            // tab still hidden, then with the tab shown.
            setPrepareInBackground(home.path(), true);
            const Started held = startOnce(
                workstation, {QStringLiteral("--lang=en")}, holdEnv, [&](QProcess &process) {
                    process.write("prepared\n");
                    QByteArray answer;
                    QElapsedTimer waiting;
                    waiting.start();
                    while (!answer.contains("done prepared") && waiting.elapsed() < 150000) {
                        process.waitForReadyRead(250);
                        answer += process.readAllStandardOutput();
                    }
                    prepared = settledMemory(process.processId());
                    process.write("map\n");
                    process.waitForReadyRead(10000);
                    preparedShown = settledMemory(process.processId());
                });
            if (held.readyMs < 0) {
                std::fprintf(stderr, "civicdesk-start-bench: no ready line:\n%s\n",
                             qPrintable(held.output));
                return 1;
            }
        }
        if (cold) {
            dropPageCache();
            const Started emptyCold = startOnce(empty, {}, env);
            dropPageCache();
            const Started civicdeskCold =
                startOnce(workstation, {QStringLiteral("--lang=en")}, homeEnv);
            if (emptyCold.readyMs < 0 || civicdeskCold.readyMs < 0) {
                std::fprintf(stderr, "civicdesk-start-bench: no ready line after a cold start\n");
                return 1;
            }
            coldEmptyMs.push_back(emptyCold.readyMs);
            coldMs.push_back(civicdeskCold.readyMs);
            std::printf("round %d, page cache dropped: empty window %.0f ms, civicdesk %.0f ms\n",
                        round + 1, emptyCold.readyMs, civicdeskCold.readyMs);
        }
        emptyMs.push_back(baseline.readyMs);
        firstMs.push_back(first.readyMs);
        warmMs.push_back(warm.readyMs);
        emptyLoadMs.push_back(baseline.readyMs - baseline.inMainMs);
        warmLoadMs.push_back(warm.readyMs - warm.inMainMs);
        std::printf("round %d: empty window %.0f ms (%.0f before main), first start %.0f ms, warm "
                    "start %.0f ms (%.0f before main)\n",
                    round + 1, baseline.readyMs, emptyLoadMs.back(), first.readyMs, warm.readyMs,
                    warmLoadMs.back());
        std::fflush(stdout);
    }
    const double baseline = civicdesk::bench::percentile(emptyMs, 0.5);
    print("empty Qt Widgets window", emptyMs, baseline);
    print("civicdesk first start (fresh HOME)", firstMs, baseline);
    print("civicdesk warm start", warmMs, baseline);
    if (cold) {
        const double coldBaseline = civicdesk::bench::percentile(coldEmptyMs, 0.5);
        print("empty window, cold start", coldEmptyMs, coldBaseline);
        print("civicdesk cold start", coldMs, coldBaseline);
    } else {
        std::printf("cold start: not measured (dropping the page cache needs root)\n");
    }
    std::printf("before main() (loading): empty window median %.0f ms, civicdesk warm start "
                "median %.0f ms\n",
                civicdesk::bench::percentile(emptyLoadMs, 0.5),
                civicdesk::bench::percentile(warmLoadMs, 0.5));
    std::printf("memory (PSS) once ready: %.0f MiB (civicdesk %.0f + %d other process(es) %.0f)\n",
                ready.total(), ready.main, ready.processes - 1, ready.others);
    std::printf("memory (PSS) with the map shown: %.0f MiB (civicdesk %.0f + %d other "
                "process(es) %.0f)\n",
                withMap.total(), withMap.main, withMap.processes - 1, withMap.others);
    std::printf("memory (PSS) with the map prepared in the background, tab hidden: %.0f MiB "
                "(civicdesk %.0f + %d other process(es) %.0f)\n",
                prepared.total(), prepared.main, prepared.processes - 1, prepared.others);
    std::printf("memory (PSS) with the prepared map shown: %.0f MiB (civicdesk %.0f + %d other "
                "process(es) %.0f)\n",
                preparedShown.total(), preparedShown.main, preparedShown.processes - 1,
                preparedShown.others);
    return 0;
}
