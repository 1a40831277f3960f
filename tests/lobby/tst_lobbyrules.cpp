// The lobby queue's rules without a store: who is called next (transferred here, then
// accessibility, then arrival), which counters may call a ticket, ticket numbers and waits.

#include "models/lobby/lobbyrules.h"

#include <QTest>

using namespace civicdesk;

namespace {

const QDateTime t0 = QDateTime(QDate(2026, 12, 6), QTime(9, 0), Qt::UTC);

LobbyTicket ticket(const QString &number, const QString &category, int minutes, int priority = 0,
                   const QString &target = {})
{
    LobbyTicket t;
    t.id = number;
    t.number = number;
    t.category = category;
    t.queuedAt = t0.addSecs(60LL * minutes);
    t.priority = priority;
    t.targetCounter = target;
    return t;
}

QStringList numbers(const QList<LobbyTicket> &tickets)
{
    QStringList list;
    for (const LobbyTicket &t : tickets)
        list.append(t.number);
    return list;
}

} // namespace

class TestLobbyRules : public QObject
{
    Q_OBJECT

private slots:
    void accessibilityFirstThenFirstComeFirstServed()
    {
        const QList<LobbyTicket> queue = {
            ticket(QStringLiteral("A001"), QStringLiteral("Animals"), 0),
            ticket(QStringLiteral("B001"), QStringLiteral("Food"), 1),
            ticket(QStringLiteral("A002"), QStringLiteral("Animals"), 2, 1),
            ticket(QStringLiteral("B002"), QStringLiteral("Food"), 3, 1),
            ticket(QStringLiteral("A003"), QStringLiteral("Animals"), 4)};
        QCOMPARE(
            numbers(lobbyrules::callOrder(queue, {QStringLiteral("1"), {}})),
            QStringList({QStringLiteral("A002"), QStringLiteral("B002"), QStringLiteral("A001"),
                         QStringLiteral("B001"), QStringLiteral("A003")}));
    }

    void onlyTheCategoriesTheCounterServes()
    {
        const QList<LobbyTicket> queue = {
            ticket(QStringLiteral("A001"), QStringLiteral("Animals"), 0),
            ticket(QStringLiteral("B001"), QStringLiteral("Food"), 1, 1),
            ticket(QStringLiteral("A002"), QStringLiteral("Animals"), 2)};
        const CounterProfile animals{QStringLiteral("2"), {QStringLiteral("Animals")}};
        QCOMPARE(numbers(lobbyrules::callOrder(queue, animals)),
                 QStringList({QStringLiteral("A001"), QStringLiteral("A002")}));
        QVERIFY(!lobbyrules::mayCall(animals, queue.at(1)));
    }

    void aTransferredTicketBelongsToItsCounterAndGoesFirst()
    {
        const QList<LobbyTicket> queue = {
            ticket(QStringLiteral("A001"), QStringLiteral("Animals"), 0, 1),
            ticket(QStringLiteral("B001"), QStringLiteral("Food"), 5, 0, QStringLiteral("4"))};
        QCOMPARE(numbers(lobbyrules::callOrder(queue,
                                               {QStringLiteral("4"), {QStringLiteral("Animals")}})),
                 QStringList({QStringLiteral("B001"), QStringLiteral("A001")}));
        // Another counter serving every category may not take it.
        QCOMPARE(numbers(lobbyrules::callOrder(queue, {QStringLiteral("1"), {}})),
                 QStringList({QStringLiteral("A001")}));
    }

    void onlyWaitingTicketsAreCalled()
    {
        LobbyTicket called = ticket(QStringLiteral("A001"), QStringLiteral("Animals"), 0);
        called.state = TicketState::Called;
        LobbyTicket parked = ticket(QStringLiteral("A002"), QStringLiteral("Animals"), 1);
        parked.state = TicketState::Parked;
        QVERIFY(lobbyrules::callOrder({called, parked}, {QStringLiteral("1"), {}}).isEmpty());
    }

    void prefixesFollowTheCategoriesAlphabetically()
    {
        const QStringList categories = {QStringLiteral("Trash-Graffiti"), QStringLiteral("Animals"),
                                        QStringLiteral("food")};
        QCOMPARE(lobbyrules::prefixFor(categories, QStringLiteral("Animals")), QStringLiteral("A"));
        QCOMPARE(lobbyrules::prefixFor(categories, QStringLiteral("food")), QStringLiteral("B"));
        QCOMPARE(lobbyrules::prefixFor(categories, QStringLiteral("Trash-Graffiti")),
                 QStringLiteral("C"));
        QCOMPARE(lobbyrules::prefixFor(categories, QStringLiteral("Snow")), QString());
        QStringList many;
        for (int i = 0; i < 28; ++i)
            many.append(QStringLiteral("c%1").arg(i, 2, 10, QLatin1Char('0')));
        // I, L and O are skipped: they read as 1 and 0.
        QCOMPARE(lobbyrules::prefixFor(many, QStringLiteral("c08")), QStringLiteral("J"));
        QCOMPARE(lobbyrules::prefixFor(many, QStringLiteral("c10")), QStringLiteral("M"));
        QCOMPARE(lobbyrules::prefixFor(many, QStringLiteral("c12")), QStringLiteral("P"));
        QCOMPARE(lobbyrules::prefixFor(many, QStringLiteral("c22")), QStringLiteral("Z"));
        QCOMPARE(lobbyrules::prefixFor(many, QStringLiteral("c23")), QStringLiteral("AA"));
        QCOMPARE(lobbyrules::prefixFor(many, QStringLiteral("c24")), QStringLiteral("AB"));
    }

    void numbersHaveThreeDigitsAtLeast()
    {
        QCOMPARE(lobbyrules::ticketNumber(QStringLiteral("A"), 12), QStringLiteral("A012"));
        QCOMPARE(lobbyrules::ticketNumber(QStringLiteral("C"), 1234), QStringLiteral("C1234"));
    }

    void waitFromServiceRateAndOpenCounters()
    {
        QCOMPARE(lobbyrules::estimateWaitSeconds(0, 400, 2), 0);
        QCOMPARE(lobbyrules::estimateWaitSeconds(6, 400, 2), 1200);
        QCOMPARE(lobbyrules::estimateWaitSeconds(3, 400, 0), 1200); // at least one counter
        QCOMPARE(lobbyrules::estimateWaitSeconds(2, 0, 1),
                 qint64(2 * lobbyrules::defaultServiceSeconds));
    }
};

QTEST_GUILESS_MAIN(TestLobbyRules)
#include "tst_lobbyrules.moc"
