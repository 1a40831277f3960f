#include "models/citypack/import/knowledgeimport.h"

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/citypack/csvreader.h"
#include "models/citypack/exportform.h"
#include "models/citypack/import/importsupport.h"
#include "models/citypack/rowproblems.h"
#include "models/domain/languagecode.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace civicdesk {

namespace {

class KnowledgeText
{
    Q_DECLARE_TR_FUNCTIONS(CityImporter)
};

Error articleError(const QString &file, int index, const QString &problem)
{
    return makeError(QStringLiteral("pack.knowledge"),
                     KnowledgeText::tr("%1: article %2: %3").arg(file).arg(index + 1).arg(problem));
}

Result<int> importArticleFile(QSqlDatabase &db, const CityPack &pack, const QString &file)
{
    auto opened = PackFile::open(pack.path(file));
    if (!opened)
        return opened.error();
    QJsonParseError parseError;
    const QJsonDocument doc =
        QJsonDocument::fromJson(opened.value()->device()->readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isArray())
        return makeError(QStringLiteral("pack.knowledge"),
                         KnowledgeText::tr("%1: not a JSON array of articles (%2)")
                             .arg(file, parseError.errorString()));
    QSqlQuery q(db);
    const QJsonArray articles = doc.array();
    static const QStringList states = {QStringLiteral("draft"), QStringLiteral("in_review"),
                                       QStringLiteral("published"), QStringLiteral("archived")};
    RowProblems bad(pack);
    for (int i = 0; i < articles.size(); ++i) {
        const QJsonObject a = articles.at(i).toObject();
        const QString id = a.value(u"id").toString().trimmed();
        const QString title = a.value(u"title").toString().trimmed();
        const QString language = a.value(u"language").toString();
        const QString state = a.value(u"state").toString(QStringLiteral("published"));
        // Every problem of the article is noted (a check lists them all), then it is skipped.
        QList<Error> problems;
        if (id.isEmpty() || title.isEmpty())
            problems.append(
                articleError(file, i, KnowledgeText::tr("\"id\" and \"title\" are required")));
        if (!isLanguageCode(language))
            problems.append(articleError(file, i,
                                         KnowledgeText::tr("\"language\" must be a language code "
                                                           "such as en, es, zh or pt-BR")));
        if (!states.contains(state))
            problems.append(articleError(file, i,
                                         KnowledgeText::tr("\"state\" must be draft, in_review, "
                                                           "published or archived")));
        for (const char16_t *key : {u"effective", u"review_due", u"expires"}) {
            const QString date = a.value(QStringView(key)).toString();
            if (!date.isEmpty() && !QDate::fromString(date, Qt::ISODate).isValid())
                problems.append(
                    articleError(file, i,
                                 KnowledgeText::tr("\"%1\" must be a date like 2027-01-31")
                                     .arg(QString::fromUtf16(key))));
        }
        if (!problems.isEmpty()) {
            if (std::any_of(problems.cbegin(), problems.cend(),
                            [&bad](const Error &e) { return bad.add(e); }))
                break;
            continue;
        }
        QStringList codes;
        const QJsonArray codeList = a.value(u"service_codes").toArray();
        for (const QJsonValue &c : codeList)
            codes.append(c.toString());
        const QJsonValue transfer = a.value(u"transfer");
        const QString transferText =
            transfer.isObject()
                ? QString::fromUtf8(
                      QJsonDocument(transfer.toObject()).toJson(QJsonDocument::Compact))
                : QString();
        if (auto s = sql::exec(
                q,
                QStringLiteral(
                    "INSERT INTO articles(id, title, body, script, audience, language, "
                    "translation_group, department_code, service_codes, keywords, "
                    "transfer_target, effective, expires, review_due, state, source) VALUES(?, "
                    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pack') ON CONFLICT(id) DO UPDATE "
                    "SET title = excluded.title, body = excluded.body, script = excluded.script, "
                    "audience = excluded.audience, language = excluded.language, "
                    "translation_group = excluded.translation_group, department_code = "
                    "excluded.department_code, service_codes = excluded.service_codes, keywords "
                    "= excluded.keywords, transfer_target = excluded.transfer_target, effective "
                    "= excluded.effective, expires = excluded.expires, review_due = "
                    "excluded.review_due, state = excluded.state"),
                {id, title, sql::text(a.value(u"body").toString()),
                 sql::text(a.value(u"script").toString()),
                 a.value(u"audience").toString() == u"public" ? QStringLiteral("public")
                                                              : QStringLiteral("agent"),
                 language, sql::nullable(a.value(u"translation_group").toString()),
                 sql::nullable(a.value(u"department_code").toString()), sql::text(codes.join(u' ')),
                 sql::text(a.value(u"keywords").toString()), sql::nullable(transferText),
                 sql::nullable(a.value(u"effective").toString()),
                 sql::nullable(a.value(u"expires").toString()),
                 sql::nullable(a.value(u"review_due").toString()), state});
            !s)
            return articleError(file, i, s.error().message);
    }
    if (!bad.isEmpty())
        return bad.result().error();
    return int(articles.size());
}

// One seed file: `service_code,name,group,department,description,keywords`, and an optional
// `language` column (default en). The English seed article of a service is "seed:CODE", its
// translations "seed:CODE:LANG", all in translation group "seed:CODE".
Status importSeedFile(QSqlDatabase &db, const CityPack &pack, const QString &file,
                      ImportReport &report)
{
    auto opened = openPackCsv(pack, file);
    if (!opened)
        return opened.error();
    CsvReader &csv = *opened.value().reader;
    if (auto s = csv.readHeader({QStringLiteral("service_code"), QStringLiteral("name"),
                                 QStringLiteral("description"), QStringLiteral("keywords")});
        !s)
        return packFileError(file, s.error().message);
    QSqlQuery q(db);
    RowProblems rows(pack);
    while (csv.next()) {
        const QString code = csv.value(QStringLiteral("service_code")).trimmed();
        const QString name = csv.value(QStringLiteral("name")).trimmed();
        if (code.isEmpty() || name.isEmpty()) {
            if (rows.add(packFileError(file, KnowledgeText::tr("line %1: service_code and name are "
                                                               "required")
                                                 .arg(csv.line()))))
                break;
            continue;
        }
        QString language = csv.value(QStringLiteral("language")).trimmed();
        if (language.isEmpty())
            language = QStringLiteral("en");
        if (!isLanguageCode(language)) {
            if (rows.add(
                    packFileError(file, KnowledgeText::tr("line %1: language \"%2\" is not a "
                                                          "language code such as en, es, zh or "
                                                          "pt-BR")
                                            .arg(csv.line())
                                            .arg(language))))
                break;
            continue;
        }
        const QString group = u"seed:" + code;
        const QString id = language == u"en" ? group : group + u':' + language;
        const QString department = csv.value(QStringLiteral("department")).section(u';', 0, 0);
        if (auto s = sql::exec(
                q,
                QStringLiteral(
                    "INSERT INTO articles(id, title, body, audience, language, translation_group, "
                    "department_code, service_codes, keywords, state, source) VALUES(?, ?, ?, "
                    "'public', ?, ?, (SELECT code FROM departments WHERE name = ? LIMIT 1), "
                    "?, ?, 'published', 'seed') ON CONFLICT(id) DO UPDATE SET title = "
                    "excluded.title, body = excluded.body, language = excluded.language, "
                    "department_code = excluded.department_code, service_codes = "
                    "excluded.service_codes, keywords = excluded.keywords"),
                {id, name, csv.value(QStringLiteral("description")).trimmed(), language, group,
                 department.trimmed(), code, csv.value(QStringLiteral("keywords")).trimmed()});
            !s)
            return s;
        ++report.articles;
    }
    if (!rows.isEmpty())
        return rows.result();
    if (csv.hasError())
        return packFileError(file, csv.error());
    return Ok{};
}

} // namespace

