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
    void setAgentName(const QString &name);
    void clear() { m_settings.clear(); }

private:
    QSettings m_settings;
};

} // namespace civicdesk
