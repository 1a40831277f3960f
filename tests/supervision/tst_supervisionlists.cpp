// The workspace's ranked lists against a hand-computed day in New York (10 June 2026): repeat
// requests at the same address (letter case and surrounding spaces ignored, requests without an
// address left out, a request just outside the local day left out, per agent), the answers
// opened during the day's contacts with the calls they closed, the searches that found no
// answer, and every row's drill-down listing exactly what it counts. The same fixture runs on
// SQLite and on a throwaway PostgreSQL.

#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "models/supervision/own/ownfigures.h"
#include "tests/support/bothstores.h"
#include "tests/support/teststore.h"

#include <QJsonObject>
#include <QTest>

using namespace civicdesk;

namespace {

const QTimeZone NewYork("America/New_York");
const QString Ana = QStringLiteral("ana");
const QString Bob = QStringLiteral("bob");

QDateTime local(int d, int h, int min)
{
    return QDateTime(QDate(2026, 6, d), QTime(h, min), NewYork).toUTC();
}

class Writer
{
public:
    explicit Writer(Database &db) : m_events(db) {}

    void append(const QString &type, const QString &id, const QString &kind,
                const QJsonObject &payload, const QString &actor, const QDateTime &at)
    {
        auto r =
            m_events.append(Event::make(type, id, kind, payload, actor, QStringLiteral("D1"), at));
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    }
    void request(const QString &id, const QString &type, const QString &address,
                 const QString &agent, const QDateTime &opened,
                 const QString &channel = QStringLiteral("phone"))
    {
        QJsonObject payload{{QStringLiteral("number"), QString(u"N-" + id)},
                            {QStringLiteral("service_code"), type},
                            {QStringLiteral("type_name"), type.toLower()},
                            {QStringLiteral("department_code"), QStringLiteral("PWD")},
                            {QStringLiteral("channel"), channel},
                            {QStringLiteral("opened_at"), opened.toString(Qt::ISODate)}};
        if (!address.isEmpty())
            payload.insert(QStringLiteral("address"), address);
        append(QStringLiteral("request"), id, QStringLiteral("request.created"), payload, agent,
               opened);
    }
    // A contact with the answers opened and the searches that found none, then its end.
    void contact(const QString &id, const QString &agent, const QString &channel,
                 const QDateTime &at, const QStringList &articles, const QStringList &searches,
                 const QString &outcome)
    {
        append(QStringLiteral("contact"), id, QStringLiteral("contact.started"),
               {{QStringLiteral("channel"), channel}}, agent, at);
        for (const QString &article : articles)
            append(QStringLiteral("contact"), id, QStringLiteral("contact.article_opened"),
                   {{QStringLiteral("article_id"), article}}, agent, at.addSecs(30));
        for (const QString &query : searches)
            append(QStringLiteral("contact"), id, QStringLiteral("contact.search_unanswered"),
                   {{QStringLiteral("query"), query}, {QStringLiteral("language"), u"en"_qs}},
                   agent, at.addSecs(20));
        append(QStringLiteral("contact"), id, QStringLiteral("contact.ended"),
               {{QStringLiteral("outcome"), outcome}}, agent, at.addSecs(120));
    }

private:
    EventStore m_events;
};

void writeFixture(Database &db)
{
    Writer w(db);
    // 12 Main St three times, written three ways; A3 closed since.
    w.request(QStringLiteral("A1"), QStringLiteral("POTHOLE"), QStringLiteral("12 Main St"), Ana,
              local(10, 10, 0));
    w.request(QStringLiteral("A2"), QStringLiteral("POTHOLE"), QStringLiteral("12 main st "), Bob,
              local(10, 11, 0));
    w.request(QStringLiteral("A3"), QStringLiteral("GRAFFITI"), QStringLiteral("12 MAIN ST"), Ana,
              local(10, 12, 0));
    w.append(QStringLiteral("request"), QStringLiteral("A3"),
             QStringLiteral("request.status_changed"),
             {{QStringLiteral("status"), QStringLiteral("closed")},
              {QStringLiteral("closure_reason"), QStringLiteral("resolved")}},
             Ana, local(10, 13, 0));
    // 5 Elm St: the other request a minute before the local day.
    w.request(QStringLiteral("B1"), QStringLiteral("TRASH"), QStringLiteral("5 Elm St"), Ana,
              local(10, 10, 30));
    w.request(QStringLiteral("B2"), QStringLiteral("TRASH"), QStringLiteral("5 Elm St"), Ana,
              local(9, 23, 59));
    // No address: never a repeat location.
    w.request(QStringLiteral("C1"), QStringLiteral("STREETLIGHT"), QString(), Ana, local(10, 9, 0));
    w.request(QStringLiteral("C2"), QStringLiteral("STREETLIGHT"), QString(), Bob,
              local(10, 9, 30));
    // 7 Oak Ave: the other one at the next local midnight.
    w.request(QStringLiteral("D1"), QStringLiteral("NOISE"), QStringLiteral("7 Oak Ave"), Bob,
              local(10, 9, 0));
    w.request(QStringLiteral("D2"), QStringLiteral("NOISE"), QStringLiteral("7 Oak Ave"), Bob,
              local(11, 0, 0));
    // 9 Pine St twice by bob, one by email.
    w.request(QStringLiteral("E1"), QStringLiteral("TRASH"), QStringLiteral("9 Pine St"), Bob,
              local(10, 14, 0));
    w.request(QStringLiteral("E2"), QStringLiteral("TRASH"), QStringLiteral("9 Pine St"), Bob,
              local(10, 15, 0), QStringLiteral("email"));

    // The answers: art-bins has a title, art-hours none in the store.
    w.append(QStringLiteral("article"), QStringLiteral("art-bins"),
             QStringLiteral("article.created"),
             {{QStringLiteral("fields"),
               QJsonObject{{QStringLiteral("title"), QStringLiteral("Trash bins")}}}},
             QStringLiteral("sam"), local(1, 9, 0));
    const QString info = QStringLiteral("information_given");
    const QString bins = QStringLiteral("art-bins");
    const QString hours = QStringLiteral("art-hours");
    w.contact(QStringLiteral("k0"), Ana, QStringLiteral("phone"), local(9, 23, 0), {bins}, {},
              info);
    w.contact(QStringLiteral("k1"), Ana, QStringLiteral("phone"), local(10, 9, 0), {bins, hours},
              {}, info);
    w.contact(QStringLiteral("k2"), Bob, QStringLiteral("phone"), local(10, 9, 10), {bins}, {},
              QStringLiteral("request_created"));
    w.contact(QStringLiteral("k3"), Ana, QStringLiteral("email"), local(10, 9, 20), {bins}, {},
              info);
    w.contact(QStringLiteral("k4"), Ana, QStringLiteral("phone"), local(10, 9, 30), {hours},
              {QStringLiteral("Dog licence")}, info);
    w.contact(QStringLiteral("k5"), Bob, QStringLiteral("phone"), local(10, 9, 40), {},
              {QStringLiteral("dog licence")}, QStringLiteral("cold_transfer"));
    w.contact(QStringLiteral("k6"), Ana, QStringLiteral("phone"), local(10, 9, 50), {}, {}, info);
}

KpiFilter day(const QString &agent = {}, const QString &channel = {})
{
    KpiFilter f;
    f.period = KpiPeriod::days(QDate(2026, 6, 10), QDate(2026, 6, 10), NewYork);
    f.agent = agent;
    f.channel = channel;
    return f;
}

QStringList requestIds(const SupervisionKpis &kpis, const KpiFilter &f, const KpiCell &cell)
{
    auto lines = kpis.requestsBehind(f, cell, local(10, 18, 0));
    if (!lines)
        return {u"error: " + lines.error().message};
    QStringList ids;
    for (const KpiRequestLine &line : lines.value())
        ids.append(line.id);
    return ids;
}

QStringList contactIds(const SupervisionKpis &kpis, const KpiFilter &f, const KpiCell &cell)
{
    auto lines = kpis.contactsBehind(f, cell);
    if (!lines)
        return {u"error: " + lines.error().message};
    QStringList ids;
    for (const KpiContactLine &line : lines.value())
        ids.append(line.id);
    return ids;
}

KpiCell cell(KpiCell::Metric metric, const QString &key)
{
    KpiCell c{metric};
    c.key = key;
    return c;
}

void checkRepeatLocations(const SupervisionKpis &kpis)
{
    using M = KpiCell::Metric;
    auto all = kpis.repeatLocations(day());
    QVERIFY2(all.ok(), all.ok() ? "" : qPrintable(all.error().message));
    const RepeatLocationReport &r = all.value();
    QCOMPARE(r.locations, 2);
    QCOMPARE(r.requests, 5);
    QCOMPARE(r.rows.size(), 2);
    const RepeatLocation &main = r.rows.at(0);
    QCOMPARE(main.key, QStringLiteral("12 main st"));
    QCOMPARE(main.address.toLower(), QStringLiteral("12 main st"));
    QCOMPARE(main.requests, 3);
    QCOMPARE(main.open, 2);
    QCOMPARE(main.firstOpenedAt, local(10, 10, 0).toSecsSinceEpoch());
    QCOMPARE(main.lastOpenedAt, local(10, 12, 0).toSecsSinceEpoch());
    QCOMPARE(main.types.size(), 2);
    QCOMPARE(main.types.at(0).key, QStringLiteral("pothole"));
    QCOMPARE(main.types.at(0).count, 2);
    QCOMPARE(main.types.at(1).key, QStringLiteral("graffiti"));
    QCOMPARE(r.rows.at(1).key, QStringLiteral("9 pine st"));
    QCOMPARE(r.rows.at(1).requests, 2);
    QCOMPARE(r.rows.at(1).open, 2);

    // Every number drills down to its requests, oldest first.
    QCOMPARE(requestIds(kpis, day(), cell(M::RepeatLocation, {})),
             QStringList({u"A1"_qs, u"A2"_qs, u"A3"_qs, u"E1"_qs, u"E2"_qs}));
    QCOMPARE(requestIds(kpis, day(), cell(M::RepeatLocation, main.key)),
             QStringList({u"A1"_qs, u"A2"_qs, u"A3"_qs}));

    // Per agent: ana's two at 12 Main St; bob's two at 9 Pine St (his one at 12 Main St alone).
    auto ana = kpis.repeatLocations(day(Ana));
    QVERIFY(ana.ok());
    QCOMPARE(ana.value().locations, 1);
    QCOMPARE(ana.value().requests, 2);
    QCOMPARE(ana.value().rows.at(0).key, QStringLiteral("12 main st"));
    QCOMPARE(requestIds(kpis, day(Ana), cell(M::RepeatLocation, {})),
             QStringList({u"A1"_qs, u"A3"_qs}));
    auto bob = kpis.repeatLocations(day(Bob));
    QVERIFY(bob.ok());
    QCOMPARE(bob.value().locations, 1);
    QCOMPARE(bob.value().rows.at(0).key, QStringLiteral("9 pine st"));
    // By email: one request at 9 Pine St is no repeat.
    auto email = kpis.repeatLocations(day({}, QStringLiteral("email")));
    QVERIFY(email.ok());
    QCOMPARE(email.value().locations, 0);
    QVERIFY(email.value().rows.isEmpty());
    QVERIFY(
        requestIds(kpis, day({}, QStringLiteral("email")), cell(M::RepeatLocation, {})).isEmpty());

    // One queue: the type (its service code) and the department filter every request figure.
    KpiFilter trash = day();
    trash.serviceCode = QStringLiteral("TRASH");
    auto trashRepeats = kpis.repeatLocations(trash);
    QVERIFY(trashRepeats.ok());
    QCOMPARE(trashRepeats.value().locations, 1); // 9 Pine St; 12 Main St has none
    QCOMPARE(trashRepeats.value().rows.at(0).key, QStringLiteral("9 pine st"));
    auto trashReport = kpis.report(trash, local(10, 18, 0));
    QVERIFY(trashReport.ok());
    QCOMPARE(trashReport.value().requestsOpened, 3); // B1, E1, E2 (B2 the day before)
    QCOMPARE(trashReport.value().open, 4);           // and B2, still open
    QCOMPARE(requestIds(kpis, trash, KpiCell{M::RequestsOpened}),
             QStringList({u"B1"_qs, u"E1"_qs, u"E2"_qs}));
    KpiFilter noDepartment = day();
    noDepartment.department = QStringLiteral("-");
    auto none = kpis.report(noDepartment, local(10, 18, 0));
    QVERIFY(none.ok());
    QCOMPARE(none.value().requestsOpened, 0); // every request has one
    KpiFilter pwd = day();
    pwd.department = QStringLiteral("PWD");
    auto works = kpis.report(pwd, local(10, 18, 0));
    QVERIFY(works.ok());
    QCOMPARE(works.value().requestsOpened, 9); // all of the day's
    QCOMPARE(works.value().contacts, 6);       // k1-k6: contacts are never filtered by a queue

    // Two days: 7 Oak Ave (midnight) and 5 Elm St (a minute before) join in.
    KpiFilter three = day();
    three.period = KpiPeriod::days(QDate(2026, 6, 9), QDate(2026, 6, 11), NewYork);
    auto wider = kpis.repeatLocations(three);
    QVERIFY(wider.ok());
    QCOMPARE(wider.value().locations, 4);
    QCOMPARE(wider.value().requests, 9);
    // The limit keeps the largest; the totals stay whole.
    auto one = kpis.repeatLocations(three, 1);
    QVERIFY(one.ok());
    QCOMPARE(one.value().rows.size(), 1);
    QCOMPARE(one.value().rows.at(0).key, QStringLiteral("12 main st"));
    QCOMPARE(one.value().locations, 4);
}

void checkAnswers(const SupervisionKpis &kpis)
{
    using M = KpiCell::Metric;
    auto all = kpis.answers(day());
    QVERIFY2(all.ok(), all.ok() ? "" : qPrintable(all.error().message));
    const AnswerReport &r = all.value();
    QCOMPARE(r.informationContacts, 4); // k1, k3, k4, k6
    QCOMPARE(r.withAnswer, 3);          // k6 had none
    QCOMPARE(r.answers.size(), 2);
    QCOMPARE(r.answers.at(0).articleId, QStringLiteral("art-bins"));
    QCOMPARE(r.answers.at(0).title, QStringLiteral("Trash bins"));
    QCOMPARE(r.answers.at(0).contacts, 3); // k1, k2, k3 (k0 is the day before)
    QCOMPARE(r.answers.at(0).closed, 2);   // k2 made a request
    QCOMPARE(r.answers.at(1).articleId, QStringLiteral("art-hours"));
    QCOMPARE(r.answers.at(1).title, QStringLiteral("art-hours")); // no title in the store
    QCOMPARE(r.answers.at(1).contacts, 2);
    QCOMPARE(r.answers.at(1).closed, 2);
    QCOMPARE(r.unanswered.size(), 1);
    QCOMPARE(r.unanswered.at(0).query, QStringLiteral("dog licence"));
    QCOMPARE(r.unanswered.at(0).contacts, 2);

    QCOMPARE(contactIds(kpis, day(), cell(M::Article, QStringLiteral("art-bins"))),
             QStringList({u"k1"_qs, u"k2"_qs, u"k3"_qs}));
    QCOMPARE(contactIds(kpis, day(), cell(M::ArticleClosed, QStringLiteral("art-bins"))),
             QStringList({u"k1"_qs, u"k3"_qs}));
    QCOMPARE(contactIds(kpis, day(), cell(M::Unanswered, QStringLiteral("dog licence"))),
             QStringList({u"k4"_qs, u"k5"_qs}));
    QCOMPARE(contactIds(kpis, day(Ana), cell(M::Unanswered, QStringLiteral("dog licence"))),
             QStringList({u"k4"_qs}));

    auto email = kpis.answers(day({}, QStringLiteral("email")));
    QVERIFY(email.ok());
    QCOMPARE(email.value().informationContacts, 1);
    QCOMPARE(email.value().answers.size(), 1);
    QCOMPARE(email.value().answers.at(0).closed, 1);
    QVERIFY(email.value().unanswered.isEmpty());
    auto bob = kpis.answers(day(Bob));
    QVERIFY(bob.ok());
    QCOMPARE(bob.value().informationContacts, 0);
    QCOMPARE(bob.value().answers.size(), 1);
    QCOMPARE(bob.value().answers.at(0).contacts, 1);
    QCOMPARE(bob.value().answers.at(0).closed, 0);
    QCOMPARE(bob.value().unanswered.at(0).contacts, 1);
}

void checkAll(Database &db)
{
    writeFixture(db);
    if (QTest::currentTestFailed())
        return;
    const SupervisionKpis kpis(db);
    checkRepeatLocations(kpis);
    if (QTest::currentTestFailed())
        return;
    checkAnswers(kpis);
}

} // namespace

