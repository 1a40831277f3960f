#pragma once

#include <QLocale>
#include <QObject>
#include <QStringList>
#include <utility>

class QTextToSpeech;

namespace civicdesk {

// The practice caller's voice: each line the caller says (scripted, or typed by a trainer
// playing the caller live) spoken through Qt TextToSpeech, in the caller's language, one line
// after the other. Off until the trainee turns it on (Practice run ▸ Caller's voice,
// Ctrl+Alt+V); the engine starts then, not before. The caller panel's transcript always shows
// every line: without the module (built without qt6-speech-dev), without an engine, or with no
// voice in the caller's language, the line is shown and not spoken, and status() says why.
class CallerVoice : public QObject
{
    Q_OBJECT

public:
    // `engine`: a Qt TextToSpeech engine (flite, speechd...); empty: the first installed.
    explicit CallerVoice(QString engine = {}, QObject *parent = nullptr);
    ~CallerVoice() override;

    // Whether this build has Qt TextToSpeech at all.
    static bool builtWithSpeech();

    bool isOn() const { return m_on; }
    // Turns speaking on (starting the engine the first time) or off. Turning it on fails when
    // there is no engine to speak with; status() says why.
    bool setOn(bool on);
    // Speaks `line` in `language` (en, es) when on, after the lines before it. False when the
    // line is not spoken (off, no engine, or no voice in that language: status() says why).
    bool speak(const QString &line, const QString &language);
    // The engine speaking, or why nothing is spoken (for the trainee: translated).
    QString status() const { return m_status; }

signals:
    // The engine stopped on an error while speaking (no audio device, for example): what was
    // queued is dropped, and `why` says so (status() too).
    void failed(const QString &why);

private:
    bool start();
    void sayNext();
    void stopped();
    QString stoppedText() const;

    QString m_engine;
    QString m_chosen; // the engine started
    QTextToSpeech *m_speech = nullptr;
    bool m_on = false;
    QString m_status;
    QList<std::pair<QLocale, QString>> m_queue;
};

} // namespace civicdesk
