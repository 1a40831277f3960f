#include "models/domain/supervision/exportrecord.h"

#include <QCoreApplication>

namespace civicdesk::exportrecord {

namespace {
class Text
{
    Q_DECLARE_TR_FUNCTIONS(ExportRecord)
};

constexpr int MaxText = 200;

Error bad(const QString &part, const QString &message)
{
    return makeError(QStringLiteral("export.") + part, message);
}
} // namespace

QString entityType()
{
    return QStringLiteral("export");
}

QString kind()
{
    return QStringLiteral("supervision.exported");
}

QStringList whats()
{
    return {QStringLiteral("contacts"), QStringLiteral("requests"), QStringLiteral("lobby_visits"),
            QStringLiteral("evaluations"), QStringLiteral("monthly_report")};
}

QJsonObject payload(const Record &r)
{
    return {{QStringLiteral("what"), r.what},
            {QStringLiteral("format"), r.format},
            {QStringLiteral("rows"), r.rows},
            {QStringLiteral("from"), r.from.toString(Qt::ISODate)},
            {QStringLiteral("to"), r.to.toString(Qt::ISODate)},
            {QStringLiteral("team"), r.team},
            {QStringLiteral("agent"), r.agent},
            {QStringLiteral("channel"), r.channel},
            {QStringLiteral("caller_details"), r.callerDetails},
            {QStringLiteral("file"), r.file}};
}

Status check(const QString &entityId, const QJsonObject &p)
{
    if (entityId.trimmed().isEmpty())
        return bad(QStringLiteral("id"), Text::tr("An export needs an id."));
    if (!whats().contains(p.value(u"what").toString()))
        return bad(QStringLiteral("what"),
                   Text::tr("\"what\" must be one of: %1.").arg(whats().join(u", ")));
    const QString format = p.value(u"format").toString();
    if (format != u"csv" && format != u"pdf")
        return bad(QStringLiteral("format"), Text::tr("\"format\" must be csv or pdf."));
    if (!p.value(u"rows").isDouble() || p.value(u"rows").toDouble() < 0 ||
        p.value(u"rows").toDouble() != double(qint64(p.value(u"rows").toDouble())))
        return bad(QStringLiteral("rows"), Text::tr("\"rows\" must be a whole number, 0 or more."));
    const QDate from = QDate::fromString(p.value(u"from").toString(), Qt::ISODate);
    const QDate to = QDate::fromString(p.value(u"to").toString(), Qt::ISODate);
    if (!from.isValid() || !to.isValid() || to < from)
        return bad(QStringLiteral("period"),
                   Text::tr("\"from\" and \"to\" must be dates (YYYY-MM-DD), \"to\" not before "
                            "\"from\"."));
    for (const char *key : {"team", "agent", "channel", "file"}) {
        const QJsonValue v = p.value(QLatin1String(key));
        if (!v.isString() || v.toString().size() > MaxText)
            return bad(QString::fromLatin1(key),
                       Text::tr("\"%1\" must be text of at most %2 characters.")
                           .arg(QLatin1String(key))
                           .arg(MaxText));
    }
    if (!p.value(u"caller_details").isBool())
        return bad(QStringLiteral("caller_details"),
                   Text::tr("\"caller_details\" must be true or false."));
    return Ok{};
}

Record recordOf(const QJsonObject &p)
{
    Record r;
    r.what = p.value(u"what").toString();
    r.format = p.value(u"format").toString();
    r.rows = p.value(u"rows").toInt();
    r.from = QDate::fromString(p.value(u"from").toString(), Qt::ISODate);
    r.to = QDate::fromString(p.value(u"to").toString(), Qt::ISODate);
    r.team = p.value(u"team").toString();
    r.agent = p.value(u"agent").toString();
    r.channel = p.value(u"channel").toString();
    r.callerDetails = p.value(u"caller_details").toBool();
    r.file = p.value(u"file").toString();
    return r;
}

} // namespace civicdesk::exportrecord
