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

// Language hygiene and word forms (issue 14): the words of each language's articles, read in the
// caller's language.
class TestKnowledgeLanguages : public QObject
{
    Q_OBJECT

    KnowledgeQuery m_query;

private slots:
    void init()
    {
        m_query = KnowledgeQuery();
        m_query.setVocabulary({{QStringLiteral("silla"), 3},
                               {QStringLiteral("sillas"), 1},
                               {QStringLiteral("came"), 4},
                               {QStringLiteral("parking"), 30},
                               {QStringLiteral("estacionamiento"), 12},
                               {QStringLiteral("towing"), 5},
                               {QStringLiteral("light"), 40},
                               {QStringLiteral("night"), 8},
                               {QStringLiteral("animal"), 9}},
                              200);
        m_query.setLanguageWords(QStringLiteral("en"),
                                 {QStringLiteral("came"), QStringLiteral("parking"),
                                  QStringLiteral("towing"), QStringLiteral("light"),
                                  QStringLiteral("night"), QStringLiteral("animal")});
        m_query.setLanguageWords(
            QStringLiteral("es"),
            {QStringLiteral("silla"), QStringLiteral("sillas"), QStringLiteral("estacionamiento")});
        m_query.setSynonymGroups({{QStringLiteral("parking"), QStringLiteral("estacionamiento")}},
                                 QStringLiteral("es"));
        m_query.setPlaceWords({QStringLiteral("mayfield"), QStringLiteral("light")});
    }

    void otherFormsOfAWordAreSearched()
    {
        // Before: "silla" missed the keyword "sillas", "towed" missed "towing".
        QVERIFY(m_query.expression(QStringLiteral("silla "), QStringLiteral("es"))
                    .contains(u"\"sillas\""));
        QVERIFY(m_query.expression(QStringLiteral("towed "), QStringLiteral("en"))
                    .contains(u"\"towing\""));
    }

    void typosAreCorrectedOnlyWithinTheLanguage()
    {
        // Before: "cama" became the English "came". A misspelt English word is corrected to
        // English words only.
        QVERIFY(!m_query.expression(QStringLiteral("towwing "), QStringLiteral("es"))
                     .contains(u"towing"));
        QVERIFY(m_query.expression(QStringLiteral("towwing "), QStringLiteral("en"))
                    .contains(u"\"towing\""));
        // A word of four letters no article holds is most often a real word, not a typo of its
        // neighbour: "cane" is not read as "came", nor "cama".
        QVERIFY(
            !m_query.expression(QStringLiteral("cane "), QStringLiteral("en")).contains(u"came"));
        QVERIFY(
            !m_query.expression(QStringLiteral("cama "), QStringLiteral("es")).contains(u"came"));
    }

    void synonymsStayInTheirLanguage()
    {
        // Before: "parking" pulled in "estacionamiento" for English callers.
        QVERIFY(!m_query.expression(QStringLiteral("parking "), QStringLiteral("en"))
                     .contains(u"estacionamiento"));
        QVERIFY(m_query.expression(QStringLiteral("parking "), QStringLiteral("es"))
                    .contains(u"estacionamiento"));
    }

    void functionWordsAndFillerAreNotSearched()
    {
        // Before: "all" and "no" were search terms ("all night" found Animal Control).
        QCOMPARE(m_query.expression(QStringLiteral("light out all night "), QStringLiteral("en")),
                 QStringLiteral("\"light\" OR \"night\""));
        QCOMPARE(m_query.analyse(QStringLiteral("please i need a light "), QStringLiteral("en"))
                     .concepts.size(),
                 1);
        QCOMPARE(m_query.analyse(QStringLiteral("van a poner una silla "), QStringLiteral("es"))
                     .concepts.size(),
                 2); // "poner", "silla"
    }

    void whereAndWhenItHappenedIsNotSearched()
    {
        // Residents' own 311 reports say where and when ("in front of", "since Tuesday", "every
        // morning"); before, "front" and "tuesday" were the rarest words of such a report, and
        // "car parked in front of my house" found the tree-planting article ("in front of").
        QCOMPARE(m_query.expression(QStringLiteral("parking in front of the house since tuesday "),
                                    QStringLiteral("en")),
                 QStringLiteral("\"parking\" OR \"house\""));
        QCOMPARE(m_query
                     .analyse(QStringLiteral("silla frente a la casa desde el martes "),
                              QStringLiteral("es"))
                     .concepts.size(),
                 2); // "silla", "casa"
    }

