#pragma once

// Inside the permission matrix (permissionmatrix.cpp, permissionworkspacecases.cpp): the role
// sets the cases expect and the maker of their events.

#include "models/domain/supervision/clusterrulechange.h"
#include "models/domain/supervision/evaluationform.h"
#include "models/domain/supervision/phoneinterval.h"
#include "models/domain/supervision/teammembership.h"
#include "tests/support/permissionmatrix.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QTest>

namespace civicdesk::test::permissions {

inline const QSet<QString> Callers = {QStringLiteral("call_taker"), QStringLiteral("lobby"),
                                      QStringLiteral("supervisor"), QStringLiteral("editor"),
                                      QStringLiteral("admin")};
inline const QSet<QString> Supervisors = {QStringLiteral("supervisor"), QStringLiteral("admin")};
inline const QSet<QString> Writers = {QStringLiteral("supervisor"), QStringLiteral("editor"),
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
inline QJsonObject evaluationPayload(const QString &agent)
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

// The cases of the article revisions, the lobby queue, quality review (forms, evaluations,
// disputes, coaching), known issues and cluster rules, appended in that order to `cases`.
void appendWorkspaceCases(QList<PermissionCase> &cases, const Maker &m, const QString &actor);

} // namespace civicdesk::test::permissions
