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
    : QObject(parent), m_engine(std::move(engine))
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

bool CallerVoice::start()
{
#ifdef CIVICDESK_WITH_SPEECH
    if (m_speech && m_speech->state() == QTextToSpeech::Error) {
        m_status = stoppedText();
        return false;
    }
#endif
    if (m_speech) {
        m_status = tr("The caller's lines are spoken (speech engine \"%1\").").arg(m_chosen);
        return true;
    }
#ifdef CIVICDESK_WITH_SPEECH
    const QStringList engines = QTextToSpeech::availableEngines();
    if (engines.isEmpty()) {
        m_status = tr("No speech engine is installed (for example qt6-speech-flite-plugin): read "
                      "the caller's lines in the panel.");
        return false;
    }
    if (!m_engine.isEmpty() && !engines.contains(m_engine)) {
        m_status = tr("The speech engine \"%1\" is not installed (there are: %2).")
                       .arg(m_engine, engines.join(QStringLiteral(", ")));
        return false;
    }
    const QString chosen = m_engine.isEmpty() ? engines.first() : m_engine;
    auto *speech = new QTextToSpeech(chosen, this);
    // Flite without an audio device starts "ready" with an error string, then fails each line.
    if (speech->state() == QTextToSpeech::Error || !speech->errorString().isEmpty()) {
        m_status = tr("The speech engine \"%1\" does not start (%2): read the caller's lines in "
                      "the panel.")
                       .arg(chosen, speech->errorString());
        delete speech;
        return false;
    }
    m_speech = speech;
    m_chosen = chosen;
    m_status = tr("The caller's lines are spoken (speech engine \"%1\").").arg(chosen);
    connect(m_speech, &QTextToSpeech::stateChanged, this, [this](QTextToSpeech::State state) {
        if (state == QTextToSpeech::Ready)
            sayNext();
        else if (state == QTextToSpeech::Error)
            stopped();
    });
    qCInfo(lcVoice, "caller's voice on, engine %s", qPrintable(chosen));
    return true;
#else
    m_status = tr("This CivicDesk was built without speech (Qt TextToSpeech): read the caller's "
                  "lines in the panel.");
    return false;
#endif
}

bool CallerVoice::speak(const QString &line, const QString &language)
{
    if (!m_on || !m_speech || line.trimmed().isEmpty())
        return false;
#ifdef CIVICDESK_WITH_SPEECH
    // A voice in the caller's language, the United States' first (Boston's Spanish speakers
    // are American): an English voice reading Spanish would mislead more than silence.
    const QLocale::Language wanted = QLocale(language).language();
    std::optional<QLocale> voice;
    for (const QLocale &locale : m_speech->availableLocales()) {
        if (locale.language() != wanted)
            continue;
        if (!voice || locale.territory() == QLocale::UnitedStates)
            voice = locale;
    }
    if (!voice) {
        m_status = tr("The speech engine has no voice in the caller's language (%1): read the "
                      "caller's lines in the panel.")
                       .arg(language);
        return false;
    }
    m_queue.append({*voice, line});
    if (m_speech->state() == QTextToSpeech::Ready)
        sayNext();
    return true;
#else
    Q_UNUSED(language)
    return false;
#endif
}

QString CallerVoice::stoppedText() const
{
#ifdef CIVICDESK_WITH_SPEECH
    return tr("The speech engine \"%1\" stopped (%2): read the caller's lines in the panel.")
        .arg(m_chosen, m_speech->errorString());
#else
    return {};
#endif
}

void CallerVoice::stopped()
{
#ifdef CIVICDESK_WITH_SPEECH
    m_queue.clear();
    m_status = stoppedText();
    emit failed(m_status);
#endif
}

void CallerVoice::sayNext()
{
#ifdef CIVICDESK_WITH_SPEECH
    if (!m_speech || m_queue.isEmpty())
        return;
    const auto [locale, line] = m_queue.takeFirst();
    if (m_speech->locale() != locale)
        m_speech->setLocale(locale);
    m_speech->say(line);
#endif
}

} // namespace civicdesk
