// What callers asked (issue 16, item 1): the answers opened during the period's contacts, the
// calls each closed (the contact ended with information given), and the searches that found no
// answer, counted set-based over contact_articles and knowledge_gaps.

#include "models/store/sql/sql.h"
#include "models/supervision/kpi/kpisql.h"
#include "models/supervision/kpi/supervisionkpis.h"

namespace civicdesk {

using namespace kpisql;

Result<AnswerReport> SupervisionKpis::answers(const KpiFilter &given, int limit) const
{
    if (auto s = check(given); !s)
        return s.error();
    const KpiFilter f = withTeam(given);
    AnswerReport report;

    Sql information;
    information
        .add(QStringLiteral("SELECT count(*), count(CASE WHEN EXISTS (SELECT 1 FROM "
                            "contact_articles ca WHERE ca.contact_id = c.id) THEN 1 END) FROM "
                            "contacts c WHERE "))
        .add(contactFilter(f))
        .add(u" AND " + InformationSql);
    auto i = run(m_connection, information);
    if (!i)
        return i.error();
    if (i.value().next()) {
        report.informationContacts = integer(i.value(), 0);
        report.withAnswer = integer(i.value(), 1);
    }

    Sql answers;
    answers
        .add(QStringLiteral("SELECT ca.article_id, COALESCE(max(a.title), ca.article_id), "
                            "count(*), "))
        .add(countWhen(Sql{InformationSql, {}}))
        .add(QStringLiteral(" FROM contact_articles ca JOIN contacts c ON c.id = ca.contact_id "
                            "LEFT JOIN articles a ON a.id = ca.article_id WHERE "))
        .add(contactFilter(f))
        .add(QStringLiteral(" GROUP BY ca.article_id ORDER BY 4 DESC, 3 DESC, 2 LIMIT ?"), {limit});
    auto a = run(m_connection, answers);
    if (!a)
        return a.error();
    while (a.value().next())
        report.answers.append({a.value().value(0).toString(), a.value().value(1).toString(),
                               integer(a.value(), 2), integer(a.value(), 3)});

    Sql gaps;
    gaps.add(QStringLiteral("SELECT lower(g.query), count(DISTINCT g.contact_id) FROM "
                            "knowledge_gaps g JOIN contacts c ON c.id = g.contact_id WHERE "))
        .add(contactFilter(f))
        .add(QStringLiteral(" GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?"), {limit});
    auto g = run(m_connection, gaps);
    if (!g)
        return g.error();
    while (g.value().next())
        report.unanswered.append({g.value().value(0).toString(), integer(g.value(), 1)});
    return report;
}

} // namespace civicdesk
