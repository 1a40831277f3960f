#include "models/store/projections/contactprojection.h"

#include "models/domain/contact.h"
#include "models/domain/intakestep.h"
#include "models/domain/languagecode.h"
#include "models/store/projections/payload.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace civicdesk::contactprojection {

using projection::invalid;
using projection::isoToEpoch;
using projection::str;

namespace {

// The call a contact was taken on (optional in contact.started): a call id of at most
// maxCallIdLength characters, a number that is E.164 or a short code, a valid offer time.
Status validateContactCall(const Event &e)
{
    if (!e.payload.contains(u"call_id"))
        return Ok{};
    const QString callId = str(e, u"call_id");
    if (callId.trimmed().isEmpty() || callId.size() > maxCallIdLength)
        return invalid(e, QStringLiteral("call_id"),
                       QCoreApplication::translate("Storage", "must be 1 to %1 characters")
                           .arg(maxCallIdLength));
    static const QRegularExpression number(QStringLiteral("^(\\+[1-9][0-9]{7,14}|[0-9]{3,6})?$"));
    if (!number.match(str(e, u"call_number")).hasMatch())
        return invalid(
            e, QStringLiteral("call_number"),
            QCoreApplication::translate("Storage", "is neither an E.164 number nor a short code"));
    for (const char16_t *key : {u"call_number_raw", u"call_dialled", u"call_queue"}) {
        if (str(e, key).size() > maxCallIdLength)
            return invalid(e, QString::fromUtf16(key),
                           QCoreApplication::translate("Storage", "is longer than %1 characters")
                               .arg(maxCallIdLength));
    }
    if (e.payload.contains(u"call_offered_at") &&
        !QDateTime::fromString(str(e, u"call_offered_at"), Qt::ISODate).isValid())
        return invalid(e, QStringLiteral("call_offered_at"),
                       QCoreApplication::translate("Storage", "is not an ISO 8601 time"));
    return Ok{};
}

} // namespace

bool handles(const Event &event)
{
    static const QStringList kinds = {
        QStringLiteral("contact.started"),           QStringLiteral("contact.ended"),
        QStringLiteral("contact.call_ended"),        QStringLiteral("contact.step_recorded"),
        QStringLiteral("contact.search_unanswered"), QStringLiteral("contact.article_opened"),
        QStringLiteral("agent.help_requested"),      QStringLiteral("agent.help_answered")};
    return kinds.contains(event.kind);
}

Status validate(const Event &e)
{
    if (e.kind == u"contact.search_unanswered") {
        const QString query = str(e, u"query").trimmed();
        if (query.isEmpty() || query.size() > maxUnansweredSearchLength)
            return invalid(e, QStringLiteral("query"),
                           QCoreApplication::translate("Storage", "must be 1 to %1 characters")
                               .arg(maxUnansweredSearchLength));
        // The language the search was read in: required (empty when it is not known).
        if (!e.payload.value(u"language").isString())
            return invalid(e, QStringLiteral("language"),
                           QCoreApplication::translate(
                               "Storage", "is missing: give the search's language code (such as "
                                          "en or es), or an empty text when it is not known"));
        if (!str(e, u"language").isEmpty() && !isLanguageCode(str(e, u"language")))
            return invalid(e, QStringLiteral("language"),
                           QCoreApplication::translate("Storage", "is not a language code"));
        return Ok{};
    }
    if (e.kind == u"agent.help_requested" || e.kind == u"agent.help_answered") {
        // An agent's help flag (models/supervision/helpflags.h), read from the log itself.
        if (e.entityType != u"agent")
            return invalid(e, QStringLiteral("entity_type"),
                           QCoreApplication::translate("Storage", "must be agent"));
        if (str(e, u"note").size() > 200)
            return invalid(e, QStringLiteral("note"),
                           QCoreApplication::translate("Storage", "is longer than 200 characters"));
        // The lobby counter a flag was raised at: a counter's name (at most 20 characters).
        if (str(e, u"counter").size() > 20)
            return invalid(
                e, QStringLiteral("counter"),
                QCoreApplication::translate("Storage", "is longer than %1 characters").arg(20));
        return Ok{};
    }
    if (e.kind == u"contact.started") {
        if (!channelFromName(str(e, u"channel")))
            return invalid(e, QStringLiteral("channel"),
                           QCoreApplication::translate("Storage", "is not a known channel"));
        return validateContactCall(e);
    }
    if (e.kind == u"contact.step_recorded") {
        if (!isIntakeStepKind(str(e, u"step")))
            return invalid(e, QStringLiteral("step"),
                           QCoreApplication::translate("Storage", "is not a known intake step"));
        if (!e.payload.value(u"detail").isObject())
            return invalid(e, QStringLiteral("detail"),
                           QCoreApplication::translate("Storage", "must be an object"));
        return Ok{};
    }
    if (e.kind == u"contact.ended") {
        if (!outcomeFromName(str(e, u"outcome")))
            return invalid(e, QStringLiteral("outcome"),
                           QCoreApplication::translate("Storage", "is not a known outcome"));
        if (e.payload.contains(u"call_end_cause") &&
            !callEndCauseFromName(str(e, u"call_end_cause")))
            return invalid(e, QStringLiteral("call_end_cause"),
                           QCoreApplication::translate("Storage", "is not a known call end cause"));
        if (e.payload.contains(u"call_ended_at") &&
            !QDateTime::fromString(str(e, u"call_ended_at"), Qt::ISODate).isValid())
            return invalid(e, QStringLiteral("call_ended_at"),
                           QCoreApplication::translate("Storage", "is not an ISO 8601 time"));
        return Ok{};
    }
    if (e.kind == u"contact.call_ended") {
        // The call outlived its contact: its end comes after the contact's.
        if (!callEndCauseFromName(str(e, u"call_end_cause")))
            return invalid(e, QStringLiteral("call_end_cause"),
                           QCoreApplication::translate("Storage", "is not a known call end cause"));
        if (!QDateTime::fromString(str(e, u"call_ended_at"), Qt::ISODate).isValid())
            return invalid(e, QStringLiteral("call_ended_at"),
                           QCoreApplication::translate("Storage", "is not an ISO 8601 time"));
        return Ok{};
    }
    return Ok{}; // contact.article_opened
}

