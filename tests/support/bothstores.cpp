#include "tests/support/bothstores.h"

#include "models/store/database.h"
#include "tests/support/pgcluster.h"
#include "tests/support/teststore.h"

#include <QTest>

namespace civicdesk::test {

void bothStores()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgres") << true;
}

void onBothStores(const std::function<void(Database &)> &check)
{
    QFETCH(bool, postgres);
    if (!postgres) {
        TempStore store;
        check(store.db());
        return;
    }
    if (const QString why = PgCluster::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(u"PostgreSQL not available: " + why));
    PgCluster cluster;
    QVERIFY2(cluster.isRunning(), qPrintable(cluster.error()));
    const QString url = cluster.createDatabase();
    QVERIFY2(!url.isEmpty(), qPrintable(cluster.error()));
    auto db = Database::open(url);
    QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
    check(*db.value());
}

} // namespace civicdesk::test
