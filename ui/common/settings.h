#pragma once

#include "models/domain/permissions/agentrole.h"

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <optional>

namespace civicdesk {

// The wall screen's settings: seconds per page, and the thresholds at which a figure turns
// amber or red (SLA met below a percentage; overdue requests or open help flags at a count).
struct WallboardSettings
{
    int rotateSeconds = 15;
    int slaGreenPercent = 90; // at or above: green; below amber: red
    int slaAmberPercent = 80;
    int overdueAmber = 1;
    int overdueRed = 25;
    int helpFlagsRed = 1;
    int dueSoonHours = 4;
    // The phone system's figures: service level green at or above, amber at or above (80 % in
    // 30 s is the 311 norm); abandon rate amber above, red above (6 % good, 8 % the usual limit).
    int serviceLevelGreenPercent = 80;
    int serviceLevelAmberPercent = 70;
    int abandonAmberPercent = 6;
    int abandonRedPercent = 8;
};

// Typed access to the workstation's QSettings; nothing else touches the keys.
class Settings
{
public:
    Settings() = default;
    explicit Settings(const QString &fileName) : m_settings(fileName, QSettings::IniFormat) {}

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    // The share of the right column's height History had when the window was closed (0: none
    // kept); the window gives it back after restoring its state, which fits docks to the new
    // size by squeezing the last one.
    double historyShare() const;
    void setHistoryShare(double share);
    // "" = follow the system locale; otherwise "en" or "es".
    QString language() const;
    void setLanguage(const QString &language);
    QString agentName() const;
    // Who works here before any sign-in: the desktop user (USER, LOGNAME, the home folder's
    // name), the one name the status bar shows and the events record.
    static QString desktopUser();
    // The role of a standalone workstation (no central store): one of agentRoleNames(),
    // call_taker when unset or unknown. With a central store the role comes from sign-in.
    AgentRole agentRole() const;
    void setAgentRole(AgentRole role);
    // The role the central store returned at the last sign-in: the role offline.
    std::optional<AgentRole> signedInRole() const;
    void setSignedInRole(AgentRole role);
    void setAgentName(const QString &name);
    // The central store to sync with; "" = standalone (the demo default).
    QString serverUrl() const;
    void setServerUrl(const QString &url);
    // The wallboard's rotation and colour thresholds (see WallboardSettings).
    WallboardSettings wallboard() const;
    void setWallboard(const WallboardSettings &wallboard);
    // The telephony link (see models/cti/ctiendpoint.h): "baresip:127.0.0.1:4444",
    // "socket:127.0.0.1:5070", "socket:/run/…", or "" (none, the default).
    QString telephony() const;
    void setTelephony(const QString &spec);
    // The area code a 7-digit caller number is in (the city's; Boston's 617 by default).
    QString telephonyAreaCode() const;
    void setTelephonyAreaCode(const QString &areaCode);
    void clear() { m_settings.clear(); }

private:
    QSettings m_settings;
};

} // namespace civicdesk
