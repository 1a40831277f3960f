#include "models/cti/baresipadapter.h"

#include "models/cti/ctilogging.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace civicdesk {

namespace {
class Text
{
    Q_DECLARE_TR_FUNCTIONS(BaresipAdapter)
};

// The user part of a SIP URI, "sip:+16175550100@127.0.0.1:5082" -> "+16175550100".
QString sipUser(const QString &uri)
{
    QString user = uri;
    if (const qsizetype colon = user.indexOf(u':'); colon >= 0 && colon < user.indexOf(u'@'))
        user = user.mid(colon + 1);
    if (const qsizetype at = user.indexOf(u'@'); at >= 0)
        user = user.left(at);
    return user;
}

// baresip's reason words for a closed call, in the desk's causes.
CallEndCause causeOf(const QString &param)
{
    const QString p = param.toLower();
    if (p.contains(u"busy") || p.contains(u"486"))
        return CallEndCause::Busy;
    if (p.contains(u"rejected") || p.contains(u"declined") || p.contains(u"603"))
        return CallEndCause::Rejected;
    if (p.contains(u"transfer"))
        return CallEndCause::Transferred;
    if (p.contains(u"timeout") || p.contains(u"timed out") || p.contains(u"not found") ||
        p.contains(u"unavailable") || p.contains(u"failed"))
        return CallEndCause::Failed;
    return CallEndCause::Normal;
}

// Longest netstring accepted: ctrl_tcp's own messages are a few hundred bytes.
constexpr qsizetype maxFrame = 1 << 20;
} // namespace

BaresipAdapter::BaresipAdapter(const CtiEndpoint &endpoint, const NumberingPlan &plan,
                               QObject *parent)
    : TelephonyAdapter(endpoint, plan, parent)
{
}

QString BaresipAdapter::description() const
{
    return Text::tr("baresip at %1:%2").arg(endpoint().host).arg(endpoint().port);
}

QByteArray BaresipAdapter::frame(const QByteArray &json)
{
    return QByteArray::number(json.size()) + ':' + json + ',';
}

void BaresipAdapter::received(QByteArray &buffer)
{
    while (!buffer.isEmpty()) {
        const qsizetype colon = buffer.indexOf(':');
        if (colon < 0) {
            if (buffer.size() > 10)
                buffer.clear(); // no length prefix: not ctrl_tcp
            return;
        }
        bool ok = false;
        const qsizetype length = buffer.left(colon).toLongLong(&ok);
        if (!ok || length < 0 || length > maxFrame) {
            qCWarning(lcCti) << "baresip: not a netstring, dropping" << buffer.size() << "bytes";
            buffer.clear();
            return;
        }
        if (buffer.size() < colon + 1 + length + 1)
            return; // wait for the rest
        const QByteArray json = buffer.mid(colon + 1, length);
        buffer.remove(0, colon + 1 + length + 1);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(json, &error);
        if (!document.isObject()) {
            qCWarning(lcCti) << "baresip: not JSON:" << error.errorString();
            continue;
        }
        handle(document.object());
    }
}

void BaresipAdapter::handle(const QJsonObject &message)
{
    if (message.value(u"response").toBool()) {
        if (!message.value(u"ok").toBool())
            emit commandFailed(Text::tr("The phone refused the command: %1")
                                   .arg(message.value(u"data").toString().trimmed()));
        return;
    }
    if (!message.value(u"event").toBool())
        return;
    const QString type = message.value(u"type").toString();
    const QString callId = message.value(u"id").toString();
    // Calls the agent places are not popped.
    if (message.value(u"direction").toString() == u"outgoing")
        return;
    if (type == u"CALL_INCOMING") {
        CallOffer offer;
        offer.callId = callId;
        offer.caller = PhoneNumber::parse(message.value(u"peeruri").toString(), plan());
        offer.dialledNumber = sipUser(message.value(u"accountaor").toString());
        reportOffered(offer);
    } else if (type == u"CALL_ESTABLISHED") {
        reportAnswered(callId, QDateTime());
    } else if (type == u"CALL_CLOSED") {
        CallEnd end;
        end.callId = callId;
        end.detail = message.value(u"param").toString();
        end.cause = causeOf(end.detail);
        reportEnded(end);
    }
}

void BaresipAdapter::command(const QString &name, const QString &params)
{
    QJsonObject object{{QStringLiteral("command"), name},
                       {QStringLiteral("token"), QString::number(++m_token)}};
    if (!params.isEmpty())
        object.insert(QStringLiteral("params"), params);
    send(frame(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

void BaresipAdapter::answer(const QString &callId)
{
    command(QStringLiteral("callfind"), callId);
    command(QStringLiteral("accept"), QString());
}

void BaresipAdapter::hangUp(const QString &callId)
{
    command(QStringLiteral("callfind"), callId);
    command(QStringLiteral("hangup"), QString());
}

void BaresipAdapter::transfer(const QString &callId, const QString &target)
{
    command(QStringLiteral("callfind"), callId);
    command(QStringLiteral("transfer"), target.trimmed());
}

void BaresipAdapter::dial(const QString &number)
{
    command(QStringLiteral("dial"), number.trimmed());
}

} // namespace civicdesk
