#pragma once

#include "models/domain/permissions/agentrole.h"
#include "models/domain/result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace civicdesk {

// The bounds of the practice channel: how many live practice calls the server holds, how much
// one message may say, how fast a participant may talk and how long a call may sit idle.
struct PracticeLimits
{
    int maxSessions = 64;
    int maxSessionsPerTrainer = 3;
    int maxTextChars = 1000;
    int maxIntakeBytes = 16 * 1024;
    int messagesPerMinute = 120; // per participant
    int keptMessages = 400;      // older ones are dropped (a pull asks from where it was)
    qint64 idleExpiryMs = 15 * 60 * 1000;
    int joinAttemptsPerMinute = 10; // per user: join codes cannot be guessed by trying
};

// One message of a live practice call: a caller's line (the trainer's), a question (the
// trainee's), the trainee's intake as it stands (read only for the trainer), or the end.
struct PracticeMessage
{
    qint64 seq = 0;
    QString kind; // "line", "question", "intake", "end"; "joined" (the server's)
    QString from; // the user who sent it
    QString text;
    QJsonObject intake;
    qint64 atMs = 0;
    QJsonObject toJson() const;
};

// A live practice call: opened by a trainer for one scenario, joined by one trainee with its
// join code. It lives in the server's memory only: nothing of it is ever written to the store.
struct PracticeRoom
{
    QString id;   // a random UUID
    QString code; // the join code the trainer reads out
    QString scenario;
    QString title;
    QString trainer;
    QString trainee; // empty until joined
    qint64 openedMs = 0;
    qint64 lastActiveMs = 0;
    qint64 lastSeq = 0;
    bool closed = false;
    QList<PracticeMessage> messages;
    struct Window
    {
        qint64 startMs = 0;
        int count = 0;
    };
    QHash<QString, Window> rate; // per participant
};

// Every live practice call the server holds, with the rules of who may do what (the one
// permission table: mayLeadLivePractice, mayJoinLivePractice) and the bounds. Times are
// passed in, so the rules are tested without waiting. Error codes (Error::code):
//   practice.forbidden   the role or user may not do this (403)
//   practice.not_found   no live practice call by that id or code (404): anything that is not
//                        one — a live request, a contact, a sign-in token — is refused here
//   practice.taken       the call has its trainee already (409)
//   practice.closed      the call has ended (409)
//   practice.full        as many calls as the server holds, or the trainer's share (503)
//   practice.rate        too many messages or join attempts this minute (429)
//   practice.validation  a message the channel does not carry (400)
class PracticeRooms
{
public:
    explicit PracticeRooms(PracticeLimits limits = {}) : m_limits(limits) {}
    // Why `role` may not open (or join) a live practice call; nothing when it may.
    static std::optional<Error> refuseOpening(AgentRole role);
    static std::optional<Error> refuseJoining(AgentRole role);
    const PracticeLimits &limits() const { return m_limits; }

    Result<PracticeRoom> open(const QString &user, AgentRole role, const QString &scenario,
                              const QString &title, qint64 nowMs);
    Result<PracticeRoom> join(const QString &user, AgentRole role, const QString &code,
                              qint64 nowMs);
    // The trainer says "line" or "end"; the trainee "question" or "intake". `field` names what
    // is wrong on a validation error.
    Result<qint64> post(const QString &id, const QString &user, const QString &kind,
                        const QString &text, const QJsonObject &intake, qint64 nowMs,
                        QString *field = nullptr);
    // The messages after `after` meant for `user` (a participant): the trainer gets the
    // trainee's questions and intake; the trainee the trainer's lines and the end; both their
    // own.
    Result<QList<PracticeMessage>> messagesFor(const QString &id, const QString &user, qint64 after,
                                               qint64 nowMs);
    // The room, when `user` takes part in it.
    Result<const PracticeRoom *> roomFor(const QString &id, const QString &user) const;
    Status close(const QString &id, const QString &user, qint64 nowMs);
    // Forgets calls idle for longer than the expiry (and ended calls a minute after the end);
    // the ids forgotten.
    QStringList expire(qint64 nowMs);
    int size() const { return int(m_rooms.size()); }
    // Retry-After seconds for the last practice.rate error.
    int retryAfterSeconds() const { return m_retryAfter; }

private:
    QString newCode() const;
    bool allow(PracticeRoom::Window &window, int perMinute, qint64 nowMs);

    PracticeLimits m_limits;
    QHash<QString, PracticeRoom> m_rooms; // by id
    QHash<QString, QString> m_codes;      // join code -> id
    QHash<QString, PracticeRoom::Window> m_joinAttempts;
    int m_retryAfter = 0;
};

} // namespace civicdesk
