// The knowledge-article lifecycle and roles (ArticleLifecycle, AgentRole): every pair of
// states for every role, editing rights, and the names stored in events.

#include "models/domain/knowledge/articlelifecycle.h"

#include <QTest>

using namespace civicdesk;
using State = KnowledgeArticle::State;

Q_DECLARE_METATYPE(AgentRole)
Q_DECLARE_METATYPE(KnowledgeArticle::State)

class TestArticleLifecycle : public QObject
{
    Q_OBJECT

    static QList<State> allStates()
    {
        return {State::Draft, State::InReview, State::Published, State::Archived};
    }

private slots:
    void stateNamesRoundTrip()
    {
        for (State s : allStates())
            QCOMPARE(ArticleLifecycle::stateFromName(ArticleLifecycle::stateName(s)), s);
        QCOMPARE(ArticleLifecycle::stateName(State::InReview), QStringLiteral("in_review"));
        QVERIFY(!ArticleLifecycle::stateFromName(QStringLiteral("deleted")));
        QVERIFY(!ArticleLifecycle::stateFromName(QString()));
    }

    void roleNames()
    {
        for (const QString &name : agentRoleNames())
            QCOMPARE(agentRoleName(*agentRoleFromName(name)), name);
        QCOMPARE(agentRoleNames().size(), 6);
        QVERIFY(!agentRoleFromName(QStringLiteral("agent")));
        QVERIFY(!agentRoleFromName(QStringLiteral("Supervisor")));
        QCOMPARE(agentRoleName(AgentRole::Editor), QStringLiteral("editor"));
    }

    // Admins approve as supervisors do; lobby staff and trainers never write articles.
    void everyRoleOfTheCentralStore()
    {
        QVERIFY(
            ArticleLifecycle::checkTransition(State::InReview, State::Published, AgentRole::Admin));
        QVERIFY(ArticleLifecycle::canEdit(State::Published, AgentRole::Admin));
        for (AgentRole role : {AgentRole::Lobby, AgentRole::Trainer, AgentRole::CallTaker}) {
            QVERIFY(!ArticleLifecycle::canCreate(role));
            QVERIFY(ArticleLifecycle::nextStates(State::Draft, role).isEmpty());
        }
    }

    // Every (from, to) pair for every role against the table in articlelifecycle.h.
    void transitions_data()
    {
        QTest::addColumn<AgentRole>("role");
        QTest::addColumn<State>("from");
        QTest::addColumn<State>("to");
        QTest::addColumn<bool>("allowed");
        const QList<std::tuple<State, State, bool>> legal = {
            {State::Draft, State::InReview, true},      {State::InReview, State::Draft, true},
            {State::InReview, State::Published, false}, {State::Published, State::Draft, true},
            {State::Published, State::Archived, false}, {State::Archived, State::Draft, false},
        };
        for (AgentRole role : {AgentRole::CallTaker, AgentRole::Editor, AgentRole::Supervisor}) {
            for (State from : allStates()) {
                for (State to : allStates()) {
                    bool allowed = false;
                    for (const auto &[f, t, editorMay] : legal) {
                        if (f == from && t == to)
                            allowed = role == AgentRole::Supervisor ||
                                      (role == AgentRole::Editor && editorMay);
                    }
                    const QByteArray name =
                        (agentRoleName(role) + u' ' + ArticleLifecycle::stateName(from) + u"->" +
                         ArticleLifecycle::stateName(to))
                            .toUtf8();
                    QTest::newRow(name.constData()) << role << from << to << allowed;
                }
            }
        }
    }

    void transitions()
    {
        QFETCH(AgentRole, role);
        QFETCH(State, from);
        QFETCH(State, to);
        QFETCH(bool, allowed);
        const Status s = ArticleLifecycle::checkTransition(from, to, role);
        QCOMPARE(s.ok(), allowed);
        QCOMPARE(ArticleLifecycle::nextStates(from, role).contains(to), allowed);
        if (!s.ok())
            QVERIFY(!s.error().message.isEmpty());
    }

    void noRoleSkipsReview()
    {
        QVERIFY(!ArticleLifecycle::canTransition(State::Draft, State::Published));
        QVERIFY(!ArticleLifecycle::canTransition(State::Archived, State::Published));
        QCOMPARE(
            ArticleLifecycle::checkTransition(State::Draft, State::Published, AgentRole::Supervisor)
                .error()
                .code,
            QStringLiteral("article.transition"));
        QCOMPARE(
            ArticleLifecycle::checkTransition(State::InReview, State::Published, AgentRole::Editor)
                .error()
                .code,
            QStringLiteral("article.role"));
    }

    void editingRights()
    {
        QVERIFY(!ArticleLifecycle::canCreate(AgentRole::CallTaker));
        QVERIFY(ArticleLifecycle::canCreate(AgentRole::Editor));
        for (State s : allStates())
            QVERIFY(!ArticleLifecycle::canEdit(s, AgentRole::CallTaker));
        QVERIFY(ArticleLifecycle::canEdit(State::Draft, AgentRole::Editor));
        QVERIFY(ArticleLifecycle::canEdit(State::InReview, AgentRole::Editor));
        QVERIFY(!ArticleLifecycle::canEdit(State::Published, AgentRole::Editor));
        QVERIFY(ArticleLifecycle::canEdit(State::Published, AgentRole::Supervisor));
        QVERIFY(!ArticleLifecycle::canEdit(State::Archived, AgentRole::Supervisor));
        QCOMPARE(ArticleLifecycle::checkEdit(State::Archived, AgentRole::Supervisor).error().code,
                 QStringLiteral("article.archived"));
        QVERIFY(ArticleLifecycle::canMarkReviewed(State::Published, AgentRole::Editor));
        QVERIFY(!ArticleLifecycle::canMarkReviewed(State::Published, AgentRole::CallTaker));
        QVERIFY(!ArticleLifecycle::canMarkReviewed(State::Archived, AgentRole::Supervisor));
    }
};

QTEST_GUILESS_MAIN(TestArticleLifecycle)
#include "tst_articlelifecycle.moc"
