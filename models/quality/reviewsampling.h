#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace civicdesk {

class Database;

// A contact that may be drawn for quality review.
struct SampleCandidate
{
    QString contactId = QString();
    QString agent = QString();
    QDateTime startedAt = QDateTime();
    int durationSeconds = 0;
};

struct SampledContact
{
    SampleCandidate contact = {};
    QString stratum = QString(); // "short" or "long" (centre sample), or the agent (per agent)
    QStringList reviewers = {};  // who scores it, independently
};

// The two ways contacts are drawn for review (Minneapolis draws a centre-wide monthly sample of
// 30 short and 10 long calls; other centres N per agent and period). Deterministic: the same
// candidates, plan and seed give the same sample on every machine (candidates are put in
// contact-id order first, then drawn with Qt's seeded generator), so a sample can be drawn
// again to check it.
namespace reviewsampling {

struct CentrePlan
{
    int shortCount = 30;
    int longCount = 10;
    int longFromSeconds = 600; // a contact of this length or longer is "long"
};

// A stratified sample: `shortCount` of the contacts shorter than `longFromSeconds` and
// `longCount` of the others (fewer when fewer exist), short ones first, each stratum in
// contact-id order.
QList<SampledContact> centreSample(QList<SampleCandidate> candidates, const CentrePlan &plan,
                                   quint32 seed);

// Up to `perAgent` contacts of every agent, by agent and contact id.
QList<SampledContact> perAgentSample(QList<SampleCandidate> candidates, int perAgent, quint32 seed);

// Gives every contact `perContact` different reviewers, spread evenly: each reviewer gets the
// same number of contacts, give or take one. With perContact = the number of reviewers every
// reviewer scores every contact (independent scoring of the whole sample).
void assignReviewers(QList<SampledContact> &sample, QStringList reviewers, int perContact);

// The ended contacts that started in [from, to), from the store's contacts.
QList<SampleCandidate> endedContacts(const Database &database, const QDateTime &from,
                                     const QDateTime &to);

} // namespace reviewsampling

} // namespace civicdesk
