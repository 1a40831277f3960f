#include "models/itemmodels/requesttexts.h"

#include <QCoreApplication>
#include <QLocale>
#include <iterator>

namespace civicdesk::requesttexts {

QString columnTitle(int column)
{
    static const char *const titles[] = {
        QT_TRANSLATE_NOOP("civicdesk::RequestListModel", "Number"),
        QT_TRANSLATE_NOOP("civicdesk::RequestListModel", "Type"),
        QT_TRANSLATE_NOOP("civicdesk::RequestListModel", "Status"),
        QT_TRANSLATE_NOOP("civicdesk::RequestListModel", "SLA"),
        QT_TRANSLATE_NOOP("civicdesk::RequestListModel", "Channel"),
        QT_TRANSLATE_NOOP("civicdesk::RequestListModel", "Address")};
    if (column < 0 || column >= int(std::size(titles)))
        return {};
    return QCoreApplication::translate("civicdesk::RequestListModel", titles[column]);
}

QString status(RequestStatus status)
{
    switch (status) {
    case RequestStatus::Open:
        return QCoreApplication::translate("civicdesk::RequestListModel", "Open");
    case RequestStatus::InProgress:
        return QCoreApplication::translate("civicdesk::RequestListModel", "In progress");
    case RequestStatus::Closed:
        return QCoreApplication::translate("civicdesk::RequestListModel", "Closed");
    }
    return {};
}

QString status(const ServiceRequest &request)
{
    const QString generic = status(request.status);
    const QString word = request.sourceStatus.simplified();
    // The city's word adds nothing when it is the generic word itself, in English (the packs'
    // usual "Open"/"Closed") or in the language shown.
    static const QStringList plain = {QStringLiteral("open"), QStringLiteral("closed"),
                                      QStringLiteral("in progress"), QStringLiteral("in_progress")};
    if (word.isEmpty() || plain.contains(word.toLower()) ||
        word.compare(generic, Qt::CaseInsensitive) == 0)
        return generic;
    return QCoreApplication::translate("civicdesk::RequestListModel", "%1 · %2",
                                       "generic status · the city's own status word")
        .arg(generic, word);
}

QString sla(SlaState state)
{
    switch (state) {
    case SlaState::NoTarget:
        return QCoreApplication::translate("civicdesk::RequestListModel", "No target");
    case SlaState::OnTime:
        return QCoreApplication::translate("civicdesk::RequestListModel", "On time");
    case SlaState::DueSoon:
        return QCoreApplication::translate("civicdesk::RequestListModel", "Due soon");
    case SlaState::Overdue:
        return QCoreApplication::translate("civicdesk::RequestListModel", "Overdue");
    }
    return {};
}

QString channel(const QString &channel)
{
    if (channel == u"phone")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Phone");
    if (channel == u"web")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Web");
    if (channel == u"app")
        return QCoreApplication::translate("civicdesk::RequestListModel", "App");
    if (channel == u"employee")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Employee");
    if (channel == u"social")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Social media");
    if (channel == u"walk_in")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Walk-in");
    if (channel == u"email")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Email");
    if (channel == u"text")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Text message");
    if (channel == u"mail")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Mail");
    if (channel == u"open311")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Open311");
    return channel;
}

QString outcome(std::optional<Outcome> outcome)
{
    if (!outcome)
        return QCoreApplication::translate("civicdesk::RequestListModel", "Contact running");
    switch (*outcome) {
    case Outcome::InformationGiven:
        return QCoreApplication::translate("civicdesk::RequestListModel", "Information given");
    case Outcome::RequestCreated:
        return QCoreApplication::translate("civicdesk::RequestListModel", "Request created");
    case Outcome::AttachedToExisting:
        return QCoreApplication::translate("civicdesk::RequestListModel",
                                           "Attached to an existing request");
    case Outcome::WarmTransfer:
        return QCoreApplication::translate("civicdesk::RequestListModel", "Warm transfer");
    case Outcome::ColdTransfer:
        return QCoreApplication::translate("civicdesk::RequestListModel", "Cold transfer");
    case Outcome::Complaint:
        return QCoreApplication::translate("civicdesk::RequestListModel", "Complaint");
    case Outcome::CallerHungUp:
        return QCoreApplication::translate("civicdesk::RequestListModel", "Caller hung up");
    case Outcome::Referred:
        return QCoreApplication::translate("civicdesk::RequestListModel", "Referred elsewhere");
    }
    return {};
}

QString closureReason(const QString &reason)
{
    if (reason == u"resolved")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Resolved");
    if (reason == u"duplicate")
        return QCoreApplication::translate("civicdesk::RequestListModel",
                                           "Duplicate of another request");
    if (reason == u"no_action_needed")
        return QCoreApplication::translate("civicdesk::RequestListModel", "No action needed");
    if (reason == u"referred")
        return QCoreApplication::translate("civicdesk::RequestListModel",
                                           "Referred to another agency");
    if (reason == u"unable_to_locate")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Unable to locate");
    if (reason == u"invalid")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Not a valid request");
    return reason;
}

QString field(const QString &field)
{
    if (field == u"description")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Description");
    if (field == u"address")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Address");
    if (field == u"service_code" || field == u"type_name")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Type");
    if (field == u"neighborhood")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Neighborhood");
    if (field == u"department_code")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Department");
    if (field == u"caller_id")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Caller");
    return field;
}

namespace {
QDateTime shown(const QDateTime &moment, const QTimeZone &zone)
{
    return zone.isValid() ? moment.toTimeZone(zone) : moment.toLocalTime();
}
} // namespace

QString listMoment(const QDateTime &when, const QDateTime &now, const QTimeZone &zone)
{
    const QDateTime moment = shown(when, zone);
    if (moment.date() == shown(now, zone).date())
        return QLocale().toString(moment.time(), QLocale::ShortFormat);
    return QLocale().toString(moment.date(), QLocale::ShortFormat);
}

QString fullMoment(const QDateTime &when, const QTimeZone &zone)
{
    return QLocale().toString(shown(when, zone), QLocale::ShortFormat);
}

QString callbackOutcome(const QString &outcome)
{
    if (outcome == u"reached")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Reached the caller");
    if (outcome == u"left_message")
        return QCoreApplication::translate("civicdesk::RequestListModel", "Left a message");
    if (outcome == u"no_answer")
        return QCoreApplication::translate("civicdesk::RequestListModel", "No answer");
    if (outcome == u"not_needed")
        return QCoreApplication::translate("civicdesk::RequestListModel", "No longer needed");
    if (outcome == u"request_closed")
        return QCoreApplication::translate("civicdesk::RequestListModel", "The request was closed");
    return outcome;
}

} // namespace civicdesk::requesttexts