    void houseNumbersAndUnknownPlaceNamesAreNotSearched()
    {
        // "Mayfield" names a street and no article holds it; "light" names a street too, but
        // articles hold it.
        const AnalysedQuery q =
            m_query.analyse(QStringLiteral("spill 25 mayfield light "), QStringLiteral("en"));
        QCOMPARE(q.concepts.size(), 2);
        QCOMPARE(q.concepts.at(1).terms.value(0), QStringLiteral("light"));
    }

    void aShortStemMeetsOnlyTheWordsFormsNotItsNeighbours()
    {
        // Snowball's Spanish rules stem "rato" and "ratas" alike ("rat"), and "mesa" and
        // "meses" ("mes"): before, "ya tienen rato" searched for rats and "meses" for tables.
        KnowledgeQuery query;
        query.setVocabulary({{QStringLiteral("rata"), 3},
                             {QStringLiteral("ratas"), 4},
                             {QStringLiteral("rato"), 1},
                             {QStringLiteral("meses"), 1},
                             {QStringLiteral("mesa"), 2},
                             {QStringLiteral("pasa"), 5},
                             {QStringLiteral("parada"), 2}},
                            100);
        query.setLanguageWords(QStringLiteral("es"),
                               {QStringLiteral("rata"), QStringLiteral("ratas"),
                                QStringLiteral("mesa"), QStringLiteral("pasa"),
                                QStringLiteral("parada")});
        const QString es = QStringLiteral("es");
        QCOMPARE(query.analyse(QStringLiteral("rato "), es).concepts.value(0).terms,
                 QStringList{QStringLiteral("rato")});
        QCOMPARE(query.analyse(QStringLiteral("meses "), es).concepts.value(0).terms,
                 QStringList{QStringLiteral("meses")});
        QVERIFY(!query.expression(QStringLiteral("pared "), es).contains(u"parada"));
        // Plural and singular still meet, and forms that begin alike ("pasar", "pasa").
        QVERIFY(query.expression(QStringLiteral("rata "), es).contains(u"\"ratas\""));
        QVERIFY(query.expression(QStringLiteral("pasar "), es).contains(u"\"pasa\""));
    }

    void theSameWordsGiveTheSameSearchInEveryRun()
    {
        // The words of a language's titles and keywords come from a set, in an order that
        // changes from one run of the program to the next; when a misspelling had more
        // corrections than are kept (three), which ones were kept changed with it, and so did
        // the order of the results (seen on the evaluation sets: one phrasing's answer at rank
        // 2 in one run and 3 in the next). Before, the two orders below kept different ones.
        const QHash<QString, int> vocabulary = {{QStringLiteral("cable"), 5},
                                                {QStringLiteral("camel"), 1},
                                                {QStringLiteral("caber"), 1},
                                                {QStringLiteral("cabal"), 1}};
        const QStringList words = {QStringLiteral("cable"), QStringLiteral("camel"),
                                   QStringLiteral("caber"), QStringLiteral("cabal")};
        QStringList reversed = words;
        std::reverse(reversed.begin(), reversed.end());
        KnowledgeQuery one, other;
        one.setVocabulary(vocabulary, 100);
        one.setLanguageWords(QStringLiteral("en"), words);
        other.setVocabulary(vocabulary, 100);
        other.setLanguageWords(QStringLiteral("en"), reversed);
        const QString en = QStringLiteral("en");
        const QString expression = one.expression(QStringLiteral("cabel "), en);
        QCOMPARE(expression.count(QStringLiteral(" OR ")), 3); // the word and three corrections
        QCOMPARE(other.expression(QStringLiteral("cabel "), en), expression);
    }

