// The knowledge-article lifecycle and roles (ArticleLifecycle, KnowledgeRole): every pair of
// states for every role, editing rights, and the names stored in events.

#include "domain/articlelifecycle.h"

#include <QTest>

using namespace civicdesk;
using State = KnowledgeArticle::State;

Q_DECLARE_METATYPE(KnowledgeRole)
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
        QCOMPARE(knowledgeRoleFromName(QStringLiteral(" Supervisor ")), KnowledgeRole::Supervisor);
        QCOMPARE(knowledgeRoleFromName(QStringLiteral("editor")), KnowledgeRole::Editor);
        QCOMPARE(knowledgeRoleFromName(QStringLiteral("agent")), KnowledgeRole::Agent);
        QVERIFY(!knowledgeRoleFromName(QStringLiteral("admin")));
        QCOMPARE(knowledgeRoleName(KnowledgeRole::Editor), QStringLiteral("editor"));
    }

    // Every (from, to) pair for every role against the table in articlelifecycle.h.
    void transitions_data()
    {
        QTest::addColumn<KnowledgeRole>("role");
        QTest::addColumn<State>("from");
        QTest::addColumn<State>("to");
        QTest::addColumn<bool>("allowed");
        const QList<std::tuple<State, State, bool>> legal = {
            {State::Draft, State::InReview, true},      {State::InReview, State::Draft, true},
            {State::InReview, State::Published, false}, {State::Published, State::Draft, true},
            {State::Published, State::Archived, false}, {State::Archived, State::Draft, false},
        };
        for (KnowledgeRole role :
             {KnowledgeRole::Agent, KnowledgeRole::Editor, KnowledgeRole::Supervisor}) {
            for (State from : allStates()) {
                for (State to : allStates()) {
                    bool allowed = false;
                    for (const auto &[f, t, editorMay] : legal) {
                        if (f == from && t == to)
                            allowed = role == KnowledgeRole::Supervisor ||
                                      (role == KnowledgeRole::Editor && editorMay);
                    }
                    const QByteArray name =
                        (knowledgeRoleName(role) + u' ' + ArticleLifecycle::stateName(from) +
                         u"->" + ArticleLifecycle::stateName(to))
                            .toUtf8();
                    QTest::newRow(name.constData()) << role << from << to << allowed;
                }
            }
        }
    }

    void transitions()
    {
        QFETCH(KnowledgeRole, role);
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
        QCOMPARE(ArticleLifecycle::checkTransition(State::Draft, State::Published,
                                                   KnowledgeRole::Supervisor)
                     .error()
                     .code,
                 QStringLiteral("article.transition"));
        QCOMPARE(ArticleLifecycle::checkTransition(State::InReview, State::Published,
                                                   KnowledgeRole::Editor)
                     .error()
                     .code,
                 QStringLiteral("article.role"));
    }

    void editingRights()
    {
        QVERIFY(!ArticleLifecycle::canCreate(KnowledgeRole::Agent));
        QVERIFY(ArticleLifecycle::canCreate(KnowledgeRole::Editor));
        for (State s : allStates())
            QVERIFY(!ArticleLifecycle::canEdit(s, KnowledgeRole::Agent));
        QVERIFY(ArticleLifecycle::canEdit(State::Draft, KnowledgeRole::Editor));
        QVERIFY(ArticleLifecycle::canEdit(State::InReview, KnowledgeRole::Editor));
        QVERIFY(!ArticleLifecycle::canEdit(State::Published, KnowledgeRole::Editor));
        QVERIFY(ArticleLifecycle::canEdit(State::Published, KnowledgeRole::Supervisor));
        QVERIFY(!ArticleLifecycle::canEdit(State::Archived, KnowledgeRole::Supervisor));
        QCOMPARE(
            ArticleLifecycle::checkEdit(State::Archived, KnowledgeRole::Supervisor).error().code,
            QStringLiteral("article.archived"));
        QVERIFY(ArticleLifecycle::canMarkReviewed(State::Published, KnowledgeRole::Editor));
        QVERIFY(!ArticleLifecycle::canMarkReviewed(State::Published, KnowledgeRole::Agent));
        QVERIFY(!ArticleLifecycle::canMarkReviewed(State::Archived, KnowledgeRole::Supervisor));
    }
};

QTEST_GUILESS_MAIN(TestArticleLifecycle)
#include "tst_articlelifecycle.moc"
