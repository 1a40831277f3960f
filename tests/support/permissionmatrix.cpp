#include "tests/support/permissionmatrix.h"

#include "models/domain/supervision/clusterrulechange.h"
#include "models/domain/supervision/evaluationform.h"
#include "models/domain/supervision/exportrecord.h"
#include "models/domain/supervision/phoneinterval.h"
#include "models/domain/supervision/teammembership.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QTest>

namespace civicdesk::test {

namespace {

const QSet<QString> Callers = {QStringLiteral("call_taker"), QStringLiteral("lobby"),
                               QStringLiteral("supervisor"), QStringLiteral("editor"),
                               QStringLiteral("admin")};
const QSet<QString> Supervisors = {QStringLiteral("supervisor"), QStringLiteral("admin")};
const QSet<QString> Writers = {QStringLiteral("supervisor"), QStringLiteral("editor"),
                               QStringLiteral("admin")};

class Maker
{
public:
    Maker(QString tag, QString actor) : m_tag(std::move(tag)), m_actor(std::move(actor)) {}

    QString id(const QString &what) const { return m_tag + u'-' + what; }
    QString number(const QString &what) const { return u"PM" + m_tag + u'-' + what; }

    Event make(const QString &type, const QString &entity, const QString &kind,
               const QJsonObject &payload) const
    {
        return Event::make(type, entity, kind, payload, m_actor, QStringLiteral("MTRX2"),
                           QDateTime::currentDateTimeUtc());
    }

    Event request(const QString &what) const
    {
        return make(QStringLiteral("request"), id(what), QStringLiteral("request.created"),
                    {{QStringLiteral("number"), number(what)},
                     {QStringLiteral("type_name"), QStringLiteral("Rodent Activity")},
                     {QStringLiteral("service_code"), QStringLiteral("RODENTACT")},
                     {QStringLiteral("address"), QStringLiteral("1 City Hall Plz")},
                     {QStringLiteral("channel"), QStringLiteral("phone")}});
    }

    Event status(const QString &what, const QString &to, const QString &claimedFrom = {}) const
    {
        QJsonObject payload{{QStringLiteral("status"), to}};
        if (to == u"closed")
            payload.insert(QStringLiteral("closure_reason"), QStringLiteral("resolved"));
        if (!claimedFrom.isEmpty())
            payload.insert(QStringLiteral("previous_status"), claimedFrom);
        return make(QStringLiteral("request"), id(what), QStringLiteral("request.status_changed"),
                    payload);
    }

    Event link(const QString &what, const QString &parent, bool unlink = false) const
    {
        return make(QStringLiteral("request"), id(what),
                    unlink ? QStringLiteral("request.duplicate_unlinked")
                           : QStringLiteral("request.duplicate_linked"),
                    {{QStringLiteral("number"), number(what)},
                     {QStringLiteral("parent_id"), id(parent)},
                     {QStringLiteral("parent_number"), number(parent)}});
    }

    Event article(const QString &what) const
    {
        return make(QStringLiteral("article"), id(what), QStringLiteral("article.created"),
                    {{QStringLiteral("fields"),
                      QJsonObject{{QStringLiteral("title"), QStringLiteral("Bulk item pickup")}}}});
    }

    Event articleTo(const QString &what, const QString &to, const QString &claimedFrom = {}) const
    {
        QJsonObject payload{{QStringLiteral("to"), to}};
        if (!claimedFrom.isEmpty())
            payload.insert(QStringLiteral("from"), claimedFrom);
        return make(QStringLiteral("article"), id(what), QStringLiteral("article.state_changed"),
                    payload);
    }