    void aSpanishDiminutiveFindsItsWord()
    {
        // Callers say "ratitas", "un hoyito", "la tardecita" where the articles say "ratas",
        // "hoyo", "tarde"; Snowball does not undo a diminutive, and "ratitas" is two edits from
        // "ratas" (no correction). Before, "ratitas" found nothing.
        KnowledgeQuery query;
        query.setVocabulary({{QStringLiteral("rata"), 3},
                             {QStringLiteral("ratas"), 4},
                             {QStringLiteral("hoyo"), 2},
                             {QStringLiteral("tarde"), 6},
                             {QStringLiteral("poco"), 9},
                             {QStringLiteral("carrito"), 2},
                             {QStringLiteral("carro"), 8}},
                            100);
        query.setLanguageWords(QStringLiteral("es"),
                               {QStringLiteral("rata"), QStringLiteral("ratas"),
                                QStringLiteral("hoyo"), QStringLiteral("carrito"),
                                QStringLiteral("carro")});
        const QString es = QStringLiteral("es");
        const QStringList ratitas =
            query.analyse(QStringLiteral("ratitas "), es).concepts.value(0).terms;
        QVERIFY2(ratitas.contains(u"ratas") && ratitas.contains(u"rata"),
                 qPrintable(ratitas.join(u' ')));
        QVERIFY(query.expression(QStringLiteral("un hoyito "), es).contains(u"\"hoyo\""));
        QVERIFY(query.expression(QStringLiteral("tardecita "), es).contains(u"\"tarde\""));
        // A word the articles hold is itself ("carrito", the recycling cart), a stop word
        // ("poquito" is "poco") is not searched, and English words are not Spanish diminutives.
        QVERIFY(!query.expression(QStringLiteral("carrito "), es).contains(u"\"carro\""));
        QVERIFY(!query.expression(QStringLiteral("poquito "), es).contains(u"\"poco\""));
        QVERIFY(!query.expression(QStringLiteral("ratitas "), QStringLiteral("en"))
                     .contains(u"\"ratas\""));
    }

    void placeNamesAreNotSearchedEvenInWordsArticlesHold()
    {
        // "North End" is a neighbourhood and "Union St" a street: before, "north", "end" and
        // "union" counted as what the caller needed.
        m_query.setVocabulary({{QStringLiteral("needle"), 3},
                               {QStringLiteral("north"), 5},
                               {QStringLiteral("end"), 9},
                               {QStringLiteral("union"), 4},
                               {QStringLiteral("street"), 60}},
                              200);
        m_query.setPlaceNames({QStringLiteral("north end")}, {QStringLiteral("union")});
        const AnalysedQuery q = m_query.analyse(
            QStringLiteral("needle on union street in the north end "), QStringLiteral("en"));
        QCOMPARE(q.concepts.size(), 1);
        QCOMPARE(q.concepts.at(0).terms.value(0), QStringLiteral("needle"));
        QCOMPARE(m_query.analyse(QStringLiteral("aguja en la calle union "), QStringLiteral("es"))
                     .concepts.size(),
                 1);
        // Alone, the words are what was said.
        QCOMPARE(
            m_query.analyse(QStringLiteral("union end "), QStringLiteral("en")).concepts.size(), 2);
    }

    void questionFramesAndAStopWordEndingTheTypingAreNotSearched()
    {
        // "how long" asks for a duration (before, it found the "long form" building permits);
        // "qué hago" ends a question, and a stop word left last is not a prefix to look for.
        m_query.setVocabulary({{QStringLiteral("long"), 5},
                               {QStringLiteral("passport"), 2},
                               {QStringLiteral("perro"), 4},
                               {QStringLiteral("tiempo"), 6}},
                              200);
        QCOMPARE(m_query.analyse(QStringLiteral("how long for a passport"), QStringLiteral("en"))
                     .concepts.size(),
                 1);
        QCOMPARE(m_query.analyse(QStringLiteral("long"), QStringLiteral("en")).concepts.size(), 1);
        QCOMPARE(
            m_query.analyse(QStringLiteral("se perdio mi perro que hago"), QStringLiteral("es"))
                .concepts.size(),
            2); // "perdio", "perro"
        QCOMPARE(m_query.analyse(QStringLiteral("cuanto tiempo tarda "), QStringLiteral("es"))
                     .concepts.size(),
                 1); // "tarda"
    }

    void wordsRunTogetherOrWrittenApartMeetTheArticlesWord()
    {
        // Residents write "pot hole" and "trashcan" where the articles write "pothole" and
        // "trash can": before, "pot hole" searched for pots and holes, "trashcan" for nothing.
        KnowledgeQuery query;
        query.setVocabulary({{QStringLiteral("pothole"), 3},
                             {QStringLiteral("pot"), 1},
                             {QStringLiteral("hole"), 4},
                             {QStringLiteral("trash"), 9},
                             {QStringLiteral("can"), 30}},
                            100);
        query.setLanguageWords(QStringLiteral("en"),
                               {QStringLiteral("pothole"), QStringLiteral("hole"),
                                QStringLiteral("trash"), QStringLiteral("can")});
        const QString en = QStringLiteral("en");
        const AnalysedQuery apart = query.analyse(QStringLiteral("big pot hole "), en);
        QVERIFY2(apart.expression.contains(u"\"pothole\""), qPrintable(apart.expression));
        QCOMPARE(apart.concepts.size(), 3);
        QVERIFY(apart.concepts.at(1).terms.contains(u"pothole"));
        QVERIFY(apart.concepts.at(2).terms.contains(u"pothole"));
        const AnalysedQuery together = query.analyse(QStringLiteral("trashcan full "), en);
        QVERIFY2(together.expression.contains(u"\"trash can\""), qPrintable(together.expression));
        QCOMPARE(together.concepts.at(0).phrases, QStringList{QStringLiteral("trash can")});
        // A word the articles hold is not split ("potholes" would not be "pot holes").
        QVERIFY(!query.expression(QStringLiteral("pothole "), en).contains(u"\"pot "));
    }

