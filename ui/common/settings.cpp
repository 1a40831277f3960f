#include "ui/common/settings.h"

#include <QDir>

namespace civicdesk {

namespace {
const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state");
const QString historyShareKey = QStringLiteral("window/historyShare");
const QString languageKey = QStringLiteral("ui/language");
const QString agentKey = QStringLiteral("agent/name");
const QString roleKey = QStringLiteral("agent/role");
const QString signedInRoleKey = QStringLiteral("agent/signedInRole");
const QString serverKey = QStringLiteral("sync/server");
} // namespace

QByteArray Settings::windowGeometry() const
{
    return m_settings.value(geometryKey).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(geometryKey, geometry);
}

QByteArray Settings::windowState() const
{
    return m_settings.value(stateKey).toByteArray();
}

void Settings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(stateKey, state);
}

double Settings::historyShare() const
{
    return m_settings.value(historyShareKey, 0.0).toDouble();
}

void Settings::setHistoryShare(double share)
{
    m_settings.setValue(historyShareKey, share);
}

QString Settings::language() const
{
    const QString value = m_settings.value(languageKey).toString();
    return value == u"en" || value == u"es" ? value : QString();
}

void Settings::setLanguage(const QString &language)
{
    m_settings.setValue(languageKey, language);
}

QString Settings::agentName() const
{
    return m_settings.value(agentKey).toString();
}

QString Settings::desktopUser()
{
    QString user = qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME"));
    if (user.isEmpty())
        user = QDir::home().dirName();
    return user.isEmpty() ? QStringLiteral("agent") : user;
}

AgentRole Settings::agentRole() const
{
    return agentRoleFromName(m_settings.value(roleKey).toString()).value_or(AgentRole::CallTaker);
}

void Settings::setAgentRole(AgentRole role)
{
    m_settings.setValue(roleKey, agentRoleName(role));
}

std::optional<AgentRole> Settings::signedInRole() const
{
    return agentRoleFromName(m_settings.value(signedInRoleKey).toString());
}

void Settings::setSignedInRole(AgentRole role)
{
    m_settings.setValue(signedInRoleKey, agentRoleName(role));
}

void Settings::setAgentName(const QString &name)
{
    m_settings.setValue(agentKey, name);
}

QString Settings::serverUrl() const
{
    return m_settings.value(serverKey).toString().trimmed();
}

void Settings::setServerUrl(const QString &url)
{
    m_settings.setValue(serverKey, url.trimmed());
}

namespace {
const QString wallboardGroup = QStringLiteral("wallboard");
// The keys of the wallboard's settings, with the member each one fills.
const QList<std::pair<QString, int WallboardSettings::*>> &wallboardKeys()
{
    static const QList<std::pair<QString, int WallboardSettings::*>> keys = {
        {QStringLiteral("rotateSeconds"), &WallboardSettings::rotateSeconds},
        {QStringLiteral("slaGreenPercent"), &WallboardSettings::slaGreenPercent},
        {QStringLiteral("slaAmberPercent"), &WallboardSettings::slaAmberPercent},
        {QStringLiteral("overdueAmber"), &WallboardSettings::overdueAmber},
        {QStringLiteral("overdueRed"), &WallboardSettings::overdueRed},
        {QStringLiteral("helpFlagsRed"), &WallboardSettings::helpFlagsRed},
        {QStringLiteral("dueSoonHours"), &WallboardSettings::dueSoonHours},
        {QStringLiteral("serviceLevelGreenPercent"), &WallboardSettings::serviceLevelGreenPercent},
        {QStringLiteral("serviceLevelAmberPercent"), &WallboardSettings::serviceLevelAmberPercent},
        {QStringLiteral("abandonAmberPercent"), &WallboardSettings::abandonAmberPercent},
        {QStringLiteral("abandonRedPercent"), &WallboardSettings::abandonRedPercent},
    };
    return keys;
}
} // namespace

WallboardSettings Settings::wallboard() const
{
    WallboardSettings w;
    const WallboardSettings defaults;
    for (const auto &[key, member] : wallboardKeys()) {
        bool ok = false;
        const int value = m_settings.value(wallboardGroup + u'/' + key).toInt(&ok);
        // A missing or unusable value keeps the default.
        w.*member = ok && value > 0 ? value : defaults.*member;
    }
    return w;
}

void Settings::setWallboard(const WallboardSettings &wallboard)
{
    for (const auto &[key, member] : wallboardKeys())
        m_settings.setValue(wallboardGroup + u'/' + key, wallboard.*member);
}

QString Settings::telephony() const
{
    return m_settings.value(QStringLiteral("telephony/endpoint")).toString().trimmed();
}

void Settings::setTelephony(const QString &spec)
{
    m_settings.setValue(QStringLiteral("telephony/endpoint"), spec.trimmed());
}

QString Settings::telephonyAreaCode() const
{
    return m_settings.value(QStringLiteral("telephony/areaCode"), QStringLiteral("617"))
        .toString()
        .trimmed();
}

void Settings::setTelephonyAreaCode(const QString &areaCode)
{
    m_settings.setValue(QStringLiteral("telephony/areaCode"), areaCode.trimmed());
}

} // namespace civicdesk
