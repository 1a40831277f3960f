#include "models/cti/telephonyadapter.h"

#include "models/cti/baresipadapter.h"
#include "models/cti/calleventsocketadapter.h"
#include "models/cti/ctilogging.h"

#include <QCoreApplication>
#include <QLocalSocket>
#include <QTcpSocket>
#include <QTimer>

namespace civicdesk {

namespace {
class Text
{
    Q_DECLARE_TR_FUNCTIONS(TelephonyAdapter)
};
constexpr int connectTimeoutMs = 5000;
} // namespace

TelephonyAdapter::TelephonyAdapter(CtiEndpoint endpoint, NumberingPlan plan, QObject *parent)
    : QObject(parent), m_endpoint(std::move(endpoint)), m_plan(std::move(plan)),
      m_retry(new QTimer(this)), m_connectTimeout(new QTimer(this))
{
    qRegisterMetaType<CallOffer>();
    qRegisterMetaType<CallEnd>();
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &TelephonyAdapter::connectNow);
    m_connectTimeout->setSingleShot(true);
    m_connectTimeout->setInterval(connectTimeoutMs);
    connect(m_connectTimeout, &QTimer::timeout, this,
            [this] { onDropped(Text::tr("no answer within %1 s").arg(connectTimeoutMs / 1000)); });
}

TelephonyAdapter::~TelephonyAdapter()
{
    m_running = false;
    if (m_device)
        m_device->disconnect(this);
}

std::unique_ptr<TelephonyAdapter> TelephonyAdapter::create(const CtiEndpoint &endpoint,
                                                           const NumberingPlan &plan)
{
    switch (endpoint.kind) {
    case CtiEndpoint::Kind::Baresip:
        return std::make_unique<BaresipAdapter>(endpoint, plan);
    case CtiEndpoint::Kind::EventSocket:
        return std::make_unique<CallEventSocketAdapter>(endpoint, plan);
    case CtiEndpoint::Kind::None:
        break;
    }
    return nullptr;
}

void TelephonyAdapter::start()
{
    if (m_running || m_endpoint.isNone())
        return;
    m_running = true;
    m_backoff.reset();
    setState(LinkState::Connecting, QString());
    connectNow();
}

void TelephonyAdapter::stop()
{
    m_running = false;
    m_retry->stop();
    m_connectTimeout->stop();
    if (m_device) {
        m_device->disconnect(this);
        m_device->close();
        m_device->deleteLater();
        m_device = nullptr;
    }
    setState(LinkState::Off, QString());
}

void TelephonyAdapter::connectNow()
{
    if (!m_running)
        return;
    if (m_device) {
        m_device->disconnect(this);
        m_device->deleteLater();
        m_device = nullptr;
    }
    m_buffer.clear();
    m_connectTimeout->start();
    if (!m_endpoint.localPath.isEmpty()) {
        auto *socket = new QLocalSocket(this);
        m_device = socket;
        connect(socket, &QLocalSocket::connected, this, &TelephonyAdapter::onConnected);
        connect(socket, &QLocalSocket::disconnected, this,
                [this] { onDropped(Text::tr("the connection closed")); });
        connect(socket, &QLocalSocket::errorOccurred, this,
                [this, socket] { onDropped(socket->errorString()); });
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            m_buffer += socket->readAll();
            received(m_buffer);
        });
        socket->connectToServer(m_endpoint.localPath);
    } else {
        auto *socket = new QTcpSocket(this);
        m_device = socket;
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QTcpSocket::connected, this, &TelephonyAdapter::onConnected);
        connect(socket, &QTcpSocket::disconnected, this,
                [this] { onDropped(Text::tr("the connection closed")); });
        connect(socket, &QTcpSocket::errorOccurred, this,
                [this, socket] { onDropped(socket->errorString()); });
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            m_buffer += socket->readAll();
            received(m_buffer);
        });
        socket->connectToHost(m_endpoint.host, m_endpoint.port);
    }
}

void TelephonyAdapter::onConnected()
{
    m_connectTimeout->stop();
    m_backoff.reset();
    m_retryDelayMs = 0;
    qCInfo(lcCti) << "connected to" << description();
    setState(LinkState::Connected, QString());
    linkUp();
}

void TelephonyAdapter::onDropped(const QString &why)
{
    if (!m_running || !m_device)
        return;
    m_connectTimeout->stop();
    // One failure is one retry: errorOccurred and disconnected may both come for one loss.
    m_device->disconnect(this);
    m_device->deleteLater();
    m_device = nullptr;
    m_retryDelayMs = m_backoff.next();
    qCInfo(lcCti) << description() << "unreachable:" << why << "- retrying in" << m_retryDelayMs
                  << "ms";
    setState(LinkState::Retrying, why);
    m_retry->start(m_retryDelayMs);
}

void TelephonyAdapter::setState(LinkState state, const QString &detail)
{
    if (m_state == state && m_detail == detail)
        return;
    m_state = state;
    m_detail = detail;
    emit stateChanged(state, detail);
}

bool TelephonyAdapter::send(const QByteArray &bytes)
{
    if (m_state != LinkState::Connected || !m_device) {
        emit commandFailed(
            Text::tr("The phone is not connected (%1); use the phone itself.").arg(description()));
        return false;
    }
    if (m_device->write(bytes) != bytes.size()) {
        emit commandFailed(Text::tr("The command could not be sent to %1: %2")
                               .arg(description(), m_device->errorString()));
        return false;
    }
    return true;
}

void TelephonyAdapter::reportOffered(CallOffer offer)
{
    if (offer.callId.isEmpty() || m_calls.contains(offer.callId))
        return;
    m_calls.insert(offer.callId, false);
    if (!offer.at.isValid())
        offer.at = now();
    emit offered(offer);
}

void TelephonyAdapter::reportAnswered(const QString &callId, const QDateTime &at)
{
    if (callId.isEmpty())
        return;
    auto it = m_calls.find(callId);
    if (it != m_calls.end() && it.value())
        return; // already answered
    m_calls.insert(callId, true);
    emit answered(callId, at.isValid() ? at : now());
}

void TelephonyAdapter::reportEnded(CallEnd end)
{
    if (end.callId.isEmpty())
        return;
    const auto it = m_calls.constFind(end.callId);
    const bool wasAnswered = it != m_calls.cend() && it.value();
    m_calls.remove(end.callId);
    if (!wasAnswered && end.cause == CallEndCause::Normal)
        end.cause = CallEndCause::Missed;
    if (!end.at.isValid())
        end.at = now();
    emit ended(end);
}

} // namespace civicdesk
