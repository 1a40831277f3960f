#include "ui/lobby/callout.h"

#include "ui/lobby/visitortext.h"

#include <QLocale>
#include <QLoggingCategory>
#include <algorithm>
#include <optional>

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

QHash<QString, QString> CallOut::enginesByLanguage(const QList<EngineLocales> &engines,
                                                   const QStringList &languages)
{
    QHash<QString, QString> chosen;
    for (const QString &language : languages) {
        const QLocale::Language wanted = QLocale(language).language();
        for (const EngineLocales &e : engines) {
            const bool speaks =
                std::any_of(e.locales.cbegin(), e.locales.cend(),
                            [wanted](const QLocale &l) { return l.language() == wanted; });
            if (speaks) {
                chosen.insert(language, e.engine);
                break;
            }
        }
        if (!chosen.contains(language) && !engines.isEmpty())
            chosen.insert(language, engines.first().engine);
    }
    return chosen;
}

QLocale CallOut::localeFor(const QList<QLocale> &locales, const QString &language)
{
    const QLocale::Language wanted = QLocale(language).language();
    std::optional<QLocale> any;
    for (const QLocale &l : locales) {
        if (l.language() != wanted)
            continue;
        if (l.territory() == QLocale::UnitedStates)
            return l;
        if (!any)
            any = l;
    }
    return any.value_or(QLocale(wanted, QLocale::UnitedStates));
}

QTextToSpeech *CallOut::start(const QString &engine, QString *why)
{
#ifdef CIVICDESK_WITH_SPEECH
    auto *speech = new QTextToSpeech(engine, this);
    if (speech->state() == QTextToSpeech::Error) {
        *why = QStringLiteral("the text-to-speech engine \"%1\" does not start: %2")
                   .arg(engine, speech->errorString());
        delete speech;
        return nullptr;
    }
    speech->setObjectName(engine);
    connect(speech, &QTextToSpeech::stateChanged, this, [this](QTextToSpeech::State state) {
        if (state == QTextToSpeech::Ready)
            sayNext();
        else if (state == QTextToSpeech::Error)
            m_queue.clear();
    });
    return speech;
#else
    Q_UNUSED(engine)
    *why = QStringLiteral("built without Qt TextToSpeech (qt6-speech-dev)");
    return nullptr;
#endif
}

CallOut::CallOut(const QString &engine, QObject *parent) : QObject(parent)
{
#ifdef CIVICDESK_WITH_SPEECH
    const QStringList engines = QTextToSpeech::availableEngines();
    const QStringList languages = {QStringLiteral("en"), QStringLiteral("es")};
    if (engines.isEmpty()) {
        m_status = QStringLiteral("no text-to-speech engine is installed (for example "
                                  "qt6-speech-flite-plugin)");
    } else if (!engine.isEmpty() && !engines.contains(engine)) {
        m_status = QStringLiteral("the text-to-speech engine \"%1\" is not installed (there are: "
                                  "%2)")
                       .arg(engine, engines.join(QStringLiteral(", ")));
    } else {
        const QString chosen = engine.isEmpty() ? engines.first() : engine;
        m_speech = start(chosen, &m_status);
    }
    if (m_speech) {
        m_status = m_speech->objectName();
        // The chosen engine first; the others only when it lacks a language.
        QList<EngineLocales> known = {{m_status, m_speech->availableLocales()}};
        QHash<QString, QTextToSpeech *> started = {{m_status, m_speech}};
        const auto covered = [&known](const QString &language) {
            const QLocale::Language wanted = QLocale(language).language();
            for (const EngineLocales &e : std::as_const(known)) {
                for (const QLocale &l : e.locales) {
                    if (l.language() == wanted)
                        return true;
                }
            }
            return false;
        };
        for (const QString &other : engines) {
            if (std::all_of(languages.cbegin(), languages.cend(), covered))
                break;
            if (started.contains(other))
                continue;
            QString why;
            if (QTextToSpeech *speech = start(other, &why)) {
                known.append({other, speech->availableLocales()});
                started.insert(other, speech);
            }
        }
        const auto byLanguage = enginesByLanguage(known, languages);
        for (const QString &language : languages)
            m_byLanguage.insert(language, started.value(byLanguage.value(language), m_speech));
        // Engines that say nothing stay unused.
        for (QTextToSpeech *speech : std::as_const(started)) {
            if (!m_byLanguage.values().contains(speech))
                delete speech;
        }
        if (!std::all_of(languages.cbegin(), languages.cend(), covered))
            qCWarning(lcCallOut, "no installed engine has a Spanish voice: the Spanish call is "
                                 "said in another voice (install qt6-speech-speechd-plugin and "
                                 "speech-dispatcher-espeak-ng)");
        if (m_byLanguage.value(QStringLiteral("es")) != m_speech)
            m_status += QStringLiteral(" (Spanish: %1)")
                            .arg(m_byLanguage.value(QStringLiteral("es"))->objectName());
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

QString CallOut::engineFor(const QString &language) const
{
    const QTextToSpeech *speech = m_byLanguage.value(language);
    return speech ? speech->objectName() : QString();
}

QStringList CallOut::voiceNames() const
{
    QStringList names;
#ifdef CIVICDESK_WITH_SPEECH
    QList<QTextToSpeech *> engines;
    for (QTextToSpeech *speech : m_byLanguage) {
        if (!engines.contains(speech))
            engines.append(speech);
    }
    for (QTextToSpeech *speech : std::as_const(engines)) {
        const QLocale before = speech->locale();
        for (const QLocale &locale : speech->availableLocales()) {
            speech->setLocale(locale);
            for (const QVoice &voice : speech->availableVoices()) {
                if (!names.contains(voice.name()))
                    names.append(voice.name());
            }
        }
        speech->setLocale(before);
    }
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
    sayNext();
}

bool CallOut::speaking() const
{
#ifdef CIVICDESK_WITH_SPEECH
    for (const QTextToSpeech *speech : m_byLanguage) {
        if (speech->state() == QTextToSpeech::Speaking)
            return true;
    }
#endif
    return false;
}

void CallOut::sayNext()
{
#ifdef CIVICDESK_WITH_SPEECH
    // One line at a time, whichever engine says it.
    if (!m_speech || m_queue.isEmpty() || speaking())
        return;
    const QString next = m_queue.takeFirst();
    const QString language = next.section(u'\t', 0, 0);
    QTextToSpeech *speech = m_byLanguage.value(language, m_speech);
    speech->setLocale(localeFor(speech->availableLocales(), language));
    if (!m_voice.isEmpty()) {
        for (const QVoice &voice : speech->availableVoices()) {
            if (voice.name() == m_voice)
                speech->setVoice(voice);
        }
    }
    speech->say(next.section(u'\t', 1));
#endif
}

} // namespace civicdesk