    Event articleEdit(const QString &what) const
    {
        return make(QStringLiteral("article"), id(what), QStringLiteral("article.edited"),
                    {{QStringLiteral("fields"),
                      QJsonObject{{QStringLiteral("body"), QStringLiteral("Call 311 first.")}}}});
    }

private:
    QString m_tag;
    QString m_actor;
};

// A valid evaluation of `agent`'s contact on a one-question form (yes: 100 %).
QJsonObject evaluationPayload(const QString &agent)
{
    FormQuestion greet;
    greet.id = QStringLiteral("greet");
    greet.text = QStringLiteral("Greeted by the script");
    EvaluationForm form;
    form.id = QStringLiteral("pm-form");
    form.version = 1;
    form.title = QStringLiteral("Matrix form");
    form.sections = {FormSection{QStringLiteral("s"), QStringLiteral("Greeting"), 1, {greet}}};
    ReviewAnswers answers;
    answers.insert(greet.id, ReviewAnswer{1, QString()});
    return {{QStringLiteral("agent"), agent},
            {QStringLiteral("contact_id"), QStringLiteral("pm-contact")},
            {QStringLiteral("form"), form.toJson()},
            {QStringLiteral("answers"), reviewAnswersToJson(answers)},
            {QStringLiteral("score"), 100},
            {QStringLiteral("critical_failed"), false}};
}

} // namespace

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
    // Revising a published article beside the live one: writers save and discard a revision,
    // only supervisors publish it; a draft is never revised.
    const auto revise = [&m](const QString &what) {
        return m.make(QStringLiteral("article"), m.id(what),
                      QStringLiteral("article.revision_saved"),
                      {{QStringLiteral("fields"),
                        QJsonObject{{QStringLiteral("body"), QStringLiteral("New hours.")}}},
                       {QStringLiteral("note"), QStringLiteral("hours changed")}});
    };
    const auto publishedAs = [&m, &published](const QString &what) {
        QList<Event> events;
        for (const Event &e : published)
            events.append(Event::make(e.entityType, m.id(what), e.kind, e.payload, e.actor,
                                      e.device, e.clientTime));
        return events;
    };
    cases.append({QStringLiteral("article.revision_saved published"),
                  publishedAs(QStringLiteral("rv")), revise(QStringLiteral("rv")), Writers});
    cases.append({QStringLiteral("article.revision_saved draft"),
                  {m.article(QStringLiteral("rvd"))},
                  revise(QStringLiteral("rvd")),
                  {}});
    QList<Event> revised = publishedAs(QStringLiteral("rvp"));
    revised.append(revise(QStringLiteral("rvp")));
    cases.append({QStringLiteral("article.revision_published"), revised,
                  m.make(QStringLiteral("article"), m.id(QStringLiteral("rvp")),
                         QStringLiteral("article.revision_published"),
                         {{QStringLiteral("note"), QStringLiteral("ok")}}),
                  Supervisors});
    QList<Event> toDiscard = publishedAs(QStringLiteral("rvx"));
    toDiscard.append(revise(QStringLiteral("rvx")));
    cases.append({QStringLiteral("article.revision_discarded"), toDiscard,
                  m.make(QStringLiteral("article"), m.id(QStringLiteral("rvx")),
                         QStringLiteral("article.revision_discarded"), {}),
                  Writers});
    // The lobby queue: every role that takes calls works the counter too.
    // Each ticket its own number: the store gives a number once a day (LobbyService::issue).
    const auto ticket = [&m](const QString &what, const QString &kind, QJsonObject payload) {
        const QByteArray digest =
            QCryptographicHash::hash(m.id(what).toUtf8(), QCryptographicHash::Sha1);
        payload.insert(QStringLiteral("number"),
                       QString(u'A' + QString::fromLatin1(digest.left(5).toHex()).toUpper()));
        if (kind != u"ticket.issued")
            payload.insert(QStringLiteral("counter"), QStringLiteral("3"));
        return m.make(QStringLiteral("ticket"), m.id(what), kind, payload);
    };
    const auto issued = [&ticket](const QString &what) {
        return ticket(what, QStringLiteral("ticket.issued"),
                      {{QStringLiteral("category"), QStringLiteral("Trash-Graffiti")},
                       {QStringLiteral("day"), QStringLiteral("2026-12-06")},
                       {QStringLiteral("seq"), 12},
                       {QStringLiteral("language"), QStringLiteral("es")}});
    };
    const auto called = [&ticket](const QString &what) {
        return ticket(what, QStringLiteral("ticket.called"), {{QStringLiteral("round"), 0}});
    };
    cases.append({QStringLiteral("ticket.issued"), {}, issued(QStringLiteral("tk1")), Callers});
    cases.append({QStringLiteral("ticket.called"),
                  {issued(QStringLiteral("tk2"))},
                  called(QStringLiteral("tk2")),
                  Callers});
    const QList<std::pair<QString, QJsonObject>> atCounter = {
        {QStringLiteral("ticket.recalled"), {}},
        {QStringLiteral("ticket.no_show"), {}},
        {QStringLiteral("ticket.parked"), {{QStringLiteral("note"), QStringLiteral("form")}}},
        {QStringLiteral("ticket.transferred"),
         {{QStringLiteral("to_counter"), QStringLiteral("5")}}},
        {QStringLiteral("ticket.returned"), {}},
        {QStringLiteral("ticket.served"),
         {{QStringLiteral("outcome"), QStringLiteral("request_created")}}}};
    for (const auto &[kind, payload] : atCounter) {
        const QString what = u"tk-" + kind;
        cases.append({kind, {issued(what), called(what)}, ticket(what, kind, payload), Callers});
    }
    // Quality review (issue 16): supervisors and admins publish forms, submit evaluations,
    // decide disputes and write coaching notes; only the agent an evaluation is about (as the
    // store holds it) acknowledges or disputes it, within the window.
    const auto evaluation = [&m](const QString &what, const QString &agent,
                                 const QDateTime &at = QDateTime::currentDateTimeUtc()) {
        Event e = m.make(QStringLiteral("review"), m.id(what),
                         QStringLiteral("review.evaluation_submitted"), evaluationPayload(agent));
        e.clientTime = at;
        return e;
    };
    const auto answer = [&m](const QString &what, const QString &kind, const QString &agent) {
        return m.make(QStringLiteral("review"), m.id(what), kind,
                      {{QStringLiteral("agent"), agent},
                       {QStringLiteral("reason"), QStringLiteral("The caller hung up first")}});
    };
    QJsonObject form = evaluationPayload(QString()).value(u"form").toObject();
    form.insert(QStringLiteral("id"), m.id(QStringLiteral("form")));
    cases.append({QStringLiteral("review.form_published"),
                  {},
                  m.make(QStringLiteral("review"), m.id(QStringLiteral("form")),
                         QStringLiteral("review.form_published"), {{QStringLiteral("form"), form}}),
                  Supervisors});
    cases.append({QStringLiteral("review.evaluation_submitted"),
                  {},
                  evaluation(QStringLiteral("ev"), QStringLiteral("u_call_taker")),
                  Supervisors});
    cases.append({QStringLiteral("review.acknowledged own"),
                  {evaluation(QStringLiteral("ack"), QStringLiteral("u_call_taker"))},
                  answer(QStringLiteral("ack"), QStringLiteral("review.acknowledged"),
                         QStringLiteral("u_call_taker")),
                  {QStringLiteral("call_taker")}});
    cases.append({QStringLiteral("review.disputed own"),
                  {evaluation(QStringLiteral("dis"), QStringLiteral("u_lobby"))},
                  answer(QStringLiteral("dis"), QStringLiteral("review.disputed"),
                         QStringLiteral("u_lobby")),
                  {QStringLiteral("lobby")}});
    cases.append({QStringLiteral("review.disputed after the window"),
                  {evaluation(QStringLiteral("late"), QStringLiteral("u_editor"),
                              QDateTime::currentDateTimeUtc().addDays(-20))},
                  answer(QStringLiteral("late"), QStringLiteral("review.disputed"),
                         QStringLiteral("u_editor")),
                  {}});
    cases.append({QStringLiteral("review.decided"),
                  {evaluation(QStringLiteral("dec"), actor),
                   answer(QStringLiteral("dec"), QStringLiteral("review.disputed"), actor)},
                  m.make(QStringLiteral("review"), m.id(QStringLiteral("dec")),
                         QStringLiteral("review.decided"),
                         {{QStringLiteral("agent"), actor},
                          {QStringLiteral("decision"), QStringLiteral("upheld")},
                          {QStringLiteral("note"), QStringLiteral("The recording shows it")}}),
                  Supervisors});
    cases.append({QStringLiteral("review.coaching_noted"),
                  {evaluation(QStringLiteral("co"), QStringLiteral("u_call_taker"))},
                  m.make(QStringLiteral("review"), m.id(QStringLiteral("co")),
                         QStringLiteral("review.coaching_noted"),
                         {{QStringLiteral("agent"), QStringLiteral("u_call_taker")},
                          {QStringLiteral("note"), QStringLiteral("Practise the read-back")}}),
                  Supervisors});
    cases.append(
        {QStringLiteral("contact.call_ended"),
         {m.make(QStringLiteral("contact"), m.id(QStringLiteral("cc")),
                 QStringLiteral("contact.started"),
                 {{QStringLiteral("channel"), QStringLiteral("phone")},
                  {QStringLiteral("call_id"), QStringLiteral("pbx-9")}})},
         m.make(QStringLiteral("contact"), m.id(QStringLiteral("cc")),
                QStringLiteral("contact.call_ended"),
                {{QStringLiteral("call_id"), QStringLiteral("pbx-9")},
                 {QStringLiteral("call_ended_at"), QStringLiteral("2026-03-02T10:15:00.000Z")},
                 {QStringLiteral("call_end_cause"), QStringLiteral("normal")}}),
         Callers});
    // Known issues (issue 16): posted and withdrawn by supervisors and admins only.
    const auto knownIssue = [&m](const QString &what) {
        return m.make(QStringLiteral("known_issue"), m.id(what),
                      QStringLiteral("known_issue.posted"),
                      {{QStringLiteral("service_code"), QStringLiteral("STRLGTOUT")},
                       {QStringLiteral("type_name"), QStringLiteral("Street lights out")},
                       {QStringLiteral("agent_text"), QStringLiteral("A feeder cable is down")},
                       {QStringLiteral("caller_script"), QStringLiteral("A crew is on the way")},
                       {QStringLiteral("latitude"), 42.3601},
                       {QStringLiteral("longitude"), -71.0589},
                       {QStringLiteral("metres"), 300},
                       {QStringLiteral("expires_at"),
                        QDateTime::currentDateTimeUtc().addSecs(4 * 3600).toString(Qt::ISODate)},
                       {QStringLiteral("parent_id"), m.id(QStringLiteral("kiparent"))},
                       {QStringLiteral("parent_number"), m.number(QStringLiteral("kiparent"))}});
    };
    cases.append(
        {QStringLiteral("known_issue.posted"), {}, knownIssue(QStringLiteral("ki")), Supervisors});
    cases.append({QStringLiteral("known_issue.withdrawn"),
                  {knownIssue(QStringLiteral("ki2"))},
                  m.make(QStringLiteral("known_issue"), m.id(QStringLiteral("ki2")),
                         QStringLiteral("known_issue.withdrawn"), {}),
                  Supervisors});
    // Teams and the phone system's interval report (issue 16): supervisors and admins only.
    cases.append({QStringLiteral("team.member_set"),
                  {},
                  m.make(teammembership::entityType(), m.id(QStringLiteral("agent")),
                         teammembership::kind(), teammembership::payload(QStringLiteral("Day"))),
                  Supervisors});
    const PhoneInterval interval{m.id(QStringLiteral("q")), 1796976000, 15, 10, 8, 2, 7, 30, 12.5};
    cases.append(
        {QStringLiteral("phone.intervals_reported"),
         {},
         m.make(phoneday::entityType(), phoneday::dayId({2026, 12, 12}, interval.queue),
                phoneday::kind(), phoneday::payload({2026, 12, 12}, interval.queue, {interval})),
         Supervisors});
    // The cluster alerts' rules (issue 16): changed by supervisors and admins only.
    {
        ClusterRules after;
        after.fallback = ClusterRule{4, 250, 3};
        cases.append({QStringLiteral("cluster.rules_set"),
                      {},
                      m.make(clusterrulechange::entityType(), clusterrulechange::entityId(),
                             clusterrulechange::kind(),
                             clusterrulechange::payload({}, after, QString(), QString())),
                      Supervisors});
    }
    // An export of the figures, for the audit trail (issue 16): supervisors and admins only.
    exportrecord::Record exported;
    exported.what = QStringLiteral("contacts");
    exported.format = QStringLiteral("csv");
    exported.from = exported.to = QDate(2026, 12, 1);
    cases.append({exportrecord::kind(),
                  {},
                  m.make(exportrecord::entityType(), m.id(QStringLiteral("export")),
                         exportrecord::kind(), exportrecord::payload(exported)),
                  Supervisors});
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
