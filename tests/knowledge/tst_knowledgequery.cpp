// The knowledge query builder on a small made-up vocabulary: what goes into the FTS5 expression
// as the agent types, and what is left out to keep a keystroke cheap on a large knowledge base.

#include "models/knowledge/knowledgequery.h"

#include <QTest>

using namespace civicdesk;

class TestKnowledgeQuery : public QObject
{
    Q_OBJECT

    KnowledgeQuery m_query;

private slots:
    void init()
    {
        // 1,000 articles; "request" is in 900 of them, "street" in 400.
        m_query = KnowledgeQuery();
        m_query.setVocabulary({{QStringLiteral("pothole"), 20},
                               {QStringLiteral("potholes"), 5},
                               {QStringLiteral("road"), 150},
                               {QStringLiteral("hole"), 30},
                               {QStringLiteral("street"), 400},
                               {QStringLiteral("request"), 900},
                               {QStringLiteral("trash"), 40},
                               {QStringLiteral("garbage"), 10}},
                              1000);
        m_query.setSynonymGroups({{QStringLiteral("pothole"), QStringLiteral("hole in the road")},
                                  {QStringLiteral("trash"), QStringLiteral("garbage")}});
    }

    void theWordBeingTypedIsAPrefixFromItsThirdLetter()
    {
        QCOMPARE(m_query.expression(QStringLiteral("pot")), QStringLiteral("\"pot\"*"));
        QCOMPARE(m_query.expression(QStringLiteral("pot ")), QStringLiteral("\"pot\""));
    }

    void aShortWordBeingTypedWaitsAfterOtherWords()
    {
        QCOMPARE(m_query.expression(QStringLiteral("trash ro")),
                 QStringLiteral("\"trash\" OR \"garbage\""));
        // On its own: titles only, from the second letter.
        QCOMPARE(m_query.expression(QStringLiteral("po")), QStringLiteral("{title}: \"po\"*"));
        QCOMPARE(m_query.expression(QStringLiteral("p")), QString());
        // Stop words do not count as other words.
        QCOMPARE(m_query.expression(QStringLiteral("the po")), QStringLiteral("{title}: \"po\"*"));
    }

    void misspeltWordsAreCorrected()
    {
        QVERIFY(m_query.expression(QStringLiteral("potholle ")).contains(u"\"pothole\""));
    }

    void synonymsAreAdded()
    {
        QCOMPARE(m_query.expression(QStringLiteral("pothole ")),
                 QStringLiteral("\"pothole\" OR \"hole in the road\""));
    }

    void aWordInMoreThanHalfTheArticlesIsLeftOutBesideRarerOnes()
    {
        QCOMPARE(m_query.expression(QStringLiteral("request street ")),
                 QStringLiteral("\"street\""));
        QCOMPARE(m_query.expression(QStringLiteral("request ")), QStringLiteral("\"request\""));
    }

    void overTheBudgetSynonymsGoBeforeTheCallersWords()
    {
        m_query.setBudget(445);
        // street (400) + trash (40) fit; garbage, a synonym, does not although it is rarer.
        QCOMPARE(m_query.expression(QStringLiteral("trash street ")),
                 QStringLiteral("\"trash\" OR \"street\""));
        m_query.setBudget(KnowledgeQuery::defaultBudget);
        QCOMPARE(m_query.expression(QStringLiteral("trash street ")),
                 QStringLiteral("\"trash\" OR \"street\" OR \"garbage\""));
    }
};

QTEST_GUILESS_MAIN(TestKnowledgeQuery)
#include "tst_knowledgequery.moc"
