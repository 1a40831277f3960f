#include "ui/practice/callervoice.h"

#include <QLoggingCategory>
#include <optional>
#include <utility>

#ifdef CIVICDESK_WITH_SPEECH
#include <QTextToSpeech>
#endif

namespace civicdesk {

namespace {
Q_LOGGING_CATEGORY(lcVoice, "civicdesk.practice.voice")
} // namespace

CallerVoice::CallerVoice(QString engine, QObject *parent)
    : CallerVoice(engine.isEmpty() ? QStringList() : QStringList{engine}, parent)
{
}

CallerVoice::CallerVoice(QStringList engines, QObject *parent)
    : QObject(parent), m_engines(std::move(engines))
{
}

CallerVoice::~CallerVoice() = default;

bool CallerVoice::builtWithSpeech()
{
#ifdef CIVICDESK_WITH_SPEECH
    return true;
#else
    return false;
#endif
}

bool CallerVoice::setOn(bool on)
{
    if (!on) {
        m_on = false;
        m_queue.clear();
        m_status = tr("The caller's lines are shown only, not spoken.");
        return true;
    }
    m_on = start();
    return m_on;
}

QStringList CallerVoice::candidates() const
{
#ifdef CIVICDESK_WITH_SPEECH
    // Qt lists its engines in no set order: by name, so the choice is the same at every start
    // (flite before speechd: Flite speaks the English, speech-dispatcher what Flite cannot).
    QStringList installed = QTextToSpeech::availableEngines();
    installed.sort();
    if (m_engines.isEmpty())
        return installed;
    QStringList wanted;
    for (const QString &name : m_engines) {
        if (installed.contains(name))
            wanted.append(name);
    }
    return wanted;
#else
    return {};
#endif
}

QTextToSpeech *CallerVoice::engine(const QString &name)
{
#ifdef CIVICDESK_WITH_SPEECH
    if (m_speech.contains(name))
        return m_speech.value(name);
    auto *speech = new QTextToSpeech(name, this);
    // Flite without an audio device starts "ready" with an error string, then fails each line.
    if (speech->state() == QTextToSpeech::Error || !speech->errorString().isEmpty()) {
        m_startProblem = tr("The speech engine \"%1\" does not start (%2): read the caller's "
                            "lines in the panel.")
                             .arg(name, speech->errorString());
        delete speech;
        m_speech.insert(name, nullptr);
        return nullptr;
    }
    connect(speech, &QTextToSpeech::stateChanged, this, [this, speech](QTextToSpeech::State state) {
        if (state == QTextToSpeech::Ready)
            sayNext();
        else if (state == QTextToSpeech::Error)
            stopped(speech);
    });
    m_speech.insert(name, speech);
    qCInfo(lcVoice, "speech engine %s started", qPrintable(name));
    return speech;
#else
    Q_UNUSED(name)
    return nullptr;
#endif
}

bool CallerVoice::start()
{
#ifdef CIVICDESK_WITH_SPEECH
    if (!m_chosen.isEmpty()) {
        QTextToSpeech *first = m_speech.value(m_chosen);
        if (first && first->state() == QTextToSpeech::Error) {
            m_status = stoppedText(first);
            return false;
        }
        m_status = tr("The caller's lines are spoken (speech engine \"%1\").").arg(m_chosen);
        return true;
    }
    const QStringList engines = QTextToSpeech::availableEngines();
    if (engines.isEmpty()) {
        m_status = tr("No speech engine is installed (for example qt6-speech-flite-plugin): read "
                      "the caller's lines in the panel.");
        return false;
    }
    const QStringList tried = candidates();
    if (tried.isEmpty()) {
        m_status =
            tr("The speech engine \"%1\" is not installed (there are: %2).")
                .arg(m_engines.join(QStringLiteral(", ")), engines.join(QStringLiteral(", ")));
        return false;
    }
    for (const QString &name : tried) {
        if (engine(name)) {
            m_chosen = name;
            m_status = tr("The caller's lines are spoken (speech engine \"%1\").").arg(name);
            qCInfo(lcVoice, "caller's voice on, engine %s", qPrintable(name));
            return true;
        }
    }
    m_status = m_startProblem;
    return false;
#else
    m_status = tr("This CivicDesk was built without speech (Qt TextToSpeech): read the caller's "
                  "lines in the panel.");
    return false;
#endif
}

QTextToSpeech *CallerVoice::voiceFor(const QString &language, QLocale *voice)
{
#ifdef CIVICDESK_WITH_SPEECH
    // A voice in the caller's language, the United States' first (Boston's Spanish speakers
    // are American): an English voice reading Spanish would mislead more than silence.
    const QLocale::Language wanted = QLocale(language).language();
    for (const QString &name : candidates()) {
        QTextToSpeech *speech = engine(name);
        if (!speech || speech->state() == QTextToSpeech::Error)
            continue;
        std::optional<QLocale> found;
        for (const QLocale &locale : speech->availableLocales()) {
            if (locale.language() != wanted)
                continue;
            if (!found || locale.territory() == QLocale::UnitedStates)
                found = locale;
        }
        if (found) {
            *voice = *found;
            m_engineOf.insert(language, name);
            return speech;
        }
    }
#else
    Q_UNUSED(language)
    Q_UNUSED(voice)
#endif
    return nullptr;
}

bool CallerVoice::speak(const QString &line, const QString &language)
{
    if (!m_on || m_chosen.isEmpty() || line.trimmed().isEmpty())
        return false;
    QLocale locale;
    QTextToSpeech *speech = voiceFor(language, &locale);
    if (!speech) {
        m_status = tr("No installed speech engine has a voice in the caller's language (%1): read "
                      "the caller's lines in the panel (for Spanish, install "
                      "qt6-speech-speechd-plugin and speech-dispatcher-espeak-ng).")
                       .arg(language);
        return false;
    }
    m_queue.append({speech, locale, line});
    sayNext();
    return true;
}

QString CallerVoice::stoppedText(QTextToSpeech *speech) const
{
#ifdef CIVICDESK_WITH_SPEECH
    return tr("The speech engine \"%1\" stopped (%2): read the caller's lines in the panel.")
        .arg(m_speech.key(speech), speech->errorString());
#else
    Q_UNUSED(speech)
    return {};
#endif
}

void CallerVoice::stopped(QTextToSpeech *speech)
{
#ifdef CIVICDESK_WITH_SPEECH
    m_queue.clear();
    m_status = stoppedText(speech);
    emit failed(m_status);
#else
    Q_UNUSED(speech)
#endif
}

void CallerVoice::sayNext()
{
#ifdef CIVICDESK_WITH_SPEECH
    if (m_queue.isEmpty())
        return;
    // One line at a time, whichever engine says it.
    for (QTextToSpeech *speech : std::as_const(m_speech)) {
        if (speech && speech->state() == QTextToSpeech::Speaking)
            return;
    }
    const Line next = m_queue.takeFirst();
    if (next.engine->state() == QTextToSpeech::Error)
        return stopped(next.engine);
    if (next.engine->locale() != next.locale)
        next.engine->setLocale(next.locale);
    next.engine->say(next.text);
#endif
}

} // namespace civicdesk
