// Knowledge editing on a real store (the fixture city): articles as events through the
// EventStore, the lifecycle and roles enforced, every version kept, search seeing new words at
// once, "changed since you last read it", the review-due list, and imports that leave local
// edits alone.

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/domain/knowledge/textdiff.h"
#include "models/intake/intakeservice.h"
#include "models/knowledge/articlerepository.h"
#include "models/knowledge/knowledgeservice.h"
#include "models/knowledge/knowledgeusage.h"
#include "models/store/eventstore.h"
#include "tests/support/teststore.h"

#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace civicdesk;
using State = KnowledgeArticle::State;

namespace {
const QString seedId = QStringLiteral("seed:BIRDINFEST");
}

class TestKnowledgeEditing : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<EventStore> m_events;
    std::unique_ptr<ArticleRepository> m_articles;
    QDateTime m_now;

    std::unique_ptr<KnowledgeService> service(AgentRole role, const QString &who)
    {
        return std::make_unique<KnowledgeService>(m_store->db(), *m_events, *m_articles, who, role,
                                                  [this] { return m_now; });
    }

    qint64 articleEvents() const
    {
        QSqlQuery q(QSqlDatabase::database(m_store->db().connectionName()));
        return q.exec(
                   QStringLiteral("SELECT count(*) FROM events WHERE entity_type = 'article'")) &&
                       q.next()
                   ? q.value(0).toLongLong()
                   : -1;
    }

    static KnowledgeArticle draft(const QString &title, const QString &body)
    {
        KnowledgeArticle a;
        a.title = title;
        a.body = body;
        a.script = QStringLiteral("Tell the caller the crew comes within two days.");
        a.language = QStringLiteral("en");
        a.serviceCodes = {QStringLiteral("BIRDINFEST")};
        a.reviewDue = QDate(2026, 5, 20);
        return a;
    }

    QStringList foundIds(const QString &text, const QString &state = {})
    {
        QStringList ids;
        const QList<ArticleHit> hits = m_articles->search({text, {}, {}, 10, state});
        for (const ArticleHit &h : hits)
            ids.append(h.article.id);
        return ids;
    }

