#include "models/central/pushrefusal.h"

#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>
#include <algorithm>

namespace civicdesk::pushrefusal {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(CentralLog)
};

// Errors of the store itself (storage.sql, storage.transaction) carry the driver's text.
bool fromTheDriver(const Error &failure)
{
    return failure.code.startsWith(u"storage.");
}

} // namespace

QString messageOf(const Error &failure)
{
    if (!fromTheDriver(failure))
        return failure.message;
    qCWarning(lcStorage) << "an event refused while being written:" << failure.message;
    return Text::tr("The central store cannot keep this event: it clashes with what is stored "
                    "already. Nothing of it was written; make the change again as a new event.");
}

EventRejection of(QSqlDatabase &db, const Event &event, const Error &failure,
                  const QList<Event> &written)
{
    const QString message = messageOf(failure);
    if (fromTheDriver(failure) && event.kind == u"request.created") {
        const QString number = event.payload.value(u"number").toString();
        const bool inBatch = std::any_of(written.begin(), written.end(), [&](const Event &e) {
            return e.kind == u"request.created" && e.payload.value(u"number") == number;
        });
        QSqlQuery query(db);
        if (inBatch || (sql::exec(query, QStringLiteral("SELECT 1 FROM requests WHERE number = ?"),
                                  {number}) &&
                        query.next()))
            return EventRejection{event.id, QStringLiteral("conflict"),
                                  Text::tr("Request number %1 belongs to another request "
                                           "already; give this request a new number.")
                                      .arg(number),
                                  QStringLiteral("payload.number")};
    }
    return EventRejection{event.id, QStringLiteral("conflict"), message, {}};
}

void inBatchOrder(const QList<Event> &events, QList<std::pair<QString, qint64>> *accepted,
                  QList<EventRejection> *rejected)
{
    QHash<QString, qsizetype> position;
    for (qsizetype i = events.size() - 1; i >= 0; --i)
        position.insert(events.at(i).id, i); // an id twice in a batch: its first place
    std::stable_sort(accepted->begin(), accepted->end(), [&](const auto &a, const auto &b) {
        return position.value(a.first) < position.value(b.first);
    });
    std::stable_sort(rejected->begin(), rejected->end(), [&](const auto &a, const auto &b) {
        return position.value(a.id) < position.value(b.id);
    });
}

} // namespace civicdesk::pushrefusal