Result<int> importArticles(QSqlDatabase &db, const CityPack &pack)
{
    int count = 0;
    for (const QString &file : pack.articleFiles) {
        auto imported = importArticleFile(db, pack, file);
        if (!imported)
            return imported.error();
        count += imported.value();
    }
    return count;
}

Result<int> importSynonyms(QSqlDatabase &db, const CityPack &pack)
{
    QSqlQuery q(db);
    if (auto s = sql::exec(q, QStringLiteral("DELETE FROM synonyms")); !s)
        return s.error();
    if (pack.synonymsFile.isEmpty())
        return 0;
    const QString file = pack.synonymsFile;
    auto opened = openPackCsv(pack, file);
    if (!opened)
        return opened.error();
    CsvReader &csv = *opened.value().reader;
    if (auto s = csv.readHeader(
            {QStringLiteral("language"), QStringLiteral("term"), QStringLiteral("synonyms")});
        !s)
        return makeError(QStringLiteral("pack.knowledge"), file + u": " + s.error().message);
    int count = 0;
    RowProblems rows(pack);
    while (csv.next()) {
        const QString language = csv.value(QStringLiteral("language")).trimmed();
        const QString term = csv.value(QStringLiteral("term")).trimmed().toLower();
        if (!isLanguageCode(language) || term.isEmpty()) {
            if (rows.add(makeError(QStringLiteral("pack.knowledge"),
                                   KnowledgeText::tr("%1: line %2: language must be a language "
                                                     "code such as en, es or zh, and the term "
                                                     "not empty")
                                       .arg(file)
                                       .arg(csv.line()))))
                break;
            continue;
        }
        if (auto s = sql::exec(
                q,
                QStringLiteral("INSERT INTO synonyms(language, term, synonyms) VALUES(?, ?, "
                               "?) ON CONFLICT(language, term) DO UPDATE SET synonyms = "
                               "excluded.synonyms"),
                {language, term, csv.value(QStringLiteral("synonyms")).trimmed().toLower()});
            !s)
            return s.error();
        ++count;
    }
    if (!rows.isEmpty())
        return rows.result().error();
    if (csv.hasError())
        return makeError(QStringLiteral("pack.knowledge"), file + u": " + csv.error());
    return count;
}

Status importKnowledgeSeed(QSqlDatabase &db, const CityPack &pack, ImportReport &report)
{
    for (const QString &file : pack.knowledgeSeedFiles) {
        if (auto s = importSeedFile(db, pack, file, report); !s)
            return s;
    }
    return Ok{};
}

} // namespace civicdesk
