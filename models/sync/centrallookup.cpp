#include "models/sync/centrallookup.h"

#include "models/domain/servicerequest.h"
#include "models/domain/text/jsonnumber.h"
#include "models/requests/requestsearchrepository.h"
#include "models/sync/syncclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QPointer>

namespace civicdesk {

namespace {

QString keyName(CentralLookup::Key key)
{
    switch (key) {
    case CentralLookup::Key::Number:
        return QStringLiteral("number");
    case CentralLookup::Key::Phone:
        return QStringLiteral("phone");
    case CentralLookup::Key::Address:
        return QStringLiteral("address");
    }
    return {};
}

// Milliseconds since 1970 (up to the end of 9999) or ISO 8601 text; an error names the field.
Result<QDateTime> timeOf(const QJsonValue &value, const QString &field)
{
    if (!value.isDouble())
        return QDateTime::fromString(value.toString(), Qt::ISODate);
    const auto ms = readJsonWholeNumber(value, field, 0, Q_INT64_C(253402300799999));
    if (!ms)
        return ms.error();
    return QDateTime::fromMSecsSinceEpoch(ms.value(), Qt::UTC);
}

} // namespace

CentralLookup::CentralLookup(Database &database, SyncClient *client, QObject *parent)
    : QObject(parent), m_database(database), m_client(client)
{
}

CentralLookup::Answer CentralLookup::local(Key key, const QString &value, const QString &note) const
{
    Answer answer;
    answer.note = note;
    RequestSearchRepository search(m_database);
    HistoryFilter filter;
    if (key == Key::Phone)
        filter.phone = value;
    else
        filter.text = value;
    const RequestPage page = search.page(filter, PageCursor{}, 50);
    for (const ServiceRequest &r : page.rows)
        answer.rows.append(Row{r.id, r.number, r.typeName, requestStatusName(r.status), r.address,
                               r.description, r.openedAt});
    return answer;
}

void CentralLookup::find(Key key, const QString &value, std::function<void(const Answer &)> done)
{
    if (!m_client) {
        done(local(key, value,
                   QCoreApplication::translate("Sync", "Standalone: showing this workstation's "
                                                       "records only.")));
        return;
    }
    if (m_client->token().isEmpty()) {
        done(local(key, value,
                   QCoreApplication::translate("Sync", "Not signed in to the central store: "
                                                       "showing this workstation's records "
                                                       "only.")));
        return;
    }
    QPointer<CentralLookup> self(this);
    m_client->findRequests(keyName(key), value, 50, [self, key, value, done](Result<QJsonArray> r) {
        if (!self)
            return;
        if (!r) {
            done(self->local(key, value,
                             QCoreApplication::translate("Sync",
                                                         "The central store cannot be reached "
                                                         "(%1): showing this workstation's "
                                                         "records only.")
                                 .arg(r.error().message)));
            return;
        }
        Answer answer;
        answer.central = true;
        for (const QJsonValue &v : r.value()) {
            const QJsonObject o = v.toObject();
            const auto opened = timeOf(o.value(u"opened_at"), QStringLiteral("opened_at"));
            if (!opened) {
                done(self->local(key, value,
                                 QCoreApplication::translate("Sync",
                                                             "The central store's answer could "
                                                             "not be read (%1): showing this "
                                                             "workstation's records only.")
                                     .arg(opened.error().message)));
                return;
            }
            answer.rows.append(Row{o.value(u"id").toString(), o.value(u"number").toString(),
                                   o.value(u"type_name").toString(), o.value(u"status").toString(),
                                   o.value(u"address").toString(),
                                   o.value(u"description").toString(), opened.value()});
        }
        done(answer);
    });
}

} // namespace civicdesk
