// The permission matrix's later cases: article revisions, the lobby queue, quality review,
// known issues and cluster rules (see permissionmatrix.h).

#include "models/domain/supervision/exportrecord.h"
#include "tests/support/permissionmaker.h"

namespace civicdesk::test::permissions {

void appendWorkspaceCases(QList<PermissionCase> &cases, const Maker &m, const QString &actor)
{
    // The events of a published article, copied below onto articles of their own.
    const QList<Event> published = {m.article(QStringLiteral("p")),
                                    m.articleTo(QStringLiteral("p"), QStringLiteral("in_review")),
                                    m.articleTo(QStringLiteral("p"), QStringLiteral("published"))};
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
}

} // namespace civicdesk::test::permissions
