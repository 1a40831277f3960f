#include "app/server/practicerooms.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUuid>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(PracticeChannel)
};

// Letters and digits that cannot be misread aloud or on a screen (no 0/O, 1/I/L, 5/S, 2/Z).
constexpr char CodeAlphabet[] = "ABCDEFGHJKMNPQRTUVWXY346789";
constexpr int CodeLength = 6;
constexpr qint64 EndedKeptMs = 60 * 1000;

Error notFound()
{
    return makeError(QStringLiteral("practice.not_found"),
                     Text::tr("There is no live practice call by that id or code. Ask the trainer "
                              "for the join code shown on their screen."));
}

bool isTrainerKind(const QString &kind)
{
    return kind == u"line" || kind == u"end";
}

} // namespace

QJsonObject PracticeMessage::toJson() const
{
    QJsonObject object{{QStringLiteral("seq"), double(seq)},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("from"), from},
                       {QStringLiteral("at"), double(atMs)}};
    if (kind == u"intake")
        object.insert(QStringLiteral("intake"), intake);
    else
        object.insert(QStringLiteral("text"), text);
    return object;
}

std::optional<Error> PracticeRooms::refuseOpening(AgentRole role)
{
    if (mayLeadLivePractice(role))
        return std::nullopt;
    return makeError(QStringLiteral("practice.forbidden"),
                     Text::tr("Live practice calls are opened by trainers and admins; you work "
                              "as %1.")
                         .arg(agentRoleName(role)));
}

std::optional<Error> PracticeRooms::refuseJoining(AgentRole role)
{
    if (mayJoinLivePractice(role))
        return std::nullopt;
    return makeError(QStringLiteral("practice.forbidden"),
                     Text::tr("Live practice calls are joined by agents who take calls; you "
                              "work as %1.")
                         .arg(agentRoleName(role)));
}

QString PracticeRooms::newCode() const
{
    constexpr int alphabet = int(sizeof(CodeAlphabet)) - 1;
    for (;;) {
        QString code;
        for (int i = 0; i < CodeLength; ++i)
            code.append(QLatin1Char(CodeAlphabet[QRandomGenerator::system()->bounded(alphabet)]));
        if (!m_codes.contains(code))
            return code;
    }
}

bool PracticeRooms::allow(PracticeRoom::Window &window, int perMinute, qint64 nowMs)
{
    if (nowMs - window.startMs >= 60000) {
        window.startMs = nowMs;
        window.count = 0;
    }
    if (window.count >= perMinute) {
        m_retryAfter = int((window.startMs + 60000 - nowMs + 999) / 1000);
        return false;
    }
    ++window.count;
    return true;
}

Result<PracticeRoom> PracticeRooms::open(const QString &user, AgentRole role,
                                         const QString &scenario, const QString &title,
                                         qint64 nowMs)
{
    if (auto refused = refuseOpening(role))
        return *refused;
    expire(nowMs);
    int mine = 0;
    for (const PracticeRoom &room : std::as_const(m_rooms))
        mine += room.trainer == user && !room.closed ? 1 : 0;
    if (mine >= m_limits.maxSessionsPerTrainer)
        return makeError(QStringLiteral("practice.full"),
                         Text::tr("You have %1 live practice calls open; end one before opening "
                                  "another.")
                             .arg(mine));
    if (size() >= m_limits.maxSessions)
        return makeError(QStringLiteral("practice.full"),
                         Text::tr("The server holds as many live practice calls as it can (%1); "
                                  "try again when one has ended.")
                             .arg(m_limits.maxSessions));
    PracticeRoom room;
    room.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    room.code = newCode();
    room.scenario = scenario;
    room.title = title;
    room.trainer = user;
    room.openedMs = nowMs;
    room.lastActiveMs = nowMs;
    m_codes.insert(room.code, room.id);
    m_rooms.insert(room.id, room);
    return room;
}

Result<PracticeRoom> PracticeRooms::join(const QString &user, AgentRole role, const QString &code,
                                         qint64 nowMs)
{
    if (auto refused = refuseJoining(role))
        return *refused;
    if (!allow(m_joinAttempts[user], m_limits.joinAttemptsPerMinute, nowMs))
        return makeError(QStringLiteral("practice.rate"),
                         Text::tr("Too many join attempts; wait %1 seconds and check the code "
                                  "with the trainer.")
                             .arg(m_retryAfter));
    expire(nowMs);
    const QString id = m_codes.value(code.trimmed().toUpper());
    auto it = m_rooms.find(id);
    if (id.isEmpty() || it == m_rooms.end())
        return notFound();
    if (it->closed)
        return makeError(QStringLiteral("practice.closed"),
                         Text::tr("This live practice call has ended."));
    if (it->trainer == user)
        return makeError(QStringLiteral("practice.forbidden"),
                         Text::tr("You opened this live practice call; a trainee joins it from "
                                  "another workstation."));
    if (!it->trainee.isEmpty() && it->trainee != user)
        return makeError(QStringLiteral("practice.taken"),
                         Text::tr("%1 has joined this live practice call already; ask the "
                                  "trainer to open another one.")
                             .arg(it->trainee));
    if (it->trainee.isEmpty()) {
        // The trainer's screen learns who joined from the call's own messages.
        PracticeMessage message;
        message.seq = ++it->lastSeq;
        message.kind = QStringLiteral("joined");
        message.from = user;
        message.atMs = nowMs;
        it->messages.append(message);
    }
    it->trainee = user;
    it->lastActiveMs = nowMs;
    return *it;
}

