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

void CallOut::announce(const QString &ticket, const QString &counter)
{
    m_lastTexts.clear();
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("es")}) {
        const QString said = text(ticket, counter, language);
        m_lastTexts.append(said);
        m_queue.append(language + u'\t' + said);
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
    m_speech->say(next.section(u'\t', 1));
#endif
}

} // namespace civicdesk
