#include "models/quality/reviewsampling.h"

#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QMap>
#include <QRandomGenerator>
#include <algorithm>

namespace civicdesk::reviewsampling {

namespace {

void byContactId(QList<SampleCandidate> &candidates)
{
    std::sort(candidates.begin(), candidates.end(),
              [](const SampleCandidate &a, const SampleCandidate &b) {
                  return a.contactId < b.contactId;
              });
}

// `count` of `pool` (in the pool's order), drawn by a partial Fisher-Yates shuffle; the drawn
// ones come back in contact-id order.
QList<SampleCandidate> draw(QList<SampleCandidate> pool, int count, QRandomGenerator &random)
{
    const qsizetype n = std::min<qsizetype>(std::max(count, 0), pool.size());
    for (qsizetype i = 0; i < n; ++i) {
        const qsizetype j = i + qsizetype(random.bounded(quint32(pool.size() - i)));
        pool.swapItemsAt(i, j);
    }
    pool.resize(n);
    byContactId(pool);
    return pool;
}

} // namespace

QList<SampledContact> centreSample(QList<SampleCandidate> candidates, const CentrePlan &plan,
                                   quint32 seed)
{
    byContactId(candidates);
    QList<SampleCandidate> shortOnes;
    QList<SampleCandidate> longOnes;
    for (const SampleCandidate &c : candidates)
        (c.durationSeconds >= plan.longFromSeconds ? longOnes : shortOnes).append(c);
    QRandomGenerator random(seed);
    QList<SampledContact> sample;
    for (const SampleCandidate &c : draw(shortOnes, plan.shortCount, random))
        sample.append({c, QStringLiteral("short"), {}});
    for (const SampleCandidate &c : draw(longOnes, plan.longCount, random))
        sample.append({c, QStringLiteral("long"), {}});
    return sample;
}

QList<SampledContact> perAgentSample(QList<SampleCandidate> candidates, int perAgent, quint32 seed)
{
    byContactId(candidates);
    QMap<QString, QList<SampleCandidate>> byAgent;
    for (const SampleCandidate &c : candidates)
        byAgent[c.agent].append(c);
    QRandomGenerator random(seed);
    QList<SampledContact> sample;
    for (auto it = byAgent.cbegin(); it != byAgent.cend(); ++it) {
        for (const SampleCandidate &c : draw(it.value(), perAgent, random))
            sample.append({c, it.key(), {}});
    }
    return sample;
}

void assignReviewers(QList<SampledContact> &sample, QStringList reviewers, int perContact)
{
    reviewers.removeDuplicates();
    reviewers.sort();
    const qsizetype count = reviewers.size();
    const qsizetype k = std::min<qsizetype>(std::max(perContact, 0), count);
    // Slots are dealt round the reviewers in turn: contact i takes the next k of them, so no
    // contact gets a reviewer twice and no reviewer has more than one contact more than another.
    qsizetype next = 0;
    for (SampledContact &s : sample) {
        s.reviewers.clear();
        for (qsizetype j = 0; j < k; ++j)
            s.reviewers.append(reviewers.at((next + j) % count));
        if (count > 0)
            next = (next + k) % count;
    }
}

QList<SampleCandidate> endedContacts(const Database &database, const QDateTime &from,
                                     const QDateTime &to)
{
    QList<SampleCandidate> candidates;
    QSqlQuery q(QSqlDatabase::database(database.connectionName()));
    q.setForwardOnly(true);
    if (!sql::exec(q,
                   QStringLiteral("SELECT id, agent, started_at, ended_at FROM contacts WHERE "
                                  "started_at >= ? AND started_at < ? AND ended_at IS NOT NULL "
                                  "ORDER BY id"),
                   {from.toSecsSinceEpoch(), to.toSecsSinceEpoch()}))
        return candidates;
    while (q.next()) {
        const qint64 started = q.value(2).toLongLong();
        candidates.append({q.value(0).toString(), q.value(1).toString(),
                           QDateTime::fromSecsSinceEpoch(started, Qt::UTC),
                           int(std::max<qint64>(0, q.value(3).toLongLong() - started))});
    }
    return candidates;
}

} // namespace civicdesk::reviewsampling