Status apply(QSqlDatabase &db, const Event &e)
{
    const qint64 now = e.clientTime.toSecsSinceEpoch();
    if (e.kind == u"agent.help_requested" || e.kind == u"agent.help_answered")
        return Ok{}; // no projection: the open flags are read from the event log
    if (e.kind == u"contact.started")
        return sql::execCached(
            db,
            QStringLiteral("INSERT INTO contacts(id, channel, agent, caller_id, started_at, "
                           "call_id, call_number, call_number_raw, call_dialled, call_queue, "
                           "call_offered_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {e.entityId, str(e, u"channel"), e.actor, sql::nullable(str(e, u"caller_id")), now,
             sql::nullable(str(e, u"call_id")), sql::nullable(str(e, u"call_number")),
             sql::nullable(str(e, u"call_number_raw")), sql::nullable(str(e, u"call_dialled")),
             sql::nullable(str(e, u"call_queue")), isoToEpoch(str(e, u"call_offered_at"))});
    if (e.kind == u"contact.ended")
        return sql::execCached(
            db,
            QStringLiteral("UPDATE contacts SET ended_at = ?, outcome = ?, transfer_destination = "
                           "?, notes = ?, call_ended_at = COALESCE(?, call_ended_at), "
                           "call_end_cause = COALESCE(?, call_end_cause) WHERE id = ?"),
            {now, str(e, u"outcome"), sql::nullable(str(e, u"transfer_destination")),
             str(e, u"notes"), isoToEpoch(str(e, u"call_ended_at")),
             sql::nullable(str(e, u"call_end_cause")), e.entityId});
    if (e.kind == u"contact.call_ended")
        return sql::execCached(
            db,
            QStringLiteral(
                "UPDATE contacts SET call_ended_at = ?, call_end_cause = ? WHERE id = ?"),
            {isoToEpoch(str(e, u"call_ended_at")), str(e, u"call_end_cause"), e.entityId});
    // The steps stay in the event log only: replay and scoring read them per contact.
    if (e.kind == u"contact.step_recorded")
        return Ok{};
    if (e.kind == u"contact.search_unanswered")
        return sql::execCached(
            db,
            QStringLiteral("INSERT INTO knowledge_gaps(contact_id, query, language, searched_at) "
                           "VALUES(?, ?, ?, ?) ON CONFLICT DO NOTHING"),
            {e.entityId, str(e, u"query").trimmed(), str(e, u"language"), now});
    // contact.article_opened
    return sql::execCached(db,
                           QStringLiteral("INSERT INTO contact_articles(contact_id, article_id, "
                                          "opened_at) VALUES(?, ?, ?) ON CONFLICT DO NOTHING"),
                           {e.entityId, str(e, u"article_id"), now});
}

} // namespace civicdesk::contactprojection
