#pragma once

#include <QString>

class QCoreApplication;

namespace civicdesk {

// Chooses the UI language: `requested` ("en" or "es") if given, else the system locale when it
// is one CivicDesk speaks, else English. Installs CivicDesk's and Qt's own translations and
// returns the language chosen.
QString installTranslations(QCoreApplication &app, const QString &requested);
QStringList supportedLanguages();

} // namespace civicdesk
