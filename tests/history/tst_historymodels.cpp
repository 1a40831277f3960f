// The history item models under QAbstractItemModelTester: the request list fetching, sorting and
// filtering (searched on its search thread with stale answers dropped) and the history entries
// of requests and contacts.

#include "models/itemmodels/historyentrymodel.h"
#include "models/itemmodels/requestlistmodel.h"
#include "models/requests/historyrepository.h"
#include "tests/history/historyfixture.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace civicdesk;
using Mode = QAbstractItemModelTester::FailureReportingMode;

class TestHistoryModels : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::HistoryFixture> m_fx;

    // 450 more requests, so the list has pages to fetch.
    void insertRequests(int count)
    {
        QSqlDatabase db = QSqlDatabase::database(m_fx->db().connectionName());
        QSqlQuery q(db);
        QVERIFY(q.prepare(QStringLiteral(
            "INSERT INTO requests(id, number, type_name, status, address, opened_at, origin) "
            "VALUES(?, ?, 'Pothole Repair', ?, ?, ?, 'import')")));
        for (int i = 0; i < count; ++i) {
            q.addBindValue(QStringLiteral("gen:%1").arg(i));
            q.addBindValue(QString::number(202400000000LL + i));
            q.addBindValue(i % 3 == 0 ? QStringLiteral("open") : QStringLiteral("closed"));
            q.addBindValue(QStringLiteral("%1 Generated St").arg(i));
            q.addBindValue(qint64(1600000000) + i);
            QVERIFY(q.exec());
        }
    }

private slots:
    void init() { m_fx = std::make_unique<test::HistoryFixture>(); }

    void cleanup() { m_fx.reset(); }

    void theRequestListModelFetchesSortsAndFilters()
    {
        RequestListModel model(m_fx->db(), nullptr, RequestQueryRunner::Mode::CallingThread);
        QVERIFY(!model.isThreaded());
        model.setClock(m_fx->clock());
        QAbstractItemModelTester tester(&model, Mode::QtTest);
        QCOMPARE(model.totalCount(), 26);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 26);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.requestId(0), m_fx->requestId); // newest first
        QCOMPARE(model.index(0, RequestListModel::Number).data().toString(),
                 QString(m_fx->requestNumber.left(5) + u'-' + m_fx->requestNumber.mid(5)));
        model.sort(RequestListModel::Number, Qt::AscendingOrder);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.index(0, RequestListModel::Number).data().toString(),
                 QStringLiteral("101001240735"));
        HistoryFilter f = model.filter();
        f.status = RequestStatus::Open;
        model.setFilter(f);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, RequestListModel::Status).data().toString(),
                 QStringLiteral("Open"));
        QCOMPARE(model.index(0, RequestListModel::Sla).data().toString(),
                 QStringLiteral("On time"));
    }

    void theHistoryEntryModelShowsRequestsAndContacts()
    {
        HistoryRepository history(m_fx->db());
        HistoryEntryModel model;
        model.setClock(m_fx->clock());
        QAbstractItemModelTester tester(&model, Mode::QtTest);
        model.setEntries(history.forCaller(m_fx->anaId));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, HistoryEntryModel::Type).data().toString(),
                 QStringLiteral("Contact: Bird infestation"));
        QCOMPARE(model.index(1, HistoryEntryModel::Status).data().toString(),
                 QStringLiteral("Request created"));
        // Shown as the city publishes it (and as the intake's banner reads it): with the hyphen.
        QCOMPARE(model.index(1, HistoryEntryModel::Number).data().toString(),
                 QString(m_fx->requestNumber.left(5) + u'-' + m_fx->requestNumber.mid(5)));
        QCOMPARE(model.index(0, HistoryEntryModel::Status).data().toString(),
                 QStringLiteral("Open"));
        QCOMPARE(model.index(0, HistoryEntryModel::Channel).data().toString(),
                 QStringLiteral("Phone"));
        // A row of today shows its time, an older one its date (the short forms a narrow
        // dock has room for); the date column's tooltip holds both.
        const QTimeZone boston("America/New_York");
        model.setDisplayTimeZone(boston);
        const QDateTime when = model.entry(0).when().toTimeZone(boston);
        QCOMPARE(model.index(0, HistoryEntryModel::When).data().toString(),
                 QLocale().toString(when.time(), QLocale::ShortFormat));
        model.setClock(Clock::fixed(m_fx->now().addDays(3)));
        QCOMPARE(model.index(0, HistoryEntryModel::When).data().toString(),
                 QLocale().toString(when.date(), QLocale::ShortFormat));
        QCOMPARE(model.index(0, HistoryEntryModel::When)
                     .data(Qt::ToolTipRole)
                     .toString()
                     .section(u'\n', 0, 0),
                 QLocale().toString(when, QLocale::ShortFormat));
        model.setEntries(history.nearLocation(test::HistoryFixture::Latitude,
                                              test::HistoryFixture::Longitude,
                                              test::HistoryFixture::address()));
        QVERIFY(model.index(0, HistoryEntryModel::Address)
                    .data()
                    .toString()
                    .endsWith(u"(same address)"));
        QVERIFY(model.index(0, 0).data(HistoryEntryModel::SameAddressRole).toBool());
        model.setEntries({});
        QCOMPARE(model.rowCount(), 0);
    }

    void theRequestListSearchesOnItsThreadAndDropsStaleAnswers()
    {
        insertRequests(450);
        RequestListModel model(m_fx->db());
        QVERIFY(model.isThreaded());
        QAbstractItemModelTester tester(&model, Mode::QtTest);
        QSignalSpy loading(&model, &RequestListModel::loadingChanged);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), RequestListModel::PageSize);
        QCOMPARE(model.totalCount(), 476);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QVERIFY(!model.canFetchMore({})); // one page at a time, fetched on the search thread
        for (int guard = 0; guard < 500 && model.rowCount() < 476; ++guard) {
            if (model.canFetchMore({}))
                model.fetchMore({});
            QTest::qWait(5);
        }
        QCOMPARE(model.rowCount(), 476);
        QVERIFY(!model.canFetchMore({}));

        // Filters typed one after the other: only the last one's answer shows.
        HistoryFilter f;
        f.text = QStringLiteral("Pot");
        model.setFilter(f);
        f.text = QStringLiteral("Bird");
        model.setFilter(f);
        QVERIFY(model.isLoading());
        f.text = QStringLiteral("Generated");
        f.status = RequestStatus::Open;
        model.setFilter(f);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.totalCount(), 150);
        QCOMPARE(model.rowCount(), 150);
        QTRY_VERIFY(model.staleDropped() >= 2);
        QVERIFY(loading.size() >= 2);
    }
};

QTEST_GUILESS_MAIN(TestHistoryModels)
#include "tst_historymodels.moc"