private slots:
    void init()
    {
        m_store = test::miniCityStore();
        m_events = std::make_unique<EventStore>(m_store->db());
        m_articles = std::make_unique<ArticleRepository>(m_store->db());
        m_now = QDateTime(QDate(2026, 5, 1), QTime(13, 0), Qt::UTC);
    }

    // Agents find only the articles in effect on the day; editors find the others too.
    void agentsFindOnlyArticlesInEffect()
    {
        auto editor = service(AgentRole::Editor, QStringLiteral("ed"));
        auto supervisor = service(AgentRole::Supervisor, QStringLiteral("sue"));
        const QDate today(2026, 5, 1);
        auto publish = [&](const QString &title, const QDate &effective, const QDate &expires) {
            KnowledgeArticle a = draft(title, QStringLiteral("Quuxparade route permits."));
            a.effective = effective;
            a.expires = expires;
            auto id = editor->create(a);
            if (!id.ok() || !editor->changeState(id.value(), State::InReview).ok() ||
                !supervisor->changeState(id.value(), State::Published).ok())
                qFatal("cannot publish %s", qPrintable(title));
            return id.value();
        };
        const QString current =
            publish(QStringLiteral("Parade permits"), today.addDays(-30), today.addDays(10));
        const QString lastDay = publish(QStringLiteral("Parade permits, spring"), {}, today);
        const QString expired =
            publish(QStringLiteral("Parade permits, last year"), {}, today.addDays(-1));
        const QString future =
            publish(QStringLiteral("Parade permits, next year"), today.addDays(1), {});
        auto found = [this](const QString &state, const QDate &day) {
            QStringList ids;
            for (const ArticleHit &h :
                 m_articles->search({QStringLiteral("quuxparade"), {}, {}, 10, state, day}))
                ids.append(h.article.id);
            ids.sort();
            return ids;
        };
        auto sorted = [](QStringList ids) {
            ids.sort();
            return ids;
        };
        QCOMPARE(found({}, today), sorted({current, lastDay}));
        QCOMPARE(found({}, today.addDays(1)), sorted({current, future}));
        QCOMPARE(found(QStringLiteral("published"), today),
                 sorted({current, lastDay, expired, future}));
        QCOMPARE(found(QStringLiteral("*"), today), sorted({current, lastDay, expired, future}));
        // The plain list (nothing typed) follows the same rule.
        QStringList listed;
        for (const ArticleHit &h : m_articles->search({{}, {}, {}, 1000, {}, today}))
            listed.append(h.article.id);
        QVERIFY(listed.contains(current));
        QVERIFY(!listed.contains(expired));
        QVERIFY(!listed.contains(future));
    }

    void aDraftGoesThroughReviewToAgents()
    {
        auto editor = service(AgentRole::Editor, QStringLiteral("ed"));
        auto supervisor = service(AgentRole::Supervisor, QStringLiteral("sue"));
        const qint64 outboxBefore = m_events->outboxSize();
        auto id = editor->create(draft(QStringLiteral("Pigeon spikes on public buildings"),
                                       QStringLiteral("Zorblax netting is allowed.")));
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
        QVERIFY(id.value().startsWith(u"local:"));
        QCOMPARE(m_events->outboxSize(), outboxBefore + 1);
        // A draft is searchable for editors at once, never for agents.
        QCOMPARE(foundIds(QStringLiteral("zorblax"), QStringLiteral("*")), QStringList{id.value()});
        QVERIFY(foundIds(QStringLiteral("zorblax")).isEmpty());

        QVERIFY(editor->changeState(id.value(), State::InReview).ok());
        const Status approveAsEditor = editor->changeState(id.value(), State::Published);
        QVERIFY(!approveAsEditor.ok());
        QCOMPARE(approveAsEditor.error().code, QStringLiteral("article.role"));
        m_now = m_now.addSecs(3600);
        QVERIFY(supervisor->changeState(id.value(), State::Published, QStringLiteral("ok")).ok());
        QCOMPARE(foundIds(QStringLiteral("zorblax")), QStringList{id.value()});
        QCOMPARE(m_articles->byId(id.value())->state, State::Published);

        QVERIFY(supervisor->changeState(id.value(), State::Archived).ok());
        QVERIFY(foundIds(QStringLiteral("zorblax")).isEmpty());
        KnowledgeArticle archived = *m_articles->byId(id.value());
        archived.body += QStringLiteral(" more");
        QCOMPARE(supervisor->edit(archived).error().code, QStringLiteral("article.archived"));

        const QList<ArticleVersion> versions = supervisor->history().versions(id.value());
        QCOMPARE(versions.size(), 4);
        QCOMPARE(versions.at(0).kind, QStringLiteral("article.created"));
        QCOMPARE(versions.at(0).actor, QStringLiteral("ed"));
        QCOMPARE(versions.at(0).article.state, State::Draft);
        QCOMPARE(versions.at(1).article.state, State::InReview);
        QCOMPARE(versions.at(2).actor, QStringLiteral("sue"));
        QCOMPARE(versions.at(2).note, QStringLiteral("ok"));
        QCOMPARE(versions.at(2).at, m_now);
        QCOMPARE(versions.at(2).article.state, State::Published);
        QCOMPARE(versions.at(3).article.state, State::Archived);
        QCOMPARE(articleEvents(), 4);
        QCOMPARE(m_events->eventsFor(QStringLiteral("article"), id.value()).size(), 4);
    }

    // Issue 14, item 6: an editor revises a published article as a draft beside the live one;
    // agents keep finding the live text until a supervisor publishes the revision, and the note
    // typed with each save stays with that save.
    void aPublishedArticleIsRevisedBesideTheLiveOne()
    {
        auto editor = service(AgentRole::Editor, QStringLiteral("ed"));
        auto supervisor = service(AgentRole::Supervisor, QStringLiteral("sue"));
        auto agent = service(AgentRole::CallTaker, QStringLiteral("al"));
        auto id = editor->create(draft(QStringLiteral("Yard waste collection"),
                                       QStringLiteral("Flumbergrass bags go out on Mondays.")));
        QVERIFY(id.ok());
        QVERIFY(editor->changeState(id.value(), State::InReview).ok());
        QVERIFY(supervisor->changeState(id.value(), State::Published).ok());
        const int liveVersion = m_articles->versionOf(id.value());

        // The editor cannot change the live article, but revises it.
        KnowledgeArticle revised = *m_articles->byId(id.value());
        revised.body = QStringLiteral("Wimbleweed bags go out on Tuesdays from May.");
        QCOMPARE(editor->edit(revised).error().code, QStringLiteral("article.role"));
        QVERIFY(editor->canRevise(*m_articles->byId(id.value())));
        QVERIFY(!agent->canRevise(*m_articles->byId(id.value())));
        QCOMPARE(agent->saveRevision(revised).error().code, QStringLiteral("article.role"));
        QVERIFY(editor->saveRevision(revised, QStringLiteral("new day from May")).ok());

        // Agents still find and read the live text; the revision waits beside it.
        QCOMPARE(foundIds(QStringLiteral("flumbergrass")), QStringList{id.value()});
        QVERIFY(foundIds(QStringLiteral("wimbleweed")).isEmpty());
        QCOMPARE(m_articles->byId(id.value())->state, State::Published);
        QCOMPARE(m_articles->versionOf(id.value()), liveVersion);
        auto pending = editor->revision(id.value());
        QVERIFY(pending);
        QCOMPARE(pending->article.body, revised.body);
        QCOMPARE(pending->article.title, QStringLiteral("Yard waste collection"));
        QCOMPARE(pending->note, QStringLiteral("new day from May"));
        QCOMPARE(pending->actor, QStringLiteral("ed"));
        QCOMPARE(pending->baseVersion, liveVersion);

        // A second save replaces the revision and keeps its own note.
        revised.script = QStringLiteral("Put the bags out by 7 on Tuesday morning.");
        m_now = m_now.addSecs(60);
        QVERIFY(editor->saveRevision(revised, QStringLiteral("script too")).ok());
        pending = editor->revision(id.value());
        QCOMPARE(pending->article.script, revised.script);
        QCOMPARE(pending->note, QStringLiteral("script too"));
        QCOMPARE(pending->savedAt, m_now);

        // Only a supervisor publishes it; then agents find the new text, as one new version
        // carrying the note of the save.
        QCOMPARE(editor->publishRevision(id.value()).error().code, QStringLiteral("article.role"));
        QVERIFY(supervisor->publishRevision(id.value()).ok());
        QCOMPARE(foundIds(QStringLiteral("wimbleweed")), QStringList{id.value()});
        QVERIFY(foundIds(QStringLiteral("flumbergrass")).isEmpty());
        QCOMPARE(m_articles->byId(id.value())->script, revised.script);
        QCOMPARE(m_articles->byId(id.value())->state, State::Published);
        QVERIFY(!editor->revision(id.value()));
        const QList<ArticleVersion> versions = supervisor->history().versions(id.value());
        QCOMPARE(versions.constLast().kind, QStringLiteral("article.revision_published"));
        QCOMPARE(versions.constLast().actor, QStringLiteral("sue"));
        QCOMPARE(versions.constLast().note, QStringLiteral("script too"));
        QCOMPARE(versions.constLast().article.body, revised.body);
        QCOMPARE(supervisor->publishRevision(id.value()).error().code,
                 QStringLiteral("article.no_revision"));

        // A revision can be thrown away, and an unchanged one is not saved.
        KnowledgeArticle again = *m_articles->byId(id.value());
        QCOMPARE(editor->saveRevision(again).error().code, QStringLiteral("article.unchanged"));
        again.keywords = QStringLiteral("leaves, brush");
        QVERIFY(editor->saveRevision(again).ok());
        QVERIFY(editor->discardRevision(id.value()).ok());
        QVERIFY(!editor->revision(id.value()));
        QCOMPARE(m_articles->byId(id.value())->keywords, revised.keywords);
        // A draft is changed directly, never revised.
        auto other = editor->create(draft(QStringLiteral("Leaf bags"), QStringLiteral("Paper.")));
        QCOMPARE(editor->saveRevision(*m_articles->byId(other.value())).error().code,
                 QStringLiteral("article.revision_state"));
    }

    // The note typed with a save of a draft stays with that save, not with a later move.
    void theNoteOfASaveStaysWithThatSave()
    {
        auto editor = service(AgentRole::Editor, QStringLiteral("ed"));
        auto id = editor->create(draft(QStringLiteral("Leaf pickup"), QStringLiteral("Paper.")));
        KnowledgeArticle a = *m_articles->byId(id.value());
        a.body = QStringLiteral("Paper bags only, no plastic.");
        QVERIFY(editor->edit(a, QStringLiteral("plastic is refused at the depot")).ok());
        QVERIFY(editor->changeState(id.value(), State::InReview).ok());
        const QList<ArticleVersion> versions = editor->history().versions(id.value());
        QCOMPARE(versions.size(), 3);
        QCOMPARE(versions.at(1).kind, QStringLiteral("article.edited"));
        QCOMPARE(versions.at(1).note, QStringLiteral("plastic is refused at the depot"));
        QCOMPARE(versions.at(2).note, QString());
    }

    void agentsCannotWrite()
    {
        auto agent = service(AgentRole::CallTaker, QStringLiteral("al"));
        QCOMPARE(agent->create(draft(QStringLiteral("x"), QStringLiteral("y"))).error().code,
                 QStringLiteral("article.role"));
        KnowledgeArticle seed = *m_articles->byId(seedId);
        seed.title = QStringLiteral("Changed by an agent");
        QCOMPARE(agent->edit(seed).error().code, QStringLiteral("article.role"));
        QVERIFY(!agent->changeState(seedId, State::Archived).ok());
        QVERIFY(!agent->markReviewed(seedId, QDate(2027, 1, 1)).ok());
        QVERIFY(!agent->canCreate());
        QVERIFY(agent->nextStates(seed).isEmpty());
        QCOMPARE(articleEvents(), 0);
        auto editor = service(AgentRole::Editor, QStringLiteral("ed"));
        QVERIFY(!editor->canEdit(seed)); // published: supervisors only
        QCOMPARE(editor->edit(seed).error().code, QStringLiteral("article.role"));
    }

    void editingAnImportedArticleKeepsTheImportedText()
    {
        auto supervisor = service(AgentRole::Supervisor, QStringLiteral("sue"));
        QCOMPARE(supervisor->history().versions(seedId).size(), 1); // the row itself
        const KnowledgeArticle original = *m_articles->byId(seedId);
        KnowledgeArticle changed = original;
        changed.body = original.body + QStringLiteral(" Quuxification of nests is not allowed.");
        QVERIFY(supervisor->edit(changed).ok());
        QVERIFY(supervisor->edit(changed).ok()); // nothing differs: no event
        QCOMPARE(articleEvents(), 1);

        const QList<ArticleVersion> versions = supervisor->history().versions(seedId);
        QCOMPARE(versions.size(), 2);
        QCOMPARE(versions.at(0).kind, QStringLiteral("article.imported"));
        QCOMPARE(versions.at(0).actor, QStringLiteral("seed"));
        QCOMPARE(versions.at(0).article.body, original.body);
        QCOMPARE(versions.at(1).number, 2);
        QCOMPARE(versions.at(1).article.body, changed.body);
        const auto diff = TextDiff::words(supervisor->history().version(seedId, 1)->article.body,
                                          supervisor->history().version(seedId, 2)->article.body);
        QCOMPARE(diff.last().op, TextDiff::Op::Insert);
        QVERIFY(diff.last().text.contains(u"Quuxification"));

        // The new word is searchable at once, misspelt too (the vocabulary was refreshed).
        QCOMPARE(foundIds(QStringLiteral("quuxification")).value(0), seedId);
        QCOMPARE(foundIds(QStringLiteral("quuxificaton")).value(0), seedId);

        // Importing the pack again updates the other articles but not this one.
        auto pack = CityPack::load(test::testDataDir() + QStringLiteral("/minipack"));
        CityImporter importer(m_store->db());
        QVERIFY(importer.import(pack.value()).ok());
        QCOMPARE(m_articles->byId(seedId)->body, changed.body);
        QCOMPARE(m_articles->versionOf(seedId), 2);
    }

    void changedSinceYouLastReadIt()
    {
        auto agent = service(AgentRole::CallTaker, QStringLiteral("al"));
        auto supervisor = service(AgentRole::Supervisor, QStringLiteral("sue"));
        QVERIFY(agent->markRead(seedId).ok());
        QVERIFY(agent->changedSinceRead().isEmpty());
        // Only the state or the review date changing is not news for agents.
        QVERIFY(supervisor->markReviewed(seedId, QDate(2027, 5, 1)).ok());
        QVERIFY(supervisor->changeState(seedId, State::Draft).ok());
        QVERIFY(agent->changedSinceRead().isEmpty());
        KnowledgeArticle seed = *m_articles->byId(seedId);
        seed.script = QStringLiteral("New script.");
        QVERIFY(supervisor->edit(seed).ok());
        QCOMPARE(agent->changedSinceRead(), QSet<QString>{seedId});
        QVERIFY(
            service(AgentRole::CallTaker, QStringLiteral("other"))->changedSinceRead().isEmpty());
        QVERIFY(agent->markRead(seedId).ok());
        QVERIFY(agent->changedSinceRead().isEmpty());
    }

    void reviewDueList()
    {
        auto supervisor = service(AgentRole::Supervisor, QStringLiteral("sue"));
        const QDate today = m_now.date();
        QVERIFY(m_articles->reviewDue(today).isEmpty());
        auto soon = supervisor->create(draft(QStringLiteral("Soon"), QStringLiteral("a")));
        KnowledgeArticle late = draft(QStringLiteral("Overdue"), QStringLiteral("b"));
        late.reviewDue = today.addDays(-3);
        auto overdue = supervisor->create(late);
        KnowledgeArticle far = draft(QStringLiteral("Later"), QStringLiteral("c"));
        far.reviewDue = today.addDays(31);
        QVERIFY(supervisor->create(far).ok());
        QVERIFY(soon.ok() && overdue.ok());
        QList<KnowledgeArticle> due = m_articles->reviewDue(today);
        QCOMPARE(due.size(), 2);
        QCOMPARE(due.at(0).id, overdue.value());
        QCOMPARE(due.at(1).id, soon.value());
        QCOMPARE(supervisor->markReviewed(overdue.value(), today).error().code,
                 QStringLiteral("article.review_due"));
        QVERIFY(supervisor->markReviewed(overdue.value(), today.addYears(1)).ok());
        QCOMPARE(m_articles->reviewDue(today).size(), 1);
        QCOMPARE(supervisor->history().versions(overdue.value()).last().kind,
                 QStringLiteral("article.reviewed"));
    }

    void theProjectionRefusesIllegalMovesAndBadFields()
    {
        auto device = m_store->db().deviceCode();
        QVERIFY(device.ok());
        auto event = [&](const QString &kind, const QJsonObject &payload) {
            return Event::make(QStringLiteral("article"), seedId, kind, payload,
                               QStringLiteral("x"), device.value(), m_now);
        };
        // published -> in_review is not a move, whoever asks.
        QVERIFY(!m_events
                     ->append(event(QStringLiteral("article.state_changed"),
                                    {{QStringLiteral("to"), QStringLiteral("in_review")}}))
                     .ok());
        QVERIFY(!m_events
                     ->append(
                         event(QStringLiteral("article.edited"),
                               {{QStringLiteral("fields"),
                                 QJsonObject{{QStringLiteral("state"), QStringLiteral("draft")}}}}))
                     .ok());
        QVERIFY(!m_events
                     ->append(event(QStringLiteral("article.edited"),
                                    {{QStringLiteral("fields"),
                                      QJsonObject{{QStringLiteral("title"), QString()}}}}))
                     .ok());
        QVERIFY(!m_events
                     ->append(
                         Event::make(QStringLiteral("article"), QStringLiteral("nope"),
                                     QStringLiteral("article.edited"),
                                     {{QStringLiteral("fields"),
                                       QJsonObject{{QStringLiteral("body"), QStringLiteral("x")}}}},
                                     QStringLiteral("x"), device.value(), m_now))
                     .ok());
        QCOMPARE(articleEvents(), 0);
        QCOMPARE(m_articles->versionOf(seedId), 1);
    }

    // Issue 14, usage: the answers that close information calls and the searches nothing
    // answered, from the contact events (so the central store sees the whole centre's).
    void usageListsAnswersThatCloseCallsAndGaps()
    {
        IntakeService intake(m_store->db(), *m_events, QStringLiteral("agent1"));
        const QString answered = intake.startContact(Channel::Phone).value();
        QVERIFY(intake.recordArticleOpened(answered, seedId).ok());
        QVERIFY(intake.endContact(answered, Outcome::InformationGiven, {}, {}).ok());
        const QString request = intake.startContact(Channel::Phone).value();
        QVERIFY(intake.recordArticleOpened(request, seedId).ok());
        QVERIFY(intake
                    .recordUnansweredSearch(request, QStringLiteral("Passport renewal"),
                                            QStringLiteral("en"))
                    .ok());
        QVERIFY(intake.endContact(request, Outcome::Referred, {}, {}).ok());
        const QString walkIn = intake.startContact(Channel::WalkIn).value();
        QVERIFY(intake
                    .recordUnansweredSearch(walkIn, QStringLiteral("passport renewal"),
                                            QStringLiteral("en"))
                    .ok());
        QVERIFY(
            intake
                .recordUnansweredSearch(walkIn, QStringLiteral("mi celular"), QStringLiteral("es"))
                .ok());

        const KnowledgeUsage usage(*m_articles);
        const QDateTime from = QDateTime::currentDateTimeUtc().addDays(-1);
        const QDateTime to = QDateTime::currentDateTimeUtc().addDays(1);
        const QList<ArticleUse> answers = usage.answersThatCloseCalls(from, to);
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers.first().articleId, seedId);
        QCOMPARE(answers.first().contacts, 1); // the referred call does not count
        const QList<SearchGap> gaps = usage.unansweredSearches(from, to);
        QCOMPARE(gaps.size(), 2);
        QCOMPARE(gaps.first().query, QStringLiteral("passport renewal"));
        QCOMPARE(gaps.first().contacts, 2);
        QCOMPARE(gaps.at(1).language, QStringLiteral("es"));
        QVERIFY(usage.unansweredSearches(from.addDays(-30), from).isEmpty());

        // An empty search is not a gap: refused before anything is written.
        QVERIFY(!intake.recordUnansweredSearch(walkIn, QStringLiteral("  "), {}).ok());
        QCOMPARE(usage.unansweredSearches(from, to).size(), 2);
    }

    void aFailedAppendLeavesNothing()
    {
        auto supervisor = service(AgentRole::Supervisor, QStringLiteral("sue"));
        m_events->setFaultHook(
            [](EventStore::Stage s) { return s != EventStore::Stage::ProjectionUpdated; });
        KnowledgeArticle seed = *m_articles->byId(seedId);
        const QString before = seed.title;
        seed.title = QStringLiteral("Zorblax title");
        QVERIFY(!supervisor->edit(seed).ok());
        m_events->setFaultHook({});
        QCOMPARE(m_articles->byId(seedId)->title, before);
        QCOMPARE(supervisor->history().versions(seedId).size(), 1);
        QVERIFY(foundIds(QStringLiteral("zorblax")).isEmpty());
        QCOMPARE(articleEvents(), 0);
    }
};

QTEST_GUILESS_MAIN(TestKnowledgeEditing)
#include "tst_knowledgeediting.moc"
