// A static Qt TextToSpeech plugin (see recordingspeech.h): moc must see QT_STATICPLUGIN.
#define QT_STATICPLUGIN

#include "tests/support/recordingspeech.h"

#include <QTextToSpeechEngine>
#include <QTextToSpeechPlugin>
#include <QTimer>
#include <QVoice>

namespace civicdesk::test {

QList<SpokenLine> &spokenLines()
{
    static QList<SpokenLine> lines;
    return lines;
}

QList<QLocale> &recorderLocales()
{
    static QList<QLocale> locales = {QLocale(QLocale::English, QLocale::UnitedStates),
                                     QLocale(QLocale::Spanish, QLocale::UnitedStates)};
    return locales;
}

bool &recorderFails()
{
    static bool fails = false;
    return fails;
}

} // namespace civicdesk::test

namespace {

class RecordingSpeechEngine : public QTextToSpeechEngine
{
    Q_OBJECT

public:
    explicit RecordingSpeechEngine(QObject *parent)
        : QTextToSpeechEngine(parent), m_locales(civicdesk::test::recorderLocales()),
          m_locale(m_locales.value(0))
    {
    }

    QList<QLocale> availableLocales() const override { return m_locales; }
    QList<QVoice> availableVoices() const override
    {
        return {createVoice(QStringLiteral("recorder-") + m_locale.name(), m_locale,
                            QVoice::Unknown, QVoice::Other, m_locale.name())};
    }
    void say(const QString &text) override
    {
        civicdesk::test::spokenLines().append({text, m_locale});
        setState(QTextToSpeech::Speaking);
        // Said "at once": the next line waits for Ready, as behind a real engine.
        QTimer::singleShot(1, this, [this] {
            if (civicdesk::test::recorderFails()) {
                m_error = QStringLiteral("No audio device available");
                setState(QTextToSpeech::Error);
            } else {
                setState(QTextToSpeech::Ready);
            }
        });
    }
    void stop(QTextToSpeech::BoundaryHint) override { setState(QTextToSpeech::Ready); }
    void pause(QTextToSpeech::BoundaryHint) override {}
    void resume() override {}
    double rate() const override { return 0; }
    bool setRate(double) override { return true; }
    double pitch() const override { return 0; }
    bool setPitch(double) override { return true; }
    QLocale locale() const override { return m_locale; }
    bool setLocale(const QLocale &locale) override
    {
        if (!m_locales.contains(locale))
            return false;
        m_locale = locale;
        return true;
    }
    double volume() const override { return 1; }
    bool setVolume(double) override { return true; }
    QVoice voice() const override { return availableVoices().constFirst(); }
    bool setVoice(const QVoice &) override { return true; }
    QTextToSpeech::State state() const override { return m_state; }
    QTextToSpeech::ErrorReason errorReason() const override
    {
        return m_error.isEmpty() ? QTextToSpeech::ErrorReason::NoError
                                 : QTextToSpeech::ErrorReason::Playback;
    }
    QString errorString() const override { return m_error; }

private:
    void setState(QTextToSpeech::State state)
    {
        if (state == m_state)
            return;
        m_state = state;
        emit stateChanged(state);
    }

    QList<QLocale> m_locales;
    QLocale m_locale;
    QTextToSpeech::State m_state = QTextToSpeech::Ready;
    QString m_error;
};

} // namespace

class RecordingSpeechPlugin : public QObject, public QTextToSpeechPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.qt-project.qt.speech.tts.plugin/6.0" FILE "recordingspeech.json")
    Q_INTERFACES(QTextToSpeechPlugin)

public:
    QTextToSpeechEngine *createTextToSpeechEngine(const QVariantMap &, QObject *parent,
                                                  QString *) const override
    {
        return new RecordingSpeechEngine(parent);
    }
};

#include "recordingspeech.moc"
