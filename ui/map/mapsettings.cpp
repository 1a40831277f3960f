#include "ui/map/mapsettings.h"

#include <QUrl>

namespace civicdesk {

namespace {
const QString tileUrlKey = QStringLiteral("map/tileUrl");
const QString prepareKey = QStringLiteral("map/prepareInBackground");
} // namespace

QString MapSettings::tileUrl() const
{
    const QString url = m_settings.value(tileUrlKey).toString().trimmed();
    return isValidTileUrl(url) ? url : QString();
}

void MapSettings::setTileUrl(const QString &url)
{
    if (url.trimmed().isEmpty())
        m_settings.remove(tileUrlKey);
    else
        m_settings.setValue(tileUrlKey, url.trimmed());
}

bool MapSettings::prepareInBackground() const
{
    return m_settings.value(prepareKey, true).toBool();
}

void MapSettings::setPrepareInBackground(bool prepare)
{
    m_settings.setValue(prepareKey, prepare);
}

bool MapSettings::isValidTileUrl(const QString &url)
{
    if (url.isEmpty())
        return true;
    const QUrl parsed(url);
    return parsed.isValid() && (parsed.scheme() == u"https" || parsed.scheme() == u"http") &&
           !parsed.host().isEmpty() && url.contains(u"{z}") && url.contains(u"{x}") &&
           url.contains(u"{y}");
}

} // namespace civicdesk
