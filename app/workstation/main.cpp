// civicdesk: the workstation. Parses the command line, opens the local store, loads the city
// pack on first run, and shows the main window.

#include "citypack/citypack.h"
#include "commandline.h"
#include "common/importdialog.h"
#include "common/mainwindow.h"
#include "common/settings.h"
#include "common/storecontext.h"
#include "storage/cityimporter.h"
#include "storage/database.h"
#include "translator.h"

#include <QApplication>
#include <QMessageBox>
#include <cstdio>

using namespace civicdesk;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "civicdesk: %s\n", qPrintable(message));
    QMessageBox::critical(nullptr, QCoreApplication::translate("main", "CivicDesk"), message);
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    // QtWebEngine (the map) shares OpenGL contexts with the widgets.
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("CivicDesk"));
    QApplication::setApplicationName(QStringLiteral("civicdesk"));
    QApplication::setApplicationDisplayName(QStringLiteral("CivicDesk"));
    QApplication::setApplicationVersion(QStringLiteral(CIVICDESK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.civicdesk.CivicDesk"));

    Settings settings;
    // The language must be known before --help is printed, so peek at --lang first.
    QString requestedLanguage = settings.language();
    const QStringList args = QCoreApplication::arguments();
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == u"--lang" && i + 1 < args.size())
            requestedLanguage = args.at(i + 1);
        else if (args.at(i).startsWith(u"--lang="))
            requestedLanguage = args.at(i).mid(7);
    }
    installTranslations(app, requestedLanguage.toLower());

    auto options = parseCommandLine(args);
    if (!options) {
        std::fprintf(stderr, "civicdesk: %s\n", qPrintable(options.error().message));
        return 2;
    }

    auto database = Database::open(options.value().databasePath);
    if (!database)
        return fail(database.error().message);

    if (database.value()->meta(QStringLiteral("city_id")).isEmpty() || options.value().reimport) {
        auto pack = CityPack::load(options.value().cityDir);
        if (!pack)
            return fail(pack.error().message);
        ImportDialog dialog(options.value().databasePath, pack.value());
        auto report = dialog.run();
        if (!report)
            return fail(QCoreApplication::translate("main",
                                                    "The city pack could not be loaded; the "
                                                    "store is unchanged.\n\n%1")
                            .arg(report.error().message));
    }

    QString agent = settings.agentName();
    if (agent.isEmpty())
        agent =
            qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME", QStringLiteral("agent")));
    StoreContext store(*database.value(), agent, settings.agentRole());
    MainWindow window(store, settings);
    window.show();
    return QApplication::exec();
}