    void synonymsAreFoundInTheOtherNumber()
    {
        // Before, a synonym counted only as written: "pot holes" and "bolsas de basura" missed
        // the groups of "pot hole" and "bolsa de basura".
        KnowledgeQuery query;
        query.setVocabulary({{QStringLiteral("pothole"), 3},
                             {QStringLiteral("vertedero"), 2},
                             {QStringLiteral("alcantarilla"), 2},
                             {QStringLiteral("rata"), 4}},
                            100);
        query.setLanguageWords(QStringLiteral("en"), {QStringLiteral("pothole")});
        query.setLanguageWords(QStringLiteral("es"),
                               {QStringLiteral("vertedero"), QStringLiteral("rata")});
        query.setSynonymGroups({{QStringLiteral("pothole"), QStringLiteral("pot hole")}},
                               QStringLiteral("en"));
        query.setSynonymGroups({{QStringLiteral("vertedero"), QStringLiteral("bolsa de basura")},
                                {QStringLiteral("alcantarilla"), QStringLiteral("registro")},
                                {QStringLiteral("rata"), QStringLiteral("ratas")}},
                               QStringLiteral("es"));
        QVERIFY(query.expression(QStringLiteral("pot holes "), QStringLiteral("en"))
                    .contains(u"\"pothole\""));
        QVERIFY(query.expression(QStringLiteral("bolsas de basura "), QStringLiteral("es"))
                    .contains(u"\"vertedero\""));
        // Only the number: other forms often name another thing ("registrado" is not the
        // manhole's "registro"; "rato" is not "ratas").
        QVERIFY(!query.expression(QStringLiteral("estoy registrado "), QStringLiteral("es"))
                     .contains(u"alcantarilla"));
        QVERIFY(!query.expression(QStringLiteral("ya tienen rato "), QStringLiteral("es"))
                     .contains(u"rata"));
    }

    void formsTheBodiesUseAreSearchedToo()
    {
        // "replaced": titles and keywords say "replacement" nowhere, a body says "replace".
        KnowledgeQuery query;
        query.setVocabulary({{QStringLiteral("replace"), 6},
                             {QStringLiteral("light"), 9},
                             {QStringLiteral("reporte"), 5},
                             {QStringLiteral("report"), 8}},
                            100);
        query.setLanguageWords(QStringLiteral("en"),
                               {QStringLiteral("light"), QStringLiteral("report")});
        query.setLanguageWords(QStringLiteral("es"), {QStringLiteral("reporte")});
        const AnalysedQuery q =
            query.analyse(QStringLiteral("light replaced "), QStringLiteral("en"));
        QVERIFY2(q.expression.contains(u"\"replace\""), qPrintable(q.expression));
        // They widen what is found, not what an article is credited for.
        QVERIFY(!q.concepts.at(1).terms.contains(u"replace"));
        // A word only the other language's titles and keywords use is not a form.
        QVERIFY(!query.expression(QStringLiteral("reporting "), QStringLiteral("en"))
                     .contains(u"reporte"));
    }

    void theLanguageIsReadFromTheWords()
    {
        QCOMPARE(m_query.guessLanguage(QStringLiteral("my parking "), {}), QStringLiteral("en"));
        QCOMPARE(m_query.guessLanguage(QStringLiteral("la silla "), {}), QStringLiteral("es"));
        QCOMPARE(m_query.guessLanguage(QStringLiteral("señal"), {}), QStringLiteral("es"));
        QCOMPARE(m_query.guessLanguage(QStringLiteral("sillas "), QStringLiteral("en")),
                 QStringLiteral("es"));
        QCOMPARE(m_query.guessLanguage(QStringLiteral("xyz "), QStringLiteral("es")),
                 QStringLiteral("es"));
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    TestKnowledgeQuery query;
    TestKnowledgeLanguages languages;
    return QTest::qExec(&query, argc, argv) | QTest::qExec(&languages, argc, argv);
}
#include "tst_knowledgequery.moc"
