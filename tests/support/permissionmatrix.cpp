#include "tests/support/permissionmatrix.h"

#include "models/domain/supervision/clusterrulechange.h"
#include "models/domain/supervision/evaluationform.h"
#include "models/domain/supervision/phoneinterval.h"
#include "models/domain/supervision/teammembership.h"
#include "tests/support/permissionmaker.h"

#include <QTest>

namespace civicdesk::test {

using namespace permissions;

QStringList allRoleNames()
{
    return {QStringLiteral("call_taker"), QStringLiteral("lobby"),  QStringLiteral("supervisor"),
            QStringLiteral("trainer"),    QStringLiteral("editor"), QStringLiteral("admin")};
}

QList<PermissionCase> permissionCases(const QString &tag, const QString &actor)
{
    const Maker m(tag, actor);
    const QString callback = m.id(QStringLiteral("cb"));
    QList<PermissionCase> cases;
    // Calls: what the caller reported or asked.
    cases.append(
        {QStringLiteral("request.created"), {}, m.request(QStringLiteral("new")), Callers});
    cases.append({QStringLiteral("request.note_added"),
                  {m.request(QStringLiteral("note"))},
                  m.make(QStringLiteral("request"), m.id(QStringLiteral("note")),
                         QStringLiteral("request.note_added"),
                         {{QStringLiteral("text"), QStringLiteral("Caller called back")},
                          {QStringLiteral("public"), false}}),
                  Callers});
    cases.append({QStringLiteral("request.caller_attached"),
                  {m.request(QStringLiteral("att"))},
                  m.make(QStringLiteral("request"), m.id(QStringLiteral("att")),
                         QStringLiteral("request.caller_attached"),
                         {{QStringLiteral("caller_id"), m.id(QStringLiteral("caller"))}}),
                  Callers});
    cases.append({QStringLiteral("request.duplicate_linked"),
                  {m.request(QStringLiteral("lp")), m.request(QStringLiteral("ld"))},
                  m.link(QStringLiteral("ld"), QStringLiteral("lp")),
                  Callers});
    cases.append({QStringLiteral("request.callback_scheduled"),
                  {m.request(QStringLiteral("cs"))},
                  m.make(QStringLiteral("request"), m.id(QStringLiteral("cs")),
                         QStringLiteral("request.callback_scheduled"),
                         {{QStringLiteral("callback_id"), m.id(QStringLiteral("cs-cb"))},
                          {QStringLiteral("number"), m.number(QStringLiteral("cs"))},
                          {QStringLiteral("phone"), QStringLiteral("6175550100")},
                          {QStringLiteral("due_at"), QStringLiteral("2026-12-08T15:00:00.000Z")}}),
                  Callers});
    cases.append(
        {QStringLiteral("request.callback_done"),
         {m.request(QStringLiteral("cd")),
          m.make(QStringLiteral("request"), m.id(QStringLiteral("cd")),
                 QStringLiteral("request.callback_scheduled"),
                 {{QStringLiteral("callback_id"), callback},
                  {QStringLiteral("number"), m.number(QStringLiteral("cd"))},
                  {QStringLiteral("phone"), QStringLiteral("6175550100")},
                  {QStringLiteral("due_at"), QStringLiteral("2026-12-08T15:00:00.000Z")}})},
         m.make(QStringLiteral("request"), m.id(QStringLiteral("cd")),
                QStringLiteral("request.callback_done"),
                {{QStringLiteral("callback_id"), callback},
                 {QStringLiteral("number"), m.number(QStringLiteral("cd"))},
                 {QStringLiteral("outcome"), QStringLiteral("reached")}}),
         Callers});
    cases.append({QStringLiteral("request.field_changed description"),
                  {m.request(QStringLiteral("fd"))},
                  m.make(QStringLiteral("request"), m.id(QStringLiteral("fd")),
                         QStringLiteral("request.field_changed"),
                         {{QStringLiteral("field"), QStringLiteral("description")},
                          {QStringLiteral("after"), QStringLiteral("Two rats, not one")}}),
                  Callers});
    cases.append({QStringLiteral("contact.started"),
                  {},
                  m.make(QStringLiteral("contact"), m.id(QStringLiteral("contact")),
                         QStringLiteral("contact.started"),
                         {{QStringLiteral("channel"), QStringLiteral("phone")}}),
                  Callers});
    cases.append({QStringLiteral("contact.ended"),
                  {m.make(QStringLiteral("contact"), m.id(QStringLiteral("ce")),
                          QStringLiteral("contact.started"),
                          {{QStringLiteral("channel"), QStringLiteral("phone")}})},
                  m.make(QStringLiteral("contact"), m.id(QStringLiteral("ce")),
                         QStringLiteral("contact.ended"),
                         {{QStringLiteral("outcome"), QStringLiteral("information_given")}}),
                  Callers});
    cases.append({QStringLiteral("contact.article_opened"),
                  {m.make(QStringLiteral("contact"), m.id(QStringLiteral("ca")),
                          QStringLiteral("contact.started"),
                          {{QStringLiteral("channel"), QStringLiteral("phone")}})},
                  m.make(QStringLiteral("contact"), m.id(QStringLiteral("ca")),
                         QStringLiteral("contact.article_opened"),
                         {{QStringLiteral("article_id"), m.id(QStringLiteral("any"))}}),
                  Callers});
    cases.append({QStringLiteral("caller.upserted"),
                  {},
                  m.make(QStringLiteral("caller"), m.id(QStringLiteral("caller")),
                         QStringLiteral("caller.upserted"),
                         {{QStringLiteral("name"), QStringLiteral("Ana Ruiz")},
                          {QStringLiteral("phone"), QStringLiteral("6175550100")}}),
                  Callers});
    // Managing requests: a supervisor's decisions.
    cases.append({QStringLiteral("request.status_changed close"),
                  {m.request(QStringLiteral("close"))},
                  m.status(QStringLiteral("close"), QStringLiteral("closed")),
                  Supervisors});
    cases.append({QStringLiteral("request.status_changed in progress"),
                  {m.request(QStringLiteral("prog"))},
                  m.status(QStringLiteral("prog"), QStringLiteral("in_progress")),
                  Supervisors});
    cases.append(
        {QStringLiteral("request.status_changed reopen closed"),
         {m.request(QStringLiteral("reop")),
          m.status(QStringLiteral("reop"), QStringLiteral("closed"))},
         m.status(QStringLiteral("reop"), QStringLiteral("open"), QStringLiteral("closed")),
         Callers});
    // The event claims the request was closed; the store knows it is in progress.
    cases.append({QStringLiteral("request.status_changed claimed from closed"),
                  {m.request(QStringLiteral("lie")),
                   m.status(QStringLiteral("lie"), QStringLiteral("in_progress"))},
                  m.status(QStringLiteral("lie"), QStringLiteral("open"), QStringLiteral("closed")),
                  Supervisors});
    cases.append({QStringLiteral("request.field_changed department"),
                  {m.request(QStringLiteral("fdep"))},
                  m.make(QStringLiteral("request"), m.id(QStringLiteral("fdep")),
                         QStringLiteral("request.field_changed"),
                         {{QStringLiteral("field"), QStringLiteral("department_code")},
                          {QStringLiteral("after"), QStringLiteral("PWDx")}}),
                  Supervisors});
    cases.append({QStringLiteral("request.duplicate_unlinked"),
                  {m.request(QStringLiteral("up")), m.request(QStringLiteral("ud")),
                   m.link(QStringLiteral("ud"), QStringLiteral("up"))},
                  m.link(QStringLiteral("ud"), QStringLiteral("up"), true),
                  Supervisors});
    // Knowledge.
    cases.append(
        {QStringLiteral("article.created"), {}, m.article(QStringLiteral("new")), Writers});
    cases.append({QStringLiteral("article.edited draft"),
                  {m.article(QStringLiteral("ed"))},
                  m.articleEdit(QStringLiteral("ed")),
                  Writers});
    cases.append({QStringLiteral("article.state_changed send for review"),
                  {m.article(QStringLiteral("sr"))},
                  m.articleTo(QStringLiteral("sr"), QStringLiteral("in_review")),
                  Writers});
    cases.append({QStringLiteral("article.state_changed publish"),
                  {m.article(QStringLiteral("pub")),
                   m.articleTo(QStringLiteral("pub"), QStringLiteral("in_review"))},
                  m.articleTo(QStringLiteral("pub"), QStringLiteral("published")),
                  Supervisors});
    const QList<Event> published = {m.article(QStringLiteral("p")),
                                    m.articleTo(QStringLiteral("p"), QStringLiteral("in_review")),
                                    m.articleTo(QStringLiteral("p"), QStringLiteral("published"))};
    cases.append({QStringLiteral("article.edited published"), published,
                  m.articleEdit(QStringLiteral("p")), Supervisors});
    cases.append({QStringLiteral("article.reviewed published"), published,
                  m.make(QStringLiteral("article"), m.id(QStringLiteral("p")),
                         QStringLiteral("article.reviewed"),
                         {{QStringLiteral("review_due"), QStringLiteral("2027-06-30")}}),
                  Writers});
    QList<Event> archived;
    for (const Event &e : published)
        archived.append(Event::make(e.entityType, m.id(QStringLiteral("arch")), e.kind, e.payload,
                                    e.actor, e.device, e.clientTime));
    archived.append(m.articleTo(QStringLiteral("arch"), QStringLiteral("archived")));
    cases.append({QStringLiteral("article.edited archived"),
                  archived,
                  m.articleEdit(QStringLiteral("arch")),
                  {}});
    // Restoring an archived article is an approval, whatever the event claims it came from.
    QList<Event> archived2;
    for (const Event &e : archived)
        archived2.append(Event::make(e.entityType, m.id(QStringLiteral("arch2")), e.kind, e.payload,
                                     e.actor, e.device, e.clientTime));
    cases.append(
        {QStringLiteral("article.state_changed restore claimed from published"), archived2,
         m.articleTo(QStringLiteral("arch2"), QStringLiteral("draft"), QStringLiteral("published")),
         Supervisors});
    // Quality reviews.
    cases.append({QStringLiteral("review.recorded"),
                  {},
                  m.make(QStringLiteral("review"), m.id(QStringLiteral("review")),
                         QStringLiteral("review.recorded"),
                         {{QStringLiteral("agent"), QStringLiteral("u_call_taker")},
                          {QStringLiteral("score"), 90}}),
                  Supervisors});
    // Recorded last: the cases above are also looked up by position.
    cases.append({QStringLiteral("contact.search_unanswered"),
                  {m.make(QStringLiteral("contact"), m.id(QStringLiteral("cs")),
                          QStringLiteral("contact.started"),
                          {{QStringLiteral("channel"), QStringLiteral("phone")}})},
                  m.make(QStringLiteral("contact"), m.id(QStringLiteral("cs")),
                         QStringLiteral("contact.search_unanswered"),
                         {{QStringLiteral("query"), QStringLiteral("passport renewal")},
                          {QStringLiteral("language"), QStringLiteral("en")}}),
                  Callers});
    // Help flags: every role that takes calls raises one; supervisors and admins answer.
    cases.append({QStringLiteral("agent.help_requested"),
                  {},
                  m.make(QStringLiteral("agent"), m.id(QStringLiteral("help")),
                         QStringLiteral("agent.help_requested"), {}),
                  Callers});
    cases.append({QStringLiteral("agent.help_answered"),
                  {m.make(QStringLiteral("agent"), m.id(QStringLiteral("help2")),
                          QStringLiteral("agent.help_requested"), {})},
                  m.make(QStringLiteral("agent"), m.id(QStringLiteral("help2")),
                         QStringLiteral("agent.help_answered"), {{QStringLiteral("agent"), actor}}),
                  Supervisors});
    // Practice mode (issue 17): one intake step, recorded on the contact.
    cases.append({QStringLiteral("contact.step_recorded"),
                  {m.make(QStringLiteral("contact"), m.id(QStringLiteral("st")),
                          QStringLiteral("contact.started"),
                          {{QStringLiteral("channel"), QStringLiteral("phone")}})},
                  m.make(QStringLiteral("contact"), m.id(QStringLiteral("st")),
                         QStringLiteral("contact.step_recorded"),
                         {{QStringLiteral("step"), QStringLiteral("type_chosen")},
                          {QStringLiteral("detail"), QJsonObject{{QStringLiteral("service_code"),
                                                                  QStringLiteral("RODENTACT")}}}}),
                  Callers});
    appendWorkspaceCases(cases, m, actor);
    return cases;
}

void addPermissionRows(const QString &actor)
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<int>("index");
    const QList<PermissionCase> cases = permissionCases(QStringLiteral("x"), actor);
    for (const QString &role : allRoleNames()) {
        for (int i = 0; i < cases.size(); ++i)
            QTest::newRow(qPrintable(role + u' ' + cases.at(i).name)) << role << i;
    }
}

PermissionCase permissionCaseOf(const QString &role, int index, const QString &actor)
{
    PermissionCase c = permissionCases(role + u'-' + QString::number(index), actor).at(index);
    c.event.actor = u"u_" + role;
    return c;
}

} // namespace civicdesk::test
