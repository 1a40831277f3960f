#include "ui/cti/telephonysettingsdialog.h"

#include "models/cti/phonenumber.h"
#include "models/cti/telephonyadapter.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>
#include <optional>

namespace civicdesk {

namespace {

constexpr quint16 baresipPort = 4444; // ctrl_tcp's own default
constexpr quint16 bridgePort = 5070;  // packaging/civicdesk-cti-bridge.py's

// A field with its label (the label's words, without the mnemonic and colon, are its name).
QLabel *addField(QFormLayout *form, QWidget *parent, const QString &label, QWidget *field)
{
    auto *l = new QLabel(label, parent);
    l->setBuddy(field);
    field->setAccessibleName(QString(label).remove(u'&').remove(u':').trimmed());
    form->addRow(l, field);
    return l;
}

} // namespace

TelephonySettingsDialog::TelephonySettingsDialog(const QString &spec, const QString &areaCode,
                                                 TelephonyAdapter *live, QWidget *parent)
    : QDialog(parent), m_kind(new QComboBox(this)), m_host(new QLineEdit(this)),
      m_port(new QLineEdit(this)), m_path(new QLineEdit(this)),
      m_areaCode(new QLineEdit(areaCode, this)), m_form(new QFormLayout),
      m_message(new QLabel(this)), m_test(new QPushButton(tr("&Test connection"), this)),
      m_probe(new CtiProbe(this)), m_live(live)
{
    setObjectName(QStringLiteral("telephonySettingsDialog"));
    setWindowTitle(tr("Phone settings"));
    m_kind->setObjectName(QStringLiteral("telephonyKindComboBox"));
    m_kind->addItem(tr("No phone: type the caller's number by hand"), int(NoPhone));
    m_kind->addItem(tr("baresip softphone (its ctrl_tcp module)"), int(Baresip));
    m_kind->addItem(tr("Call-event bridge on a port of this computer"), int(BridgePort));
    m_kind->addItem(tr("Call-event bridge on a local socket file"), int(BridgeFile));
    m_host->setObjectName(QStringLiteral("telephonyHostLineEdit"));
    m_port->setObjectName(QStringLiteral("telephonyPortLineEdit"));
    m_port->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,5}")), this));
    m_path->setObjectName(QStringLiteral("telephonyPathLineEdit"));
    m_path->setPlaceholderText(QStringLiteral("/run/user/1000/civicdesk-cti.sock"));
    m_areaCode->setObjectName(QStringLiteral("telephonyAreaCodeLineEdit"));
    m_areaCode->setMaxLength(3);
    m_areaCode->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,3}")), this));
    m_message->setObjectName(QStringLiteral("telephonySettingsMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setMinimumWidth(460);
    m_test->setObjectName(QStringLiteral("telephonyTestButton"));
    m_test->setAccessibleName(tr("Test the connection to the phone"));
    m_test->setAutoDefault(false);

    addField(m_form, this, tr("Phone &link:"), m_kind);
    addField(m_form, this, tr("&Host:"), m_host);
    addField(m_form, this, tr("P&ort:"), m_port);
    addField(m_form, this, tr("Socket &file:"), m_path);
    addField(m_form, this, tr("&Area code:"), m_areaCode);
    auto *help = new QLabel(tr("The area code completes a caller's 7-digit number. The desk "
                               "connects with the new settings as soon as you press OK."),
                            this);
    help->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("telephonyOkButton"));
    buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Save the phone settings"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel, keep the settings"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(help);
    layout->addWidget(m_test, 0, Qt::AlignLeft);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &TelephonySettingsDialog::kindChosen);
    connect(m_test, &QPushButton::clicked, this, &TelephonySettingsDialog::test);
    connect(m_probe, &CtiProbe::finished, this, &TelephonySettingsDialog::probed);
    connect(buttons, &QDialogButtonBox::accepted, this, &TelephonySettingsDialog::validate);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    const auto saved = CtiEndpoint::parse(spec);
    fill(saved ? saved.value() : CtiEndpoint());
    if (!saved)
        say(tr("The saved setting could not be read: %1").arg(saved.error().message), true);
    m_kind->setFocus();
}

void TelephonySettingsDialog::fill(const CtiEndpoint &endpoint)
{
    int kind = NoPhone;
    if (endpoint.kind == CtiEndpoint::Kind::Baresip)
        kind = Baresip;
    else if (endpoint.kind == CtiEndpoint::Kind::EventSocket)
        kind = endpoint.localPath.isEmpty() ? BridgePort : BridgeFile;
    m_host->setText(endpoint.host.isEmpty() ? QStringLiteral("127.0.0.1") : endpoint.host);
    m_port->setText(endpoint.port ? QString::number(endpoint.port) : QString());
    m_path->setText(endpoint.localPath);
    {
        const QSignalBlocker quiet(m_kind);
        m_kind->setCurrentIndex(m_kind->findData(kind));
    }
    showRows();
}

