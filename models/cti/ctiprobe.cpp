#include "models/cti/ctiprobe.h"

#include "models/cti/baresipadapter.h"
#include "models/cti/telephonyadapter.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QTcpSocket>
#include <QTimer>
#include <optional>

namespace civicdesk {

namespace {
class Text
{
    Q_DECLARE_TR_FUNCTIONS(CtiProbe)
};

// The first complete netstring in `buffer` when it is a ctrl_tcp message (a JSON object that
// is a response or an event); nullopt while incomplete; false when it is something else.
std::optional<bool> isCtrlTcpMessage(const QByteArray &buffer)
{
    const qsizetype colon = buffer.indexOf(':');
    if (colon < 0)
        return buffer.size() > 10 ? std::optional<bool>(false) : std::nullopt;
    bool ok = false;
    const qsizetype length = buffer.left(colon).toLongLong(&ok);
    if (!ok || length <= 0 || length > (1 << 20))
        return false;
    if (buffer.size() < colon + 1 + length + 1)
        return std::nullopt;
    const QJsonObject message = QJsonDocument::fromJson(buffer.mid(colon + 1, length)).object();
    return buffer.at(colon + 1 + length) == ',' &&
           (message.contains(u"response") || message.value(u"event").toBool());
}
} // namespace

CtiProbe::CtiProbe(QObject *parent) : QObject(parent), m_timeout(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        if (m_linked)
            finish(Outcome::NotBaresip, QString());
        else
            finish(Outcome::TimedOut, QString());
    });
}

CtiProbe::~CtiProbe()
{
    if (m_device)
        m_device->disconnect(this);
}

void CtiProbe::start(const CtiEndpoint &endpoint, int timeoutMs)
{
    if (m_device) {
        m_device->disconnect(this);
        m_device->deleteLater();
        m_device = nullptr;
    }
    m_endpoint = endpoint;
    m_buffer.clear();
    m_linked = false;
    const auto adapter = TelephonyAdapter::create(endpoint, NumberingPlan());
    if (!adapter) {
        // "None" has nothing to reach; reported asynchronously like every outcome.
        QTimer::singleShot(0, this, [this] {
            emit finished(Outcome::Unreachable,
                          Text::tr("No phone is chosen: there is nothing to test."));
        });
        return;
    }
    m_where = adapter->description();
    m_timeout->start(timeoutMs);
    if (!endpoint.localPath.isEmpty()) {
        auto *socket = new QLocalSocket(this);
        m_device = socket;
        connect(socket, &QLocalSocket::connected, this, &CtiProbe::connected);
        connect(socket, &QLocalSocket::errorOccurred, this,
                [this, socket] { failed(socket->errorString()); });
        connect(socket, &QLocalSocket::readyRead, this, &CtiProbe::received);
        socket->connectToServer(endpoint.localPath);
    } else {
        auto *socket = new QTcpSocket(this);
        m_device = socket;
        connect(socket, &QTcpSocket::connected, this, &CtiProbe::connected);
        connect(socket, &QTcpSocket::errorOccurred, this,
                [this, socket] { failed(socket->errorString()); });
        connect(socket, &QTcpSocket::readyRead, this, &CtiProbe::received);
        socket->connectToHost(endpoint.host, endpoint.port);
    }
}

void CtiProbe::failed(const QString &why)
{
    // Closed after accepting: whatever listens there is not what was expected.
    finish(m_linked ? Outcome::NotBaresip : Outcome::Unreachable, why);
}

void CtiProbe::connected()
{
    m_linked = true;
    if (m_endpoint.kind != CtiEndpoint::Kind::Baresip) {
        finish(Outcome::Reached, QString());
        return;
    }
    // A question every ctrl_tcp answers, changing nothing on the phone.
    m_device->write(BaresipAdapter::frame(
        QByteArrayLiteral(R"({"command":"reginfo","token":"civicdesk-test"})")));
}

void CtiProbe::received()
{
    if (!m_device)
        return;
    m_buffer += m_device->readAll();
    if (m_endpoint.kind != CtiEndpoint::Kind::Baresip)
        return;
    if (const std::optional<bool> answer = isCtrlTcpMessage(m_buffer))
        finish(*answer ? Outcome::Reached : Outcome::NotBaresip, QString());
}

void CtiProbe::finish(Outcome outcome, const QString &detail)
{
    if (!m_device)
        return;
    m_timeout->stop();
    m_device->disconnect(this);
    m_device->close();
    m_device->deleteLater();
    m_device = nullptr;
    const bool baresip = m_endpoint.kind == CtiEndpoint::Kind::Baresip;
    QString message;
    switch (outcome) {
    case Outcome::Reached:
        message = baresip ? Text::tr("%1 answered: calls will pop up on this desk.").arg(m_where)
                          : Text::tr("The %1 accepted the connection: calls will pop up when it "
                                     "sends them.")
                                .arg(m_where);
        break;
    case Outcome::NotBaresip:
        message = Text::tr("Something at %1:%2 accepted the connection but did not answer as "
                           "baresip's ctrl_tcp module does: check the port (ctrl_tcp_listen in "
                           "baresip's config).")
                      .arg(m_endpoint.host)
                      .arg(m_endpoint.port);
        break;
    case Outcome::Unreachable:
        message = baresip ? Text::tr("Could not connect to %1: %2. Check that baresip is running "
                                     "with its ctrl_tcp module listening there (ctrl_tcp_listen "
                                     "in its config).")
                                .arg(m_where, detail)
                          : Text::tr("Could not connect to the %1: %2. Check that the bridge is "
                                     "running and listening there.")
                                .arg(m_where, detail);
        break;
    case Outcome::TimedOut:
        message = Text::tr("No answer from %1 within %2 s: check the host, the port and any "
                           "firewall in between.")
                      .arg(m_where)
                      .arg(m_timeout->interval() / 1000.0);
        break;
    }
    emit finished(outcome, message);
}

} // namespace civicdesk
