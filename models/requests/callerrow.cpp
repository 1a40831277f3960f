#include "models/requests/callerrow.h"

#include <QSqlQuery>
#include <QVariant>

namespace civicdesk::callerrow {

Caller from(const QSqlQuery &q, int first)
{
    Caller c;
    c.id = q.value(first).toString();
    c.name = q.value(first + 1).toString();
    c.phone = q.value(first + 2).toString();
    c.email = q.value(first + 3).toString();
    c.language = q.value(first + 4).toString();
    const QString preference = q.value(first + 5).toString();
    c.preference = preference == u"email"  ? ContactPreference::Email
                   : preference == u"mail" ? ContactPreference::Mail
                   : preference == u"none" ? ContactPreference::None
                                           : ContactPreference::Phone;
    return c;
}

} // namespace civicdesk::callerrow
