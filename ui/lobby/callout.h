#pragma once

#include "models/domain/result.h"

#include <QHash>
#include <QLocale>
#include <QObject>
#include <QStringList>

class QTextToSpeech;

namespace civicdesk {

// The display board's spoken call-out: "Ticket A 0 1 2, counter 3" and the same in Spanish
// ("Turno A 0 1 2, ventanilla 3"), the visitor's language first, through Qt TextToSpeech, in a
// voice of the site's choice (--speak-voice). Each language is said by an engine that has a
// voice in it: the chosen engine where it has one (Flite speaks English only), else another
// installed engine that has (speech-dispatcher with espeak-ng for Spanish). Off unless the
// board is started with --speak-calls. Speaking never blocks the board: without the module
// (built without qt6-speech-dev), without an engine, or when the engine fails, the board stays
// silent and a log line says why, once.
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
    // An engine's name and the locales it has voices for.
    struct EngineLocales
    {
        QString engine;
        QList<QLocale> locales;
    };
    // Which engine says each of `languages` (en, es): the first of `engines` (the chosen one
    // first) with a voice in that language; a language none of them speaks goes to the first
    // (said in another language's voice rather than not at all).
    static QHash<QString, QString> enginesByLanguage(const QList<EngineLocales> &engines,
                                                     const QStringList &languages);
    // The locale `engine`'s voices say `language` in (US first), or the language's own.
    static QLocale localeFor(const QList<QLocale> &locales, const QString &language);

    // Whether an engine is there to speak.
    bool available() const;
    // The engine in use (and the one for Spanish when it is another), or why there is none.
    QString status() const { return m_status; }
    // The engine that says `language` (en, es); empty without speech.
    QString engineFor(const QString &language) const;
    // The names of the engine's voices, in every language it speaks (empty without an engine).
    QStringList voiceNames() const;
    // Speaks with the engine's voice of this name in each language that has it (the others keep
    // the language's default voice); empty: the defaults. Refused, with the names there are,
    // when the engine has no voice of that name.
    Status setVoice(const QString &name);
    QString voice() const { return m_voice; }
    // Says the call in the visitor's language (en, es), then in the other one (queued behind
    // what is being said).
    void announce(const QString &ticket, const QString &counter,
                  const QString &language = QStringLiteral("en"));
    // The texts announced last (what was, or would have been, said).
    QStringList lastTexts() const { return m_lastTexts; }

private:
    void sayNext();
    bool speaking() const;
    // Starts `engine`; null (with the reason in `why`) when it does not start.
    QTextToSpeech *start(const QString &engine, QString *why);

    QTextToSpeech *m_speech = nullptr;            // the chosen engine
    QHash<QString, QTextToSpeech *> m_byLanguage; // en, es -> the engine that says it
    QString m_status;
    QStringList m_queue; // "language\ttext"
    QStringList m_lastTexts;
    QString m_voice;
    bool m_warned = false;
};

} // namespace civicdesk
