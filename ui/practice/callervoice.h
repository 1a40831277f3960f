#pragma once

#include <QHash>
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
//
// Each line is spoken by an engine with a voice in the caller's language: the first engine
// that has one, in the order given (Flite speaks English only; Spanish comes from the
// speech-dispatcher engine with espeak-ng's voices), an American voice first. Engines are
// started when a language first needs them; lines are said one after the other whichever
// engine says them.
class CallerVoice : public QObject
{
    Q_OBJECT

public:
    // `engine`: the one Qt TextToSpeech engine to speak with (flite, speechd...); empty: every
    // installed engine, by name.
    explicit CallerVoice(QString engine = {}, QObject *parent = nullptr);
    // The engines to speak with, in order of preference (empty: every installed engine).
    explicit CallerVoice(QStringList engines, QObject *parent = nullptr);
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
    // The engine that said (or is to say) the last line spoken in `language`; empty before.
    QString engineFor(const QString &language) const { return m_engineOf.value(language); }

signals:
    // The engine stopped on an error while speaking (no audio device, for example): what was
    // queued is dropped, and `why` says so (status() too).
    void failed(const QString &why);

private:
    struct Line
    {
        QTextToSpeech *engine;
        QLocale locale;
        QString text;
    };
    bool start();
    QStringList candidates() const;
    // The engine `name`, started now if it was not (null when it does not start).
    QTextToSpeech *engine(const QString &name);
    // The engine and voice for `language`: the first candidate with a voice in it.
    QTextToSpeech *voiceFor(const QString &language, QLocale *voice);
    void sayNext();
    void stopped(QTextToSpeech *engine);
    QString stoppedText(QTextToSpeech *engine) const;

    QStringList m_engines;
    QString m_chosen;                         // the first engine started
    QHash<QString, QTextToSpeech *> m_speech; // started engines (children); null: would not start
    QHash<QString, QString> m_engineOf;       // language -> the engine speaking it
    QString m_startProblem;                   // why the last engine tried would not start
    bool m_on = false;
    QString m_status;
    QList<Line> m_queue;
};

} // namespace civicdesk