void TelephonySettingsDialog::kindChosen()
{
    const int kind = m_kind->currentData().toInt();
    // The other kind's default port follows the change (a port the agent typed stays).
    const QString port = m_port->text();
    if (kind == Baresip && (port.isEmpty() || port == QString::number(bridgePort)))
        m_port->setText(QString::number(baresipPort));
    else if (kind == BridgePort && (port.isEmpty() || port == QString::number(baresipPort)))
        m_port->setText(QString::number(bridgePort));
    showRows();
}

void TelephonySettingsDialog::showRows()
{
    const int kind = m_kind->currentData().toInt();
    m_form->setRowVisible(m_host, kind == Baresip || kind == BridgePort);
    m_form->setRowVisible(m_port, kind == Baresip || kind == BridgePort);
    m_form->setRowVisible(m_path, kind == BridgeFile);
    m_test->setEnabled(kind != NoPhone);
    m_test->setToolTip(kind == NoPhone ? tr("No phone is chosen: there is nothing to test.")
                                       : QString());
    m_message->clear();
}

std::optional<CtiEndpoint> TelephonySettingsDialog::checked()
{
    const auto wrong = [this](QLineEdit *field, const QString &why) {
        say(why, true);
        field->setFocus();
        field->selectAll();
        return std::nullopt;
    };
    const int kind = m_kind->currentData().toInt();
    QString spec = QStringLiteral("none");
    if (kind == Baresip || kind == BridgePort) {
        const QString host = m_host->text().trimmed();
        if (host.isEmpty() || host.contains(u' ') || host.contains(u'/'))
            return wrong(m_host, tr("Enter the host the phone listens on: 127.0.0.1 when it runs "
                                    "on this computer, or its name or address."));
        const uint port = m_port->text().toUInt();
        if (port == 0 || port > 65535)
            return wrong(m_port, kind == Baresip
                                     ? tr("Enter the port from 1 to 65535 that baresip's "
                                          "ctrl_tcp listens on (ctrl_tcp_listen in its config; "
                                          "4444 unless changed).")
                                     : tr("Enter the port from 1 to 65535 that the bridge "
                                          "listens on (the example bridge uses 5070)."));
        const QString h = host.contains(u':') ? u'[' + host + u']' : host;
        spec = (kind == Baresip ? QStringLiteral("baresip:") : QStringLiteral("socket:")) + h +
               u':' + QString::number(port);
    } else if (kind == BridgeFile) {
        const QString path = m_path->text().trimmed();
        if (!path.startsWith(u'/') || path.size() < 2)
            return wrong(m_path, tr("Enter the full path of the bridge's socket file, starting "
                                    "with / (for example /run/user/1000/civicdesk-cti.sock)."));
        spec = QStringLiteral("socket:") + path;
    }
    if (const QString problem = NumberingPlan::areaCodeProblem(m_areaCode->text());
        !problem.isEmpty())
        return wrong(m_areaCode, problem);
    const auto endpoint = CtiEndpoint::parse(spec);
    if (!endpoint)
        return wrong(kind == BridgeFile ? m_path : m_host, endpoint.error().message);
    return endpoint.value();
}

void TelephonySettingsDialog::test()
{
    const auto endpoint = checked();
    if (!endpoint || endpoint->isNone())
        return;
    // The desk is on this very phone now: its link says it all (a test would take ctrl_tcp's
    // one link over for an instant).
    if (m_live && m_live->endpoint().spec() == endpoint->spec() &&
        m_live->state() == LinkState::Connected) {
        say(tr("The desk is connected to %1 now: calls pop up.").arg(m_live->description()), false);
        return;
    }
    if (m_probe->running())
        return; // one test at a time; its outcome comes
    say(tr("Testing the connection to %1…").arg(endpoint->spec()), false);
    m_probe->start(*endpoint);
}

void TelephonySettingsDialog::probed(CtiProbe::Outcome outcome, const QString &message)
{
    say(message, outcome != CtiProbe::Outcome::Reached);
}

void TelephonySettingsDialog::validate()
{
    const auto endpoint = checked();
    if (!endpoint)
        return;
    m_endpoint = *endpoint;
    accept();
}

void TelephonySettingsDialog::say(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("QLabel { color: #b00020; }") : QString());
    m_message->setAccessibleName(text);
}

QString TelephonySettingsDialog::spec() const
{
    return m_endpoint.spec();
}

QString TelephonySettingsDialog::areaCode() const
{
    return m_areaCode->text().trimmed();
}

QString TelephonySettingsDialog::message() const
{
    return m_message->text();
}

} // namespace civicdesk
