// Intake: address autocomplete per keystroke over all demo addresses, typing real addresses
// character by character the way an agent does.

#include "models/city/addressindex.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/intake/intakerepository.h"
#include "models/store/database.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <algorithm>
#include <benchmark/benchmark.h>

using namespace civicdesk;

namespace {

const AddressIndex &demoIndex()
{
    static QTemporaryDir dir;
    static const AddressIndex index = [] {
        auto db = Database::open(dir.filePath(QStringLiteral("intake.sqlite")));
        auto pack = CityPack::load(QStringLiteral(CIVICDESK_DEMO_CITY_DIR));
        CityImporter importer(*db.value());
        if (auto r = importer.import(pack.value()); !r)
            qFatal("%s", qPrintable(r.error().message));
        IntakeRepository places(*db.value());
        return AddressIndex(places.addresses(), places.intersections(), places.referrals());
    }();
    return index;
}

// Every prefix of what agents type, as keystrokes: real addresses, typos, intersections.
QStringList keystrokes()
{
    const QStringList typed = {
        QStringLiteral("1 city hal plz"),
        QStringLiteral("29 hereford street"),
        QStringLiteral("483 mass ave"),
        QStringLiteral("130 dartmouth st"),
        QStringLiteral("mass ave and boylston"),
        QStringLiteral("14 wales st dorchester"),
        QStringLiteral("220 glenellen rd apt 2"),
        QStringLiteral("46 francis st"),
        QStringLiteral("252 hyde park ave"),
        QStringLiteral("100 main st, cambridge"),
        QStringLiteral("15 mora st 02124"),
        QStringLiteral("9 spring valley rd"),
        QStringLiteral("boylston st & dartmouth"),
        QStringLiteral("22 belton st"),
        QStringLiteral("366 cummins hwy"),
        QStringLiteral("51 everdean st"),
    };
    QStringList prefixes;
    for (const QString &t : typed) {
        for (int n = 1; n <= t.size(); ++n)
            prefixes.append(t.left(n));
    }
    return prefixes;
}

void BM_AddressAutocompleteKeystroke(benchmark::State &state)
{
    const AddressIndex &index = demoIndex();
    const QStringList prefixes = keystrokes();
    std::vector<double> micros;
    micros.reserve(size_t(prefixes.size()) * 20);
    for (auto _ : state) {
        for (const QString &prefix : prefixes) {
            QElapsedTimer timer;
            timer.start();
            const auto matches = index.search(prefix, 8);
            // The referral check runs on every keystroke too.
            benchmark::DoNotOptimize(index.referralFor(prefix));
            micros.push_back(double(timer.nsecsElapsed()) / 1000.0);
            benchmark::DoNotOptimize(matches);
        }
    }
    std::sort(micros.begin(), micros.end());
    const auto at = [&micros](double q) {
        return micros.at(size_t(q * double(micros.size() - 1)));
    };
    state.counters["keystrokes"] = double(micros.size());
    state.counters["p50_ms"] = at(0.50) / 1000.0;
    state.counters["p99_ms"] = at(0.99) / 1000.0;
    state.counters["max_ms"] = micros.back() / 1000.0;
    state.counters["addresses"] = index.addressCount();
}
BENCHMARK(BM_AddressAutocompleteKeystroke)->Unit(benchmark::kMillisecond)->Iterations(5);

} // namespace