class TestSupervisionLists : public QObject
{
    Q_OBJECT

private slots:
    void badFilterIsRefused()
    {
        test::TempStore store;
        KpiFilter f = day();
        f.period.last = f.period.first.addDays(-1);
        QVERIFY(!SupervisionKpis(store.db()).repeatLocations(f).ok());
        QVERIFY(!SupervisionKpis(store.db()).answers(f).ok());
    }

    // An agent reads their own figures and nobody else's: not another agent's, not a team's,
    // not the centre's; supervisors and admins read anyone's.
    void agentsReadTheirOwnFiguresOnly()
    {
        test::TempStore store;
        writeFixture(store.db());
        const SupervisionKpis kpis(store.db());
        const QDateTime now = local(10, 18, 0);
        const OwnFigures ana(kpis, AgentRole::CallTaker, Ana);
        const KpiFilter own = ana.filter(day().period);
        QCOMPARE(own.agent, Ana);
        auto mine = ana.report(own, now);
        QVERIFY2(mine.ok(), mine.ok() ? "" : qPrintable(mine.error().message));
        QCOMPARE(mine.value().contacts, 4); // k1, k3, k4, k6 (k0 is the day before)
        auto lines = ana.contactsBehind(own, KpiCell{KpiCell::Metric::Contacts});
        QVERIFY(lines.ok());
        for (const KpiContactLine &line : lines.value())
            QCOMPARE(line.agent, Ana);
        QCOMPARE(lines.value().size(), 4);

        KpiFilter bobs = own;
        bobs.agent = Bob;
        KpiFilter everyone = own;
        everyone.agent.clear();
        KpiFilter team = own;
        team.team = QStringLiteral("Days");
        for (const KpiFilter &f : {bobs, everyone, team}) {
            auto refused = ana.report(f, now);
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error().code, QStringLiteral("kpi.forbidden"));
            QVERIFY(!ana.contactsBehind(f, KpiCell{KpiCell::Metric::Contacts}).ok());
            QVERIFY(!ana.requestsBehind(f, KpiCell{KpiCell::Metric::Open}, now).ok());
            QVERIFY(!OwnFigures::mayRead(AgentRole::CallTaker, Ana, f));
            QVERIFY(OwnFigures::mayRead(AgentRole::Supervisor, QStringLiteral("sam"), f));
            QVERIFY(OwnFigures::mayRead(AgentRole::Admin, QStringLiteral("root"), f));
        }
        // Nobody signed in reads nothing, even with an empty agent filter.
        QVERIFY(!OwnFigures::mayRead(AgentRole::CallTaker, QString(), everyone));
        const OwnFigures supervisor(kpis, AgentRole::Supervisor, QStringLiteral("sam"));
        auto all = supervisor.report(everyone, now);
        QVERIFY(all.ok());
        QCOMPARE(all.value().contacts, 6);
    }

    void handComputedDay_data() { test::bothStores(); }

    void handComputedDay() { test::onBothStores(checkAll); }
};

QTEST_GUILESS_MAIN(TestSupervisionLists)
#include "tst_supervisionlists.moc"
