#include "models/alerts/clusterdetector.h"

#include "models/domain/place.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace civicdesk {

namespace {

// Metres per degree of latitude on the sphere distanceMeters() uses.
constexpr double MetresPerDegree = 6371008.8 * std::numbers::pi / 180.0;
// Distances are computed in floating point: "exactly R" is within R up to a micrometre.
constexpr double Tolerance = 1e-6;

quint64 packCell(qint64 x, qint64 y)
{
    return (quint64(quint32(qint32(x))) << 32) | quint64(quint32(qint32(y)));
}

} // namespace

ClusterDetector::ClusterDetector(ClusterRules rules) : m_rules(std::move(rules)) {}

void ClusterDetector::setRules(ClusterRules rules)
{
    m_rules = std::move(rules);
    m_entries.clear();
    m_grids.clear();
    m_expiry.clear();
    m_groups.clear();
}

quint64 ClusterDetector::cellOf(const Grid &grid, double latitude, double longitude) const
{
    // An equirectangular projection around the first request's latitude; the cells are 10%
    // wider than R, so the projection's error over a city never hides a neighbour.
    const double y = latitude * MetresPerDegree;
    const double x =
        longitude * MetresPerDegree * std::cos(m_referenceLatitude * std::numbers::pi / 180.0);
    return packCell(qint64(std::floor(x / grid.cellMetres)),
                    qint64(std::floor(y / grid.cellMetres)));
}

bool ClusterDetector::within(const ClusterRequest &r, double latitude, double longitude,
                             double metres) const
{
    return distanceMeters(r.latitude, r.longitude, latitude, longitude) <= metres + Tolerance;
}

QList<QString> ClusterDetector::near(const QString &serviceCode, double latitude,
                                     double longitude) const
{
    QList<QString> found;
    const auto grid = m_grids.constFind(serviceCode);
    if (grid == m_grids.constEnd())
        return found;
    const double metres = m_rules.rule(serviceCode).metres;
    const quint64 centre = cellOf(*grid, latitude, longitude);
    const auto cx = qint32(quint32(centre >> 32));
    const auto cy = qint32(quint32(centre & 0xffffffffu));
    for (qint64 dx = -1; dx <= 1; ++dx) {
        for (qint64 dy = -1; dy <= 1; ++dy) {
            const auto cell = grid->cells.constFind(packCell(cx + dx, cy + dy));
            if (cell == grid->cells.constEnd())
                continue;
            for (const QString &id : *cell) {
                if (within(m_entries.value(id).request, latitude, longitude, metres))
                    found.append(id);
            }
        }
    }
    return found;
}

bool ClusterDetector::joinNearest(Entry &entry)
{
    const ClusterRequest &r = entry.request;
    Group *best = nullptr;
    double bestDistance = 0;
    for (Group &group : m_groups) {
        if (group.serviceCode != r.serviceCode)
            continue;
        const double d = distanceMeters(r.latitude, r.longitude, group.latitude, group.longitude);
        if (d <= group.metres + Tolerance && (!best || d < bestDistance)) {
            best = &group;
            bestDistance = d;
        }
    }
    if (!best)
        return false;
    best->members.append(r.id);
    entry.cluster = best->key;
    return true;
}

