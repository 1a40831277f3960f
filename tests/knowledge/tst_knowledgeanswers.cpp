// Knowledge search answers on the demo city, phrasing by phrasing: an English caller gets
// English articles first and a Spanish caller Spanish ones, residents' own words find the agent
// articles, a long report about one thing is answered, a question the City does not answer
// gets who does, and a question nothing answers says "No good match". (The evaluation sets are
// run by tst_knowledgesearch.)

#include "models/knowledge/articlerelevance.h"
#include "models/knowledge/articlerepository.h"
#include "tests/support/packimport.h"
#include "tests/support/teststore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <algorithm>

using namespace civicdesk;

class TestKnowledgeAnswers : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<ArticleRepository> m_articles;

    // A caller's words, their language, and the article that answers them.
    static void callerQueryColumns()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("article");
    }

    // As the knowledge panel searches for a caller whose language is recorded on the contact.
    QList<ArticleHit> searchForCaller(const QString &text, const QString &callerLanguage)
    {
        ArticleQuery query;
        query.text = text;
        query.callerLanguage = callerLanguage;
        query.limit = 10;
        return m_articles->search(query);
    }

    // The row's article (callerQueryColumns) is offered first, as the answer.
    void firstIsTheRowsArticleAsAGoodMatch()
    {
        QFETCH(QString, query);
        QFETCH(QString, language);
        QFETCH(QString, article);
        const QList<ArticleHit> hits = searchForCaller(query, language);
        QVERIFY(!hits.isEmpty());
        QCOMPARE(hits.first().article.id, article);
        QVERIFY2(hits.first().isGoodMatch(),
                 qPrintable(QStringLiteral("relevance %1, heading %2 rare words, lead %3")
                                .arg(hits.first().relevance)
                                .arg(hits.first().headingWords)
                                .arg(hits.first().lead)));
    }

