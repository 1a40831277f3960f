// When a callback is offered: two hours ahead on the quarter hour within office hours, else
// 9:00 on the next working day (a callback suggested at 2 AM was a defect).

#include "models/requests/requestactions.h"

#include <QTest>
#include <QTimeZone>

using namespace civicdesk;

class TestCallbackTime : public QObject
{
    Q_OBJECT

private slots:
    void suggested_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<QDateTime>("expected");
        const QTimeZone boston("America/New_York");
        const auto at = [&](int day, int hour, int minute) {
            return QDateTime(QDate(2026, 12, day), QTime(hour, minute), boston);
        };
        // 2026-12-07 is a Monday.
        QTest::newRow("midnight goes to nine") << at(8, 0, 10) << at(8, 9, 0);
        QTest::newRow("morning, two hours on") << at(9, 10, 5) << at(9, 12, 15);
        QTest::newRow("on the quarter") << at(9, 10, 15) << at(9, 12, 15);
        QTest::newRow("three o'clock, at closing") << at(9, 15, 0) << at(9, 17, 0);
        QTest::newRow("late afternoon, next day") << at(9, 16, 30) << at(10, 9, 0);
        QTest::newRow("Friday evening, Monday") << at(11, 18, 0) << at(14, 9, 0);
        QTest::newRow("Saturday, Monday") << at(12, 11, 0) << at(14, 9, 0);
        QTest::newRow("Sunday night, Monday") << at(13, 23, 0) << at(14, 9, 0);
    }

    void suggested()
    {
        QFETCH(QDateTime, now);
        QFETCH(QDateTime, expected);
        QCOMPARE(RequestActions::suggestedCallbackTime(now), expected);
    }
};

QTEST_GUILESS_MAIN(TestCallbackTime)
#include "tst_callbacktime.moc"
