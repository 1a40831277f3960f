#include "models/domain/supervision/phoneinterval.h"

#include "models/domain/text/jsonnumber.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace civicdesk {

namespace {
class Text
{
    Q_DECLARE_TR_FUNCTIONS(PhoneInterval)
};

constexpr qint64 MaxStart = Q_INT64_C(253402300799); // 9999-12-31T23:59:59Z, in UTC seconds
} // namespace

QList<int> PhoneInterval::allowedMinutes()
{
    return {5, 10, 15, 30, 60};
}

QString PhoneInterval::problem() const
{
    if (queue.trimmed().isEmpty() || queue.size() > phoneday::MaxQueueLength)
        return Text::tr("queue must be 1 to %1 characters").arg(phoneday::MaxQueueLength);
    if (start < 0 || start > MaxStart)
        return Text::tr("start must be whole UTC seconds from 1970 to 9999");
    if (!allowedMinutes().contains(minutes))
        return Text::tr("interval_minutes must be 5, 10, 15, 30 or 60");
    for (const auto &[name, value] :
         {std::pair{"offered", offered}, std::pair{"answered", answered},
          std::pair{"abandoned", abandoned}, std::pair{"answered_within", answeredWithin}}) {
        if (value < 0 || value > MaxCount)
            return Text::tr("%1 must be a whole number from 0 to %2")
                .arg(QLatin1String(name))
                .arg(MaxCount);
    }
    if (answered + abandoned > offered)
        return Text::tr("answered (%1) plus abandoned (%2) is more than offered (%3)")
            .arg(answered)
            .arg(abandoned)
            .arg(offered);
    if (answeredWithin > answered)
        return Text::tr("answered_within (%1) is more than answered (%2)")
            .arg(answeredWithin)
            .arg(answered);
    if (thresholdSeconds < 1 || thresholdSeconds > MaxThresholdSeconds)
        return Text::tr("threshold_seconds must be 1 to %1").arg(MaxThresholdSeconds);
    if (!(asaSeconds >= 0 && asaSeconds <= MaxAsaSeconds))
        return Text::tr("asa_seconds must be a number of seconds from 0 to %1").arg(MaxAsaSeconds);
    return QString();
}

QJsonObject PhoneInterval::toJson() const
{
    return {{QStringLiteral("start"), start},
            {QStringLiteral("minutes"), minutes},
            {QStringLiteral("offered"), offered},
            {QStringLiteral("answered"), answered},
            {QStringLiteral("abandoned"), abandoned},
            {QStringLiteral("answered_within"), answeredWithin},
            {QStringLiteral("threshold_seconds"), thresholdSeconds},
            {QStringLiteral("asa_seconds"), asaSeconds}};
}

PhoneInterval PhoneInterval::fromJson(const QJsonObject &o, const QString &queue)
{
    PhoneInterval i;
    i.queue = queue;
    // A number that is not whole or out of range becomes -1, which problem() names.
    const auto whole = [&o](QStringView name, qint64 max) {
        return jsonWholeNumber(o.value(name), 0, max).value_or(-1);
    };
    i.start = whole(u"start", MaxStart);
    i.minutes = int(whole(u"minutes", 24 * 60));
    i.offered = whole(u"offered", MaxCount);
    i.answered = whole(u"answered", MaxCount);
    i.abandoned = whole(u"abandoned", MaxCount);
    i.answeredWithin = whole(u"answered_within", MaxCount);
    i.thresholdSeconds = int(whole(u"threshold_seconds", MaxThresholdSeconds));
    i.asaSeconds = o.value(u"asa_seconds").toDouble(-1);
    return i;
}

namespace phoneday {

QString entityType()
{
    return QStringLiteral("phone_day");
}

QString kind()
{
    return QStringLiteral("phone.intervals_reported");
}

QString dayId(QDate date, const QString &queue)
{
    return date.toString(Qt::ISODate) + u'|' + queue;
}

QJsonObject payload(QDate date, const QString &queue, const QList<PhoneInterval> &list)
{
    QJsonArray rows;
    for (const PhoneInterval &i : list)
        rows.append(i.toJson());
    return {{QStringLiteral("date"), date.toString(Qt::ISODate)},
            {QStringLiteral("queue"), queue},
            {QStringLiteral("intervals"), rows}};
}

QList<PhoneInterval> intervals(const QJsonObject &payload)
{
    QList<PhoneInterval> list;
    const QString queue = payload.value(u"queue").toString();
    for (const QJsonValue &v : payload.value(u"intervals").toArray())
        list.append(PhoneInterval::fromJson(v.toObject(), queue));
    return list;
}

Status check(const QString &entityId, const QJsonObject &payload)
{
    const auto bad = [](const QString &field, const QString &problem) {
        return makeError(QStringLiteral("phone.interval"), field + u": " + problem);
    };
    const QDate date = QDate::fromString(payload.value(u"date").toString(), Qt::ISODate);
    if (!date.isValid())
        return bad(QStringLiteral("date"), Text::tr("must be an ISO 8601 date"));
    const QString queue = payload.value(u"queue").toString();
    if (queue.trimmed().isEmpty() || queue.size() > MaxQueueLength || queue.contains(u'|'))
        return bad(QStringLiteral("queue"),
                   Text::tr("must be 1 to %1 characters without \"|\"").arg(MaxQueueLength));
    if (entityId != dayId(date, queue))
        return bad(QStringLiteral("entity_id"), Text::tr("must be the date and queue"));
    const QJsonArray rows = payload.value(u"intervals").toArray();
    if (rows.isEmpty() || rows.size() > MaxIntervals)
        return bad(QStringLiteral("intervals"),
                   Text::tr("must hold 1 to %1 intervals").arg(MaxIntervals));
    for (const PhoneInterval &i : intervals(payload)) {
        if (const QString p = i.problem(); !p.isEmpty())
            return bad(QStringLiteral("intervals"), p);
    }
    return Ok{};
}

} // namespace phoneday

} // namespace civicdesk
