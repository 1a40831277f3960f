#pragma once

#include <QObject>
#include <QStringList>

class QTextToSpeech;

namespace civicdesk {

// The display board's spoken call-out: "Ticket A 0 1 2, counter 3", then the same in Spanish
// ("Turno A 0 1 2, ventanilla 3"), through Qt TextToSpeech. Off unless the board is started
// with --speak-calls. Speaking never blocks the board: without the module (built without
// qt6-speech-dev), without an engine, or when the engine fails, the board stays silent and a
// log line says why, once.
class CallOut : public QObject
{
    Q_OBJECT

public:
    // `engine`: a Qt TextToSpeech engine (flite, speechd...); empty: the first available.
    explicit CallOut(const QString &engine = {}, QObject *parent = nullptr);
    ~CallOut() override;

    // What is said for a call in `language` (en, es): the ticket spelled character by character.
    static QString text(const QString &ticket, const QString &counter, const QString &language);
    // Whether this build has Qt TextToSpeech at all.
    static bool builtWithSpeech();

    // Whether an engine is there to speak.
    bool available() const;
    // The engine in use, or why there is none.
    QString status() const { return m_status; }
    // Says the call in English, then in Spanish (queued behind what is being said).
    void announce(const QString &ticket, const QString &counter);
    // The texts announced last (what was, or would have been, said).
    QStringList lastTexts() const { return m_lastTexts; }

private:
    void sayNext();

    QTextToSpeech *m_speech = nullptr;
    QString m_status;
    QStringList m_queue; // "language\ttext"
    QStringList m_lastTexts;
    bool m_warned = false;
};

} // namespace civicdesk
