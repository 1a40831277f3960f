// A static Qt TextToSpeech plugin (see recordingspeechenglish.h): moc must see QT_STATICPLUGIN.
#define QT_STATICPLUGIN

#include "tests/support/recordingspeechenglish.h"

#include "tests/support/recordingspeech.h"

#include <QJsonObject>
#include <QPluginLoader>
#include <QTextToSpeechEngine>
#include <QTextToSpeechPlugin>

class EnglishRecordingSpeechPlugin : public QObject, public QTextToSpeechPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.qt-project.qt.speech.tts.plugin/6.0" FILE
                          "recordingspeechenglish.json")
    Q_INTERFACES(QTextToSpeechPlugin)

public:
    // The recorder's own engine, made while its voices are English only.
    QTextToSpeechEngine *createTextToSpeechEngine(const QVariantMap &parameters, QObject *parent,
                                                  QString *errorString) const override
    {
        const QStaticPlugin *recorder = nullptr;
        const QList<QStaticPlugin> plugins = QPluginLoader::staticPlugins();
        for (const QStaticPlugin &plugin : plugins) {
            if (plugin.metaData().value(u"MetaData").toObject().value(u"Provider").toString() ==
                civicdesk::test::recordingSpeechEngine())
                recorder = &plugin;
        }
        auto *factory =
            recorder ? qobject_cast<QTextToSpeechPlugin *>(recorder->instance()) : nullptr;
        if (!factory) {
            *errorString = QStringLiteral("the recorder is not imported "
                                          "(Q_IMPORT_PLUGIN(RecordingSpeechPlugin))");
            return nullptr;
        }
        QList<QLocale> &locales = civicdesk::test::recorderLocales();
        const QList<QLocale> kept = locales;
        locales = {QLocale(QLocale::English, QLocale::UnitedStates)};
        QTextToSpeechEngine *engine =
            factory->createTextToSpeechEngine(parameters, parent, errorString);
        locales = kept;
        return engine;
    }
};

#include "recordingspeechenglish.moc"
