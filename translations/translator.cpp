#include "translations/translator.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace civicdesk {

QStringList supportedLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("es")};
}

QString installTranslations(QCoreApplication &app, const QString &requested)
{
    QString language = requested;
    if (language.isEmpty()) {
        const QStringList preferred = QLocale::system().uiLanguages();
        for (const QString &tag : preferred) {
            const QString code = tag.section(u'-', 0, 0).toLower();
            if (supportedLanguages().contains(code)) {
                language = code;
                break;
            }
        }
    }
    if (!supportedLanguages().contains(language))
        language = QStringLiteral("en");
    QLocale::setDefault(QLocale(language == u"es" ? QLocale::Spanish : QLocale::English,
                                language == u"es" ? QLocale::UnitedStates : QLocale::UnitedStates));
    auto *own = new QTranslator(&app);
    if (own->load(QStringLiteral(":/i18n/civicdesk_%1.qm").arg(language)))
        QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(QStringLiteral("qtbase_%1").arg(language),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    return language;
}

} // namespace civicdesk
