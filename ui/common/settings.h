#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>

namespace civicdesk {

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
    // "" = follow the system locale; otherwise "en" or "es".
    QString language() const;
    void setLanguage(const QString &language);
    QString agentName() const;
    // "call_taker" (default), "editor" (writes knowledge drafts) or "supervisor" (publishes
    // articles, closes requests): what the agent may do. Set by the city's IT until sign-in
    // against the central store provides it.
    QString agentRole() const;
    void setAgentRole(const QString &role);
    void setAgentName(const QString &name);
    // The central store to sync with; "" = standalone (the demo default).
    QString serverUrl() const;
    void setServerUrl(const QString &url);
    void clear() { m_settings.clear(); }

private:
    QSettings m_settings;
};

} // namespace civicdesk
