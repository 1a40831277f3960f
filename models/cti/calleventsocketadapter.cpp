#include "models/cti/calleventsocketadapter.h"

#include "models/cti/ctilogging.h"
#include "models/domain/contact.h"
#include "models/domain/languagecode.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace civicdesk {

namespace {
class Text
{
    Q_DECLARE_TR_FUNCTIONS(CallEventSocketAdapter)
};

// The longest line accepted: an event is a few hundred bytes.
constexpr qsizetype maxLine = 64 * 1024;
} // namespace

CallEventSocketAdapter::CallEventSocketAdapter(const CtiEndpoint &endpoint,
                                               const NumberingPlan &plan, QObject *parent)
    : TelephonyAdapter(endpoint, plan, parent)
{
}

QString CallEventSocketAdapter::description() const
{
    if (!endpoint().localPath.isEmpty())
        return Text::tr("call-event socket %1").arg(endpoint().localPath);
    return Text::tr("call-event socket %1:%2").arg(endpoint().host).arg(endpoint().port);
}

void CallEventSocketAdapter::received(QByteArray &buffer)
{
    for (;;) {
        const qsizetype newline = buffer.indexOf('\n');
        if (newline < 0) {
            if (buffer.size() > maxLine) {
                emit lineRefused(QString::fromUtf8(buffer.left(80)),
                                 Text::tr("a line longer than %1 bytes").arg(maxLine));
                buffer.clear();
            }
            return;
        }
        const QByteArray line = buffer.left(newline).trimmed();
        buffer.remove(0, newline + 1);
        if (!line.isEmpty())
            handle(line);
    }
}

void CallEventSocketAdapter::handle(const QByteArray &line)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    const auto refuse = [this, &line](const QString &why) {
        qCWarning(lcCti) << "call-event socket: refused" << line << ":" << why;
        emit lineRefused(QString::fromUtf8(line), why);
    };
    if (!document.isObject())
        return refuse(Text::tr("not a JSON object (%1)").arg(error.errorString()));
    const QJsonObject message = document.object();
    const QString event = message.value(u"event").toString();
    if (event == u"error")
        return emit commandFailed(Text::tr("The phone system refused the command: %1")
                                      .arg(message.value(u"message").toString()));
    const QString callId = message.value(u"call_id").toString().trimmed();
    if (callId.isEmpty() || callId.size() > maxCallIdLength)
        return refuse(Text::tr("\"call_id\" must be 1 to %1 characters").arg(maxCallIdLength));
    QDateTime at;
    if (message.contains(u"at")) {
        at = QDateTime::fromString(message.value(u"at").toString(), Qt::ISODateWithMs);
        if (!at.isValid())
            return refuse(Text::tr("\"at\" is not an ISO 8601 time"));
        at = at.toUTC();
    }
    if (event == u"offered") {
        CallOffer offer;
        offer.callId = callId;
        offer.caller = PhoneNumber::parse(message.value(u"from").toString(), plan());
        offer.dialledNumber = message.value(u"to").toString().trimmed();
        offer.queue = message.value(u"queue").toString().trimmed();
        const QString language = message.value(u"language").toString().trimmed().toLower();
        // "es-US" from an IVR is Spanish.
        const QString primary = language.section(u'-', 0, 0).section(u'_', 0, 0);
        if (!primary.isEmpty() && !isLanguageCode(primary))
            return refuse(Text::tr("\"language\" is not a language code"));
        offer.language = primary;
        offer.at = at;
        reportOffered(offer);
    } else if (event == u"answered") {
        reportAnswered(callId, at);
    } else if (event == u"ended") {
        CallEnd end;
        end.callId = callId;
        const QString cause = message.value(u"cause").toString(QStringLiteral("normal"));
        const auto known = callEndCauseFromName(cause.trimmed().toLower());
        if (!known)
            return refuse(Text::tr("\"cause\" %1 is not one of normal, missed, busy, rejected, "
                                   "transferred, failed")
                              .arg(cause));
        end.cause = *known;
        end.detail = message.value(u"detail").toString();
        end.at = at;
        reportEnded(end);
    } else {
        refuse(Text::tr("\"event\" must be offered, answered, ended or error"));
    }
}

void CallEventSocketAdapter::command(QJsonObject object)
{
    send(QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n');
}

void CallEventSocketAdapter::answer(const QString &callId)
{
    command({{QStringLiteral("command"), QStringLiteral("answer")},
             {QStringLiteral("call_id"), callId}});
}

void CallEventSocketAdapter::hangUp(const QString &callId)
{
    command({{QStringLiteral("command"), QStringLiteral("hangup")},
             {QStringLiteral("call_id"), callId}});
}

void CallEventSocketAdapter::transfer(const QString &callId, const QString &target)
{
    command({{QStringLiteral("command"), QStringLiteral("transfer")},
             {QStringLiteral("call_id"), callId},
             {QStringLiteral("target"), target.trimmed()}});
}

void CallEventSocketAdapter::dial(const QString &number)
{
    command({{QStringLiteral("command"), QStringLiteral("dial")},
             {QStringLiteral("number"), number.trimmed()}});
}

} // namespace civicdesk
