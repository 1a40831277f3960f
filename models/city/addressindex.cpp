#include "models/city/addressindex.h"

#include "models/domain/text/textmatch.h"

#include <QHash>
#include <QRegularExpression>
#include <algorithm>

namespace civicdesk {

using namespace textmatch;

namespace {

// Leading house number: 12, 12a, 155-155b.
const QRegularExpression &houseNumberPattern()
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d+[a-z]?(?:-\\d+[a-z]?)?)\\b\\s*"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

// Unit after the street: "apt 3", "unit 2b", "#4", "suite 100", "fl 2".
const QRegularExpression &unitPattern()
{
    static const QRegularExpression re(
        QStringLiteral("(?:,\\s*|\\s+)(?:(?:apt|apartment|unit|suite|ste|fl|floor)\\.?\\s*|#\\s*)"
                       "([a-z0-9-]+)\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &intersectionPattern()
{
    static const QRegularExpression re(QStringLiteral("\\s+(?:and|at|y)\\s+|\\s*[&@/]\\s*"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

int houseNumberValue(const QString &number)
{
    int value = 0;
    for (QChar c : number) {
        if (!c.isDigit())
            break;
        value = value * 10 + c.digitValue();
    }
    return value;
}

} // namespace

AddressIndex::AddressIndex(QList<AddressPoint> addresses, QList<Intersection> intersections,
                           QList<Referral> referrals)
    : m_addresses(std::move(addresses)), m_intersections(std::move(intersections)),
      m_referrals(std::move(referrals))
{
    QHash<QString, int> streetIndex;
    for (int i = 0; i < m_addresses.size(); ++i) {
        const QString key = fold(m_addresses.at(i).street);
        auto it = streetIndex.find(key);
        if (it == streetIndex.end()) {
            it = streetIndex.insert(key, int(m_streets.size()));
            m_streets.append(
                {m_addresses.at(i).street, streetTokens(m_addresses.at(i).street), {}});
        }
        m_streets[*it].addresses.append(i);
    }
    QList<int> numbers(m_addresses.size()); // each house number's value, read once
    for (int i = 0; i < m_addresses.size(); ++i)
        numbers[i] = houseNumberValue(m_addresses.at(i).houseNumber);
    for (Street &s : m_streets) {
        std::sort(s.addresses.begin(), s.addresses.end(), [this, &numbers](int a, int b) {
            const int na = numbers.at(a);
            const int nb = numbers.at(b);
            return na != nb ? na < nb
                            : m_addresses.at(a).houseNumber < m_addresses.at(b).houseNumber;
        });
    }
    for (int i = 0; i < m_intersections.size(); ++i) {
        const QStringList parts = m_intersections.at(i).name.split(u'&');
        if (parts.size() == 2)
            m_intersectionKeys.append({streetTokens(parts.at(0)), streetTokens(parts.at(1)), i});
    }
}

AddressIndex AddressIndex::inBackground(Make there, Make here)
{
    AddressIndex index;
    index.m_pending = MadeInBackground<AddressIndex>(std::move(there), std::move(here));
    return index;
}

const AddressIndex &AddressIndex::settled() const
{
    if (!m_pending.isPending())
        return *this;
    if (const std::shared_ptr<AddressIndex> made = m_pending.take()) {
        const AddressIndex &built = made->settled();
        m_addresses = built.m_addresses;
        m_intersections = built.m_intersections;
        m_referrals = built.m_referrals;
        m_streets = built.m_streets;
        m_intersectionKeys = built.m_intersectionKeys;
    }
    return *this;
}

double AddressIndex::streetScore(const QStringList &typed, const QStringList &street)
{
    if (typed.isEmpty())
        return 0;
    double sum = 0;
    qsizetype next = 0;
    for (qsizetype t = 0; t < typed.size(); ++t) {
        double best = 0;
        qsizetype bestAt = -1;
        for (qsizetype s = next; s < street.size(); ++s) {
            const double score = wordScore(typed.at(t), street.at(s), t == typed.size() - 1);
            if (score > best) {
                best = score;
                bestAt = s;
                if (score == 3)
                    break;
            }
        }
        if (bestAt < 0)
            return 0; // every typed word must appear, in order
        sum += best;
        next = bestAt + 1;
    }
    const qsizetype unmatched = street.size() - typed.size();
    return sum / double(typed.size()) - 0.25 * double(std::max<qsizetype>(0, unmatched));
}

QList<std::pair<double, int>> AddressIndex::bestStreets(const QStringList &typed, int limit) const
{
    QList<std::pair<double, int>> scored;
    for (int i = 0; i < m_streets.size(); ++i) {
        const double score = streetScore(typed, m_streets.at(i).tokens);
        if (score > 0)
            scored.append({score, i});
    }
    std::sort(scored.begin(), scored.end(), [this](const auto &a, const auto &b) {
        if (a.first != b.first)
            return a.first > b.first;
        return m_streets.at(a.second).addresses.size() > m_streets.at(b.second).addresses.size();
    });
    if (scored.size() > limit)
        scored.resize(limit);
    return scored;
}

QList<PlaceMatch> AddressIndex::search(const QString &text, int limit) const
{
    settled();
    QList<PlaceMatch> result;
    QString rest = text.trimmed();
    if (rest.isEmpty())
        return result;

    const QStringList corners = rest.split(intersectionPattern(), Qt::SkipEmptyParts);
    if (corners.size() == 2 && !houseNumberPattern().match(rest).hasMatch())
        return searchIntersections(corners.at(0), corners.at(1), limit);

    QString unit;
    if (const auto m = unitPattern().match(rest); m.hasMatch()) {
        unit = m.captured(1).toUpper();
        rest = rest.left(m.capturedStart());
    }
    QString number;
    if (const auto m = houseNumberPattern().match(rest); m.hasMatch()) {
        number = m.captured(1).toLower();
        rest = rest.mid(m.capturedEnd());
    }
    QStringList tokens = streetTokens(rest);
    QString zip;
    if (!tokens.isEmpty() && tokens.last().size() == 5 &&
        std::all_of(tokens.last().cbegin(), tokens.last().cend(),
                    [](QChar c) { return c.isDigit(); }))
        zip = tokens.takeLast();
    // "..., Boston, MA" adds nothing inside Boston.
    while (tokens.size() > 1 && (tokens.last() == u"ma" || tokens.last() == u"boston"))
        tokens.removeLast();
    if (tokens.isEmpty())
        return result;

    const auto streets = bestStreets(tokens, 6);
    // When the typed number is not on the street, offer the nearest numbers that are.
    QList<PlaceMatch> nearby;
    const int wanted = houseNumberValue(number);
    for (const auto &[score, streetIndex] : streets) {
        const Street &street = m_streets.at(streetIndex);
        int added = 0;
        for (int addressIndex : street.addresses) {
            const AddressPoint &a = m_addresses.at(addressIndex);
            double rank = score * 10;
            if (!number.isEmpty()) {
                const QString house = a.houseNumber.toLower();
                if (house == number)
                    rank += 6;
                else if (house.startsWith(number))
                    rank += 2;
                else {
                    const int distance = std::abs(houseNumberValue(house) - wanted);
                    if (distance <= 40)
                        nearby.append({PlaceMatch::Kind::Address, addressIndex,
                                       a.label() + u", " + a.zip, unit,
                                       rank - 1 - distance / 10.0});
                    continue;
                }
            }
            if (!zip.isEmpty())
                rank += a.zip == zip ? 1 : -1;
            QString label = a.label() + u", " + a.zip;
            if (!unit.isEmpty())
                label = a.label() + u' ' + QStringLiteral("#") + unit + u", " + a.zip;
            result.append({PlaceMatch::Kind::Address, addressIndex, label, unit, rank});
            if (++added >= limit)
                break;
        }
    }
    if (result.isEmpty())
        result = nearby;
    std::stable_sort(result.begin(), result.end(),
                     [](const PlaceMatch &a, const PlaceMatch &b) { return a.score > b.score; });
    if (result.size() > limit)
        result.resize(limit);
    return result;
}

QList<PlaceMatch> AddressIndex::searchIntersections(const QString &first, const QString &second,
                                                    int limit) const
{
    const QStringList a = streetTokens(first);
    const QStringList b = streetTokens(second);
    QList<PlaceMatch> result;
    for (const IntersectionKey &key : m_intersectionKeys) {
        const double straight = std::min(streetScore(a, key.first), streetScore(b, key.second));
        const double crossed = std::min(streetScore(a, key.second), streetScore(b, key.first));
        const double score = std::max(straight, crossed);
        if (score > 0)
            result.append({PlaceMatch::Kind::Intersection,
                           key.index,
                           m_intersections.at(key.index).name,
                           {},
                           score * 10});
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const PlaceMatch &x, const PlaceMatch &y) { return x.score > y.score; });
    if (result.size() > limit)
        result.resize(limit);
    return result;
}

std::optional<Referral> AddressIndex::referralFor(const QString &text) const
{
    settled();
    const QString folded = fold(text);
    const QStringList tokens = folded.split(u' ', Qt::SkipEmptyParts);
    if (tokens.isEmpty())
        return std::nullopt;
    static const QStringList suffixes = {
        QStringLiteral("st"),     QStringLiteral("street"), QStringLiteral("ave"),
        QStringLiteral("avenue"), QStringLiteral("rd"),     QStringLiteral("road"),
        QStringLiteral("pl"),     QStringLiteral("sq"),     QStringLiteral("square"),
        QStringLiteral("ter"),    QStringLiteral("ct"),     QStringLiteral("way"),
        QStringLiteral("pkwy"),   QStringLiteral("dr"),     QStringLiteral("blvd")};
    for (const Referral &r : m_referrals) {
        for (const QString &zip : r.zips) {
            if (tokens.contains(zip))
                return r;
        }
        const QString afterComma = text.contains(u',') ? fold(text.section(u',', -1)) : QString();
        for (const QString &place : r.places) {
            if (folded == place || afterComma == place || afterComma.startsWith(place + u' '))
                return r;
            // "100 main st cambridge": the place ends the text and is not a street's name
            // ("cambridge st" is a Boston street).
            if (folded.endsWith(u' ' + place)) {
                const QString before = folded.left(folded.size() - place.size() - 1);
                const QString lastWord = before.section(u' ', -1);
                if (suffixes.contains(lastWord) || before.isEmpty())
                    return r;
            }
        }
    }
    return std::nullopt;
}

} // namespace civicdesk
