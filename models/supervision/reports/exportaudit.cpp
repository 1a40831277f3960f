#include "models/supervision/reports/exportaudit.h"

#include "models/domain/event.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"

#include <QFileInfo>

namespace civicdesk::exportaudit {

QString whatOf(SupervisionExport::ExportKind kind)
{
    switch (kind) {
    case SupervisionExport::ExportKind::Contacts:
        return QStringLiteral("contacts");
    case SupervisionExport::ExportKind::Requests:
        return QStringLiteral("requests");
    case SupervisionExport::ExportKind::Evaluations:
        return QStringLiteral("evaluations");
    case SupervisionExport::ExportKind::LobbyVisits:
        return QStringLiteral("lobby_visits");
    }
    return QString();
}

exportrecord::Record recordOf(const QString &what, const QString &format, int rows,
                              const KpiFilter &filter, bool callerDetails, const QString &path)
{
    exportrecord::Record r;
    r.what = what;
    r.format = format;
    r.rows = rows;
    r.from = filter.period.first;
    r.to = filter.period.last;
    r.team = filter.team;
    r.agent = filter.agent;
    r.channel = filter.channel;
    r.callerDetails = callerDetails;
    r.file = QFileInfo(path).fileName().left(200);
    return r;
}

Status record(Database &database, EventStore &events, const QString &actor, const QDateTime &at,
              const exportrecord::Record &record)
{
    const QJsonObject payload = exportrecord::payload(record);
    if (auto s = exportrecord::check(Event::newId(), payload); !s)
        return s;
    auto device = database.deviceCode();
    if (!device)
        return device.error();
    const Event event = Event::make(exportrecord::entityType(), Event::newId(),
                                    exportrecord::kind(), payload, actor, device.value(), at);
    if (auto r = events.append(event); !r)
        return r.error();
    return Ok{};
}

} // namespace civicdesk::exportaudit
