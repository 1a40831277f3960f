#pragma once

#include "models/domain/place.h"

#include <QList>
#include <optional>

namespace civicdesk {

struct PlaceMatch
{
    enum class Kind
    {
        Address,
        Intersection
    };
    Kind kind = Kind::Address;
    int index = -1; // into addresses() or intersections()
    QString label;
    QString unit; // "Apt 3" typed after the address, kept for the request
    double score = 0;
};

// The city's address points and intersections in memory, for autocomplete as the agent types.
// Typo tolerant ("1 city hal plz" finds 1 City Hall Plz), spelling tolerant (Street/St,
// Avenue/Ave, accents, case), prefix matching ("Mass Ave" finds Massachusetts Ave), unit numbers
// ("12 Main St Apt 3"), intersections ("Mass Ave and Boylston"), and places outside the city
// recognised for a referral ("100 Main St, Cambridge").
class AddressIndex
{
public:
    AddressIndex() = default;
    AddressIndex(QList<AddressPoint> addresses, QList<Intersection> intersections,
                 QList<Referral> referrals);

    QList<PlaceMatch> search(const QString &text, int limit = 10) const;
    // The agency that answers for a place outside the city named in `text`, if any.
    std::optional<Referral> referralFor(const QString &text) const;
    const QList<Referral> &referrals() const { return m_referrals; }

    const AddressPoint &address(int index) const { return m_addresses.at(index); }
    const Intersection &intersection(int index) const { return m_intersections.at(index); }
    int addressCount() const { return int(m_addresses.size()); }
    int streetCount() const { return int(m_streets.size()); }

private:
    struct Street
    {
        QString name;
        QStringList tokens;
        QList<int> addresses; // sorted by house number
    };
    struct IntersectionKey
    {
        QStringList first;
        QStringList second;
        int index;
    };
    static double streetScore(const QStringList &typed, const QStringList &street);
    QList<std::pair<double, int>> bestStreets(const QStringList &typed, int limit) const;
    QList<PlaceMatch> searchIntersections(const QString &first, const QString &second,
                                          int limit) const;

    QList<AddressPoint> m_addresses;
    QList<Intersection> m_intersections;
    QList<Referral> m_referrals;
    QList<Street> m_streets;
    QList<IntersectionKey> m_intersectionKeys;
};

} // namespace civicdesk
