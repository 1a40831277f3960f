#include "ui/lobby/callout.h"

#include "ui/lobby/visitortext.h"

#include <QLocale>
#include <QLoggingCategory>

#ifdef CIVICDESK_WITH_SPEECH
#include <QTextToSpeech>
#endif

namespace civicdesk {

namespace {

Q_LOGGING_CATEGORY(lcCallOut, "civicdesk.lobby.callout")

const char *const Context = "civicdesk::CallOut";
const char *const Call = QT_TRANSLATE_NOOP("civicdesk::CallOut", "Ticket %1, counter %2");

} // namespace

QString CallOut::text(const QString &ticket, const QString &counter, const QString &language)
{
    // "A012" is read "A 0 1 2", never "A twelve".
    QStringList characters;
    for (const QChar c : ticket.trimmed())
        characters.append(QString(c));
    return VisitorText(language)(Context, Call).arg(characters.join(u' '), counter.trimmed());
}

bool CallOut::builtWithSpeech()
{
#ifdef CIVICDESK_WITH_SPEECH
    return true;
#else
    return false;
#endif
}

CallOut::CallOut(const QString &engine, QObject *parent) : QObject(parent)
{
#ifdef CIVICDESK_WITH_SPEECH
    const QStringList engines = QTextToSpeech::availableEngines();
    if (engines.isEmpty()) {
        m_status = QStringLiteral("no text-to-speech engine is installed (for example "
                                  "qt6-speech-flite-plugin)");
    } else if (!engine.isEmpty() && !engines.contains(engine)) {
        m_status = QStringLiteral("the text-to-speech engine \"%1\" is not installed (there are: "
                                  "%2)")
                       .arg(engine, engines.join(QStringLiteral(", ")));
    } else {
        const QString chosen = engine.isEmpty() ? engines.first() : engine;
        m_speech = new QTextToSpeech(chosen, this);
        if (m_speech->state() == QTextToSpeech::Error) {
            m_status = QStringLiteral("the text-to-speech engine \"%1\" does not start: %2")
                           .arg(chosen, m_speech->errorString());
            delete m_speech;
            m_speech = nullptr;
        } else {
            m_status = chosen;
            connect(m_speech, &QTextToSpeech::stateChanged, this,
                    [this](QTextToSpeech::State state) {
                        if (state == QTextToSpeech::Ready)
                            sayNext();
                        else if (state == QTextToSpeech::Error)
                            m_queue.clear();
                    });
        }
    }
#else
    Q_UNUSED(engine)
    m_status = QStringLiteral("built without Qt TextToSpeech (qt6-speech-dev)");
#endif
    if (m_speech)
        qCInfo(lcCallOut, "spoken call-out on, engine %s", qPrintable(m_status));
}

CallOut::~CallOut() = default;

bool CallOut::available() const
{
    return m_speech != nullptr;
}

QStringList CallOut::voiceNames() const
{
    QStringList names;
#ifdef CIVICDESK_WITH_SPEECH
    if (!m_speech)
        return names;
    const QLocale before = m_speech->locale();
    for (const QLocale &locale : m_speech->availableLocales()) {
        m_speech->setLocale(locale);
        for (const QVoice &voice : m_speech->availableVoices()) {
            if (!names.contains(voice.name()))
                names.append(voice.name());
        }
    }
    m_speech->setLocale(before);
#endif
    return names;
}

Status CallOut::setVoice(const QString &name)
{
    const QString wanted = name.trimmed();
    if (!wanted.isEmpty() && !m_speech)
        return makeError(QStringLiteral("callout.voice"),
                         tr("The voice \"%1\" cannot be used: %2.").arg(wanted, m_status));
    const QStringList names = voiceNames();
    if (!wanted.isEmpty() && !names.contains(wanted))
        return makeError(QStringLiteral("callout.voice"),
                         tr("The speech engine %1 has no voice \"%2\". Its voices: %3.")
                             .arg(m_status, wanted, names.join(QStringLiteral(", "))));
    m_voice = wanted;
    if (m_speech)
        qCInfo(lcCallOut, "voice %s", m_voice.isEmpty() ? "default" : qPrintable(m_voice));
    return Ok{};
}

void CallOut::announce(const QString &ticket, const QString &counter, const QString &language)
{
    m_lastTexts.clear();
    const QStringList order = language == u"es"
                                  ? QStringList{QStringLiteral("es"), QStringLiteral("en")}
                                  : QStringList{QStringLiteral("en"), QStringLiteral("es")};
    for (const QString &spoken : order) {
        const QString said = text(ticket, counter, spoken);
        m_lastTexts.append(said);
        m_queue.append(spoken + u'\t' + said);
    }
    if (!m_speech) {
        m_queue.clear();
        if (!m_warned)
            qCWarning(lcCallOut, "the board stays silent: %s", qPrintable(m_status));
        m_warned = true;
        return;
    }
#ifdef CIVICDESK_WITH_SPEECH
    if (m_speech->state() == QTextToSpeech::Ready)
        sayNext();
#endif
}

void CallOut::sayNext()
{
#ifdef CIVICDESK_WITH_SPEECH
    if (!m_speech || m_queue.isEmpty())
        return;
    const QString next = m_queue.takeFirst();
    const QString language = next.section(u'\t', 0, 0);
    m_speech->setLocale(language == u"es" ? QLocale(QLocale::Spanish, QLocale::UnitedStates)
                                          : QLocale(QLocale::English, QLocale::UnitedStates));
    if (!m_voice.isEmpty()) {
        for (const QVoice &voice : m_speech->availableVoices()) {
            if (voice.name() == m_voice)
                m_speech->setVoice(voice);
        }
    }
    m_speech->say(next.section(u'\t', 1));
#endif
}

} // namespace civicdesk
