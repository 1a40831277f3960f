#include "models/cti/ctiendpoint.h"

#include <QCoreApplication>

namespace civicdesk {

namespace {
class Text
{
    Q_DECLARE_TR_FUNCTIONS(CtiEndpoint)
};

Error bad(const QString &spec, const QString &why)
{
    return makeError(QStringLiteral("cti.endpoint"),
                     Text::tr("Telephony \"%1\": %2 Give baresip:HOST:PORT (the softphone's "
                              "ctrl_tcp), socket:HOST:PORT or socket:/PATH (a call-event bridge), "
                              "or none.")
                         .arg(spec, why));
}
} // namespace

Result<CtiEndpoint> CtiEndpoint::parse(const QString &text)
{
    const QString spec = text.trimmed();
    CtiEndpoint endpoint;
    if (spec.isEmpty() || spec.compare(u"none", Qt::CaseInsensitive) == 0)
        return endpoint;
    const qsizetype colon = spec.indexOf(u':');
    if (colon < 0)
        return bad(spec, Text::tr("the kind is missing."));
    const QString kind = spec.left(colon).toLower();
    const QString rest = spec.mid(colon + 1);
    if (kind == u"baresip")
        endpoint.kind = Kind::Baresip;
    else if (kind == u"socket")
        endpoint.kind = Kind::EventSocket;
    else
        return bad(spec, Text::tr("\"%1\" is not a kind of telephony link.").arg(kind));
    if (endpoint.kind == Kind::EventSocket && rest.startsWith(u'/')) {
        endpoint.localPath = rest;
        return endpoint;
    }
    const qsizetype last = rest.lastIndexOf(u':');
    if (last <= 0)
        return bad(spec, Text::tr("the host or the port is missing."));
    QString host = rest.left(last);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = rest.mid(last + 1).toUInt(&ok);
    if (!ok || port == 0 || port > 65535)
        return bad(spec, Text::tr("\"%1\" is not a port (1 to 65535).").arg(rest.mid(last + 1)));
    if (host.isEmpty() || host.contains(u' ') || host.contains(u'/'))
        return bad(spec, Text::tr("\"%1\" is not a host name or address.").arg(host));
    endpoint.host = host;
    endpoint.port = quint16(port);
    return endpoint;
}

CtiEndpoint CtiEndpoint::tcp(Kind kind, const QString &host, quint16 port)
{
    CtiEndpoint endpoint;
    endpoint.kind = kind;
    endpoint.host = host;
    endpoint.port = port;
    return endpoint;
}

QString CtiEndpoint::spec() const
{
    if (kind == Kind::None)
        return QStringLiteral("none");
    const QString prefix =
        kind == Kind::Baresip ? QStringLiteral("baresip:") : QStringLiteral("socket:");
    if (!localPath.isEmpty())
        return prefix + localPath;
    const QString h = host.contains(u':') ? u'[' + host + u']' : host;
    return prefix + h + u':' + QString::number(port);
}

} // namespace civicdesk