Result<const PracticeRoom *> PracticeRooms::roomFor(const QString &id, const QString &user) const
{
    const auto it = m_rooms.constFind(id);
    if (it == m_rooms.cend())
        return notFound();
    if (it->trainer != user && it->trainee != user)
        return makeError(QStringLiteral("practice.forbidden"),
                         Text::tr("Only the trainer and the trainee of a live practice call take "
                                  "part in it."));
    return &*it;
}

Result<qint64> PracticeRooms::post(const QString &id, const QString &user, const QString &kind,
                                   const QString &text, const QJsonObject &intake, qint64 nowMs,
                                   QString *field)
{
    auto found = roomFor(id, user);
    if (!found)
        return found.error();
    PracticeRoom &room = m_rooms[id];
    auto invalid = [field](const QString &name, const QString &message) {
        if (field)
            *field = name;
        return makeError(QStringLiteral("practice.validation"), message);
    };
    if (room.closed)
        return makeError(QStringLiteral("practice.closed"),
                         Text::tr("This live practice call has ended."));
    const bool trainer = room.trainer == user;
    const bool known =
        kind == u"line" || kind == u"end" || kind == u"question" || kind == u"intake";
    if (!known)
        return invalid(QStringLiteral("kind"),
                       Text::tr("\"kind\" must be \"line\" or \"end\" (the trainer) or "
                                "\"question\" or \"intake\" (the trainee)."));
    if (trainer != isTrainerKind(kind))
        return makeError(QStringLiteral("practice.forbidden"),
                         trainer ? Text::tr("The trainer says the caller's lines (\"line\") and "
                                            "ends the call (\"end\").")
                                 : Text::tr("The trainee asks (\"question\") and shows the "
                                            "intake (\"intake\")."));
    if (kind == u"intake") {
        // Only a practice workspace's intake is mirrored: it carries the practice mark.
        if (!intake.value(u"practice").toBool())
            return invalid(QStringLiteral("intake.practice"),
                           Text::tr("Only a practice run's intake is shown to the trainer "
                                    "(\"practice\": true); live work never travels here."));
        const qsizetype bytes = QJsonDocument(intake).toJson(QJsonDocument::Compact).size();
        if (bytes > m_limits.maxIntakeBytes)
            return invalid(QStringLiteral("intake"),
                           Text::tr("The intake is %1 bytes; at most %2 are carried.")
                               .arg(bytes)
                               .arg(m_limits.maxIntakeBytes));
    } else if (kind != u"end") {
        if (text.trimmed().isEmpty())
            return invalid(QStringLiteral("text"), Text::tr("\"text\" is required: what is said."));
        if (text.size() > m_limits.maxTextChars)
            return invalid(QStringLiteral("text"),
                           Text::tr("\"text\" is %1 characters; say it in at most %2.")
                               .arg(text.size())
                               .arg(m_limits.maxTextChars));
    }
    if (!allow(room.rate[user], m_limits.messagesPerMinute, nowMs))
        return makeError(
            QStringLiteral("practice.rate"),
            Text::tr("Too many messages this minute; wait %1 seconds.").arg(m_retryAfter));
    PracticeMessage message;
    message.seq = ++room.lastSeq;
    message.kind = kind;
    message.from = user;
    message.text = kind == u"intake" ? QString() : text;
    message.intake = kind == u"intake" ? intake : QJsonObject();
    message.atMs = nowMs;
    room.messages.append(message);
    while (room.messages.size() > m_limits.keptMessages)
        room.messages.removeFirst();
    room.lastActiveMs = nowMs;
    if (kind == u"end")
        room.closed = true;
    return message.seq;
}

Result<QList<PracticeMessage>> PracticeRooms::messagesFor(const QString &id, const QString &user,
                                                          qint64 after, qint64 nowMs)
{
    auto found = roomFor(id, user);
    if (!found)
        return found.error();
    PracticeRoom &room = m_rooms[id];
    room.lastActiveMs = nowMs;
    const bool trainer = room.trainer == user;
    QList<PracticeMessage> out;
    for (const PracticeMessage &m : std::as_const(room.messages)) {
        if (m.seq <= after)
            continue;
        // The trainer's lines and the end go to both; the trainee's questions too (the
        // trainee's transcript shows them); the intake only to the trainer.
        if (m.kind == u"intake" && !trainer)
            continue;
        out.append(m);
    }
    return out;
}

Status PracticeRooms::close(const QString &id, const QString &user, qint64 nowMs)
{
    auto found = roomFor(id, user);
    if (!found)
        return found.error();
    PracticeRoom &room = m_rooms[id];
    if (!room.closed) {
        PracticeMessage message;
        message.seq = ++room.lastSeq;
        message.kind = QStringLiteral("end");
        message.from = user;
        message.atMs = nowMs;
        room.messages.append(message);
        room.closed = true;
    }
    room.lastActiveMs = nowMs;
    return Ok{};
}

QStringList PracticeRooms::expire(qint64 nowMs)
{
    QStringList gone;
    for (auto it = m_rooms.begin(); it != m_rooms.end();) {
        const qint64 idle = nowMs - it->lastActiveMs;
        if (idle >= m_limits.idleExpiryMs || (it->closed && idle >= EndedKeptMs)) {
            gone.append(it->id);
            m_codes.remove(it->code);
            it = m_rooms.erase(it);
        } else {
            ++it;
        }
    }
    return gone;
}

} // namespace civicdesk