bool ClusterDetector::add(const ClusterRequest &request)
{
    if (request.id.isEmpty() || m_entries.contains(request.id) || !request.createdAt.isValid())
        return false;
    const ClusterRule &rule = m_rules.rule(request.serviceCode);
    const qint64 expiresMs = request.createdAt.toMSecsSinceEpoch() + qint64(rule.hours) * 3600000;
    if (m_now.isValid() && expiresMs < m_now.toMSecsSinceEpoch())
        return false;
    if (!m_haveReference) {
        m_referenceLatitude = request.latitude;
        m_haveReference = true;
    }
    Grid &grid = m_grids[request.serviceCode];
    if (grid.cellMetres <= 0)
        grid.cellMetres = rule.metres * 1.1;
    Entry entry{request, cellOf(grid, request.latitude, request.longitude), 0, expiresMs};
    grid.cells[entry.cell].append(request.id);
    m_expiry.emplace(expiresMs, request.id);
    Entry &stored = m_entries.insert(request.id, entry).value();
    if (joinNearest(stored))
        return true;

    // Which point within R of the arriving request now has N unclustered requests within R?
    const auto unclustered = [this](const QList<QString> &ids) {
        QList<QString> out;
        for (const QString &id : ids) {
            if (m_entries.value(id).cluster == 0)
                out.append(id);
        }
        return out;
    };
    const QList<QString> neighbours =
        unclustered(near(request.serviceCode, request.latitude, request.longitude));
    QList<QString> bestMembers = neighbours;
    const ClusterRequest *centre = &stored.request;
    if (neighbours.size() < rule.count) {
        for (const QString &id : neighbours) {
            if (id == request.id)
                continue;
            const ClusterRequest &candidate = m_entries[id].request;
            const QList<QString> around =
                unclustered(near(request.serviceCode, candidate.latitude, candidate.longitude));
            if (around.size() > bestMembers.size()) {
                bestMembers = around;
                centre = &candidate;
            }
        }
    }
    if (bestMembers.size() < rule.count)
        return false;
    Group group{m_nextKey++,       request.serviceCode, request.typeName, centre->latitude,
                centre->longitude, rule.metres,         bestMembers};
    for (const QString &id : bestMembers)
        m_entries[id].cluster = group.key;
    m_groups.insert(group.key, group);
    return true;
}

void ClusterDetector::leave(const QString &requestId)
{
    const auto it = m_entries.find(requestId);
    if (it == m_entries.end())
        return;
    const Entry entry = it.value();
    m_entries.erase(it);
    m_expiry.erase({entry.expiresMs, requestId});
    Grid &grid = m_grids[entry.request.serviceCode];
    auto cell = grid.cells.find(entry.cell);
    if (cell != grid.cells.end()) {
        cell->removeOne(requestId);
        if (cell->isEmpty())
            grid.cells.erase(cell);
    }
    if (entry.cluster == 0)
        return;
    auto group = m_groups.find(entry.cluster);
    if (group == m_groups.end())
        return;
    group->members.removeOne(requestId);
    if (group->members.size() >= m_rules.rule(group->serviceCode).count)
        return;
    // Too few left: the cluster ends; its requests may join another one near them.
    const QList<QString> freed = group->members;
    m_groups.erase(group);
    for (const QString &id : freed) {
        Entry &member = m_entries[id];
        member.cluster = 0;
        joinNearest(member);
    }
}

bool ClusterDetector::remove(const QString &requestId)
{
    const auto it = m_entries.constFind(requestId);
    if (it == m_entries.constEnd())
        return false;
    const bool clustered = it->cluster != 0;
    leave(requestId);
    return clustered;
}

bool ClusterDetector::advanceTo(const QDateTime &now)
{
    m_now = now;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    bool changed = false;
    while (!m_expiry.empty() && m_expiry.begin()->first < nowMs) {
        const QString id = m_expiry.begin()->second;
        changed = remove(id) || changed;
    }
    return changed;
}

QList<Cluster> ClusterDetector::clusters() const
{
    QList<Cluster> out;
    out.reserve(m_groups.size());
    for (const Group &group : m_groups) {
        Cluster c{group.key,
                  group.serviceCode,
                  group.typeName,
                  group.latitude,
                  group.longitude,
                  group.metres,
                  {}};
        for (const QString &id : group.members)
            c.requests.append(m_entries.value(id).request);
        std::sort(c.requests.begin(), c.requests.end(),
                  [](const ClusterRequest &a, const ClusterRequest &b) {
                      return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
                  });
        out.append(c);
    }
    std::sort(out.begin(), out.end(), [](const Cluster &a, const Cluster &b) {
        if (a.requests.size() != b.requests.size())
            return a.requests.size() > b.requests.size();
        return a.last() != b.last() ? a.last() > b.last() : a.key < b.key;
    });
    return out;
}

} // namespace civicdesk
