#include "models/knowledge/language/languagewords.h"

#include <QSet>
#include <QStringList>

namespace civicdesk::languagewords {

namespace {

QSet<QString> wordSet(const char *words)
{
    const QStringList list = QString::fromLatin1(words).split(u' ', Qt::SkipEmptyParts);
    return QSet<QString>(list.cbegin(), list.cend());
}

// Function words: Snowball's English stop list, folded ("don't" -> "don", "t").
const QSet<QString> &englishFunctionWords()
{
    static const QSet<QString> words = wordSet(
        "i me my myself we our ours ourselves you your yours yourself yourselves he him his "
        "himself she her hers herself it its itself they them their theirs themselves what "
        "which who whom this that these those am is are was were be been being have has had "
        "having do does did doing would should could ought im youre hes shes its were theyre "
        "ive youve weve theyve id youd hed shed wed theyd ill youll hell shell well theyll "
        "isnt arent wasnt werent hasnt havent hadnt doesnt dont didnt wont wouldnt shant "
        "shouldnt cant cannot couldnt mustnt lets thats whos whats heres theres whens wheres "
        "whys hows a an the and but if or because as until while of at by for with about "
        "against between into through during before after above below to from up upon in on "
        "over under again further then once here there when where why how all any both each "
        "few more most other some such no nor not only own same so than too very s t ll ve re "
        "out off down "
        "m d isn aren wasn weren hasn haven hadn doesn don didn won wouldn shan shouldn can "
        "couldn mustn just also ");
    return words;
}

// Function words: Snowball's Spanish stop list, folded.
const QSet<QString> &spanishFunctionWords()
{
    static const QSet<QString> words = wordSet(
        "de la que el en y a los del se las por un para con no una su al lo como mas pero sus "
        "le ya o este si porque esta entre cuando muy sin sobre tambien me hasta hay donde "
        "quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto "
        "mi antes algunos que unos yo otro otras otra el tanto esa estos mucho quienes nada "
        "muchos cual poco ella estar estas algunas algo nosotros mi mis tu te ti tu tus ellas "
        "nosotras vosotros vosotras os mio mia mios mias tuyo tuya tuyos tuyas suyo suya suyos "
        "suyas nuestro nuestra nuestros nuestras vuestro vuestra vuestros vuestras esos esas "
        "estoy estas esta estamos estais estan este estes estemos esteis esten estare estaras "
        "estara estaremos estareis estaran estaria estarias estariamos estariais estarian "
        "estaba estabas estabamos estabais estaban estuve estuviste estuvo estuvimos "
        "estuvisteis estuvieron he has ha hemos habeis han haya hayas hayamos hayais hayan "
        "habia habias habiamos habiais habian hube hubo soy eres es somos sois son sea seas "
        "seamos seais sean sere seras sera seremos sereis seran seria serias seriamos seriais "
        "serian era eras eramos erais eran fui fuiste fue fuimos fuisteis fueron tengo tienes "
        "tiene tenemos teneis tienen tenga tengas tengamos tengais tengan tenia tenias "
        "teniamos teniais tenian tuve tuvo tuvimos tuvieron van va voy vamos ");
    return words;
}

// What callers say around the matter itself, in either language.
const QSet<QString> &englishFiller()
{
    static const QSet<QString> words = wordSet(
        "hi hello hey yes yeah ok okay please thank thanks sir maam need needs want wants "
        "wanted wanna like know wondering wonder get gets getting got someone somebody anyone "
        "anybody something anything call calling called ask asking tell question questions "
        "trying try going gonna think really just still hoping hope help able way "
        "regarding whether "
        // How callers frame a question or a report, not what it is about.
        "obtain happen happens happened usually often always ever never maybe probably "
        "perhaps anyway yall guys "
        // Where and when it happened, as residents write it ("in front of", "across from",
        // "since Tuesday", "every morning"): the place and time go in the request, not the search.
        "front across near nearby next behind beside opposite today yesterday tonight morning "
        "mornings afternoon evening weeks months since ago monday tuesday wednesday thursday "
        "friday saturday sunday ");
    return words;
}

const QSet<QString> &spanishFiller()
{
    static const QSet<QString> words = wordSet(
        "hola buenos buenas dias tardes noches si favor gracias senor senora necesito "
        "necesita necesitamos quiero quiere quisiera queria saber puedo puede pueden podria "
        "alguien algun alguna llamo llamando llame pregunta preguntar decir hacer "
        // How callers frame a question or a report, not what it is about.
        "hago haga hacemos debo debe deberia debemos consigo conseguir obtengo obtener pues "
        "ahi aqui alli siempre nunca entonces bueno oiga mire usted ustedes puedes quizas "
        "claramente cuanto cuanta cuantos cuantas "
        // Where and when it happened ("frente a", "cerca de", "desde el martes").
        "frente enfrente junto detras delante hoy ayer anoche semanas desde lunes "
        "martes miercoles jueves viernes sabado domingo ");
    return words;
}

} // namespace

bool isStopword(const QString &word, const QString &language)
{
    const bool english = language.isEmpty() || language == u"en";
    const bool spanish = language.isEmpty() || language == u"es";
    if (english && (englishFunctionWords().contains(word) || englishFiller().contains(word)))
        return true;
    if (spanish && (spanishFunctionWords().contains(word) || spanishFiller().contains(word)))
        return true;
    // A language with no list here: the two lists' words that are clearly not content words.
    return !english && !spanish && word.size() <= 2 && englishFunctionWords().contains(word);
}

int languageVote(const QString &word)
{
    const bool english = englishFunctionWords().contains(word) || englishFiller().contains(word);
    const bool spanish = spanishFunctionWords().contains(word) || spanishFiller().contains(word);
    return english == spanish ? 0 : (english ? 1 : -1);
}

bool isQuestionFrame(const QString &previous, const QString &word, const QString &language)
{
    static const QSet<QString> afterHow = wordSet("long much many soon often far");
    static const QSet<QString> howMuch = wordSet("cuanto cuanta cuantos cuantas");
    const bool english = language.isEmpty() || language == u"en";
    const bool spanish = language.isEmpty() || language == u"es";
    return (english && previous == u"how" && afterHow.contains(word)) ||
           (spanish && howMuch.contains(previous) && word == u"tiempo");
}

bool isFormOf(const QString &form, const QString &word, const QString &stem,
              const QString &language)
{
    constexpr int shortestStem = 4;
    if (stem.size() >= shortestStem || language != u"es")
        return true;
    const auto pluralOf = [](const QString &plural, const QString &singular) {
        return plural == singular + u's' || plural == singular + QStringLiteral("es");
    };
    return (form.size() >= shortestStem && word.size() >= shortestStem &&
            QStringView(form).left(shortestStem) == QStringView(word).left(shortestStem)) ||
           pluralOf(form, word) || pluralOf(word, form);
}

QStringList diminutiveBases(const QString &word, const QString &language)
{
    constexpr int shortestRoot = 3;
    QStringList bases;
    if (language != u"es")
        return bases;
    // -ito, -ita, -itos, -itas after a root ("rat-itas"), -cito, -cita... after a whole word
    // ("tarde-cita"); the root keeps its gender and number ("ratitas" -> "ratas", then "rata").
    for (const QString &suffix : {QStringLiteral("itos"), QStringLiteral("itas"),
                                  QStringLiteral("ito"), QStringLiteral("ita")}) {
        if (!word.endsWith(suffix) || word.size() - suffix.size() < shortestRoot)
            continue;
        QString root = word.left(word.size() - suffix.size());
        const bool plural = suffix.endsWith(u's');
        const QChar vowel = suffix.at(2); // 'o' or 'a'
        // "poqu-ito" is "poco", "amigu-ito" "amigo": the spelling keeps the root's sound.
        if (root.endsWith(QStringLiteral("qu")))
            root = root.left(root.size() - 2) + u'c';
        else if (root.endsWith(QStringLiteral("gu")))
            root.chop(1);
        const QString singular = root + vowel;
        if (plural)
            bases.append(singular + u's');
        bases.append(singular);
        // "tarde-cita", "cafe-cito", "pobre-cito": a whole word before -c-.
        if (root.endsWith(u'c') && root.size() - 1 >= shortestRoot) {
            const QString whole = root.left(root.size() - 1);
            if (plural)
                bases.append(whole + u's');
            bases.append(whole);
        }
        break;
    }
    return bases;
}

int streetWord(const QString &word)
{
    static const QSet<QString> after =
        wordSet("street st avenue ave av road rd square sq place pl court ct terrace ter "
                "boulevard blvd drive dr lane ln highway hwy parkway pkwy way row circle cir "
                "plaza plz wharf");
    static const QSet<QString> before = wordSet("calle avenida av ave plaza camino");
    return after.contains(word) ? 1 : (before.contains(word) ? -1 : 0);
}

} // namespace civicdesk::languagewords