private slots:
    void initTestCase()
    {
        m_store = std::make_unique<test::TempStore>();
        const auto report =
            test::importPackWithoutHistory(m_store->db(), QStringLiteral(CIVICDESK_DEMO_CITY_DIR));
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        m_articles = std::make_unique<ArticleRepository>(m_store->db());
    }

    // Issue 14: an English caller gets English articles first and a Spanish caller Spanish
    // ones, the seed articles have Spanish versions, plural and singular meet, and a question
    // nothing answers says so.
    void languagesDoNotLeakIntoEachOther()
    {
        ArticleQuery english;
        english.text = QStringLiteral("parking ");
        english.callerLanguage = QStringLiteral("en");
        QList<ArticleHit> hits = m_articles->search(english);
        QVERIFY(!hits.isEmpty());
        QCOMPARE(hits.first().article.language, QStringLiteral("en"));
        ArticleQuery spanish;
        spanish.text = QStringLiteral("chinches en la cama");
        spanish.callerLanguage = QStringLiteral("es");
        spanish.language = QStringLiteral("es");
        hits = m_articles->search(spanish);
        QVERIFY(!hits.isEmpty());
        QVERIFY2(hits.first().article.serviceCodes.contains(u"BEDBUG"),
                 qPrintable(hits.first().article.id));
        QVERIFY(hits.first().isGoodMatch());
    }

    // The three most reported requests that had only a one-line seed article (illegal parking,
    // illegal dumping, litter and glass) now have agent articles with a script, found in the
    // caller's language by residents' own words (none of these is an evaluation phrasing).
    void residentsWordsFindTheAgentArticles_data()
    {
        callerQueryColumns();
        QTest::newRow("blocked driveway") << "car blocking my driveway"
                                          << "en"
                                          << "kb-illegal-parking-en";
        QTest::newRow("double parked") << "truck double parked all day"
                                       << "en"
                                       << "kb-illegal-parking-en";
        QTest::newRow("doble fila") << "un carro en doble fila frente al hidrante"
                                    << "es"
                                    << "kb-illegal-parking-es";
        QTest::newRow("dumped") << "someone dumped trash bags in the alley"
                                << "en"
                                << "kb-illegal-dumping-en";
        QTest::newRow("tiraron") << "tiraron un sofá y llantas en el callejón"
                                 << "es"
                                 << "kb-illegal-dumping-es";
        QTest::newRow("glass") << "broken glass all over the bike lane"
                               << "en"
                               << "kb-street-cleaning-needed-en";
        QTest::newRow("vidrios") << "vidrios rotos en la acera"
                                 << "es"
                                 << "kb-street-cleaning-needed-es";
    }

    void residentsWordsFindTheAgentArticles()
    {
        QFETCH(QString, query);
        QFETCH(QString, language);
        QFETCH(QString, article);
        const QList<ArticleHit> hits = searchForCaller(query, language);
        int rank = 0;
        for (int i = 0; i < hits.size() && rank == 0; ++i)
            rank = hits.at(i).article.id == article ? i + 1 : 0;
        QVERIFY2(rank >= 1 && rank <= 3,
                 qPrintable(QStringLiteral("rank %1, first %2")
                                .arg(rank)
                                .arg(hits.isEmpty() ? QString() : hits.first().article.id)));
    }

    void pluralAndSingularMeet()
    {
        ArticleQuery query;
        query.text = QStringLiteral("una silla en la calle");
        query.callerLanguage = QStringLiteral("es");
        const QList<ArticleHit> hits = m_articles->search(query);
        QVERIFY(!hits.isEmpty());
        QVERIFY2(hits.first().article.language == u"es" && hits.first().isGoodMatch(),
                 qPrintable(hits.first().article.id));
    }

    void noGoodMatchIsSaid()
    {
        for (const char *text : {"mi celular no tiene señal", "my cable tv bill is too high",
                                 "social security check did not arrive"}) {
            ArticleQuery query;
            query.text = QString::fromUtf8(text);
            const QList<ArticleHit> hits = m_articles->search(query);
            QVERIFY2(hits.isEmpty() || !hits.first().isGoodMatch(),
                     qPrintable(query.text + u" -> " + hits.first().article.id));
        }
    }

    // A caller's long report about one thing mentions much else besides (where, since when,
    // who is affected): the article whose title and keywords name the thing, clearly ahead of
    // every article giving another answer, is offered as the answer although it covers less
    // than the floor of what was said (each failed before: relevance 0.53, 0.53, 0.55 - just
    // under 0.55; none is an evaluation phrasing).
    void aLongReportAboutOneThingIsAGoodMatch_data()
    {
        callerQueryColumns();
        QTest::newRow("dumped debris") << "someone dumped a pile of construction debris and old "
                                          "tires behind the church parking lot last night"
                                       << "en"
                                       << "kb-illegal-dumping-en";
        QTest::newRow("signal stuck on red") << "the traffic light at the corner by the library is "
                                                "stuck on red and cars are running it all morning"
                                             << "en"
                                             << "kb-traffic-signal-en";
        QTest::newRow("acera con hielo") << "la acera de mi vecina está cubierta de hielo, nadie "
                                            "ha paleado desde la tormenta y la gente se resbala"
                                         << "es"
                                         << "seed:UNSHVSDWLK:es";
    }

    void aLongReportAboutOneThingIsAGoodMatch() { firstIsTheRowsArticleAsAGoodMatch(); }

    // Questions the City does not answer, where the agent's answer is who does: the Postal
    // Service for mail, a surveyor, the fence viewers or ISD for a neighbour's fence (none is
    // an evaluation phrasing; the articles did not exist before).
    void whoAnswersWhatTheCityDoesNot()
    {
        struct Case
        {
            const char *query, *language, *article;
        };
        for (const Case &c : {
                 Case{"the letter carrier skipped our building all week, no mail", "en",
                      "info-usps-mail-en"},
                 Case{"el cartero no ha traído el correo en toda la semana", "es",
                      "info-usps-mail-es"},
                 Case{"is my neighbor's new fence on my side of the property line", "en",
                      "info-property-line-en"},
                 Case{"la cerca nueva del vecino está en mi terreno, pasa el lindero", "es",
                      "info-property-line-es"},
                 Case{"I need to renew my passport before a trip next month", "en",
                      "info-passport-en"},
                 Case{"¿dónde saco el pasaporte para mi hijo?", "es", "info-passport-es"},
             }) {
            const QList<ArticleHit> hits =
                searchForCaller(QString::fromUtf8(c.query), QString::fromUtf8(c.language));
            QVERIFY(!hits.isEmpty());
            QCOMPARE(hits.first().article.id, QString::fromUtf8(c.article));
        }
    }

    // Questions about 311 itself (is it free, when is it open, how do I follow my case) are
    // answered by the article about BOS:311, offered as the answer.
    void questionsAbout311ItselfAreAnswered()
    {
        for (const auto &[text, language] :
             {std::pair{"is it free to call 311", "en"},
              std::pair{"how do I check the status of my case number", "en"},
              std::pair{"¿Reportar es gratuito?", "es"},
              std::pair{"¿cuánto cuesta la aplicación del 311?", "es"}}) {
            const QList<ArticleHit> hits =
                searchForCaller(QString::fromUtf8(text), QString::fromUtf8(language));
            QVERIFY(!hits.isEmpty());
            QCOMPARE(hits.first().article.translationGroup, QStringLiteral("info-boston-311"));
            QCOMPARE(hits.first().article.language, QString::fromUtf8(language));
            QVERIFY2(hits.first().isGoodMatch(), text);
        }
    }

    // A caller asking the City to pay for damage (a pothole, a plow) is told how to claim it:
    // in writing to the City Clerk, within 30 days for a defect in the street.
    void aClaimForDamageFindsHowToMakeIt()
    {
        for (const auto &[text, language] :
             {std::pair{"my rim got bent in a pothole, will the city reimburse me", "en"},
              std::pair{"el quitanieves de la Ciudad rompió mi buzón, ¿me dan una compensación?",
                        "es"}}) {
            const QList<ArticleHit> hits =
                searchForCaller(QString::fromUtf8(text), QString::fromUtf8(language));
            QVERIFY(!hits.isEmpty());
            QCOMPARE(hits.first().article.translationGroup, QStringLiteral("info-damage-claim"));
            QCOMPARE(hits.first().article.language, QString::fromUtf8(language));
        }
    }

    // An agent's keyword, held by the titles and keywords of many articles ("snow"), is still
    // answered by the first of them: the title and keywords hold everything typed.
    void anAgentsKeywordIsAGoodMatch()
    {
        for (const auto &[text, language] :
             {std::pair{"snow ", "en"}, std::pair{"recycling ", "en"},
              std::pair{"basura ", "es"}}) {
            const QList<ArticleHit> hits =
                searchForCaller(QString::fromUtf8(text), QString::fromUtf8(language));
            QVERIFY(!hits.isEmpty());
            QVERIFY2(hits.first().isGoodMatch(),
                     qPrintable(QStringLiteral("%1 -> %2, heading %3 rare words")
                                    .arg(QString::fromUtf8(text), hits.first().article.id)
                                    .arg(hits.first().headingWords)));
        }
    }

    // Five everyday questions that had no article (issue 14's list): lead pipes, jury duty,
    // cooling centers in a heat emergency, registering a rental unit, a power outage; each is
    // offered as the answer in the caller's language. The City's own street lights stay with
    // the street-light articles, not the utility's (none is an evaluation phrasing).
    void everydayQuestionsThatHadNoArticle_data()
    {
        callerQueryColumns();
        QTest::newRow("lead pipe") << "how do I get the lead pipe to my house replaced"
                                   << "en"
                                   << "info-lead-pipes-en";
        QTest::newRow("tubería de plomo") << "creo que tengo tuberías de plomo, ¿el agua es segura?"
                                          << "es"
                                          << "info-lead-pipes-es";
        QTest::newRow("jury summons") << "I got a jury summons and need to postpone it"
                                      << "en"
                                      << "info-jury-duty-en";
        QTest::newRow("citación de jurado") << "me llegó una citación para jurado"
                                            << "es"
                                            << "info-jury-duty-es";
        QTest::newRow("cooling center")
            << "where is the nearest cooling center during this heat wave"
            << "en"
            << "info-cooling-centers-en";
        QTest::newRow("ola de calor")
            << "¿hay centros de enfriamiento abiertos por la ola de calor?"
            << "es"
            << "info-cooling-centers-es";
        QTest::newRow("rental registration") << "do landlords have to register rental units with "
                                                "the city every year"
                                             << "en"
                                             << "info-rental-registration-en";
        QTest::newRow("registro de alquiler") << "¿tengo que hacer el registro de alquiler de mi "
                                                 "apartamento?"
                                              << "es"
                                              << "info-rental-registration-es";
        QTest::newRow("power outage") << "we lost power this morning, how do I report the outage"
                                      << "en"
                                      << "info-power-outage-en";
        QTest::newRow("apagón") << "se fue la luz en mi casa, ¿a quién llamo por el apagón?"
                                << "es"
                                << "info-power-outage-es";
    }

    void everydayQuestionsThatHadNoArticle()
    {
        firstIsTheRowsArticleAsAGoodMatch();
        if (QTest::currentTestFailed())
            return;
        for (const QString &streetLight :
             {QStringLiteral("street light outage"),
              QStringLiteral("the street light on my corner is out again")}) {
            const QList<ArticleHit> lights = searchForCaller(streetLight, QStringLiteral("en"));
            QVERIFY(!lights.isEmpty());
            QVERIFY2(lights.first().article.translationGroup != u"info-power-outage",
                     qPrintable(streetLight));
        }
    }

    // A long report is ordered by what it is about: the article whose keyword phrase holds
    // words said together ("parked on the sidewalk") before articles holding as much of it one
    // word here and one there ("parked on sidewalk" failed before: the snow rules article came
    // first; the shovelling and hydrant reports were answered before and must stay so; none is
    // an evaluation phrasing). The limit of the rule: a report that says what followed ("the
    // children walk in the street") gives another article's phrase too, and the Spanish
    // sidewalk-parking report below still gets the snow article first (answered before).
    void aLongReportIsOrderedByTheWordsItSaysTogether_data()
    {
        callerQueryColumns();
        QTest::newRow("parked on sidewalk")
            << "three delivery vans keep parking on the sidewalk outside the bakery every morning"
            << "en"
            << "kb-illegal-parking-en";
        QTest::newRow("never shoveled")
            << "the sidewalk in front of the laundromat was never shoveled and is a sheet of ice, "
               "an old man slipped"
            << "en"
            << "kb-snow-complaints-en";
        QTest::newRow("estacionado en la acera")
            << "un camión lleva tres días estacionado en la acera frente a la escuela y los niños "
               "caminan por la calle"
            << "es"
            << "kb-illegal-parking-es";
        QTest::newRow("hydrant")
            << "a pickup truck has been parked in front of the fire hydrant for two days"
            << "en"
            << "kb-illegal-parking-en";
    }

    void aLongReportIsOrderedByTheWordsItSaysTogether()
    {
        QFETCH(QString, query);
        QFETCH(QString, language);
        QFETCH(QString, article);
        const QList<ArticleHit> hits = searchForCaller(query, language);
        QVERIFY(!hits.isEmpty());
        QEXPECT_FAIL("estacionado en la acera",
                     "\"caminan por la calle\" is a phrase of the snow article's keywords too",
                     Continue);
        QCOMPARE(hits.first().article.id, article);
    }

    void filtersByLanguage()
    {
        const QList<ArticleHit> hits =
            m_articles->search({QStringLiteral("bache"), QStringLiteral("es"), {}, 10, {}});
        QVERIFY(!hits.isEmpty());
        for (const ArticleHit &h : hits)
            QCOMPARE(h.article.language, QStringLiteral("es"));
    }

    // Issue 14: the words Spanish speakers of different countries, and of the US, use for the
    // same thing find the article that says it another way: "luminaria" (Argentina, Mexico) for
    // a street light, "ticket" for a parking ticket ("multa"), "corralón" for the tow lot, "no
    // anda" for broken. Each found a wrong article first before the Spanish synonyms of
    // 2026-12-07 (evening); none is an evaluation phrasing. `answers`: the translation groups
    // or request types that answer it.
    void regionalAndUsSpanishWordsFindTheirArticle_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("answers");
        QTest::newRow("luminaria")
            << "hay una luminaria rota frente a mi casa"
            << QStringList{QStringLiteral("STRLGTOUT"), QStringLiteral("STRLGTKDWN"),
                           QStringLiteral("GENLGTREQ")};
        QTest::newRow("ticket") << "¿dónde pago el ticket que me dejaron en el parabrisas?"
                                << QStringList{QStringLiteral("info-parking-ticket-pay")};
        QTest::newRow("corralón") << "¿cómo saco mi carro del corralón?"
                                  << QStringList{QStringLiteral("info-towed-car")};
        QTest::newRow("no anda") << "el semáforo de la esquina no anda"
                                 << QStringList{QStringLiteral("TFCSGNINSP")};
    }

    void regionalAndUsSpanishWordsFindTheirArticle()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, answers);
        const QList<ArticleHit> hits = searchForCaller(query, QStringLiteral("es"));
        QVERIFY(!hits.isEmpty());
        const KnowledgeArticle &first = hits.first().article;
        QCOMPARE(first.language, QStringLiteral("es"));
        const bool answered =
            answers.contains(first.translationGroup) ||
            std::any_of(first.serviceCodes.cbegin(), first.serviceCodes.cend(),
                        [&answers](const QString &code) { return answers.contains(code); });
        QVERIFY2(answered, qPrintable(first.id));
    }

    // The candidates' words are folded once and kept from one keystroke to the next
    // (FoldedArticles); an article whose title, keywords or body change (edited, or the pack
    // imported again) is read anew. (Last: it changes the store.)
    void anArticleWhoseWordsChangeIsReadAnew()
    {
        const QString pothole = QStringLiteral("kb-pothole-en");
        QList<ArticleHit> hits = searchForCaller(QStringLiteral("pothole"), QStringLiteral("en"));
        QVERIFY(!hits.isEmpty());
        QCOMPARE(hits.first().article.id, pothole); // its words folded and kept
        QSqlQuery q(QSqlDatabase::database(m_store->db().connectionName()));
        for (const QString &change :
             {QStringLiteral(
                  "UPDATE articles SET keywords = keywords || ', quagmire' WHERE id = ?"),
              QStringLiteral("UPDATE articles SET body = body || ' A morass.' WHERE id = ?")}) {
            QVERIFY(q.prepare(change));
            q.addBindValue(pothole);
            QVERIFY(q.exec());
        }
        ArticleQuery query;
        query.text = QStringLiteral("pothole quagmire morass");
        query.callerLanguage = QStringLiteral("en");
        query.limit = 10;
        hits = m_articles->search(query);
        QVERIFY(!hits.isEmpty());
        QCOMPARE(hits.first().article.id, pothole);
        // Scored as the article reads now: "quagmire" in its keywords, "morass" in its body.
        const ArticleRelevance relevance(m_articles->analyse(query));
        QCOMPARE(relevance.credits(hits.first().article), (QList<double>{1.0, 1.0, 0.5}));
        QCOMPARE(hits.first().relevance, relevance.of(hits.first().article));
    }
};

QTEST_GUILESS_MAIN(TestKnowledgeAnswers)
#include "tst_knowledgeanswers.moc"
